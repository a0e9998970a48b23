"""Declared folders edited like the rest of the workflow: add, give another path,
rename (the steps naming it follow), remove; and the folders that cannot take files
are problems like any other."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.engine.editing import (EditRefused, FoldersChanged, NodeChanged, WorkflowDocument,
                                    folder_problems)
from desktop.engine.fileformat import dumps, loads
from desktop.engine.registry import default_registry
from desktop.engine.workflow import Workflow


@pytest.fixture
def doc(tmp_path: Path) -> WorkflowDocument:
    d = WorkflowDocument(Workflow("t", folders={"output": str(tmp_path / "out")}), default_registry())
    d.changes = []  # type: ignore[attr-defined]
    d.observe(d.changes.append)  # type: ignore[attr-defined]
    return d


def test_declare_rename_and_remove_a_folder(doc: WorkflowDocument, tmp_path: Path) -> None:
    write = doc.add_node("files.write_text", 0, 0)
    copy = doc.add_node("files.copy_file", 200, 0)
    doc.set_folder("archive", "~/Runnel/Archive")
    assert list(doc.workflow.folders) == ["output", "archive"]
    assert isinstance(doc.changes[-1], FoldersChanged)
    # renaming keeps the folder's place and the steps that named it
    users = doc.rename_folder("output", "reports")
    assert list(doc.workflow.folders) == ["reports", "archive"]
    assert (write.id, "folder") in users and write.params["folder"] == "reports"
    assert NodeChanged(write.id) in doc.changes
    assert copy.params["folder"] == "reports"
    # only the unlinked inputs are problems: no step names a folder that is not declared
    assert {p.message for p in doc.problems()} == {"required input 'content' (any) is not connected",
                                                   "required input 'file' (file) is not connected"}
    # the file keeps what the panel did
    assert loads(dumps(doc.workflow)).folders == {"reports": str(tmp_path / "out"),
                                                 "archive": "~/Runnel/Archive"}
    # removing leaves the step naming it, which is then a problem of that step
    index, path = doc.remove_folder("reports")
    assert (index, path) == (0, str(tmp_path / "out"))
    assert any(p.node == write.id and "does not declare" in p.message for p in doc.problems())
    doc.set_folder("reports", path, index)            # undo puts it back where it was
    assert list(doc.workflow.folders) == ["reports", "archive"]


def test_bad_names_and_paths_are_refused_with_a_sentence(doc: WorkflowDocument) -> None:
    assert "already has a folder" in doc.folder_name_problem("output")
    assert "cannot name a folder" in doc.folder_name_problem("my reports")
    assert "cannot name a folder" in doc.folder_name_problem("1st")
    assert doc.folder_name_problem("output", renaming="output") is None
    with pytest.raises(EditRefused, match="needs a path"):
        doc.set_folder("archive", "  ")
    doc.set_folder("archive", "/a")
    with pytest.raises(EditRefused, match="already has a folder"):
        doc.rename_folder("archive", "output")
    with pytest.raises(EditRefused, match="no folder called"):
        doc.rename_folder("nope", "x")


def test_undoing_a_rename_only_renames_back_what_it_renamed(doc: WorkflowDocument) -> None:
    write = doc.add_node("files.write_text", 0, 0)
    other = doc.add_node("files.write_text", 0, 200, {"folder": "reports"})   # names an undeclared one
    users = doc.rename_folder("output", "reports")
    assert write.params["folder"] == other.params["folder"] == "reports"
    doc.rename_folder("reports", "output", users)
    assert write.params["folder"] == "output" and other.params["folder"] == "reports"


def test_folders_that_cannot_take_files_are_problems(tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    locked = tmp_path / "locked"
    locked.mkdir()
    wf = Workflow("t", folders={"fine": str(tmp_path / "later" / "made"),     # created on first write
                                "here": str(tmp_path),
                                "file": str(a_file),
                                "under_file": str(a_file / "sub"),
                                "locked": str(locked / "inside")})
    locked.chmod(0o500)
    try:
        messages = [p.message for p in folder_problems(wf)]
    finally:
        locked.chmod(0o700)
    assert any(m.startswith("folder 'file':") and "is a file, not a folder" in m for m in messages)
    assert any(m.startswith("folder 'under_file':") and "cannot be created" in m for m in messages)
    if os.geteuid() != 0:                       # root may write anywhere
        assert any(m.startswith("folder 'locked':") and "not writable" in m for m in messages)
    assert not any("'fine'" in m or "'here'" in m for m in messages)
    doc = WorkflowDocument(wf, default_registry())
    assert {p.message for p in folder_problems(wf)} <= {p.message for p in doc.problems()}
