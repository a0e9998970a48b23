"""The editable workflow model the canvas observes: each edit, its event, its undo data."""

from __future__ import annotations

import pytest

from desktop.engine.editing import (EditRefused, LinkAdded, LinkRemoved, NodeAdded, NodeChanged,
                                    NodeRemoved, WorkflowDocument)
from desktop.engine.fileformat import dumps, load_workflow
from desktop.engine.registry import default_registry
from desktop.engine.workflow import Link, Workflow
from tests.conftest import WORKFLOWS


@pytest.fixture
def doc() -> WorkflowDocument:
    d = WorkflowDocument(Workflow("t", folders={"output": "~/out"}), default_registry())
    d.changes = []  # type: ignore[attr-defined]
    d.observe(d.changes.append)  # type: ignore[attr-defined]
    return d


def test_building_a_valid_workflow_step_by_step(doc: WorkflowDocument) -> None:
    src = doc.add_node("core.input_file", 0, 0)
    read = doc.add_node("documents.read", 200, 0)
    write = doc.add_node("files.write_text", 400, 0)
    assert write.params == {"folder": "output"}          # required folder pre-filled
    doc.add_link(Link(src.id, "file", read.id, "file"))
    doc.add_link(Link(read.id, "document", write.id, "content"))   # document feeds text
    assert doc.problems() == []
    assert [type(c) for c in doc.changes] == [NodeAdded] * 3 + [LinkAdded] * 2


def test_connection_problems_are_sentences(doc: WorkflowDocument) -> None:
    a = doc.add_node("core.input_file", 0, 0)
    read = doc.add_node("documents.read", 200, 0)
    summ = doc.add_node("ai.summarize", 400, 0)
    assert "takes" in doc.connection_problem(a.id, "file", summ.id, "text")   # file -> text
    assert doc.connection_problem(read.id, "document", read.id, "file") == "a step cannot feed itself"
    doc.add_link(Link(read.id, "document", summ.id, "text"))
    tmpl = doc.add_node("text.template", 600, 0)
    doc.add_link(Link(summ.id, "text", tmpl.id, "text"))
    # a link back from the end to an earlier step would loop
    problem = doc.connection_problem(tmpl.id, "text", summ.id, "text")
    assert problem and "loop" in problem
    with pytest.raises(EditRefused, match="already has a link"):
        doc.add_link(Link(read.id, "document", tmpl.id, "text"))
    assert doc.connection_problem(read.id, "nope", summ.id, "text") == "'read' has no output 'nope'"


def test_remove_and_restore_put_back_nodes_and_links_in_place() -> None:
    wf = load_workflow(WORKFLOWS / "invoice-intake.yaml")
    before = dumps(wf)
    doc = WorkflowDocument(wf, default_registry())
    middle = wf.nodes[2].id
    removed = doc.remove_nodes([middle])
    assert doc.workflow.node(middle) is None
    assert all(middle not in (lk.source, lk.target) for lk in doc.workflow.links)
    doc.restore(removed)
    assert dumps(doc.workflow) == before


def test_classify_labels_change_its_output_ports(doc: WorkflowDocument) -> None:
    node = doc.add_node("ai.classify", 0, 0)
    doc.set_param(node.id, "labels", [{"label": "bill", "description": "x"},
                                      {"label": "letter", "description": "y"}])
    names = [p.name for p in doc.outputs(node.id)]
    assert "bill" in names and "letter" in names and "invoice" not in names
    doc.set_error_policy(node.id, "branch")
    assert doc.outputs(node.id)[-1].name == "error"
    assert isinstance(doc.changes[-1], NodeChanged)
    doc.set_param(node.id, "labels", None)          # back to the default
    assert "labels" not in doc.node(node.id).params


def test_insertion_ports_for_dropping_a_step_on_a_link(doc: WorkflowDocument) -> None:
    read = doc.add_node("documents.read", 0, 0)
    write = doc.add_node("files.write_text", 400, 0)
    link = Link(read.id, "document", write.id, "content")
    doc.add_link(link)
    assert doc.insertion_ports("ai.summarize", link) == ("text", "text")
    assert doc.insertion_ports("core.input_file", link) is None


def test_copy_paste_gets_fresh_ids_and_keeps_inner_links(doc: WorkflowDocument) -> None:
    read = doc.add_node("documents.read", 0, 0)
    summ = doc.add_node("ai.summarize", 200, 0)
    doc.add_link(Link(read.id, "document", summ.id, "text"))
    nodes, links = doc.paste_plan(doc.fragment([read.id, summ.id]), 30, 30)
    assert [n.id for n in nodes] == ["read_2", "summarize_2"]
    assert links == [Link("read_2", "document", "summarize_2", "text")]
    doc.insert_nodes(nodes, links)
    assert len(doc.workflow.nodes) == 4 and len(doc.workflow.links) == 2
    # a clipboard edited into nonsense pastes nothing and raises nothing
    assert doc.paste_plan({"nodes": [{"type": "nope"}, 3, {"id": "x"}], "links": [1]}, 0, 0) == ([], [])


def test_tidy_lays_out_columns_in_dependency_order() -> None:
    wf = load_workflow(WORKFLOWS / "contract-triage.yaml")
    doc = WorkflowDocument(wf, default_registry())
    pos = doc.tidy_positions()
    assert set(pos) == {n.id for n in wf.nodes}
    for link in wf.links:
        assert pos[link.source][0] < pos[link.target][0]
    assert len(set(pos.values())) == len(pos)          # no two nodes on one spot


def test_remove_link_reports_its_index(doc: WorkflowDocument) -> None:
    read = doc.add_node("documents.read", 0, 0)
    write = doc.add_node("files.write_text", 400, 0)
    link = Link(read.id, "document", write.id, "content")
    doc.add_link(link)
    assert doc.remove_link(link) == 0
    assert isinstance(doc.changes[-1], LinkRemoved)
    doc.remove_nodes([write.id])
    assert isinstance(doc.changes[-1], NodeRemoved)
