"""Notifications about background runs: what pops up, how often, and what a click opens."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSystemTrayIcon

from desktop.app.notifications import Notification, Notifier, RunEvent
from desktop.engine.events import RunFinished, RunStarted

pytestmark = pytest.mark.gui


class Clock:
    """Time the test moves by hand: the rate limit is checked without sleeping."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def window(qtbot):  # type: ignore[no-untyped-def]
    win = QMainWindow()
    win.setCentralWidget(QLabel("the main window"))
    win.statusBar().showMessage("Ready")
    win.resize(900, 600)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def notifier(qtbot, clock: Clock, window: QMainWindow) -> Notifier:  # type: ignore[no-untyped-def]
    n = Notifier(interval=5.0, max_interval=120.0, clock=clock)
    n.set_window(window)
    return n


def done(i: int, workflow: str = "Invoice intake") -> RunEvent:
    return RunEvent(f"run-{i}", "done", workflow, f"invoice-{i}.pdf")


def test_a_background_run_pops_up_at_once_and_a_click_opens_it(qtbot, notifier: Notifier,
                                                                window: QMainWindow) -> None:
    notifier.run_ended(RunEvent("r1", "failed", "Invoice intake", "scan.pdf",
                                "the PDF is encrypted\nTraceback lines nobody needs"))
    assert notifier.backend == "toast"           # offscreen: no system tray
    toast = notifier.toast
    assert toast.isVisible() and toast.parentWidget() is window
    assert toast.title_label.text() == "Invoice intake failed"
    assert toast.text_label.text() == "scan.pdf: the PDF is encrypted"    # first line only
    assert toast.hint_label.isVisible()
    # in the bottom-right corner, inside the window and above its status bar
    assert window.rect().contains(toast.geometry())
    assert toast.geometry().bottom() < window.statusBar().geometry().top()
    assert toast.geometry().right() > window.width() - 40
    with qtbot.waitSignal(notifier.activated) as signal:
        qtbot.mouseClick(toast, Qt.MouseButton.LeftButton, pos=QPoint(40, 20))
    assert signal.args == ["r1"]
    assert not toast.isVisible()


def test_500_runs_finishing_at_once_give_two_pop_ups_the_second_a_summary(notifier: Notifier,
                                                                          clock: Clock) -> None:
    statuses = ["done"] * 450 + ["failed"] * 40 + ["waiting"] * 10
    for i, status in enumerate(statuses):           # spread through the test's fake time
        notifier.run_ended(RunEvent(f"run-{i}", status, "Invoice intake", f"invoice-{i}.pdf",
                                    "unreadable" if status == "failed" else None))
        clock.now += 0.002
    assert len(notifier.history) == 1               # the first one, at once
    assert notifier.pending == 499
    notifier.tick()                                  # the timer fires early: nothing yet
    assert len(notifier.history) == 1
    clock.now += 5
    notifier.tick()
    assert len(notifier.history) == 2
    last = notifier.history[-1]
    assert last.summary
    assert last.counts == {"done": 449, "failed": 40, "waiting": 10}
    assert last.text == "449 files processed, 40 failed, 10 waiting for approval — Invoice intake"
    assert last.run_id == "run-490"                  # a click opens the first approval
    assert last.level == "error"
    assert notifier.toast.text_label.text() == last.text
    # quiet afterwards: the window closes without a pop-up, and the next event is immediate
    clock.now += 60
    notifier.tick()
    assert len(notifier.history) == 2
    notifier.run_ended(done(1000))
    assert len(notifier.history) == 3 and not notifier.history[-1].summary


def test_a_long_batch_gives_a_handful_of_pop_ups_and_each_run_is_counted_once(notifier: Notifier,
                                                                            clock: Clock) -> None:
    shown_at: list[float] = []
    notifier.shown.connect(lambda _note: shown_at.append(clock.now))
    statuses = {"done": 0, "failed": 0}
    for i in range(500):                              # one run every 0.6 s for five minutes
        status = "failed" if i % 25 == 0 else "done"
        statuses[status] += 1
        notifier.run_ended(RunEvent(f"run-{i}", status, "Invoice intake", f"f{i}.pdf", "x"))
        clock.now += 0.6
    while notifier.pending:                           # the timer closing the last windows
        clock.now += 1
        notifier.tick()
    history = notifier.history
    assert 3 <= len(history) <= 10                    # a handful, not 500
    gaps = [b - a for a, b in zip(shown_at, shown_at[1:], strict=False)]
    assert all(g >= 5.0 for g in gaps)               # never more than one per interval
    totals = {"done": 0, "failed": 0}
    for note in history:
        for status, n in note.counts.items():
            totals[status] += n
    assert totals == statuses
    assert history[-1].summary


def test_the_window_is_closed_by_a_real_timer(qtbot, window: QMainWindow) -> None:
    n = Notifier(interval=0.05)                      # the real clock and a short window
    n.set_window(window)
    for i in range(3):
        n.run_ended(done(i))
    assert len(n.history) == 1
    qtbot.waitUntil(lambda: len(n.history) == 2, timeout=5000)
    assert n.history[-1].text == "2 files processed — Invoice intake"


def test_the_wording_of_single_runs_and_summaries(notifier: Notifier, clock: Clock) -> None:
    notifier.run_ended(RunEvent("a", "waiting", "Contract triage", "nda.pdf"))
    notifier.run_ended(RunEvent("b", "done", "Extract text", None))
    notifier.run_ended(RunEvent("c", "done", "Invoice intake", None))
    notifier.run_ended(RunEvent("d", "failed", "Report summary", None, None))
    clock.now += 5
    notifier.tick()
    first, second = notifier.history
    assert (first.title, first.text, first.level) == ("Contract triage needs your approval",
                                                      "nda.pdf waits for your decision", "warning")
    # runs without an input file are runs; more than two workflows are counted
    assert second.text == "2 runs processed, 1 failed — 3 workflows"
    assert second.run_id == "d"
    clock.now += 10
    notifier.tick()
    notifier.run_ended(RunEvent("e", "done", "Extract text", "memo.txt"))
    assert (notifier.history[-1].title, notifier.history[-1].text) == ("Extract text finished",
                                                                       "memo.txt processed")


def test_a_stopped_run_does_not_notify(notifier: Notifier) -> None:
    notifier.run_ended(RunEvent("a", "cancelled", "Invoice intake", "x.pdf"))
    assert notifier.history == []


def test_a_message_is_shown_at_once_outside_the_rate_limit(notifier: Notifier) -> None:
    notifier.run_ended(done(1))
    notifier.message("The clipboard has no text", "Copy some text, then choose the quick action again.")
    assert [n.title for n in notifier.history] == ["Invoice intake finished", "The clipboard has no text"]
    toast = notifier.toast
    assert toast.title_label.text() == "The clipboard has no text"
    assert not toast.hint_label.isVisible()          # nothing to open
    assert notifier.pending == 0


def test_the_toast_hides_itself_after_a_few_seconds(qtbot, window: QMainWindow) -> None:
    n = Notifier(toast_timeout_ms=150)
    n.set_window(window)
    n.run_ended(done(1))
    assert n.toast.isVisible()
    qtbot.waitUntil(lambda: not n.toast.isVisible(), timeout=5000)


def test_without_a_tray_icon_shown_the_toast_is_used(qtbot, notifier: Notifier) -> None:
    icon = QSystemTrayIcon()                          # never shown: offscreen has no tray
    notifier.set_tray(icon)
    assert notifier.backend == "toast"
    notifier.run_ended(done(1))
    assert notifier.toast.isVisible()


def test_without_a_window_the_toast_takes_the_screen_corner(qtbot, clock: Clock) -> None:
    n = Notifier(clock=clock)
    n.run_ended(done(1))
    toast = n.toast
    qtbot.addWidget(toast)
    assert toast.isWindow() and toast.isVisible()
    screen = toast.screen().availableGeometry()
    assert screen.contains(toast.frameGeometry())
    assert toast.geometry().right() > screen.right() - 60


def test_only_background_runs_notify(qtbot, notifier: Notifier, tmp_path: Path) -> None:
    """Through a real RunService: the editor's run is the window's business; a tray run
    and a watched-folder run (it has no owner) notify."""
    from desktop.app.run_service import RunService
    from desktop.engine.fileformat import loads
    from desktop.engine.registry import default_registry

    service = RunService(default_registry())
    notifier.attach(service)
    wf = loads(_WORKFLOW.format(out=tmp_path / "out"))
    source = tmp_path / "note.txt"
    source.write_text("hello", encoding="utf-8")
    finished: list[RunFinished] = []
    service.bridge.runFinished.connect(finished.append)
    try:
        assert service.run(wf, [source], owner="editor")
        qtbot.waitUntil(lambda: len(finished) == 1, timeout=30000)
        assert finished[0].status == "done"
        assert notifier.history == []
        qtbot.waitUntil(lambda: not service.busy)
        with qtbot.waitSignal(service.resultReady, timeout=30000):
            assert service.run(wf, [source], owner="tray")
        qtbot.waitUntil(lambda: len(notifier.history) == 1)
        note: Notification = notifier.history[0]
        assert (note.title, note.text) == ("Note taker finished", "note.txt processed")
        assert note.run_id == service.last_result.run_id
        # a watcher run: its events reach the bridge from another thread, untagged
        service.bridge.listener(RunStarted("w1", "Invoice intake", None, "/inbox/a.pdf", False, time.time()))
        service.bridge.listener(RunFinished("w1", "failed", time.time(), "no text in it"))
        qtbot.waitUntil(lambda: notifier.pending == 1)     # inside the first pop-up's window
        notifier.flush()
        assert notifier.history[-1].title == "Invoice intake failed"
    finally:
        service.close()


_WORKFLOW = """\
schema_version: 1
name: Note taker
folders:
  out: {out}
nodes:
- id: input
  type: core.input_file
- id: read
  type: documents.read
- id: save
  type: files.write_text
  params: {{folder: out, filename: '{{stem}}.txt'}}
links:
- from: input.file
  to: read.file
- from: read.document
  to: save.content
"""
