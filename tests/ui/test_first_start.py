"""A new user's first minutes with the Workflows list: one click opens a workflow,
and the first start stays on the invoice example the README walks through, also
after the welcome copied examples (issue 15, item 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop import paths
from desktop.app.application import FIRST_EXAMPLE, first_workflow
from desktop.engine.fileformat import load_workflow

pytestmark = pytest.mark.gui


def click(qtbot, library, path: Path) -> None:  # type: ignore[no-untyped-def]
    item = library.item_for(path)
    library.tree.scrollToItem(item)
    pos = library.tree.visualItemRect(item).center()
    qtbot.mouseClick(library.tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_one_click_opens_a_workflow(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    example = (paths.examples_dir() / "extract-text.yaml").resolve()
    click(qtbot, window.library, example)
    assert window.editor.path is not None and window.editor.path.resolve() == example
    assert window.editor.workflow.name == load_workflow(example).name
    assert "click to open" in window.library.item_for(example).toolTip(0)
    # arrow keys only move through the list; they open nothing
    opened = window.editor.path
    window.library.tree.setFocus()
    qtbot.keyClick(window.library.tree, Qt.Key.Key_Down)
    assert window.library.current_path() != opened and window.editor.path == opened


def test_a_cancelled_open_leaves_the_list_on_the_open_workflow(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window.new_workflow()
    window.editor.add_step("text.template")           # unsaved work
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.Cancel)
    example = (paths.examples_dir() / "extract-text.yaml").resolve()
    click(qtbot, window.library, example)
    assert asked == ["Unsaved changes"]
    assert window.editor.path is None and window.editor.is_modified()
    assert window.library.current_path() is None, "the list marks a workflow that is not open"


def test_the_first_start_stays_on_the_invoice_example_after_the_welcome(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui import welcome

    # the model check has tests of its own; here it would only load the model
    monkeypatch.setattr(welcome.WelcomeDialog, "check_model", lambda self: None)
    start = first_workflow(window, [])
    assert start == paths.examples_dir() / FIRST_EXAMPLE       # nothing recent: the README's example
    assert window.open(start)
    dialog = welcome.show_welcome(window)
    assert dialog is not None
    # two examples ticked; the other one comes first in the list
    for name in ("Contract triage", "Invoice intake"):
        dialog.example_boxes[name].setChecked(True)
    assert list(dialog.example_boxes).index("Contract triage") < list(dialog.example_boxes).index("Invoice intake")
    with qtbot.waitSignal(dialog.finished_setup, timeout=5000):
        assert dialog.finish()
    opened = window.editor.path
    assert opened is not None and opened.parent.resolve() == paths.user_workflows_dir().resolve()
    assert window.editor.workflow.name == "Invoice intake", window.editor.workflow.name
    assert window.library.current_path() == opened.resolve()


def test_copies_other_than_the_invoice_example_wait_in_my_workflows(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui import welcome

    monkeypatch.setattr(welcome.WelcomeDialog, "check_model", lambda self: None)
    assert window.open(first_workflow(window, []))
    dialog = welcome.show_welcome(window)
    dialog.example_boxes["Extract text"].setChecked(True)
    with qtbot.waitSignal(dialog.finished_setup, timeout=5000):
        assert dialog.finish()
    assert window.editor.path == paths.examples_dir() / FIRST_EXAMPLE
    assert "My workflows" in window.statusBar().currentMessage()
    assert window.library.group_names("My workflows") == ["Extract text"]
