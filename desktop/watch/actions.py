"""What happens to an input file after its job: left where it is, or moved (never
over another file) to the trigger's Processed/Failed folder, with an explanation
beside a failed one."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from desktop.engine.triggers import Trigger
from desktop.steps.files import move_no_overwrite


def destination(trigger: Trigger, watched: Path, success: bool) -> Path:
    folder = Path(os.path.expanduser(trigger.success_folder if success else trigger.failure_folder))
    return folder if folder.is_absolute() else watched / folder


def after_job(trigger: Trigger, watched: Path, source: Path, success: bool,
              error: str | None = None, run_id: str | None = None) -> Path:
    """Apply the trigger's after-success or after-failure action; returns where the
    input now is."""
    action = trigger.after_success if success else trigger.after_failure
    if action == "leave" or not source.exists():
        return source
    now = dt.datetime.now()
    fields = {"name": source.name, "stem": source.stem, "ext": source.suffix,
              "today": now.strftime("%Y-%m-%d"), "time": now.strftime("%H%M%S")}
    if success:
        try:
            name = trigger.success_name.format_map(fields)
        except (KeyError, IndexError, ValueError):
            name = source.name
    else:
        name = source.name
    moved = move_no_overwrite(source, destination(trigger, watched, success), name)
    if not success:
        note = moved.with_name(moved.name + ".error.txt")
        note.write_text(
            f"Runnel could not process {source.name}.\n\nReason: {error or 'unknown'}\n\n"
            f"When: {now.strftime('%Y-%m-%d %H:%M:%S')}\nRun: {run_id or '-'}\n"
            "Fix the cause, then move the file back into the watched folder (or run "
            "`runnel retry JOB`) to process it again.\n", encoding="utf-8")
    return moved
