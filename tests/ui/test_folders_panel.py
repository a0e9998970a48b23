"""The Folders panel: the workflow's named folders (name -> path) shown, added,
renamed, re-pointed, removed through the undo stack, opened in the file manager;
their problems listed like any other; and the inspector's New folder…."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from desktop.ui.folders_panel import FolderDialog
from desktop.ui.param_editors import FolderEditor
from desktop.ui.param_editors.folder import NEW_FOLDER, NEW_FOLDER_TEXT
from tests.ui.test_main_window import add_from_palette, select

pytestmark = pytest.mark.gui


def answer_folder_dialog(name: str, path: str | None = None, deadline: float = 10.0) -> list[str]:
    """Type into the folder dialog as soon as it is up, and press OK; the returned
    list gets the dialog's title (so a test can tell it was answered)."""
    answered: list[str] = []
    until = time.monotonic() + deadline

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FolderDialog):
            if time.monotonic() < until:
                QTimer.singleShot(20, fill)
            return
        dialog.name_edit.selectAll()
        QTest.keyClicks(dialog.name_edit, name)
        if path is not None:
            dialog.path_edit.selectAll()
            QTest.keyClicks(dialog.path_edit, path)
        answered.append(dialog.windowTitle())
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, fill)
    return answered


def rows(panel) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    tree = panel.tree
    return [(tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1)) for i in range(tree.topLevelItemCount())]


def test_the_panel_shows_adds_renames_repoints_and_removes_folders_with_undo(
        qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    panel, stack = win.folders_panel, win.editor.undo_stack
    tabs = win.side_tabs
    assert tabs.tabText(tabs.indexOf(panel)) == "Folders"
    assert rows(panel) == [("output", "~/Runnel/Output")]
    assert "created when a step first writes" in panel.detail.text()

    write = add_from_palette(qtbot, win, "files.write_text")
    assert win.editor.document.node(write).params["folder"] == "output"

    # Add… with the dialog, as a person would
    answered = answer_folder_dialog("archive", str(tmp_path / "archive"))
    assert panel.ask_add() == "archive"
    assert answered == ["New folder"]
    assert win.editor.workflow.folders["archive"] == str(tmp_path / "archive")
    assert rows(panel)[-1] == ("archive", str(tmp_path / "archive"))
    assert stack.undoText() == "Add folder archive"
    stack.undo()
    assert "archive" not in win.editor.workflow.folders and len(rows(panel)) == 1
    stack.redo()
    assert "archive" in win.editor.workflow.folders

    # Rename…: the step using it follows, in the same undo step
    panel.select("output")
    answer_folder_dialog("reports")
    assert panel.ask_rename()
    assert list(win.editor.workflow.folders) == ["reports", "archive"]
    assert win.editor.document.node(write).params["folder"] == "reports"
    assert write in win.statusBar().currentMessage()
    select(win, write)
    assert win.inspector.editor("folder").combo.currentText() == "reports"
    stack.undo()
    assert list(win.editor.workflow.folders) == ["output", "archive"]
    assert win.editor.document.node(write).params["folder"] == "output"
    assert win.inspector.editor("folder").combo.currentText() == "output"

    # another path, then removing it: the step naming it shows the problem
    assert panel.set_path("output", str(tmp_path / "elsewhere"))
    assert stack.undoText() == "Change the path of folder output"
    assert panel.remove_folder("output")
    win.editor.revalidate()
    problems = [win.run_panel.problems.item(i).text() for i in range(win.run_panel.problems.count())]
    assert any("names folder 'output'" in p and "does not declare" in p for p in problems)
    assert ("⚠ output", "not declared") in rows(panel)
    stack.undo()
    assert win.editor.workflow.folders["output"] == str(tmp_path / "elsewhere")
    assert ("⚠ output", "not declared") not in rows(panel)

    # bad names are refused with a sentence, and nothing changes
    count = stack.count()
    assert not panel.add_folder("archive", "/tmp/x")
    assert "already has a folder called 'archive'" in win.statusBar().currentMessage()
    assert not panel.rename_folder("archive", "two words")
    assert stack.count() == count


def test_a_folder_that_cannot_take_files_is_a_problem_like_any_other(
        qtbot, window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    not_a_folder = tmp_path / "report.txt"
    not_a_folder.write_text("a file")
    assert win.folders_panel.set_path("output", str(not_a_folder))
    win.editor.revalidate()
    problems = [win.run_panel.problems.item(i).text() for i in range(win.run_panel.problems.count())]
    assert any("folder 'output'" in p and "is a file, not a folder" in p for p in problems)
    assert rows(win.folders_panel)[0][0] == "⚠ output"
    assert "is a file, not a folder" in win.folders_panel.detail.text()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    assert not win.run(inputs=[not_a_folder])              # refused with the problem listed
    assert warnings and "is a file, not a folder" in warnings[0]
    win.editor.undo_stack.undo()
    assert win.editor.revalidate() == [] or all("folder 'output'" not in p.message for p in win.editor.problems)


def test_activating_a_folders_problem_shows_that_folder_in_the_folders_tab(
        qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    not_a_folder = tmp_path / "report.txt"
    not_a_folder.write_text("a file")
    assert win.folders_panel.add_folder("archive", str(tmp_path / "archive"))
    assert win.folders_panel.set_path("output", str(not_a_folder))
    win.folders_panel.select("archive")
    win.side_tabs.setCurrentWidget(win.inspector)
    win.editor.revalidate()
    problems = win.run_panel.problems
    item = next(problems.item(i) for i in range(problems.count())
                if "folder 'output'" in problems.item(i).text())
    problems.itemActivated.emit(item)
    assert win.side_tabs.currentWidget() is win.folders_panel
    assert win.folders_panel.selected() == "output"


class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_open_shows_the_folder_in_the_file_manager(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    target = tmp_path / "Out" / "Sub"
    win.folders_panel.set_path("output", str(target))
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")       # stands in for the file manager
    try:
        win.folders_panel.select("output")
        win.folders_panel.open_button.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in catcher.urls] == [str(target)]
    assert target.is_dir()                                        # made first, as a write would
    assert win.statusBar().currentMessage() == f"Opened {target}"


def test_the_inspectors_folder_picker_declares_a_new_folder(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    write = add_from_palette(qtbot, win, "files.write_text")
    select(win, write)
    editor = win.inspector.editor("folder")
    assert isinstance(editor, FolderEditor)
    combo = editor.combo
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[0] == "output" and texts[-1] == NEW_FOLDER_TEXT
    answered = answer_folder_dialog("invoices", str(tmp_path / "Invoices"))
    combo.setCurrentIndex(combo.findData(NEW_FOLDER))
    qtbot.waitUntil(lambda: win.editor.document.node(write).params.get("folder") == "invoices")
    assert answered == ["New folder"]
    assert win.editor.workflow.folders["invoices"] == str(tmp_path / "Invoices")
    assert ("invoices", str(tmp_path / "Invoices")) in rows(win.folders_panel)
    assert combo.currentText() == "invoices"
    # one Undo takes back both the folder and the step's choice of it
    stack = win.editor.undo_stack
    assert stack.undoText() == "New folder invoices"
    stack.undo()
    assert win.editor.document.node(write).params["folder"] == "output"
    assert "invoices" not in win.editor.workflow.folders
    assert [combo.itemText(i) for i in range(combo.count())][0] == "output"
    assert combo.findText("invoices") == -1
    stack.redo()
    assert win.editor.workflow.folders["invoices"] == str(tmp_path / "Invoices")
    assert win.editor.document.node(write).params["folder"] == "invoices"


def test_cancelling_new_folder_changes_nothing(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    write = add_from_palette(qtbot, win, "files.write_text")
    select(win, write)
    combo = win.inspector.editor("folder").combo
    count = win.editor.undo_stack.count()
    seen: list[bool] = []

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, FolderDialog):
            seen.append(True)
            dialog.reject()
        else:
            QTimer.singleShot(20, cancel)

    QTimer.singleShot(0, cancel)
    combo.setCurrentIndex(combo.findData(NEW_FOLDER))
    qtbot.waitUntil(lambda: bool(seen))
    assert combo.currentText() == "output"
    assert win.editor.undo_stack.count() == count
    assert list(win.editor.workflow.folders) == ["output"]
