"""The toolbar stays still while you edit: Undo and Redo keep one width, the
command they would undo is in their tooltip and in the Edit menu (issue 15, item 12)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def test_undo_and_redo_buttons_keep_their_width_and_name_the_command(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win = window
    tb = win.toolbar
    undo_button, redo_button = tb.widgetForAction(win.act_undo), tb.widgetForAction(win.act_redo)
    run_button = tb.widgetForAction(win.act_run)
    before = (undo_button.width(), redo_button.width(), run_button.x())
    assert win.act_undo.toolTip().startswith("Nothing to undo")

    node = win.editor.add_step("text.template")
    assert node is not None
    win.editor.set_title(node, "A rather long title for this step, to make the command long")
    assert win.act_undo.toolTip().startswith(f"Undo Rename {node}")
    win.act_undo.trigger()         # something to redo as well
    assert win.act_redo.isEnabled()

    after = (undo_button.width(), redo_button.width(), run_button.x())
    assert after == before, "the toolbar buttons moved with the edit"
    assert undo_button.text() == "Undo" and redo_button.text() == "Redo"
    # the command is named where there is room for it: the tooltip and the Edit menu
    assert "Add text.template" in win.act_undo.toolTip()
    assert "Ctrl+Z" in win.act_undo.toolTip()
    assert f"Rename {node}" in win.act_redo.toolTip()
    edit_menu = next(m for m in (a.menu() for a in win.menuBar().actions()) if m and m.title() == "&Edit")
    texts = [a.text() for a in edit_menu.actions()]
    assert any(t.startswith("&Undo") and "Add text.template" in t for t in texts), texts


def test_the_review_button_keeps_its_width_as_approvals_come_and_go(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win = window
    tb = win.toolbar
    review, history = tb.widgetForAction(win.act_review), tb.widgetForAction(win.act_history)
    before = (review.width(), history.x())
    for pending in (3, 12, 0):
        win._show_pending(pending)
        # the toolbar has laid the button out for its new text
        qtbot.waitUntil(lambda: review.width() >= review.sizeHint().width())
        assert (review.width(), history.x()) == before, f"the toolbar moved at {pending} waiting"
    win._show_pending(12)
    assert review.text().replace("&", "") == "Review (12)"
