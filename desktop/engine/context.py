"""What a running step may use: cancel token, progress, journal, roots, log."""

from __future__ import annotations

import hashlib
import logging
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from desktop.engine.errors import StepError
from desktop.engine.events import (EventBus, FileOperation, ModelCall, StepLog, StepOutputDelta,
                                   StepProgress)


# Libraries that log warnings about the files they read ("EOF marker not found"):
# what they say during a step belongs in that run's log, not on the terminal.
LIBRARY_LOGGERS = ("pypdf", "pypdfium2", "PIL", "docx", "charset_normalizer")
_running = threading.local()          # the step context running on this thread


class _ToRunLog(logging.Handler):
    """Hands a library's log record to the step running on the record's thread; with
    none running (a library used outside any run), it goes to stderr as before."""

    def emit(self, record: logging.LogRecord) -> None:
        ctx = getattr(_running, "ctx", None)
        message = f"{record.name.split('.')[0]}: {record.getMessage()}"
        if ctx is None:
            print(message, file=sys.stderr)
            return
        ctx.log(message, "warning" if record.levelno >= logging.WARNING else "info")


_handler = _ToRunLog(logging.WARNING)
for _name in LIBRARY_LOGGERS:
    logging.getLogger(_name).addHandler(_handler)


@contextmanager
def library_logs_to(ctx: "StepContext") -> Iterator[None]:
    """While a step runs, what the libraries above log lands in its run's log."""
    outer = getattr(_running, "ctx", None)
    _running.ctx = ctx
    try:
        yield
    finally:
        _running.ctx = outer


class Cancelled(Exception):
    """Raised inside a step when its run was cancelled."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()

    def wait(self, timeout: float) -> bool:
        """Sleep up to `timeout` seconds, waking early on cancel; True if cancelled."""
        return self._event.wait(timeout)


@dataclass
class StepContext:
    run_id: str
    node_id: str
    params: dict[str, Any]
    cancel: CancelToken
    dry_run: bool
    roots: dict[str, Path]                 # declared folders, resolved
    bus: EventBus
    run_input: Path | None = None
    llm: Any = None                        # the inference client
    registry: Any = None                   # for steps that run other steps (flow.for_each)
    decision: dict | None = None           # a person's decision, when a paused run resumes
    workflow_dir: Path | None = None
    workflow_path: Path | None = None      # the saved workflow's file (None when unsaved)
    workflow_name: str = ""
    # this step's outputs that feed a link (None: not known, as in a step run alone)
    linked: frozenset[str] | None = None
    # which attempt this is (the step's retry policy), and why the one before failed:
    # an AI step must not ask the same thing the same way again (see steps/aibase.py)
    attempt: int = 1
    previous_error: str = ""
    _ops: list[FileOperation] = field(default_factory=list)
    tokens_in: int = 0
    tokens_out: int = 0
    model: str | None = None

    @classmethod
    def detached(cls, params: dict[str, Any], *, node_id: str = "detached", llm: Any = None,
                 cancel: CancelToken | None = None) -> "StepContext":
        """A context for running a step outside any run (an evaluation, reading a
        labelled example): dry, no folders, its events go nowhere."""
        return cls(run_id="0" * 32, node_id=node_id, params=dict(params), cancel=cancel or CancelToken(),
                   dry_run=True, roots={}, bus=EventBus([]), llm=llm)

    def progress(self, fraction: float | None, message: str = "") -> None:
        self.cancel.raise_if_cancelled()
        self.bus.emit(StepProgress(self.run_id, self.node_id, fraction, message))

    def log(self, message: str, level: str = "info") -> None:
        self.bus.emit(StepLog(self.run_id, self.node_id, level, message, time.time()))

    def journal(self, op: str, target: Path, source: Path | None = None,
                size: int | None = None, content: bytes | None = None) -> None:
        """Record a file operation (done, or in dry-run only planned). `content` is what
        is written (a CSV append: the bytes appended): its SHA-256 goes in the journal,
        so undo touches the file only while it still holds exactly that. (A move's file
        is hashed by the run store, which journals it before it moves.)"""
        digest = None
        if content is not None:
            size = len(content) if size is None else size
            digest = None if self.dry_run else hashlib.sha256(content).hexdigest()
        event = FileOperation(self.run_id, self.node_id, op, str(target),
                              str(source) if source else None, self.dry_run,
                              time.time(), size, digest)
        self._ops.append(event)
        self.bus.emit(event)

    def stream(self, text: str) -> None:
        """Text a step produces as it goes (model tokens), shown live by the UI."""
        self.bus.emit(StepOutputDelta(self.run_id, self.node_id, text))

    def model_call(self, model: str, settings: dict, prompt_digest: str, tokens_in: int,
                   tokens_out: int, seconds: float, finish: str, prompt: str | None = None,
                   answer: str | None = None) -> None:
        """Record one model request: it lands in the audit trail and the step's totals."""
        self.tokens_in += tokens_in
        self.tokens_out += tokens_out
        self.model = model
        self.bus.emit(ModelCall(self.run_id, self.node_id, model, settings, prompt_digest,
                                tokens_in, tokens_out, seconds, finish, time.time(), prompt, answer))

    def root(self, name: str) -> Path:
        if name not in self.roots:
            declared = ", ".join(sorted(self.roots)) or "none"
            raise StepError(f"folder '{name}' is not declared by the workflow (declared: {declared})")
        return self.roots[name]
