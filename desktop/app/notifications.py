"""Notifications about background runs: finished, failed, waiting for an approval.

Only runs the user is not looking at notify: watched-folder runs (no owner) and tray
runs; the editor's own runs show in the window. Each pop-up can be clicked to open
the run (`activated(run_id)`).

Backends: the system tray's balloon when a tray icon is shown, else a toast in the
corner of the main window (desktop/ui/toast.py).

Rate limit: the first event after a quiet spell pops up at once and opens a window of
`interval` seconds; events arriving meanwhile are collected and shown as ONE summary
("12 files processed, 1 failed — Invoice intake") when the window closes. While events
keep coming the window doubles (up to `max_interval`), so a batch of 500 files gives
a handful of pop-ups, not 500; a quiet window resets it. A QTimer closes windows;
`clock` is injectable so tests drive time without sleeping."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from desktop.engine.events import RunFinished, RunStarted, Status

if TYPE_CHECKING:
    from desktop.app.run_service import RunService
    from desktop.ui.toast import Toast

NOTIFYING = (Status.DONE, Status.FAILED, Status.WAITING)    # a stopped run was stopped by someone


@dataclass(frozen=True)
class RunEvent:
    """One background run that ended (or paused for an approval)."""
    run_id: str
    status: str                     # done | failed | waiting
    workflow: str
    input_name: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class Notification:
    """What was shown: kept in `Notifier.history` (tests, and a later 'notifications' list)."""
    title: str
    text: str
    run_id: str | None
    level: str                      # info | warning | error
    counts: dict[str, int] = field(default_factory=dict)    # done / failed / waiting covered
    summary: bool = False


class Notifier(QObject):
    activated = Signal(str)         # run id of the clicked notification
    shown = Signal(object)          # Notification, after it is popped up

    def __init__(self, parent: QObject | None = None, *, interval: float = 5.0,
                 max_interval: float = 120.0, clock: Callable[[], float] = time.monotonic,
                 toast_timeout_ms: int = 6000):
        super().__init__(parent)
        self.base_interval = interval
        self.max_interval = max(max_interval, interval)
        self.clock = clock
        self.toast_timeout_ms = toast_timeout_ms
        self.history: list[Notification] = []
        self.service: RunService | None = None
        self._interval = interval
        self._window_end: float | None = None      # None: no window open, the next event pops up
        self._pending: list[RunEvent] = []
        self._started: dict[str, tuple[str, str | None, str | None]] = {}   # run id -> name, input, owner
        self._tray: QSystemTrayIcon | None = None
        self._window: QWidget | None = None
        self._toast: Toast | None = None
        self._last_run_id: str | None = None        # what a click on the tray balloon opens
        self._toast_run_id: str | None = None       # what a click on the toast opens
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.tick)

    # ------------------------------------------------------------ wiring

    def attach(self, service: RunService) -> None:
        """Follow the service's runs (its bridge carries the watcher's runs too)."""
        self.service = service
        service.bridge.runStarted.connect(self._run_started)
        service.bridge.runFinished.connect(self._run_finished)

    def set_tray(self, icon: QSystemTrayIcon | None) -> None:
        if self._tray is not None:
            self._tray.messageClicked.disconnect(self._tray_clicked)
        self._tray = icon
        if icon is not None:
            icon.messageClicked.connect(self._tray_clicked)

    def set_window(self, window: QWidget | None) -> None:
        """The window the toast sits in (without one it takes the screen's corner)."""
        if window is not self._window and self._toast is not None:
            self._toast.dismiss()
            self._toast.deleteLater()
            self._toast = None
        self._window = window

    @property
    def backend(self) -> str:
        tray = self._tray
        if tray is not None and tray.isVisible() and QSystemTrayIcon.supportsMessages():
            return "tray"
        return "toast"

    @property
    def toast(self) -> Toast:
        if self._toast is None:
            from desktop.ui.toast import Toast

            self._toast = Toast(self._window, self.toast_timeout_ms)
            self._toast.clicked.connect(self._toast_clicked)
        return self._toast

    # ------------------------------------------------------------ events in

    def _run_started(self, event: RunStarted) -> None:
        owner = self.service.owner_of(event.run_id) if self.service is not None else None
        self._started[event.run_id] = (event.workflow_name, event.input_path, owner)

    def _run_finished(self, event: RunFinished) -> None:
        name, input_path, owner = self._started.pop(event.run_id, ("A workflow", None, None))
        if owner in ("editor", "decision"):
            return                 # the window shows its own runs and the decisions made in it
        self.run_ended(RunEvent(event.run_id, event.status, name,
                                Path(input_path).name if input_path else None, event.error))

    def run_ended(self, event: RunEvent) -> None:
        """A background run ended: pop up now, or collect it for the next summary."""
        if event.status not in NOTIFYING:
            return
        now = self.clock()
        if self._window_end is not None and now >= self._window_end:
            self.tick()            # the window is over but its timer has not fired yet
        if self._window_end is None:
            self._pop([event])
            self._open_window(now)
        else:
            self._pending.append(event)

    def tick(self) -> None:
        """Close the window when its time has come: show what it collected, as one."""
        if self._window_end is None:
            return
        now = self.clock()
        if now < self._window_end:
            self._timer.start(max(1, int((self._window_end - now) * 1000)))
            return
        if self._pending:
            events, self._pending = self._pending, []
            self._pop(events)
            # still busy: wait longer before the next one, so a long batch stays quiet
            self._interval = min(self._interval * 2, self.max_interval)
            self._open_window(now)
        else:
            self._window_end = None
            self._interval = self.base_interval
            self._timer.stop()

    def flush(self) -> None:
        """Show what is collected now, whatever the window (e.g. when the user asks)."""
        if self._pending:
            events, self._pending = self._pending, []
            self._pop(events)
            self._open_window(self.clock())

    @property
    def pending(self) -> int:
        return len(self._pending)

    def _open_window(self, now: float) -> None:
        self._window_end = now + self._interval
        self._timer.start(max(1, int(self._interval * 1000)))

    # ------------------------------------------------------------ out

    def message(self, title: str, text: str, level: str = "info") -> None:
        """A direct answer to something the user just did (e.g. an empty clipboard):
        shown at once, outside the rate limit, with nothing to open."""
        self._show(Notification(title, text, None, level))

    def _pop(self, events: list[RunEvent]) -> None:
        self._show(single(events[0]) if len(events) == 1 else summary(events))

    def _show(self, note: Notification) -> None:
        self.history.append(note)
        self._last_run_id = note.run_id     # a balloon replaces the one before it
        if self.backend == "tray":
            assert self._tray is not None
            icon = {"error": QSystemTrayIcon.MessageIcon.Critical,
                    "warning": QSystemTrayIcon.MessageIcon.Warning}.get(
                note.level, QSystemTrayIcon.MessageIcon.Information)
            self._tray.showMessage(note.title, note.text, icon, self.toast_timeout_ms)
        else:
            self._toast_run_id = note.run_id
            self.toast.show_message(note.title, note.text, note.level, clickable=note.run_id is not None)
        self.shown.emit(note)

    def _tray_clicked(self) -> None:
        if self._last_run_id:
            self.activated.emit(self._last_run_id)

    def _toast_clicked(self) -> None:
        if self._toast_run_id:
            self.activated.emit(self._toast_run_id)


# ------------------------------------------------------------ wording

def _first_line(text: str | None, limit: int = 140) -> str:
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def single(e: RunEvent) -> Notification:
    what = e.input_name or "the run"
    counts = {e.status: 1}
    if e.status == Status.FAILED:
        reason = _first_line(e.error) or "see the history for why"
        return Notification(f"{e.workflow} failed", f"{what}: {reason}", e.run_id, "error", counts)
    if e.status == Status.WAITING:
        return Notification(f"{e.workflow} needs your approval", f"{what} waits for your decision",
                            e.run_id, "warning", counts)
    text = f"{e.input_name} processed" if e.input_name else "The run finished"
    return Notification(f"{e.workflow} finished", text, e.run_id, "info", counts)


def summary(events: list[RunEvent]) -> Notification:
    counts = {s: sum(1 for e in events if e.status == s) for s in NOTIFYING}
    noun = "file" if any(e.input_name for e in events) else "run"
    parts: list[str] = []
    for status, verb in ((Status.DONE, "processed"), (Status.FAILED, "failed"),
                         (Status.WAITING, "waiting for approval")):
        n = counts[status]
        if n:
            # the first part carries the noun: "12 files processed, 1 failed"
            parts.append(f"{n} {noun}{'s' if n != 1 else ''} {verb}" if not parts else f"{n} {verb}")
    names = list(dict.fromkeys(e.workflow for e in events))
    who = ", ".join(names) if len(names) <= 2 else f"{len(names)} workflows"
    # a click opens what most needs the user: an approval, else the latest failure
    target = (next((e for e in events if e.status == Status.WAITING), None)
              or next((e for e in reversed(events) if e.status == Status.FAILED), None)
              or events[-1])
    level = "error" if counts[Status.FAILED] else "warning" if counts[Status.WAITING] else "info"
    return Notification("Runnel", f"{', '.join(parts)} — {who}", target.run_id, level,
                        {k: v for k, v in counts.items() if v}, summary=True)

