"""The run service over a long session: what it keeps about runs stays bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.app.run_service import KEEP_FINISHED_OWNERS, RunService
from desktop.engine.fileformat import loads
from desktop.engine.registry import default_registry

pytestmark = pytest.mark.gui

NOTE = """\
schema_version: 1
name: Note
nodes:
- {id: input, type: core.input_file}
- {id: read, type: documents.read}
- {id: note, type: text.template, params: {template: '{{ document.text }}'}}
links:
- {from: input.file, to: read.file}
- {from: read.document, to: note.document}
"""


@pytest.fixture
def service(qtbot):  # type: ignore[no-untyped-def]
    svc = RunService(default_registry())
    yield svc
    svc.close()


def test_owners_of_ended_runs_are_forgotten_beyond_the_last_few(qtbot, service, tmp_path: Path) -> None:
    """A window left open for weeks runs thousands of files: the owner of each run is
    kept only while the views may still ask (the last few that ended)."""
    files = []
    for i in range(KEEP_FINISHED_OWNERS + 8):
        f = tmp_path / f"note-{i:02}.txt"
        f.write_text(f"note {i}\n", encoding="utf-8")
        files.append(f)
    asked: list[str | None] = []
    # what a view sees when it hears that a run ended (the tray and notifier ask then)
    service.bridge.runFinished.connect(lambda e: asked.append(service.owner_of(e.run_id)))
    with qtbot.waitSignal(service.resultReady, timeout=60_000) as done:
        assert service.run(loads(NOTE), files)
    last = done.args[0]
    assert last.status == "done", last.error
    qtbot.waitUntil(lambda: len(asked) == len(files), timeout=10_000)
    assert asked == ["editor"] * len(files)
    assert service.owner_of(last.run_id) == "editor"
    assert len(service._owners) == KEEP_FINISHED_OWNERS
