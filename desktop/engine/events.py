"""Everything the executor does is announced as one of these plain dataclasses.

The store records them, the CLI prints them, the GUI turns them into Qt signals.
Listeners are called on the executor's thread and must be quick.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Union


class Status:
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    CACHED = "cached"
    SKIPPED = "skipped"
    FAILED = "failed"
    CANCELLED = "cancelled"
    WAITING = "waiting"          # for a person's approval; the run resumes when decided
    # a run that went on after a person rejected its item: it ended on the rejected
    # branch (the decision names it so; the executor's own runs end done)
    REJECTED = "rejected"

    FINAL = frozenset({DONE, CACHED, SKIPPED, FAILED, CANCELLED, WAITING})


@dataclass(frozen=True)
class RunStarted:
    run_id: str
    workflow_name: str
    workflow_path: str | None
    input_path: str | None
    dry_run: bool
    started_at: float
    batch_id: str | None = None


@dataclass(frozen=True)
class StepStatusChanged:
    run_id: str
    node_id: str
    step_type: str
    status: str
    at: float
    attempt: int = 1
    duration: float | None = None          # seconds, on a final status
    error: str | None = None
    input_digest: str | None = None
    output_digest: str | None = None
    input_preview: str | None = None
    output_preview: str | None = None
    branch: str | None = None              # routing: the branch taken
    model: str | None = None               # AI steps: the model file used
    tokens_in: int | None = None
    tokens_out: int | None = None


@dataclass(frozen=True)
class StepProgress:
    run_id: str
    node_id: str
    fraction: float | None                 # 0..1, None when unknown
    message: str = ""


@dataclass(frozen=True)
class StepLog:
    run_id: str
    node_id: str | None
    level: str                             # info | warning | error
    message: str
    at: float


@dataclass(frozen=True)
class FileOperation:
    run_id: str
    node_id: str
    op: str                                # write | move | copy | rename
    target: str
    source: str | None
    dry_run: bool
    at: float
    size: int | None = None
    # SHA-256 of the content written (for a move, of the file moved; for a CSV append,
    # of the appended bytes): undo touches only a file that still has it
    sha256: str | None = None


@dataclass(frozen=True)
class StepOutputDelta:
    """Streamed text of a step still running (tokens as a model generates them)."""
    run_id: str
    node_id: str
    text: str


@dataclass(frozen=True)
class ModelCall:
    """One request to the language model, for the audit trail."""
    run_id: str
    node_id: str
    model: str
    settings: dict
    prompt_digest: str
    tokens_in: int
    tokens_out: int
    seconds: float
    finish: str
    at: float
    prompt: str | None = None              # the text sent and the text answered, for the
    answer: str | None = None              # audit record (kept in the local database only)


@dataclass(frozen=True)
class ApprovalRequested:
    """A run paused at a human.approve step; `saved` holds what the steps before it
    produced (encoded with engine.codec), so the run can resume in any process."""
    run_id: str
    node_id: str
    workflow_path: str | None
    input_path: str | None
    message: str
    payload: object
    saved: dict
    at: float
    folders: dict | None = None        # the declared folders as this run resolved them


@dataclass(frozen=True)
class RunFinished:
    run_id: str
    status: str                            # done | failed | cancelled
    finished_at: float
    error: str | None = None
    failed_node: str | None = None


@dataclass(frozen=True)
class BatchProgress:
    batch_id: str
    done: int
    total: int
    failed: int
    current: str | None = None


Event = Union[RunStarted, StepStatusChanged, StepProgress, StepLog, FileOperation,
              StepOutputDelta, ModelCall, ApprovalRequested, RunFinished, BatchProgress]
Listener = Callable[[Event], None]


@dataclass
class EventBus:
    listeners: list[Listener] = field(default_factory=list)

    def emit(self, event: Event) -> None:
        for listener in self.listeners:
            listener(event)
