from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from desktop.engine.events import Event
from desktop.engine.registry import Registry

# Qt tests run without a display; set before any Qt import
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
WORKFLOWS = ROOT / "workflows"
VENV_BIN = Path(sys.executable).parent


@pytest.fixture(autouse=True, scope="session")
def _release_clipboard_at_exit():
    """Steps copied by a test sit on the clipboard; Qt must not destroy them after
    Python has shut down (a crash at exit)."""
    yield
    if "PySide6.QtWidgets" in sys.modules:
        from desktop.ui.editor import release_clipboard

        release_clipboard()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own Runnel data folder and home (examples write under ~)."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("RUNNEL_HOME", str(base / "runnel"))
    monkeypatch.setenv("HOME", str(base))
    return base


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def registry() -> Registry:
    """The installed packs plus the engine tests' own pack (tests/engine/packs.py)."""
    from tests.engine import packs

    reg = Registry.from_entry_points()
    reg.load_pack("test", packs)
    packs.CALLS.clear()
    packs.STARTED.clear()
    return reg


@pytest.fixture
def events() -> list[Event]:
    return []


@pytest.fixture(scope="session")
def llm():
    """One inference worker for the session, the default model staying loaded."""
    from desktop.llm.client import LLMClient

    client = LLMClient()
    yield client
    client.close()


@pytest.fixture
def fresh_llm():
    """A worker of its own, for tests that kill or break it."""
    from desktop.llm.client import LLMClient

    client = LLMClient()
    yield client
    client.close()


@pytest.fixture
def default_model():
    from desktop.llm import catalog

    return catalog.default_model()


@pytest.fixture
def watch_run(tmp_path):
    """A file processed by the watcher and moved to Processed: (inbox, processed, store, run_id)."""
    import threading

    from desktop.runner import Runner
    from desktop.store.runs import RunStore
    from desktop.watch.events import JobChanged
    from desktop.watch.service import WatchService
    from tests.watch.conftest import write_workflow

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    wf = write_workflow(tmp_path / "wf.yaml", inbox, tmp_path / "out", after_success="move")
    done = threading.Event()
    runner = Runner(RunStore(tmp_path / "w.db"))
    service = WatchService(runner, [wf], listeners=[
        lambda e: done.set() if isinstance(e, JobChanged) and e.state == "done" else None])
    service.start()
    (inbox / "note.txt").write_text("to be filed")
    assert done.wait(30)
    service.stop()
    run_id = service.queue.list()[0]["run_id"]
    yield inbox, inbox / "Processed", runner.store, run_id
    runner.close()


@pytest.fixture
def window(qtbot, isolated_home: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The real main window with its own settings file and data folder; any dialog
    that would block is an error unless the test answers it."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from desktop.app.application import build_window, create_app

    def unexpected(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError(f"an unexpected dialog opened: {args[1:3]}")

    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
    for name in ("getOpenFileName", "getOpenFileNames", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, unexpected)

    create_app()
    qsettings = QSettings(str(isolated_home / "window.ini"), QSettings.Format.IniFormat)
    win = build_window(qsettings)
    win.resize(1300, 820)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.service.close()
    win.editor.undo_stack.setClean()       # closing must not ask about unsaved changes
    win.close()
    win.deleteLater()
