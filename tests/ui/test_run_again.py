"""Running in the window: Run names the file a re-run uses and asks for one when
there is none (or it moved away)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from desktop.paths import user_workflows_dir

pytestmark = pytest.mark.gui

NOTES = """\
schema_version: 1
name: Notes
folders:
  out: {out}
nodes:
- {{id: input, type: core.input_file}}
- {{id: read, type: documents.read}}
- {{id: note, type: text.template, params: {{template: '{{{{ document.text }}}}'}}}}
- {{id: save, type: files.write_text, params: {{folder: out, filename: '{{stem}}.txt'}}}}
links:
- {{from: input.file, to: read.file}}
- {{from: read.document, to: note.document}}
- {{from: note.text, to: save.content}}
"""


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
