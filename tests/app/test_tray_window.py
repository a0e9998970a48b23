"""The window with the tray: closing keeps Runnel running, Quit really quits, and
without a tray the window says where the tray's actions are."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from desktop.app.application import attach_tray

pytestmark = pytest.mark.gui


def test_without_a_tray_closing_quits_and_the_window_says_where_the_actions_are(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    tray = attach_tray(app, window)
    try:
        assert not tray.available                       # offscreen has no tray
        assert app.quitOnLastWindowClosed()
        assert "menu" in window.statusBar().currentMessage().lower()
        window._fill_quick_menu()
        names = [a.text() for a in window.quick_menu.actions()]
        assert names                                     # the examples' quick actions, or a note
    finally:
        tray.close()
        app.setQuitOnLastWindowClosed(True)


def test_with_a_tray_closing_hides_and_quit_asks_then_quits(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    app = QApplication.instance()
    tray = attach_tray(app, window)
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(True)))
    try:
        assert tray.available and not app.quitOnLastWindowClosed()
        window.close()
        assert not window.isVisible() and not quits      # still running, in the tray
        window.show_from_tray()
        assert window.isVisible()
        window.editor.add_step("text.template")          # unsaved: Quit asks first
        asked: list[str] = []
        monkeypatch.setattr(QMessageBox, "question",
                            lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Cancel)
        assert not window.quit_app() and not quits and asked
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
        assert window.quit_app() and quits == [True]
    finally:
        tray.close()
        app.setQuitOnLastWindowClosed(True)


def test_watching_is_remembered_and_works_with_the_window_closed(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop import settings
    from desktop.app.application import restore_watching
    from desktop.paths import user_workflows_dir

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    user_workflows_dir().mkdir(parents=True, exist_ok=True)
    (user_workflows_dir() / "notes.yaml").write_text(f"""schema_version: 1
name: Notes
folders: {{out: '{out}'}}
triggers:
- {{kind: folder, path: '{inbox}', patterns: ['*.txt'], settle_seconds: 0.2}}
nodes:
- {{id: input, type: core.input_file}}
- {{id: read, type: documents.read}}
- {{id: save, type: files.write_text, params: {{folder: out}}}}
links:
- {{from: input.file, to: read.file}}
- {{from: read.document, to: save.content}}
""", encoding="utf-8")
    assert not restore_watching(window)                  # never switched on: stays off
    window.toggle_watch(True)
    assert settings.get("watching") is True
    window.service.set_watching(False, remember=False)  # as quitting does
    window.close()                                       # the window is gone, Runnel is not
    assert restore_watching(window)                      # the next start
    (inbox / "a.txt").write_text("hello", encoding="utf-8")
    qtbot.waitUntil(lambda: any(out.glob("*")), timeout=30_000)
    window.toggle_watch(False)
    assert settings.get("watching") is None


@pytest.mark.model
@pytest.mark.slow
def test_quitting_during_a_watched_job_asks_and_the_job_resumes_at_next_start(
        qtbot, window, isolated_home, samples, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from PySide6.QtWidgets import QMessageBox

    from desktop.app.application import restore_watching
    from desktop.app.run_service import RunService
    from desktop.engine.registry import default_registry
    from desktop.paths import examples_dir, user_workflows_dir
    from desktop.store.jobs import JobQueue

    user_workflows_dir().mkdir(parents=True, exist_ok=True)
    shutil.copy(examples_dir() / "invoice-to-records.yaml", user_workflows_dir() / "invoices.yaml")
    inbox = isolated_home / "Runnel" / "Inbox" / "Invoices"
    inbox.mkdir(parents=True)
    window.toggle_watch(True)
    shutil.copy(samples / "invoice-northwind.pdf", inbox / "march.pdf")
    qtbot.waitUntil(lambda: bool(window.service.watcher.current_jobs), timeout=60_000)

    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    assert window.close()
    assert asked and "back to the queue" in asked[0]
    window.service.close()                               # what quitting does next
    jobs = JobQueue(window.service.store)
    assert jobs.counts() == {"queued": 1}                # not lost, not half-done
    assert not list((isolated_home / "Runnel" / "Records").glob("*.json"))

    # the next start: watching was left on, the job is run and the file filed once
    again = RunService(default_registry())
    window.service = again
    try:
        assert restore_watching(window)
        qtbot.waitUntil(lambda: JobQueue(again.store).counts() == {"done": 1}, timeout=120_000)
        assert len(list((isolated_home / "Runnel" / "Records").glob("*.json"))) == 1
    finally:
        again.close()
