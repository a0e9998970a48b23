"""Triggers: how a workflow starts by itself. A folder trigger watches a folder for
files matching its patterns; a quick action offers the workflow in the tray.

Parsed from and written to the workflow file here (fileformat.py delegates), so the
whole description of a trigger lives in one place.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from typing import Any, Callable

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
AFTER = ("leave", "move")
OBSERVERS = ("auto", "native", "polling")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class Schedule:
    """Jobs start only on these days, between these times (local time)."""

    days: tuple[str, ...] = DAYS
    start: str = "00:00"
    end: str = "24:00"

    def allows(self, when: dt.datetime) -> bool:
        if DAYS[when.weekday()] not in self.days:
            return False
        now = when.strftime("%H:%M")
        return self.start <= now < self.end


@dataclass
class Trigger:
    kind: str                                   # folder | quick_action
    path: str | None = None                     # the watched folder
    patterns: list[str] = field(default_factory=list)   # include globs; empty = every file
    exclude: list[str] = field(default_factory=list)
    recursive: bool = False
    after_success: str = "leave"                # leave | move
    success_folder: str = "Processed"           # relative to the watched folder, or absolute
    success_name: str = "{name}"                # {name} {stem} {ext} {today} {time}
    after_failure: str = "leave"                # leave | move (with <name>.error.txt beside it)
    failure_folder: str = "Failed"
    # content already handled: leave it, or move it beside the processed files (in
    # success_folder) with <name>.duplicate.txt naming the first
    after_duplicate: str = "move"
    schedule: Schedule | None = None
    paused: bool = False
    settle_seconds: float = 2.0                 # size and mtime stable this long = complete
    stuck_after_minutes: float = 60.0           # still growing after this = reported stuck
    observer: str = "auto"                      # auto | native | polling


_DEFAULTS = Trigger(kind="folder")


def parse_trigger(raw: Any, i: int, fail: Callable[[str], Exception]) -> Trigger:
    where = f"trigger {i + 1}"
    if not isinstance(raw, dict):
        raise fail(f"{where} must be a mapping")
    known = {f.name for f in fields(Trigger)}
    unknown = [k for k in raw if k not in known]
    if unknown:
        raise fail(f"{where}: unknown key '{unknown[0]}' (allowed: {', '.join(sorted(known))})")
    kind = raw.get("kind")
    if kind not in ("folder", "quick_action"):
        raise fail(f"{where}: 'kind' must be 'folder' or 'quick_action'")
    t = Trigger(kind=kind)

    def text(key: str, allow_empty: bool = False) -> None:
        if key in raw:
            v = raw[key]
            if not isinstance(v, str) or (not allow_empty and not v.strip()):
                raise fail(f"{where}: '{key}' must be text")
            setattr(t, key, v)

    def choice(key: str, allowed: tuple[str, ...]) -> None:
        if key in raw:
            if raw[key] not in allowed:
                raise fail(f"{where}: '{key}' must be one of {', '.join(allowed)}")
            setattr(t, key, raw[key])

    def flag(key: str) -> None:
        if key in raw:
            if not isinstance(raw[key], bool):
                raise fail(f"{where}: '{key}' must be true or false")
            setattr(t, key, raw[key])

    def number(key: str, low: float, high: float) -> None:
        if key in raw:
            v = raw[key]
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not low <= v <= high:
                raise fail(f"{where}: '{key}' must be a number from {low:g} to {high:g}")
            setattr(t, key, v)

    def globs(key: str) -> None:
        if key in raw:
            v = raw[key]
            if not isinstance(v, list) or not all(isinstance(p, str) and p.strip() for p in v):
                raise fail(f"{where}: '{key}' must be a list of patterns such as '*.pdf'")
            setattr(t, key, list(v))

    text("path")
    if kind == "folder" and not t.path:
        raise fail(f"{where}: a folder trigger needs a 'path'")
    globs("patterns")
    globs("exclude")
    flag("recursive")
    flag("paused")
    choice("after_success", AFTER)
    choice("after_failure", AFTER)
    choice("after_duplicate", AFTER)
    choice("observer", OBSERVERS)
    text("success_folder")
    text("failure_folder")
    text("success_name")
    number("settle_seconds", 0, 3600)
    number("stuck_after_minutes", 0.01, 7 * 24 * 60)
    if "schedule" in raw:
        t.schedule = _schedule(raw["schedule"], where, fail)
    return t


def _schedule(raw: Any, where: str, fail: Callable[[str], Exception]) -> Schedule:
    if not isinstance(raw, dict) or set(raw) - {"days", "from", "to"}:
        raise fail(f"{where}: 'schedule' must be a mapping with 'days', 'from' and 'to'")
    days = raw.get("days", list(DAYS))
    if not isinstance(days, list) or not days or any(d not in DAYS for d in days):
        raise fail(f"{where}: schedule 'days' must be a list of {', '.join(DAYS)}")
    start, end = raw.get("from", "00:00"), raw.get("to", "24:00")
    for v in (start, end):
        if not isinstance(v, str) or not (_TIME.match(v) or v == "24:00"):
            raise fail(f"{where}: schedule times are written HH:MM, e.g. '08:00'")
    if start >= end:
        raise fail(f"{where}: the schedule's 'from' must be before its 'to'")
    return Schedule(tuple(days), start, end)


def dump_trigger(t: Trigger) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": t.kind}
    for f in fields(Trigger):
        if f.name == "kind":
            continue
        value = getattr(t, f.name)
        if value == getattr(_DEFAULTS, f.name) or (f.name == "path" and value is None):
            continue
        if isinstance(value, Schedule):
            value = {"days": list(value.days), "from": value.start, "to": value.end}
        out[f.name] = list(value) if isinstance(value, list) else value
    return out
