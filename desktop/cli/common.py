"""What every `runnel` subcommand shares: exit codes and how file operations are worded."""

from __future__ import annotations


from desktop.engine.events import (Status)

_PLANNED = {"write": "write", "copy": "copy to", "move": "move to", "append": "append a row to"}
_DONE = {"write": "wrote", "copy": "copied to", "move": "moved to", "append": "appended a row to"}
EXIT_OK, EXIT_RUN_FAILED, EXIT_USAGE, EXIT_INVALID, EXIT_STORE, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130
_MARK = {Status.DONE: "ok", Status.CACHED: "cached", Status.SKIPPED: "skipped",
         Status.FAILED: "FAILED", Status.CANCELLED: "cancelled"}
