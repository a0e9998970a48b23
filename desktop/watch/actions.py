"""What happens to an input file after its job: left where it is, or moved (never
over another file) to the trigger's Processed/Failed folder, with an explanation
beside a failed one; a duplicate (content already handled) is moved beside the
processed files with a note naming the first."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Callable, Collection

from desktop.engine.triggers import Trigger
from desktop.store.jobs import Job
from desktop.steps.files import clean_filename, move_no_overwrite, numbered


def watched_folder(trigger: Trigger, workflow_path: Path) -> Path:
    """The trigger's folder as an absolute path: `~` and $VARS expanded, a relative one
    taken from the workflow file's folder."""
    folder = Path(os.path.expandvars(os.path.expanduser(trigger.path or ".")))
    return (folder if folder.is_absolute() else Path(workflow_path).parent / folder).resolve()


def destination(trigger: Trigger, watched: Path, success: bool) -> Path:
    folder = Path(os.path.expanduser(trigger.success_folder if success else trigger.failure_folder))
    return folder if folder.is_absolute() else watched / folder


def move_target(trigger: Trigger, watched: Path, source: Path, success: bool,
                now: dt.datetime | None = None) -> tuple[Path, str] | None:
    """The folder and name the trigger's after-success or after-failure action moves
    `source` to; None when it stays where it is."""
    if (trigger.after_success if success else trigger.after_failure) == "leave":
        return None
    name = source.name
    if success and trigger.success_name != "{name}":
        now = now or dt.datetime.now()
        fields = {"name": source.name, "stem": source.stem, "ext": source.suffix,
                  "today": now.strftime("%Y-%m-%d"), "time": now.strftime("%H%M%S")}
        try:
            name = trigger.success_name.format_map(fields)
        except (KeyError, IndexError, ValueError):
            pass
    return destination(trigger, watched, success), name


def first_free(folder: Path, name: str, taken: Collection[Path] = ()) -> Path:
    """The path move_no_overwrite would pick now for `name` in `folder`, not one of
    `taken` (planned for other files but not moved yet)."""
    target = folder / clean_filename(name)
    n = 1
    while (c := numbered(target, n)) in taken or _present(c):
        n += 1
    return c


def _present(path: Path) -> bool:
    """Anything at all by that name, a dangling link included (one system call)."""
    try:
        os.lstat(path)
        return True
    except FileNotFoundError:
        return False
    except OSError:
        return True         # cannot tell: not a name to plan on


def _linked_already(source: Path, target: Path) -> Path | None:
    """A move interrupted between linking the target and unlinking the source (a crash)
    left the same file under both names: finish it, instead of making 'name (2)'."""
    try:
        if not os.path.samefile(source, target):
            return None
        source.unlink()
        return target
    except OSError:
        return None


def after_job(trigger: Trigger, watched: Path, source: Path, success: bool,
              error: str | None = None, run_id: str | None = None,
              before_move: Callable[[Path], None] | None = None) -> Path:
    """Apply the trigger's after-success or after-failure action; returns where the
    input now is. `before_move(target)` is called just before the file is moved."""
    now = dt.datetime.now()
    to = move_target(trigger, watched, source, success, now)
    if to is None or not source.exists():
        return source
    done = _linked_already(source, to[0] / clean_filename(to[1]))
    if done is not None:
        return done
    moved = move_no_overwrite(source, *to, before_move)
    if not success:
        note = moved.with_name(moved.name + ".error.txt")
        note.write_text(
            f"Runnel could not process {source.name}.\n\nReason: {error or 'unknown'}\n\n"
            f"When: {now.strftime('%Y-%m-%d %H:%M:%S')}\nRun: {run_id or '-'}\n"
            "Fix the cause, then move the file back into the watched folder (or run "
            "`runnel retry JOB`) to process it again.\n", encoding="utf-8")
    return moved


def set_aside_duplicate(trigger: Trigger, watched: Path, source: Path, first: Job) -> Path:
    """Move a duplicate into the success folder (never over another file), with
    `<name>.duplicate.txt` beside it naming the file that had this content first and
    where that one is now; returns where the duplicate is."""
    moved = move_no_overwrite(source, destination(trigger, watched, True), source.name)
    now = dt.datetime.now()
    first_now = first.final_path or first.path
    moved.with_name(moved.name + ".duplicate.txt").write_text(
        f"Runnel did not process {source.name}: it has the same content as "
        f"{Path(first.path).name}, which this workflow already had (job {first.id}, "
        f"{first.state}).\n\nFirst file: {first.path}\nNow at: {first_now}\n"
        f"First run: {first.run_id or '-'}\nWhen: {now.strftime('%Y-%m-%d %H:%M:%S')}\n\n"
        "To process this copy anyway, run `runnel retry JOB` with this file's job "
        "(`runnel queue --state skipped` lists it).\n", encoding="utf-8")
    return moved
