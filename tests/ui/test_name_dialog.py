"""Saving a new workflow asks for its name first, and the file is named after it;
the name dialogs are wide enough for their title (issue 15, item 6)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.paths import user_workflows_dir
from desktop.ui.name_dialog import NameDialog, title_width

pytestmark = pytest.mark.gui


def answer(handler: Callable[[NameDialog], None]) -> list[NameDialog]:
    """Answer the next NameDialog when it opens (it is modal: exec() blocks the test)."""
    seen: list[NameDialog] = []
    timer = QTimer(interval=20)

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, NameDialog) and dialog.isVisible():
            timer.stop()
            seen.append(dialog)
            handler(dialog)

    timer.timeout.connect(poll)
    timer.start()
    answer.timer = timer  # type: ignore[attr-defined]     # kept alive until the dialog shows
    return seen


def type_name(text: str) -> Callable[[NameDialog], None]:
    def handler(dialog: NameDialog) -> None:
        dialog.edit.selectAll()
        QTest.keyClicks(dialog.edit, text)
        QTest.keyClick(dialog.edit, Qt.Key.Key_Return)
    return handler


def test_ctrl_s_on_a_new_workflow_asks_for_its_name(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    win.editor.add_step("text.template")
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    before = set(user_workflows_dir().glob("*.yaml"))

    shown: list[str] = []

    def supplier(dialog: NameDialog) -> None:
        dialog.edit.selectAll()
        QTest.keyClicks(dialog.edit, "Supplier letters")
        shown.append(dialog.file_label.text())      # the file the name gives, before saving
        QTest.keyClick(dialog.edit, Qt.Key.Key_Return)

    seen = answer(supplier)
    qtbot.keyClick(win, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert seen, "Ctrl+S on a new workflow saved without asking for a name"
    assert seen[0].edit.text() == "Supplier letters"

    target = user_workflows_dir() / "supplier-letters.yaml"
    assert set(user_workflows_dir().glob("*.yaml")) - before == {target}
    assert shown == [f"Saved as {target}"]
    assert "name: Supplier letters" in target.read_text(encoding="utf-8")
    assert win.editor.path == target and not win.editor.is_modified()
    assert win.windowTitle().startswith("Supplier letters")
    assert win.library.current_path() == target.resolve()

    # saved once, it has a file: the next Ctrl+S just saves, without asking
    win.editor.add_step("text.template")
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)      # back from the dialog
    seen_again = answer(type_name("Not asked"))
    qtbot.keyClick(win, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    answer.timer.stop()  # type: ignore[attr-defined]
    assert not seen_again and not win.editor.is_modified()


def test_cancelling_the_name_saves_nothing_and_keeps_the_changes(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    win.editor.add_step("text.template")
    before = set(user_workflows_dir().glob("*.yaml"))
    seen = answer(lambda d: d.reject())
    assert win.save() is False
    assert seen and set(user_workflows_dir().glob("*.yaml")) == before
    assert win.editor.path is None and win.editor.is_modified()


def test_an_empty_name_cannot_be_saved(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()

    def clear_then_name(dialog: NameDialog) -> None:
        dialog.edit.clear()
        assert not dialog.ok_button.isEnabled()
        assert dialog.file_label.text() == "A workflow needs a name."
        QTest.keyClick(dialog.edit, Qt.Key.Key_Return)          # refused: still open
        assert dialog.isVisible()
        QTest.keyClicks(dialog.edit, "  Two   words ")
        QTest.keyClick(dialog.edit, Qt.Key.Key_Return)

    answer(clear_then_name)
    assert win.save()
    assert win.editor.path == user_workflows_dir() / "two-words.yaml"
    assert win.editor.workflow.name == "Two words"


def test_the_rename_dialog_is_wide_enough_for_its_title(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    library = window.library
    path = library.new_workflow()
    seen = answer(type_name("Renamed on purpose"))
    library.select_path(path)
    library.tree.setFocus()
    QTest.keyClick(library.tree, Qt.Key.Key_F2)
    assert seen
    dialog = seen[0]
    assert dialog.windowTitle() == "Rename workflow"
    # the desktop shows "Rename workflow — Runnel" in the title bar, with its buttons
    assert dialog.width() >= title_width("Rename workflow") > 300
    assert library.current_path() == (user_workflows_dir() / "renamed-on-purpose.yaml").resolve()
    assert Path(library.current_path()).read_text(encoding="utf-8").count("Renamed on purpose") == 1
