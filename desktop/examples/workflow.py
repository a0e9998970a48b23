"""A workflow's steps that take examples, and all of its examples checked at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.engine.workflow import Node, Workflow
from desktop.examples.store import Example, ExampleError, load_examples, node_ids
from desktop.extract.fields import DEFAULT_FIELDS

EXTRACT = "ai.extract_fields"


class NodeChoiceError(ExampleError):
    """Which step is meant is not clear: none takes examples, several do, or the one
    named is not such a step. The message lists the candidates."""


def extract_nodes(wf: Workflow) -> list[Node]:
    return [n for n in wf.nodes if n.type == EXTRACT]


def node_fields(node: Node) -> Any:
    """The step's field list as it runs: its own, or the step's default."""
    if "fields" in node.params:
        return node.params["fields"]
    return DEFAULT_FIELDS


def choose_node(wf: Workflow, node_id: str | None) -> Node:
    """The step `node_id` names, or the workflow's only extract step when it is None."""
    nodes = extract_nodes(wf)
    names = ", ".join(n.id for n in nodes)
    if node_id is not None:
        node = wf.node(node_id)
        if node is None:
            raise NodeChoiceError(f"the workflow has no step '{node_id}'"
                                  + (f"; its {EXTRACT} steps: {names}" if nodes else ""))
        if node.type != EXTRACT:
            raise NodeChoiceError(f"step '{node_id}' is a {node.type} step; only {EXTRACT} "
                                  "steps take examples" + (f" (here: {names})" if nodes else ""))
        return node
    if not nodes:
        raise NodeChoiceError(f"the workflow '{wf.name}' has no {EXTRACT} step, so it takes "
                              "no examples")
    if len(nodes) > 1:
        raise NodeChoiceError(f"the workflow has {len(nodes)} {EXTRACT} steps ({names}); "
                              "say which one with --node")
    return nodes[0]


def reviewed_step(wf: Workflow, node_id: str) -> Node | None:
    """The extract step whose record reaches step `node_id` (an approval), nearest first
    along the links upstream; None when no extract step feeds it."""
    seen, frontier = {node_id}, [node_id]
    while frontier:
        upstream = []
        for target in frontier:
            for link in wf.links:
                if link.target == target and link.source not in seen:
                    seen.add(link.source)
                    upstream.append(link.source)
        for source in upstream:
            node = wf.node(source)
            if node is not None and node.type == EXTRACT:
                return node
        frontier = upstream
    return None


def load_all(dir: Path | str, wf: Workflow,
             node_id: str | None = None) -> tuple[list[Example], list[str]]:
    """The good examples of every extract step (or of `node_id`) and the problems of
    the bad ones, including examples kept for a step the workflow no longer has."""
    examples: list[Example] = []
    problems: list[str] = []
    nodes = [choose_node(wf, node_id)] if node_id is not None else extract_nodes(wf)
    for node in nodes:
        good, bad = load_examples(dir, node.id, node_fields(node))
        examples += good
        problems += bad
    if node_id is None:
        known = {n.id for n in nodes}
        for stray in node_ids(dir):
            if stray not in known:
                node = wf.node(stray)
                what = ("the workflow has no such step (renamed or removed?)" if node is None
                        else f"that step is a {node.type} step, not {EXTRACT}")
                problems.append(f"{Path(dir) / stray}: examples for step '{stray}', but {what}")
    return examples, problems
