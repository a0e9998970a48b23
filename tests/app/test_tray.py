"""The tray: its menu driven through its QActions (the menu exists without a system
tray, as here offscreen), quick actions running real workflows, and the icon's state."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction, QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog, QMenu

from desktop.app.notifications import Notifier
from desktop.app.run_service import RunService
from desktop.app.tray import ATTENTION, IDLE, WORKING, Tray, draw_icon, quick_action_workflows
from desktop.engine.events import ApprovalRequested, RunFinished, RunStarted
from desktop.engine.registry import Registry, default_registry
from desktop.paths import runnel_home, user_workflows_dir

pytestmark = pytest.mark.gui

QUICK = """\
schema_version: 1
name: {name}
description: Turns a piece of text into a note.
folders:
  notes: {out}
triggers:
- kind: quick_action
nodes:
- id: input
  type: core.input_file
- id: read
  type: documents.read
- id: note
  type: text.template
  params:
    template: "# Note from {{{{ input }}}}\\n\\n{{{{ document.text }}}}{extra}"
- id: save
  type: {last}
  params: {{folder: notes, filename: '{{stem}}.md'}}
links:
- from: input.file
  to: read.file
- from: read.document
  to: note.document
- from: note.text
  to: save.{port}
"""


def write_quick(name: str, out: Path, *, extra: str = "", waits: bool = False) -> Path:
    """A quick-action workflow among the user's: input -> read -> template -> write."""
    folder = user_workflows_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name.lower().replace(' ', '-')}.yaml"
    if waits:                       # test.wait holds the run until it is stopped
        text = QUICK.format(name=name, out=out, extra=extra, last="test.wait", port="text")
        text = text.replace("  params: {folder: notes, filename: '{stem}.md'}\n", "")
    else:
        text = QUICK.format(name=name, out=out, extra=extra, last="files.write_text", port="content")
    path.write_text(text, encoding="utf-8")
    return path


class Opened:
    """Stands in for the lead's show-window callback."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None]] = []

    def __call__(self, view: str = "", run_id: str | None = None) -> None:
        self.calls.append((view, run_id))


def find(menu: QMenu, *path: str) -> QAction:
    """The action reached through submenus by the start of each item's text."""
    for action in menu.actions():
        if action.text().startswith(path[0]):
            if len(path) == 1:
                return action
            sub = action.menu()
            assert isinstance(sub, QMenu), f"'{path[0]}' is not a submenu"
            return find(sub, *path[1:])
    raise AssertionError(f"no '{path[0]}' in {[a.text() for a in menu.actions()]}")


def texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator() and a.isVisible()]


def make_tray(service: RunService, **kwargs: Any) -> tuple[Tray, Notifier, Opened]:
    notifier = Notifier()
    notifier.attach(service)
    opened = Opened()
    tray = Tray(service, opened, notifier, **kwargs)
    return tray, notifier, opened


@pytest.fixture
def service(qtbot):  # type: ignore[no-untyped-def]
    svc = RunService(default_registry())
    yield svc
    svc.close()


@pytest.fixture
def test_service(qtbot, registry: Registry):  # type: ignore[no-untyped-def]
    """With the engine tests' pack, for a run that waits until stopped."""
    svc = RunService(registry)
    yield svc
    svc.close()


def test_without_a_system_tray_the_menu_exists_and_the_fallback_says_where_to_look(qtbot, service) -> None:
    tray, _, _ = make_tray(service)
    assert not tray.available and tray.icon is None
    assert "menus" in tray.fallback_text() and "window" in tray.fallback_text()
    assert texts(tray.menu) == ["Idle, watching is off", "Quick actions", "Recent runs",
                                "Pending approvals (0)", "Resume watching", "Open Runnel", "Quit"]
    assert not find(tray.menu, "Pending approvals").isEnabled()
    tray.close()


def test_quick_actions_list_the_users_and_the_examples_workflows(qtbot, service, tmp_path: Path) -> None:
    write_quick("Note taker", tmp_path / "notes")
    (user_workflows_dir() / "broken.yaml").write_text("nodes: [", encoding="utf-8")
    tray, _, _ = make_tray(service)
    names = texts(tray.quick_menu)
    assert names[0] == "Note taker"                      # the user's own first
    assert "Extract text (example)" in names             # an example with a quick action
    assert not any(n.startswith("Invoice intake") for n in names)   # no quick-action trigger
    assert texts(find(tray.menu, "Quick actions", "Note taker").menu()) == [
        "Run on clipboard text", "Run on files…"]
    # the menu is rebuilt when it opens: a workflow saved meanwhile is there
    write_quick("Letter drafter", tmp_path / "letters")
    tray.menu.aboutToShow.emit()
    assert "Letter drafter" in texts(tray.quick_menu)
    assert [q.name for q in quick_action_workflows()][:2] == ["Letter drafter", "Note taker"]
    tray.close()


def test_quick_action_on_clipboard_text_runs_the_workflow(qtbot, service, tmp_path: Path) -> None:
    out = tmp_path / "notes"
    write_quick("Note taker", out)
    tray, notifier, _ = make_tray(service)
    QGuiApplication.clipboard().setText("Call Alice about the invoice on Monday.")
    tray.rebuild_menu()
    with qtbot.waitSignal(service.resultReady, timeout=30000) as done:
        find(tray.menu, "Quick actions", "Note taker", "Run on clipboard text").trigger()
    result = done.args[0]
    assert result.status == "done", result.error
    source = result.input_path
    assert source.parent == runnel_home() / "quick" and source.suffix == ".txt"
    written = list(out.glob("*.md"))
    assert [p.name for p in written] == [f"{source.stem}.md"]
    text = written[0].read_text(encoding="utf-8")
    assert text.startswith(f"# Note from {source.name}") and "Call Alice about the invoice" in text
    assert service.owner_of(result.run_id) == "tray"
    qtbot.waitUntil(lambda: bool(notifier.history))
    assert notifier.history[-1].title == "Note taker finished"
    tray.close()


def test_clipboard_files_are_bounded_to_the_newest(qtbot, service, tmp_path: Path) -> None:
    """Each clipboard run writes a file to quick/: only the newest QUICK_KEEP stay,
    and nothing else in the folder is touched."""
    import os

    from desktop.app.tray import QUICK_KEEP

    quick = runnel_home() / "quick"
    quick.mkdir(parents=True)
    old = time.time() - 90 * 86400
    for i in range(QUICK_KEEP + 5):
        f = quick / f"clipboard-2025-01-01-0000{i:02}.txt"
        f.write_text(f"old {i}", encoding="utf-8")
        os.utime(f, (old + i, old + i))           # clipboard-…00 is the oldest
    mine = quick / "my-notes.txt"
    mine.write_text("not Runnel's", encoding="utf-8")
    write_quick("Note taker", tmp_path / "notes")
    tray, _, _ = make_tray(service)
    QGuiApplication.clipboard().setText("The newest text.")
    tray.rebuild_menu()
    with qtbot.waitSignal(service.resultReady, timeout=30000) as done:
        find(tray.menu, "Quick actions", "Note taker", "Run on clipboard text").trigger()
    assert done.args[0].status == "done", done.args[0].error
    left = sorted(p.name for p in quick.glob("clipboard-*.txt"))
    assert len(left) == QUICK_KEEP
    assert done.args[0].input_path.name in left           # the one just run
    assert "clipboard-2025-01-01-000000.txt" not in left   # the oldest went
    assert f"clipboard-2025-01-01-0000{QUICK_KEEP + 4:02}.txt" in left
    assert mine.read_text(encoding="utf-8") == "not Runnel's"
    tray.close()


def test_an_empty_clipboard_is_said_and_nothing_runs(qtbot, service, tmp_path: Path) -> None:
    write_quick("Note taker", tmp_path / "notes")
    tray, notifier, _ = make_tray(service)
    QGuiApplication.clipboard().setText("  \n ")
    find(tray.menu, "Quick actions", "Note taker", "Run on clipboard text").trigger()
    assert not service.busy
    assert [n.title for n in notifier.history] == ["The clipboard has no text"]
    assert notifier.toast.isVisible()                  # no tray here: the toast says it
    assert not (runnel_home() / "quick").exists() or not any((runnel_home() / "quick").iterdir())
    assert service.store.recent_runs() == []
    tray.close()


def test_run_on_files_refuses_a_folder_and_runs_chosen_files(qtbot, service, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "notes"
    write_quick("Note taker", out)
    tray, notifier, _ = make_tray(service)
    folder = tmp_path / "letters"
    folder.mkdir()
    chosen: list[list[str]] = [[str(folder)]]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen[0], ""))
    find(tray.menu, "Quick actions", "Note taker", "Run on files…").trigger()
    assert not service.busy
    assert notifier.history[-1].title == "Choose files, not a folder"
    assert "“letters” is a folder. Choose files" in notifier.history[-1].text
    # files chosen: a batch, one note each
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(f"text of {name}", encoding="utf-8")
    chosen[0] = [str(folder / "a.txt"), str(folder / "b.txt")]
    with qtbot.waitSignal(service.resultReady, timeout=30000):
        find(tray.menu, "Quick actions", "Note taker", "Run on files…").trigger()
    assert sorted(p.name for p in out.glob("*.md")) == ["a.md", "b.md"]
    # cancelling the dialog does nothing
    chosen[0] = []
    assert tray.run_files(user_workflows_dir() / "note-taker.yaml") is False
    tray.close()


def test_the_menu_works_while_a_run_is_going(qtbot, test_service, tmp_path: Path) -> None:
    """Chosen: quick actions are disabled while a run goes, with a sentence saying so;
    everything else in the menu still works."""
    from tests.engine import packs

    service = test_service
    write_quick("Waiter", tmp_path / "out", waits=True)
    tray, notifier, opened = make_tray(service)
    (tmp_path / "a.txt").write_text("wait for me", encoding="utf-8")
    assert tray.run_files(user_workflows_dir() / "waiter.yaml", [tmp_path / "a.txt"])
    assert packs.STARTED.wait(30)
    qtbot.waitUntil(lambda: tray.status_text().startswith("Running Waiter"))   # RunStarted arrived
    tray.menu.aboutToShow.emit()
    assert tray.state == WORKING
    assert texts(tray.menu)[0] == "Running Waiter on a.txt"
    assert texts(tray.quick_menu)[0] == "A run is going: quick actions can start when it has finished"
    run_on = find(tray.menu, "Quick actions", "Waiter", "Run on clipboard text")
    assert not run_on.isEnabled()
    QGuiApplication.clipboard().setText("more")
    assert tray.run_clipboard(user_workflows_dir() / "waiter.yaml") is False   # e.g. a stale menu
    assert notifier.history[-1].title == "A run is going"
    assert find(tray.menu, "Recent runs", "…  a.txt — Waiter").isEnabled()
    find(tray.menu, "Recent runs", "…  a.txt").trigger()
    find(tray.menu, "Resume watching").trigger()
    assert service.watcher is not None
    assert find(tray.menu, "Pause all watching")           # the same item, relabelled
    find(tray.menu, "Pause all watching").trigger()
    assert service.watcher is None
    find(tray.menu, "Open Runnel").trigger()
    assert opened.calls[0][0] == "history" and opened.calls[-1] == ("", None)
    # the run ends while the menu is open: the quick actions come back
    service.stop()
    qtbot.waitUntil(run_on.isEnabled, timeout=30000)
    assert texts(tray.quick_menu)[0] == "Waiter"          # the sentence is gone
    tray.close()


def test_the_icon_goes_idle_working_attention_and_back(qtbot, service, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    broken = write_quick("Broken note", tmp_path / "notes", extra="{{ missing }}")
    tray, notifier, opened = make_tray(service)
    states: list[str] = []
    tray.stateChanged.connect(states.append)
    assert tray.state == IDLE
    (tmp_path / "a.txt").write_text("hello", encoding="utf-8")
    with qtbot.waitSignal(service.busyChanged, timeout=30000, check_params_cb=lambda busy: not busy):
        assert tray.run_files(broken, [tmp_path / "a.txt"])
    qtbot.waitUntil(lambda: tray.state == ATTENTION)
    assert states == [WORKING, ATTENTION]
    assert texts(tray.menu)[0] == "1 failed run since you last looked"
    assert tray.status_text() == "1 failed run since you last looked"
    qtbot.waitUntil(lambda: bool(notifier.history))
    assert notifier.history[-1].title == "Broken note failed"
    find(tray.menu, "Open Runnel").trigger()             # the user looked
    assert tray.state == IDLE
    # a pending approval needs attention too; its menu item opens the approvals
    service.store.record(ApprovalRequested(service.last_result.run_id, "approve", None, None, "Pay it?", {}, {}, time.time()))
    tray.rebuild_menu()
    assert tray.state == ATTENTION
    approvals = find(tray.menu, "Pending approvals (1)")
    assert approvals.isEnabled()
    approvals.trigger()
    assert opened.calls[-1] == ("approvals", None)
    with service.store._lock:
        service.store.db.execute("UPDATE approvals SET state = 'approved'")
    tray.refresh()
    assert tray.state == IDLE
    # files in the watcher's queue: working while the watcher is on to process them
    from types import SimpleNamespace

    from desktop.store.jobs import Arrival, JobQueue

    JobQueue(service.store).add("/w.yaml", "Inbox", 0, [Arrival("/inbox/x.pdf", 1, 1, "abc")])
    tray.refresh()
    assert tray.state == IDLE
    assert texts(tray.menu)[0] == "1 file in the queue (watching is off)"
    monkeypatch.setattr(service, "watcher", SimpleNamespace(stop=lambda: None))   # a watcher, busy
    tray.refresh()
    assert tray.state == WORKING
    assert texts(tray.menu)[0] == "1 file in the queue"
    assert states == [WORKING, ATTENTION, IDLE, ATTENTION, IDLE, WORKING]
    tray.close()


def test_the_window_becoming_active_marks_failures_seen(qtbot, service) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication, QWidget

    tray, _, _ = make_tray(service)
    service.bridge.listener(RunStarted("w1", "Inbox", None, "/inbox/a.pdf", False, time.time()))
    service.bridge.listener(RunFinished("w1", "failed", time.time(), "unreadable"))
    qtbot.waitUntil(lambda: tray.state == ATTENTION)
    window = QWidget()
    qtbot.addWidget(window)
    tray.watch_window(window)
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert tray.state == IDLE
    tray.close()


def test_recent_runs_show_the_last_five_and_open_the_history(qtbot, service) -> None:
    store = service.store
    now = time.time()
    for i in range(7):
        status = "failed" if i == 6 else "done"
        store.record(RunStarted(f"r{i}", "Invoice intake", None, f"/inbox/invoice-{i}.pdf", False, now + i))
        store.record(RunFinished(f"r{i}", status, now + i + 0.5))
    tray, _, opened = make_tray(service)
    assert texts(tray.recent_menu) == ["✗  invoice-6.pdf — Invoice intake"] + [
        f"✓  invoice-{i}.pdf — Invoice intake" for i in (5, 4, 3, 2)]
    find(tray.menu, "Recent runs", "✗  invoice-6.pdf").trigger()
    assert opened.calls == [("history", "r6")]
    tray.close()


def test_quit_calls_the_quit_given(qtbot, service) -> None:
    quits: list[bool] = []
    tray, _, _ = make_tray(service, on_quit=lambda: quits.append(True))
    find(tray.menu, "Quit").trigger()
    assert quits == [True]
    tray.close()


def test_the_three_icons_differ_in_colour_and_shape() -> None:
    images = {state: draw_icon(state, 32).toImage() for state in (IDLE, WORKING, ATTENTION)}
    for image in images.values():
        assert image.size().width() == 32 and image.format() != QImage.Format.Format_Invalid
        assert image.pixelColor(0, 0).alpha() == 0          # rounded corners: transparent
    centre = {state: image.pixelColor(3, 16).name() for state, image in images.items()}
    assert centre == {IDLE: "#5b6b7c", WORKING: "#2f80ed", ATTENTION: "#d64541"}
    # the badge corner is white for working and attention, tile-coloured when idle
    assert images[IDLE].pixelColor(20, 26).name() == "#5b6b7c"
    assert images[WORKING].pixelColor(20, 26).name() == "#ffffff"
    assert images[ATTENTION].pixelColor(20, 26).name() == "#ffffff"
    assert images[WORKING] != images[ATTENTION]
