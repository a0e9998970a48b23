"""What the watcher announces (plain dataclasses, like the engine's events)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TriggerStatus:
    workflow: str          # workflow file path
    index: int             # which trigger of the workflow
    folder: str
    state: str             # watching | paused | waiting (outside its schedule) | error | stopped
    message: str = ""


@dataclass(frozen=True)
class JobChanged:
    job_id: int
    workflow: str
    path: str
    state: str             # queued | running | done | failed | skipped | stuck | vanished
    message: str = ""
