from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

import pytest

from desktop.runner import Runner
from desktop.store.runs import RunStore
from desktop.watch.events import JobChanged, TriggerStatus
from desktop.watch.service import WatchService

WORKFLOW = """schema_version: 1
name: {name}
folders: {{out: '{out}'}}
triggers:
- {trigger}
nodes:
- {{id: input, type: core.input_file}}
- {{id: read, type: documents.read}}
- {{id: save, type: files.write_text, params: {{folder: out, filename: '{{stem}}.out.txt'}}}}
links:
- {{from: input.file, to: read.file}}
- {{from: read.document, to: save.content}}
"""


def write_workflow(path: Path, inbox: Path, out: Path, name: str = "Copy text",
                   trigger: str | None = None, **settings: object) -> Path:
    opts = {"kind": "folder", "path": str(inbox), "patterns": ["*.txt"], "settle_seconds": 0.2,
            **settings}
    text = trigger or "{" + ", ".join(f"{k}: {_yaml(v)}" for k, v in opts.items()) + "}"
    path.write_text(WORKFLOW.format(name=name, out=out, trigger=text))
    return path


def _yaml(v: object) -> str:
    import json
    return json.dumps(v)


class Watch:
    """A running WatchService and a way to wait, on its own events, for a condition."""

    def __init__(self, tmp: Path, workflows: list[Path], **kwargs: object):
        self.events: list[object] = []
        self.cond = threading.Condition()
        self.store = RunStore(tmp / "runnel.db")
        self.runner = Runner(self.store)
        self.service = WatchService(self.runner, workflows, listeners=[self._on], **kwargs)

    def _on(self, event: object) -> None:
        with self.cond:
            self.events.append(event)
            self.cond.notify_all()

    def wait(self, condition: Callable[[], bool], timeout: float = 30) -> None:
        with self.cond:
            assert self.cond.wait_for(condition, timeout), f"timed out; events: {self.events[-8:]}"

    def states(self) -> dict[str, int]:
        return self.service.queue.counts()

    def finished(self, n: int) -> Callable[[], bool]:
        final = ("done", "failed", "skipped", "vanished")
        return lambda: sum(1 for e in self.events if isinstance(e, JobChanged) and e.state in final) >= n

    def trigger_state(self, state: str) -> Callable[[], bool]:
        return lambda: any(isinstance(e, TriggerStatus) and e.state == state for e in self.events[-5:]) \
            and self.service.triggers[0].state == state


@pytest.fixture
def watch_factory(tmp_path):
    made: list[Watch] = []

    def make(workflows: list[Path], **kwargs: object) -> Watch:
        w = Watch(tmp_path, workflows, **kwargs)
        made.append(w)
        return w

    yield make
    for w in made:
        w.service.stop()
        w.runner.close()
