"""Running in the window: Run names the file a re-run uses and asks for one when
there is none (or it moved away); a file whose content was already run asks first
(Run again / Open that run), instead of filing a second copy silently."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.paths import user_workflows_dir
from desktop.ui.rerun_dialog import AlreadyRunDialog
from tests.e2e.test_cli_rerun import NOTES  # the same small workflow, run from the window

pytestmark = pytest.mark.gui


def notes_workflow(out: Path) -> Path:
    folder = user_workflows_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "notes.yaml"
    path.write_text(NOTES.format(out=out), encoding="utf-8")
    return path


class FileDialog:
    """Stands in for the file dialog: answers with the next files, records each ask."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.asked: list[tuple[str, str]] = []
        self.answers: list[list[Path]] = []
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", self._ask)

    def _ask(self, parent, title, start, *rest):  # type: ignore[no-untyped-def]
        self.asked.append((title, start))
        files = self.answers.pop(0) if self.answers else []
        return [str(p) for p in files], ""


class Seen(list):
    """The texts of the dialog answered; stop() ends the watch for it."""
    active = True

    def stop(self) -> None:
        self.active = False


def answer_already_run(qtbot, click: Callable[[AlreadyRunDialog], object]) -> Seen:  # type: ignore[no-untyped-def]
    """Clicks a button of the already-run dialog once it shows (run() waits in it)."""
    seen = Seen()
    deadline = time.monotonic() + 30

    def look() -> None:
        if not seen.active:
            return
        for w in QApplication.topLevelWidgets():
            if isinstance(w, AlreadyRunDialog) and w.isVisible():
                seen.extend([w.text(), w.informativeText()])
                click(w).click()  # type: ignore[attr-defined]
                return
        if time.monotonic() < deadline:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    return seen


def press_ctrl_r(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    QTest.keyClick(win.editor.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)


def test_run_asks_for_a_file_and_then_names_the_one_a_rerun_uses(
        qtbot, window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    win = window
    out = tmp_path / "out"
    assert win.open(notes_workflow(out))
    dialog = FileDialog(monkeypatch)
    button = win.toolbar.widgetForAction(win.act_run)
    assert button.text() == "Run…"                        # no file yet: it will ask
    assert "choose a file" in win.act_run.toolTip()

    doc = tmp_path / "inbox" / "invoice.txt"
    doc.parent.mkdir()
    doc.write_text("Invoice 7\n", encoding="utf-8")
    dialog.answers.append([doc])
    with qtbot.waitSignal(win.runFinished, timeout=60_000) as done:
        press_ctrl_r(qtbot, win)
    assert done.args[0].ok, done.args[0].error
    assert [t for t, _ in dialog.asked] == ["Run on which files?"]
    assert button.text() == "Run on invoice.txt"
    assert str(doc) in win.act_run.toolTip()

    # the file moved away (filed by a workflow, say): Run asks again, where it was
    filed = tmp_path / "filed"
    filed.mkdir()
    shutil.move(str(doc), filed / "invoice.txt")
    other = filed / "second.txt"
    other.write_text("Invoice 8\n", encoding="utf-8")
    dialog.answers.append([other])
    with qtbot.waitSignal(win.runFinished, timeout=60_000) as done:
        press_ctrl_r(qtbot, win)
    assert done.args[0].ok
    assert dialog.asked[-1] == ("invoice.txt is no longer there: run on which files?", str(doc.parent))
    assert button.text() == "Run on second.txt"

    # another workflow: nothing to re-run, so Run asks again
    win.new_workflow()
    assert button.text() == "Run…"
    # one without an input step runs without a file, and says so
    win.editor.scene.select_nodes(["input", "read"])
    win.editor.delete_selected()
    qtbot.waitUntil(lambda: button.text() == "Run")
    assert "takes no input file" in win.act_run.toolTip()


def test_a_file_already_run_asks_run_again_or_open_that_run(
        qtbot, window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    win = window
    out = tmp_path / "out"
    assert win.open(notes_workflow(out))
    doc = tmp_path / "invoice.txt"
    doc.write_text("Invoice 7\n", encoding="utf-8")
    with qtbot.waitSignal(win.runFinished, timeout=60_000) as done:
        assert win.run(inputs=[doc])
    first = done.args[0]
    assert first.ok and [p.name for p in out.iterdir()] == ["invoice.txt"]
    # Run again on the file the last run here used (the edit-and-run loop): not asked
    asked = answer_already_run(qtbot, lambda d: d.cancel_button)
    with qtbot.waitSignal(win.runFinished, timeout=60_000):
        assert win.run()          # returns at once: it did not wait in a dialog
    asked.stop()
    assert asked == []
    out.joinpath("invoice (2).txt").unlink()         # the second copy that loop made

    # the same content again, under another name: asked; Run Again files a second copy
    copy = tmp_path / "invoice copy.txt"
    shutil.copy(doc, copy)
    texts = answer_already_run(qtbot, lambda d: d.run_button)
    with qtbot.waitSignal(win.runFinished, timeout=60_000) as done:
        assert win.run(inputs=[copy])
    assert done.args[0].ok
    assert texts[0].startswith("This file was already run today at ")
    assert "same content as invoice.txt" in texts[1]
    assert sorted(p.name for p in out.iterdir()) == ["invoice copy.txt", "invoice.txt"]

    # Open That Run: nothing runs, History shows the newest earlier run
    answer_already_run(qtbot, lambda d: d.open_button)
    assert not win.run(inputs=[doc])
    assert not win.service.busy
    assert win.history_window is not None and win.history_window.isVisible()
    assert win.history_window.selected_run()["id"] == done.args[0].run_id
    assert sorted(p.name for p in out.iterdir()) == ["invoice copy.txt", "invoice.txt"]

    # several files, one of them new: Skip runs only the new one
    new = tmp_path / "new.txt"
    new.write_text("Invoice 9\n", encoding="utf-8")
    texts = answer_already_run(qtbot, lambda d: d.skip_button)
    with qtbot.waitSignal(win.runFinished, timeout=60_000) as done:
        assert win.run(inputs=[doc, new])
    assert texts[0] == "1 of these 2 files was already run by this workflow."
    assert done.args[0].input_path == new
    assert sorted(p.name for p in out.iterdir()) == ["invoice copy.txt", "invoice.txt", "new.txt"]

    # a dry run changes nothing: no question
    with qtbot.waitSignal(win.runFinished, timeout=60_000):
        assert win.run(inputs=[doc], dry_run=True)
