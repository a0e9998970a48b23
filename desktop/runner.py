"""Loading and running workflows with history recorded: the one path used by the
CLI, the GUI's run service and the folder watcher. No Qt."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Iterable, Sequence

from desktop.engine.cache import StepCache
from desktop.engine.context import CancelToken
from desktop.engine.errors import WorkflowFileError
from desktop.engine.events import BatchProgress, Listener
from desktop.engine.executor import BatchResult, Executor
from desktop.engine.fileformat import load_workflow
from desktop.engine.registry import Registry, default_registry
from desktop.engine.workflow import Workflow
from desktop.llm.client import LLMClient
from desktop.store.runs import RunStore


class Runner:
    def __init__(self, store: RunStore | None, registry: Registry | None = None,
                 listeners: Iterable[Listener] = (), cache: StepCache | None = None,
                 llm: LLMClient | None = None):
        self.store = store
        self.registry = registry or default_registry()
        # the worker process starts on the first AI request, not before
        self.llm = llm if llm is not None else LLMClient()
        sinks = ([store.record] if store else []) + list(listeners)
        self.executor = Executor(self.registry, cache=cache, listeners=sinks, llm=self.llm)

    def close(self) -> None:
        self.llm.close()

    def load(self, path: Path | str) -> Workflow:
        return load_workflow(path)

    def run(self, workflow: Path | str | Workflow, inputs: Sequence[Path | str], *,
            dry_run: bool = False, cancel: CancelToken | None = None,
            folders: dict[str, str] | None = None) -> BatchResult:
        """Run a workflow (a file or a loaded one) over each input; with no inputs,
        run it once without one. A workflow that cannot be loaded fails each run,
        which is recorded with the reason."""
        paths: list[Path | None] = [Path(p).absolute() for p in inputs] or [None]
        if not isinstance(workflow, Workflow):
            try:
                workflow = self.load(workflow)
            except WorkflowFileError as e:
                return self._unloadable(Path(workflow), paths, str(e), dry_run)
        if paths == [None]:
            run = self.executor.run(workflow, None, dry_run=dry_run, cancel=cancel, folders=folders)
            return BatchResult(uuid.uuid4().hex, [run], cancelled=run.status == "cancelled")
        return self.executor.run_batch(workflow, [p for p in paths if p is not None],
                                       dry_run=dry_run, cancel=cancel, folders=folders)

    def _unloadable(self, path: Path, inputs: list[Path | None], error: str,
                    dry_run: bool) -> BatchResult:
        batch = BatchResult(uuid.uuid4().hex, [])
        for i, p in enumerate(inputs):
            batch.runs.append(self.executor.record_failure(
                path.stem, path.resolve(), p, error, dry_run=dry_run, batch_id=batch.batch_id))
            self.executor.bus.emit(BatchProgress(batch.batch_id, i + 1, len(inputs), i + 1,
                                                 str(p) if p else None))
        return batch
