"""The step palette: every step once, search, drag data, activation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from desktop.engine.registry import default_registry
from desktop.ui.palette import CATEGORY_ORDER, MIME_STEP, STEP_ID_ROLE, StepPalette

pytestmark = pytest.mark.gui


@pytest.fixture
def palette(qtbot) -> StepPalette:
    widget = StepPalette(default_registry())
    qtbot.addWidget(widget)
    widget.resize(260, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _double_click(qtbot, viewport, pos) -> None:
    # a real double click starts with a press: item views ignore a bare DblClick event
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=pos)


def _all_ids_in_model(palette: StepPalette) -> list[str]:
    model = palette.model
    ids = []
    for r in range(model.rowCount()):
        cat = model.index(r, 0)
        ids += [model.index(c, 0, cat).data(STEP_ID_ROLE) for c in range(model.rowCount(cat))]
    return ids


def test_lists_every_registered_step_exactly_once(palette: StepPalette) -> None:
    ids = _all_ids_in_model(palette)
    registered = sorted(default_registry().steps)
    assert registered, "no step pack is installed"
    assert sorted(ids) == registered
    assert len(ids) == len(set(ids))
    assert palette.visible_steps() == ids


def test_categories_follow_the_pipeline_order(palette: StepPalette) -> None:
    shown = palette.visible_categories()
    known = [c for c in shown if c in CATEGORY_ORDER]
    assert known == [c for c in CATEGORY_ORDER if c in shown]
    assert shown[: len(known)] == known   # a pack's own categories come after ours
    assert shown[0] == "Input"
    # each step sits under its own category
    for r in range(palette.model.rowCount()):
        cat = palette.model.index(r, 0)
        for c in range(palette.model.rowCount(cat)):
            step_id = palette.model.index(c, 0, cat).data(STEP_ID_ROLE)
            assert palette.spec(step_id).category == cat.data()


def test_search_narrows_by_title_id_and_description(palette: StepPalette) -> None:
    palette.search.setText("SUMM")
    visible = palette.visible_steps()
    assert visible[0] == "ai.summarize" or "ai.summarize" in visible
    # "summ" is in ai.summarize's title and in the description of flow.for_each
    # ("e.g. ai.summarize on each part"), and nowhere else
    expected = {s.spec.id for s in default_registry().all()
                if "summ" in f"{s.spec.title} {s.spec.id} {s.spec.description}".lower()}
    assert set(visible) == expected
    assert "documents.read" not in visible
    assert "Documents" not in palette.visible_categories()

    palette.search.setText("translat")
    assert palette.visible_steps() == ["ai.translate"]
    assert palette.visible_categories() == ["AI"]

    palette.search.setText("documents.read")   # by id
    assert palette.visible_steps() == ["documents.read"]

    palette.search.setText("")
    assert len(palette.visible_steps()) == len(default_registry().steps)


def test_nonsense_search_shows_a_hint(palette: StepPalette) -> None:
    palette.search.setText("qqzzxx")
    assert palette.visible_steps() == []
    assert palette.visible_categories() == []
    assert palette.no_match.isVisible()
    assert "No step matches" in palette.no_match.text()
    assert not palette.tree.isVisible()
    palette.search.clear()
    assert palette.tree.isVisible() and not palette.no_match.isVisible()


def test_all_expanded_while_searching_then_user_collapse_restored(palette: StepPalette) -> None:
    ai_row = next(r for r in range(palette.proxy.rowCount())
                  if palette.proxy.index(r, 0).data() == "AI")
    palette.tree.collapse(palette.proxy.index(ai_row, 0))
    palette.search.setText("text")
    for r in range(palette.proxy.rowCount()):
        assert palette.tree.isExpanded(palette.proxy.index(r, 0))
    palette.search.clear()
    for r in range(palette.proxy.rowCount()):
        index = palette.proxy.index(r, 0)
        assert palette.tree.isExpanded(index) == (index.data() != "AI")


def test_drag_mime_data_carries_the_step_id(palette: StepPalette) -> None:
    index = palette.index_for("ai.summarize")
    assert index.isValid()
    assert index.flags() & Qt.ItemFlag.ItemIsDragEnabled
    mime = palette.model.mimeData([index])
    assert mime.hasFormat(MIME_STEP)
    assert bytes(mime.data(MIME_STEP)).decode("utf-8") == "ai.summarize"
    assert mime.text() == "ai.summarize"
    assert MIME_STEP in palette.model.mimeTypes()
    # through the view's (filtered) model as well, which is what a real drag uses
    proxy_index = palette.proxy.mapFromSource(index)
    assert bytes(palette.proxy.mimeData([proxy_index]).data(MIME_STEP)) == b"ai.summarize"
    # a category row is not a step and drags nothing
    category = index.parent()
    assert not category.flags() & Qt.ItemFlag.ItemIsDragEnabled
    assert palette.model.mimeData([category]) is None


def test_enter_on_an_entry_emits_step_activated(palette: StepPalette, qtbot) -> None:
    assert palette.select_step("text.split")
    palette.tree.setFocus()
    with qtbot.waitSignal(palette.stepActivated, timeout=2000) as blocker:
        qtbot.keyClick(palette.tree, Qt.Key.Key_Return)
    assert blocker.args == ["text.split"]


def test_double_click_on_an_entry_emits_step_activated(palette: StepPalette, qtbot) -> None:
    palette.select_step("documents.read")
    rect = palette.tree.visualRect(palette.tree.currentIndex())
    with qtbot.waitSignal(palette.stepActivated, timeout=2000) as blocker:
        _double_click(qtbot, palette.tree.viewport(), rect.center())
    assert blocker.args == ["documents.read"]


def test_double_click_on_a_category_emits_nothing(palette: StepPalette, qtbot) -> None:
    category = palette.proxy.index(0, 0)
    rect = palette.tree.visualRect(category)
    assert palette.tree.isExpanded(category)
    with qtbot.assertNotEmitted(palette.stepActivated, wait=100):
        _double_click(qtbot, palette.tree.viewport(), rect.center())
    assert not palette.tree.isExpanded(category)   # the click landed: it folded the category


def test_down_arrow_from_search_moves_into_the_list(palette: StepPalette, qtbot) -> None:
    palette.focus_search()
    palette.search.setText("split")
    qtbot.keyClick(palette.search, Qt.Key.Key_Down)
    assert palette.focusWidget() is palette.tree
    assert palette.current_step() == palette.visible_steps()[0] == "text.split"
    # Return in the search box adds the best match without leaving the keyboard
    palette.focus_search()
    with qtbot.waitSignal(palette.stepActivated, timeout=2000) as blocker:
        qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert blocker.args == ["text.split"]


def test_arrow_keys_skip_category_rows(palette: StepPalette, qtbot) -> None:
    palette.select_step("core.input_file")   # the only Input step
    palette.tree.setFocus()
    qtbot.keyClick(palette.tree, Qt.Key.Key_Down)
    assert palette.current_step() == "documents.read"
    qtbot.keyClick(palette.tree, Qt.Key.Key_Up)
    assert palette.current_step() == "core.input_file"
    qtbot.keyClick(palette.tree, Qt.Key.Key_Up)   # nothing above: back to the search box
    assert palette.focusWidget() is palette.search


def test_description_box_shows_the_current_step(palette: StepPalette) -> None:
    assert "Select a step" in palette.details.toPlainText()
    palette.select_step("text.redact_pii")
    text = palette.details.toPlainText()
    spec = palette.spec("text.redact_pii")
    assert spec.title in text and spec.id in text and spec.description[:40] in text
    assert "Inputs" in text and "Outputs" in text
    for port in spec.inputs + spec.outputs:
        assert f"{port.name} {port.type.value}" in text
    # the entry's tooltip carries the description too
    assert spec.description[:40] in palette.index_for("text.redact_pii").data(Qt.ItemDataRole.ToolTipRole)


def test_select_step_clears_a_search_that_hides_it(palette: StepPalette) -> None:
    palette.search.setText("translat")
    assert palette.select_step("documents.read")
    assert palette.search.text() == ""
    assert palette.current_step() == "documents.read"
    assert not palette.select_step("no.such_step")
    assert palette.index_for("no.such_step") == QModelIndex()


@pytest.mark.parametrize(("typed", "best"), [
    ("write", "files.write_text"),     # Agent's description says "write" too, and comes first
    ("Write file", "files.write_text"),
    ("sum", "ai.summarize"),
    ("split", "text.split"),
])
def test_return_in_the_search_adds_the_step_it_names_best(palette: StepPalette, qtbot, typed, best) -> None:  # type: ignore[no-untyped-def]
    palette.search.setFocus()
    qtbot.keyClicks(palette.search, typed)
    with qtbot.waitSignal(palette.stepActivated, timeout=2000) as blocker:
        qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert blocker.args == [best]


def test_match_rank_puts_names_before_descriptions() -> None:
    from desktop.ui.palette import match_rank

    assert match_rank("Write file", "files.write_text", "write file") == 0
    assert match_rank("Write file", "files.write_text", "write") == 1
    assert match_rank("Split text", "text.split", "split") == 1          # a part of the id
    assert match_rank("Find with a pattern", "text.regex", "pat") == 2
    assert match_rank("Agent", "ai.agent", "write") == 4
