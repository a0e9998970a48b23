"""The workflow library: examples and the user's own workflows, and the file
operations behind New, Duplicate, Rename and Delete."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop import paths
from desktop.engine.fileformat import load_workflow
from desktop.engine.registry import default_registry
from desktop.engine.validate import validate
from desktop.ui.library import GROUP_EXAMPLES, GROUP_USER, TRASH, WorkflowLibrary

pytestmark = pytest.mark.gui


@pytest.fixture
def library(qtbot) -> WorkflowLibrary:
    widget = WorkflowLibrary()
    qtbot.addWidget(widget)
    widget.resize(260, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _example(name: str = "extract-text.yaml") -> Path:
    path = paths.examples_dir() / name
    assert path.is_file()
    return path.resolve()


def _double_click(qtbot, library: WorkflowLibrary, path: Path) -> None:
    item = library.item_for(path)
    pos = library.tree.visualItemRect(item).center()
    viewport = library.tree.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=pos)   # views need the press
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=pos)


def test_lists_every_example_by_its_name(library: WorkflowLibrary) -> None:
    files = sorted(paths.examples_dir().glob("*.yaml"))
    assert files
    names = sorted(load_workflow(f).name for f in files)
    assert sorted(library.group_names(GROUP_EXAMPLES)) == names
    for f in files:
        entry = library.entry(f)
        assert entry is not None and entry.read_only and not entry.broken
        item = library.item_for(f)
        assert load_workflow(f).description.split()[0] in item.toolTip(0)


def test_user_folder_is_created_and_starts_empty(library: WorkflowLibrary) -> None:
    assert paths.user_workflows_dir().is_dir()
    assert library.group_names(GROUP_USER) == []


def test_new_workflow_is_a_valid_file(library: WorkflowLibrary, qtbot) -> None:
    with qtbot.waitSignal(library.workflowCreated) as blocker:
        first = library.new_workflow()
    assert blocker.args == [str(first)]
    assert first.parent == paths.user_workflows_dir().resolve()
    wf = load_workflow(first)
    assert wf.name == "Untitled workflow"
    assert [n.type for n in wf.nodes] == ["core.input_file", "documents.read"]
    assert [(lk.source_ref, lk.target_ref) for lk in wf.links] == [("input.file", "read.file")]
    assert wf.folders == {"output": "~/Runnel/Output"}
    assert validate(wf, default_registry()) == []

    second = library.new_workflow()
    assert second != first and second.is_file()
    assert load_workflow(second).name == "Untitled workflow 2"
    assert library.group_names(GROUP_USER) == ["Untitled workflow", "Untitled workflow 2"]
    assert library.current_path() == second


def test_duplicate_copies_into_my_workflows(library: WorkflowLibrary, qtbot) -> None:
    source = _example("document-digest.yaml")   # has a folder trigger
    before = source.read_bytes()
    original = load_workflow(source)
    with qtbot.waitSignal(library.workflowCreated) as blocker:
        copy = library.duplicate(source)
    assert blocker.args == [str(copy)]
    assert copy.parent == paths.user_workflows_dir().resolve()
    assert source.read_bytes() == before
    wf = load_workflow(copy)
    assert wf.name == f"{original.name} (copy)"
    assert wf.nodes == original.nodes and wf.links == original.links
    # the copy must not race the original for the same inbox
    assert [t.paused for t in wf.triggers if t.kind == "folder"] == [True]

    again = library.duplicate(source)
    assert again != copy
    assert load_workflow(again).name == f"{original.name} (copy 2)"
    assert f"{original.name} (copy)" in library.group_names(GROUP_USER)
    # a copy of a copy is numbered, not "(copy) (copy)"
    third = library.duplicate(copy)
    assert load_workflow(third).name == f"{original.name} (copy 3)"


def test_rename_changes_name_and_file(library: WorkflowLibrary, qtbot) -> None:
    path = library.new_workflow()
    with qtbot.waitSignal(library.workflowRenamed) as blocker:
        renamed = library.rename(path, "  Monthly report  ")
    assert blocker.args == [str(path), str(renamed)]
    assert renamed.name == "monthly-report.yaml"
    assert not path.exists()
    assert load_workflow(renamed).name == "Monthly report"
    assert library.group_names(GROUP_USER) == ["Monthly report"]
    # a change of case only keeps the file and updates the name
    assert library.rename(renamed, "Monthly Report") == renamed
    assert load_workflow(renamed).name == "Monthly Report"


def test_rename_refuses_empty_name_and_existing_file(library: WorkflowLibrary) -> None:
    a = library.rename(library.new_workflow(), "Alpha")
    b = library.rename(library.new_workflow(), "Beta")
    with pytest.raises(ValueError, match="empty"):
        library.rename(a, "   ")
    with pytest.raises(ValueError, match="already exists"):
        library.rename(b, "alpha")
    assert load_workflow(a).name == "Alpha" and load_workflow(b).name == "Beta"


def test_delete_moves_the_file_into_the_trash(library: WorkflowLibrary, qtbot) -> None:
    path = library.new_workflow()
    content = path.read_bytes()
    with qtbot.waitSignal(library.workflowDeleted) as blocker:
        trashed = library.delete(path)
    assert blocker.args == [str(path)]
    assert not path.exists()
    assert trashed.parent == paths.user_workflows_dir().resolve() / TRASH
    assert trashed.read_bytes() == content
    assert library.group_names(GROUP_USER) == []
    # a second file of the same name does not overwrite the first in the trash
    again = library.new_workflow()
    assert again.name == path.name
    trashed_again = library.delete(again)
    assert trashed_again != trashed and trashed.exists() and trashed_again.exists()


def test_examples_cannot_be_renamed_or_deleted(library: WorkflowLibrary) -> None:
    source = _example()
    before = source.read_bytes()
    with pytest.raises(ValueError, match="example"):
        library.rename(source, "Mine now")
    with pytest.raises(ValueError, match="example"):
        library.delete(source)
    assert source.read_bytes() == before
    library.select_path(source)
    assert library.duplicate_action.isEnabled()
    assert not library.rename_action.isEnabled()
    assert not library.delete_action.isEnabled()


def test_files_added_outside_show_up_broken_ones_with_a_warning(
        library: WorkflowLibrary, qtbot) -> None:
    folder = paths.user_workflows_dir()
    good = folder / "from-elsewhere.yaml"
    shutil.copy(_example(), good)
    qtbot.waitUntil(lambda: library.entry(good) is not None, timeout=5000)
    assert "Extract text" in library.group_names(GROUP_USER)

    broken = folder / "broken.yaml"
    broken.write_text("name: [never closed\n", encoding="utf-8")
    qtbot.waitUntil(lambda: library.entry(broken) is not None, timeout=5000)
    entry = library.entry(broken)
    assert entry.broken and "not valid YAML" in entry.error
    item = library.item_for(broken)
    assert item.text(0) == "broken.yaml"
    assert not item.icon(0).isNull()
    assert "cannot be opened" in item.toolTip(0) and "not valid YAML" in item.toolTip(0)
    # it can still be deleted, but not duplicated or renamed
    library.select_path(broken)
    assert library.delete_action.isEnabled()
    assert not library.duplicate_action.isEnabled() and not library.rename_action.isEnabled()
    with pytest.raises(ValueError, match="cannot be read"):
        library.duplicate(broken)

    broken.unlink()
    qtbot.waitUntil(lambda: library.entry(broken) is None, timeout=5000)


def test_edit_in_place_outside_is_picked_up(library: WorkflowLibrary, qtbot) -> None:
    path = library.new_workflow()
    text = path.read_text(encoding="utf-8").replace("Untitled workflow", "Edited elsewhere")
    with path.open("w", encoding="utf-8") as f:   # in place, not an atomic replace
        f.write(text)
    qtbot.waitUntil(lambda: library.group_names(GROUP_USER) == ["Edited elsewhere"], timeout=5000)


def test_double_click_and_enter_emit_open_requested(library: WorkflowLibrary, qtbot) -> None:
    example = _example()
    with qtbot.waitSignal(library.openRequested, timeout=2000) as blocker:
        _double_click(qtbot, library, example)
    assert blocker.args == [str(example)]

    mine = library.new_workflow()
    library.tree.setFocus()
    with qtbot.waitSignal(library.openRequested, timeout=2000) as blocker:
        qtbot.keyClick(library.tree, Qt.Key.Key_Return)
    assert blocker.args == [str(mine)]


def test_keyboard_duplicate_rename_delete(library: WorkflowLibrary, qtbot, monkeypatch) -> None:
    library.select_path(_example())
    library.tree.setFocus()
    qtbot.keyClick(library.tree, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    copy = library.current_path()
    assert copy.parent == paths.user_workflows_dir().resolve() and copy.is_file()

    monkeypatch.setattr(library, "_ask_name", lambda entry: "Keyboard name")
    qtbot.keyClick(library.tree, Qt.Key.Key_F2)
    renamed = library.current_path()
    assert load_workflow(renamed).name == "Keyboard name" and not copy.exists()

    monkeypatch.setattr(library, "_confirm_delete", lambda entry: False)
    qtbot.keyClick(library.tree, Qt.Key.Key_Delete)
    assert renamed.exists()
    monkeypatch.setattr(library, "_confirm_delete", lambda entry: True)
    qtbot.keyClick(library.tree, Qt.Key.Key_Delete)
    assert not renamed.exists()
    assert (paths.user_workflows_dir() / TRASH / renamed.name).exists()

    # on an example, F2 and Delete do nothing (and ask nothing)
    asked = []
    monkeypatch.setattr(library, "_ask_name", lambda entry: asked.append(entry) or "x")
    monkeypatch.setattr(library, "_confirm_delete", lambda entry: asked.append(entry) or True)
    library.select_path(_example())
    qtbot.keyClick(library.tree, Qt.Key.Key_F2)
    qtbot.keyClick(library.tree, Qt.Key.Key_Delete)
    assert asked == [] and _example().exists()


def test_rename_refusal_in_the_ui_says_why(library: WorkflowLibrary, monkeypatch) -> None:
    library.rename(library.new_workflow(), "Taken")
    other = library.new_workflow()
    warnings = []
    monkeypatch.setattr(library, "_ask_name", lambda entry: "taken")
    monkeypatch.setattr(library, "_warn", lambda title, text: warnings.append(text))
    library.select_path(other)
    library.rename_action.trigger()
    assert len(warnings) == 1 and "already exists" in warnings[0]
    assert other.exists()


def test_search_filters_by_name_and_description(library: WorkflowLibrary) -> None:
    all_paths = library.visible_paths()
    library.search.setText("invoice")
    shown = library.visible_paths()
    assert shown and len(shown) < len(all_paths)
    for p in shown:
        entry = library.entry(p)
        assert "invoice" in (entry.name + entry.description + p.name).lower()
    library.search.setText("zzqqxx")
    assert library.visible_paths() == []
    assert library.no_match.isVisible() and "No workflow matches" in library.no_match.text()
    library.search.clear()
    assert library.visible_paths() == all_paths


def test_context_menu_offers_what_the_entry_allows(library: WorkflowLibrary) -> None:
    def offered(pos) -> dict[str, bool]:
        menu = library.build_context_menu(pos)
        return {a.text(): a.isEnabled() for a in menu.actions() if a.text()}

    example = _example()
    assert offered(library.tree.visualItemRect(library.item_for(example)).center()) == {
        "Open": True, "New": True, "Duplicate": True, "Rename…": False, "Delete…": False,
        "Show in file manager": True}
    assert library.current_path() == example

    mine = library.new_workflow()
    menu = offered(library.tree.visualItemRect(library.item_for(mine)).center())
    assert menu["Rename…"] and menu["Delete…"]

    empty = library.tree.viewport().rect().bottomLeft()
    assert library.tree.itemAt(empty) is None
    assert set(offered(empty)) == {"New", "Show in file manager"}
