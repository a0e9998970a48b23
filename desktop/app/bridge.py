"""Engine events -> Qt signals. Engine listeners run on worker threads; the bridge
queues their events and hands them to the GUI thread in batches, so a model streaming
tokens quickly costs the event loop one wake-up per batch, not one per token."""

from __future__ import annotations

import threading
from collections import deque

from PySide6.QtCore import QObject, Qt, Signal

from desktop.engine.events import (ApprovalRequested, BatchProgress, Event, FileOperation, RunFinished,
                                   RunStarted, StepLog, StepOutputDelta, StepProgress, StepStatusChanged)
from desktop.watch.events import JobChanged, TriggerStatus


class EventBridge(QObject):
    runStarted = Signal(object)        # RunStarted
    stepStatus = Signal(object)        # StepStatusChanged
    stepProgress = Signal(object)      # StepProgress
    stepLog = Signal(object)           # StepLog
    tokens = Signal(str, str, str)     # run id, node id, text (deltas joined)
    fileOperation = Signal(object)     # FileOperation
    approvalRequested = Signal(object)  # ApprovalRequested
    runFinished = Signal(object)       # RunFinished
    batchProgress = Signal(object)     # BatchProgress
    jobChanged = Signal(object)        # JobChanged: a watched file queued, running, done...
    triggerStatus = Signal(object)     # TriggerStatus: a watched folder's state
    _pending = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._queue: deque[Event | JobChanged | TriggerStatus] = deque()
        self._lock = threading.Lock()
        self._scheduled = False
        self._pending.connect(self._drain, Qt.ConnectionType.QueuedConnection)

    def listener(self, event: Event | JobChanged | TriggerStatus) -> None:
        """Called by the engine on any thread; cheap and never blocks on the GUI."""
        with self._lock:
            self._queue.append(event)
            if self._scheduled:
                return
            self._scheduled = True
        self._pending.emit()

    def _drain(self) -> None:
        with self._lock:
            events = list(self._queue)
            self._queue.clear()
            self._scheduled = False
        pending_text: dict[tuple[str, str], list[str]] = {}
        for event in events:
            if isinstance(event, StepOutputDelta):
                pending_text.setdefault((event.run_id, event.node_id), []).append(event.text)
                continue
            self._flush(pending_text)
            self._dispatch(event)
        self._flush(pending_text)

    def _flush(self, pending: dict[tuple[str, str], list[str]]) -> None:
        for (run_id, node_id), parts in pending.items():
            self.tokens.emit(run_id, node_id, "".join(parts))
        pending.clear()

    def _dispatch(self, event: Event | JobChanged | TriggerStatus) -> None:
        if isinstance(event, StepStatusChanged):
            self.stepStatus.emit(event)
        elif isinstance(event, StepProgress):
            self.stepProgress.emit(event)
        elif isinstance(event, StepLog):
            self.stepLog.emit(event)
        elif isinstance(event, RunStarted):
            self.runStarted.emit(event)
        elif isinstance(event, RunFinished):
            self.runFinished.emit(event)
        elif isinstance(event, FileOperation):
            self.fileOperation.emit(event)
        elif isinstance(event, ApprovalRequested):
            self.approvalRequested.emit(event)
        elif isinstance(event, BatchProgress):
            self.batchProgress.emit(event)
        elif isinstance(event, JobChanged):
            self.jobChanged.emit(event)
        elif isinstance(event, TriggerStatus):
            self.triggerStatus.emit(event)
