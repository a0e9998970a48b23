"""The tray and the folder watcher: the watcher's events reach the tray through the
bridge (nothing polls the queue), with a real watcher on a real folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from desktop.app.run_service import RunService
from desktop.engine.registry import default_registry
from desktop.paths import user_workflows_dir
from tests.app.test_tray import make_tray
from tests.watch.conftest import write_workflow

pytestmark = pytest.mark.gui


@pytest.fixture
def service(qtbot):  # type: ignore[no-untyped-def]
    svc = RunService(default_registry())
    yield svc
    svc.close()


def polling_timers(obj: object) -> list[QTimer]:
    return [t for t in obj.findChildren(QTimer) if t.isActive() and not t.isSingleShot()]  # type: ignore[attr-defined]


def watched_inbox(tmp_path: Path, **settings: object) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    user_workflows_dir().mkdir(parents=True, exist_ok=True)
    write_workflow(user_workflows_dir() / "inbox.yaml", inbox, tmp_path / "out", name="Inbox", **settings)
    return inbox


def test_a_watched_job_updates_the_tray_through_the_bridge_without_a_timer(qtbot, service, tmp_path) -> None:  # type: ignore[no-untyped-def]
    inbox = watched_inbox(tmp_path, paused=True)          # paused: the job stays queued
    tray, _, _ = make_tray(service)
    assert polling_timers(tray) == []                      # nothing looks at the queue now and then
    heard: list[object] = []
    service.bridge.jobChanged.connect(heard.append)
    service.set_watching(True, remember=False)
    assert tray.status_lines() == ["Idle, watching folders"]
    (inbox / "scan.txt").write_text("a page", encoding="utf-8")
    qtbot.waitUntil(lambda: "1 file in the queue" in tray.status_lines(), timeout=15000)
    assert [e.state for e in heard] == ["queued"]          # type: ignore[attr-defined]
    assert tray.state == "working"
    assert polling_timers(tray) == []
    tray.close()


def test_a_duplicate_shows_in_the_tray_and_in_the_window_as_a_duplicate(qtbot, service, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    inbox = watched_inbox(tmp_path, after_success="move")
    tray, notifier, _ = make_tray(service)          # no system tray here: notes are the window's toasts
    service.set_watching(True, remember=False)
    (inbox / "invoice.txt").write_text("March invoice", encoding="utf-8")
    qtbot.waitUntil(lambda: (inbox / "Processed" / "invoice.txt").exists(), timeout=15000)
    shutil.copy(inbox / "Processed" / "invoice.txt", inbox / "invoice copy.txt")
    qtbot.waitUntil(lambda: tray.menu.actions()[0].text() == "Duplicate set aside: invoice copy.txt",
                    timeout=15000)                     # the menu's first line, and its tooltip
    notes = [n for n in notifier.history if n.title == "Duplicate not processed again"]
    assert len(notes) == 1                             # one note, not one per duplicate
    note = notes[0]
    assert "invoice copy.txt" in note.text and "same content as invoice.txt" in note.text
    assert "moved to Processed/invoice copy.txt" in note.text
    assert tray.status_text() == "Duplicate set aside: invoice copy.txt"
    tray.mark_seen()                                   # the user looked: no longer news
    assert "Duplicate set aside: invoice copy.txt" not in tray.status_lines()
    tray.close()


def test_the_main_window_says_a_watched_duplicate_in_its_status_bar(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    inbox = watched_inbox(tmp_path, after_success="move")
    window.service.set_watching(True, remember=False)
    (inbox / "invoice.txt").write_text("March invoice", encoding="utf-8")
    qtbot.waitUntil(lambda: (inbox / "Processed" / "invoice.txt").exists(), timeout=15000)
    shutil.copy(inbox / "Processed" / "invoice.txt", inbox / "invoice copy.txt")
    qtbot.waitUntil(lambda: "Duplicate" in window.statusBar().currentMessage(), timeout=15000)
    text = window.statusBar().currentMessage()
    assert text.startswith("Duplicate, not processed again: invoice copy.txt")
    assert "same content as invoice.txt" in text and "moved to Processed/invoice copy.txt" in text
    window.service.set_watching(False, remember=False)
