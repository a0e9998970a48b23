"""Runs workflows for the window: one run at a time on a worker thread (the ComfyUI
queue idea, with Stop), the shared step cache (so re-runs only redo what changed),
the inference worker's state, and the folder watcher switched on and off. Its
signals come from the EventBridge; the window only starts things and listens."""

from __future__ import annotations

import copy
import threading
from collections import deque
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal

from desktop import settings
from desktop.app.bridge import EventBridge
from desktop.engine.cache import StepCache
from desktop.engine.context import CancelToken
from desktop.engine.events import Event, RunFinished, RunStarted
from desktop.engine.executor import RunResult
from desktop.engine.registry import Registry
from desktop.engine.workflow import Workflow
from desktop.llm.client import LLMClient, Loading
from desktop.paths import database_path, user_workflows_dir
from desktop.runner import Runner
from desktop.store.jobs import JobQueue
from desktop.store.processed import EarlierRun, earlier_run, file_hash
from desktop.store.runs import RunStore

KEEP_FINISHED_OWNERS = 32     # ended runs whose owner is still known (a long session runs thousands)


class RunService(QObject):
    busyChanged = Signal(bool)
    resultReady = Signal(object)            # RunResult of the run that just ended (or None)
    failedToStart = Signal(str)             # a sentence
    watchChanged = Signal(bool, str)        # on?, a sentence about what is watched
    speedChanged = Signal(object)           # desktop.llm.client.Speed: while a model generates
    loadingChanged = Signal(object)         # desktop.llm.client.Loading: a model loads / has loaded

    def __init__(self, registry: Registry, store: RunStore | None = None,
                 llm: LLMClient | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.bridge = EventBridge(self)
        self.store = store or RunStore(database_path())
        self.llm = llm or LLMClient()          # the worker process starts on first use
        # from the run thread; the signal takes it to the window's thread
        self.llm.speed_listeners.append(self.speedChanged.emit)
        self.loading: Loading | None = None    # while a model loads (a step waits for it)
        self.llm.load_listeners.append(self._loading)
        self.runner = Runner(self.store, registry, listeners=[self._listen],
                             cache=StepCache(), llm=self.llm)
        self._owners: dict[str, str] = {}          # run id -> who started it
        self._finished: deque[str] = deque()       # runs of _owners that ended, oldest first
        self.bridge.runFinished.connect(self._ended)
        self.registry = registry
        self._thread: threading.Thread | None = None
        self._cancel: CancelToken | None = None
        self.owner = ""                        # who started the current run ("editor", "tray", ...)
        self.last_result: RunResult | None = None
        self.watcher = None

    # ------------------------------------------------------------ running

    def _listen(self, event: Event) -> None:
        # runs on the engine's thread: a run started by our own run thread is tagged
        # with its owner before the GUI hears of it (watcher runs come from elsewhere)
        if isinstance(event, RunStarted) and threading.current_thread() is self._thread:
            self._owners[event.run_id] = self.owner
        self.bridge.listener(event)

    def _ended(self, event: RunFinished) -> None:
        # On the GUI thread, as the bridge hands the end of a run to every view (which
        # may ask owner_of then): the runs that ended before the last few have been
        # seen by all of them, so their owners are forgotten.
        if event.run_id in self._owners:
            self._finished.append(event.run_id)
            while len(self._finished) > KEEP_FINISHED_OWNERS:
                self._owners.pop(self._finished.popleft(), None)

    def owner_of(self, run_id: str) -> str | None:
        """"editor", "tray", ... for runs this service started; None for the watcher's."""
        return self._owners.get(run_id)

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def run(self, workflow: Workflow, inputs: list[Path], *, dry_run: bool = False,
            fresh: frozenset[str] = frozenset(), owner: str = "editor") -> bool:
        """Start a run of (a snapshot of) the workflow; False when one is going.
        `owner` says who asked, so each view follows only its own runs."""
        snapshot = copy.deepcopy(workflow)     # later edits must not change a run under way

        def work(cancel: CancelToken) -> RunResult | None:
            # each run's record takes its input's hash and size as it starts (RunStore)
            if len(inputs) <= 1:
                return self.runner.executor.run(snapshot, inputs[0] if inputs else None,
                                                dry_run=dry_run, cancel=cancel, fresh=fresh)
            batch = self.runner.run(snapshot, inputs, dry_run=dry_run, cancel=cancel)
            return batch.runs[-1] if batch.runs else None

        return self._start(work, owner)

    def earlier_runs(self, workflow: Workflow, inputs: list[Path]) -> list[tuple[Path, EarlierRun]]:
        """The inputs whose content this workflow has processed before, each with the
        newest such run (a run by hand or a watched-folder job)."""
        found = []
        for path in inputs:
            try:
                before = earlier_run(self.store, workflow.path, workflow.name, file_hash(path))
            except OSError:
                continue              # unreadable: the run says why
            if before is not None:
                found.append((path, before))
        return found

    def decide(self, approval_id: int, approve: bool, note: str = "", edited: dict | None = None,
               learn: bool = False) -> bool:
        """Approve (with `edited`, the corrected item) or reject a paused run; the rest of
        it runs here, on the run thread. With `learn`, the document and the approved
        record are first kept as a labelled example of the step that sent it."""
        from desktop.review import ApprovalError, decide, save_as_example

        def work(cancel: CancelToken) -> RunResult | None:
            try:
                if learn:
                    save_as_example(self.runner, approval_id, edited, note)
                return decide(self.runner, approval_id, approve, edited, note)
            except ApprovalError as e:
                self.failedToStart.emit(str(e))
                return None

        return self._start(work, "decision")

    def approve_all(self, approval_ids: list[int]) -> bool:
        """Approve several waiting items as they are, one after another on the run
        thread; one that cannot be decided (decided meanwhile) is said and skipped."""
        from desktop.review import ApprovalError, decide

        def work(cancel: CancelToken) -> RunResult | None:
            result = None
            for approval_id in approval_ids:
                if cancel.cancelled:
                    break
                try:
                    result = decide(self.runner, approval_id, True)
                except ApprovalError as e:
                    self.failedToStart.emit(str(e))
            return result

        return self._start(work, "decision")

    def _start(self, work: Callable[[CancelToken], RunResult | None], owner: str) -> bool:
        if self.busy:
            self.failedToStart.emit("a run is already going: stop it or wait for it to finish")
            return False
        self.owner = owner
        self._cancel = CancelToken()
        self._thread = threading.Thread(target=self._work, name="run", args=(work, self._cancel),
                                        daemon=True)
        self.busyChanged.emit(True)
        self._thread.start()
        return True

    def _work(self, work: Callable[[CancelToken], RunResult | None], cancel: CancelToken) -> None:
        result: RunResult | None = None
        try:
            result = work(cancel)
        except Exception as e:          # a defect must not kill the window: say it
            self.failedToStart.emit(f"the run stopped unexpectedly: {type(e).__name__}: {e}")
        finally:
            self.last_result = result
            self.resultReady.emit(result)
            self.busyChanged.emit(False)

    def stop(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()

    def wait(self, timeout: float | None = None) -> bool:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return not self.busy

    # ------------------------------------------------------------ status

    def _loading(self, loading: Loading) -> None:
        # from the run thread; the signal takes it to the window's thread
        self.loading = None if loading.done else loading
        self.loadingChanged.emit(loading)

    def worker_state(self) -> str:
        if self.loading is not None:
            return self.loading.describe()
        model = self.llm.loaded_model
        if self.llm.pid is None:
            return "model not loaded (loads on first use)"
        return f"model {model.name} loaded" if model else "worker ready"

    def queue_counts(self) -> dict[str, int]:
        try:
            return JobQueue(self.store).counts()
        except Exception:
            return {}

    # ------------------------------------------------------------ watching

    def set_watching(self, on: bool, remember: bool = True) -> None:
        """Start or stop the folder watcher; the choice is remembered, so Runnel started
        at login (minimised to the tray) goes on watching."""
        from desktop.watch.service import WatchService

        if remember:
            settings.update(watching=True if on else None)
        if on and self.watcher is None:
            paths = sorted(user_workflows_dir().glob("*.yaml"))
            service = WatchService(self.runner, paths, listeners=[self.bridge.listener])
            service.start()
            self.watcher = service
            n = len(service.triggers)
            if n:
                self.watchChanged.emit(True, f"watching {n} folder{'s' if n != 1 else ''}")
            else:
                self.watchChanged.emit(True, "no saved workflow has a folder trigger yet")
        elif not on and self.watcher is not None:
            self.watcher.stop()
            self.watcher = None
            self.watchChanged.emit(False, "watching is off")

    def close(self) -> None:
        self.stop()
        self.wait(10)
        self.set_watching(False, remember=False)     # quitting is not switching watching off
        self.runner.close()
