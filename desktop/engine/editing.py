"""The workflow being edited: every change the editor can make, each announced to
observers as a plain event. No Qt: the canvas observes it (node -> item maps), undo
commands call it, and tests drive it directly. Connection checks (type, loop, one
link per input) live here, so the canvas only asks."""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Union

from desktop.engine.graph import find_cycle
from desktop.engine.registry import Registry
from desktop.engine.spec import ERROR_OUTPUT, Port, StepSpec, find_output
from desktop.engine.types import can_connect
from desktop.engine.validate import Problem, validate
from desktop.engine.workflow import ERROR_POLICIES, Link, Node, Workflow


class EditRefused(Exception):
    """An edit that would break the workflow; the message says why in a sentence."""


@dataclass(frozen=True)
class NodeAdded:
    node_id: str


@dataclass(frozen=True)
class NodeRemoved:
    node_id: str


@dataclass(frozen=True)
class NodeMoved:
    node_id: str


@dataclass(frozen=True)
class NodeChanged:
    """Params, title or error policy changed (its ports may have changed too)."""
    node_id: str


@dataclass(frozen=True)
class LinkAdded:
    link: Link


@dataclass(frozen=True)
class LinkRemoved:
    link: Link


@dataclass(frozen=True)
class FoldersChanged:
    """A declared folder was added, renamed, removed or given another path."""


@dataclass(frozen=True)
class WorkflowReset:
    """Everything may have changed (a file opened, settings of the workflow edited)."""


Change = Union[NodeAdded, NodeRemoved, NodeMoved, NodeChanged, LinkAdded, LinkRemoved, FoldersChanged,
               WorkflowReset]

FOLDER_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class Removed:
    """What removing nodes took away, so undo can put it back exactly."""
    nodes: tuple[tuple[int, Node], ...]      # (position in the node list, node)
    links: tuple[tuple[int, Link], ...]


class WorkflowDocument:
    def __init__(self, workflow: Workflow, registry: Registry):
        self.workflow = workflow
        self.registry = registry
        self._observers: list[Callable[[Change], None]] = []

    # ------------------------------------------------------------ observing

    def observe(self, callback: Callable[[Change], None]) -> None:
        self._observers.append(callback)

    def _emit(self, change: Change) -> None:
        for callback in list(self._observers):
            callback(change)

    def replace_workflow(self, workflow: Workflow) -> None:
        self.workflow = workflow
        self._emit(WorkflowReset())

    # ------------------------------------------------------------ reading

    def node(self, node_id: str) -> Node:
        found = self.workflow.node(node_id)
        if found is None:
            raise KeyError(node_id)
        return found

    def spec(self, node_id: str) -> StepSpec | None:
        cls = self.registry.get(self.node(node_id).type)
        return cls.spec if cls else None

    def inputs(self, node_id: str) -> tuple[Port, ...]:
        spec = self.spec(node_id)
        return spec.inputs if spec else ()

    def outputs(self, node_id: str) -> tuple[Port, ...]:
        """Output ports for the node's current params (classify has one per label);
        the error output is listed only when the policy is `branch`."""
        node = self.node(node_id)
        cls = self.registry.get(node.type)
        if cls is None:
            return ()
        try:
            ports = cls.outputs_for(cls.spec.resolve_params(node.params))
        except Exception:          # options being edited into shape: show the spec's ports
            ports = cls.spec.outputs
        if node.on_error == "branch":
            ports = tuple(ports) + (ERROR_OUTPUT,)
        return tuple(ports)

    def downstream(self, node_id: str) -> set[str]:
        """The node and every node its outputs reach (re-run from here)."""
        found, todo = {node_id}, [node_id]
        while todo:
            current = todo.pop()
            for link in self.workflow.links_from(current):
                if link.target not in found:
                    found.add(link.target)
                    todo.append(link.target)
        return found

    def problems(self) -> list[Problem]:
        return validate(self.workflow, self.registry) + folder_problems(self.workflow)

    def unique_id(self, base: str) -> str:
        base = re.sub(r"[^A-Za-z0-9_-]", "_", base) or "step"
        if not re.match(r"[A-Za-z_]", base):
            base = "n_" + base
        taken = {n.id for n in self.workflow.nodes}
        if base not in taken:
            return base
        i = 2
        while f"{base}_{i}" in taken:
            i += 1
        return f"{base}_{i}"

    # ------------------------------------------------------------ nodes

    def add_node(self, step_type: str, x: float, y: float, params: dict | None = None,
                 node_id: str | None = None) -> Node:
        cls = self.registry.get(step_type)
        if cls is None:
            raise EditRefused(f"there is no step '{step_type}' (is its step pack installed?)")
        node_id = node_id or self.unique_id(step_type.split(".", 1)[-1])
        if self.workflow.node(node_id) is not None:
            raise EditRefused(f"a node called '{node_id}' already exists")
        # required folder options start on the first declared folder: the node is valid at once
        params = dict(params or {})
        for p in cls.spec.params:
            if p.kind == "folder" and p.required and p.name not in params and self.workflow.folders:
                params[p.name] = next(iter(self.workflow.folders))
        node = Node(node_id, step_type, params, x, y)
        self.workflow.nodes.append(node)
        self._emit(NodeAdded(node_id))
        return node

    def remove_nodes(self, node_ids: Iterable[str]) -> Removed:
        ids = set(node_ids)
        nodes = tuple((i, n) for i, n in enumerate(self.workflow.nodes) if n.id in ids)
        links = tuple((i, lk) for i, lk in enumerate(self.workflow.links)
                      if lk.source in ids or lk.target in ids)
        for _, link in reversed(links):
            self.workflow.links.remove(link)
            self._emit(LinkRemoved(link))
        for _, node in reversed(nodes):
            self.workflow.nodes.remove(node)
            self._emit(NodeRemoved(node.id))
        return Removed(nodes, links)

    def restore(self, removed: Removed) -> None:
        for i, node in removed.nodes:
            self.workflow.nodes.insert(min(i, len(self.workflow.nodes)), node)
            self._emit(NodeAdded(node.id))
        for i, link in removed.links:
            self.workflow.links.insert(min(i, len(self.workflow.links)), link)
            self._emit(LinkAdded(link))

    def move_node(self, node_id: str, x: float, y: float) -> None:
        node = self.node(node_id)
        if (node.x, node.y) == (x, y):
            return
        node.x, node.y = round(x, 1), round(y, 1)
        self._emit(NodeMoved(node_id))

    def set_param(self, node_id: str, name: str, value: Any) -> None:
        """Set one option; None returns it to the step's default."""
        node = self.node(node_id)
        if value is None:
            node.params.pop(name, None)
        else:
            node.params[name] = copy.deepcopy(value)
        self._emit(NodeChanged(node_id))

    def set_title(self, node_id: str, title: str | None) -> None:
        self.node(node_id).title = (title or "").strip() or None
        self._emit(NodeChanged(node_id))

    def set_error_policy(self, node_id: str, policy: str, retries: int = 0) -> None:
        if policy not in ERROR_POLICIES:
            raise EditRefused(f"error policy must be one of {', '.join(ERROR_POLICIES)}")
        node = self.node(node_id)
        node.on_error, node.retries = policy, max(0, int(retries))
        self._emit(NodeChanged(node_id))

    # ------------------------------------------------------------ declared folders

    def folder_users(self, name: str) -> list[tuple[str, str]]:
        """(node id, option) of every folder option that names `name`."""
        found = []
        for node in self.workflow.nodes:
            cls = self.registry.get(node.type)
            for param in cls.spec.params if cls else ():
                if param.kind == "folder" and node.params.get(param.name, param.default) == name:
                    found.append((node.id, param.name))
        return found

    def folder_name_problem(self, name: str, renaming: str | None = None) -> str | None:
        """Why `name` cannot name a folder, in a sentence; None when it can."""
        if not FOLDER_NAME.match(name):
            return (f"'{name}' cannot name a folder: use letters, digits, '_' or '-', "
                    "starting with a letter (e.g. 'reports')")
        if name in self.workflow.folders and name != renaming:
            return f"the workflow already has a folder called '{name}'"
        return None

    def set_folder(self, name: str, path: str, index: int | None = None) -> None:
        """Declare a folder, or give a declared one another path."""
        path = path.strip()
        if not path:
            raise EditRefused(f"folder '{name}' needs a path")
        if name not in self.workflow.folders:
            problem = self.folder_name_problem(name)
            if problem:
                raise EditRefused(problem)
            items = list(self.workflow.folders.items())
            items.insert(len(items) if index is None else min(index, len(items)), (name, path))
            self.workflow.folders = dict(items)
        else:
            self.workflow.folders[name] = path
        self._emit(FoldersChanged())

    def remove_folder(self, name: str) -> tuple[int, str]:
        """Forget a declared folder; returns (position, path) for undo. Steps that
        name it are left as they are and show the problem."""
        items = list(self.workflow.folders.items())
        index = [n for n, _ in items].index(name)
        path = items.pop(index)[1]
        self.workflow.folders = dict(items)
        self._emit(FoldersChanged())
        return index, path

    def rename_folder(self, old: str, new: str,
                      users: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
        """Rename a folder in place, and every step option naming it with it (so the
        steps keep writing where they did), or only `users` (undo). Returns the
        (node, option) pairs changed."""
        if old not in self.workflow.folders:
            raise EditRefused(f"the workflow has no folder called '{old}'")
        problem = self.folder_name_problem(new, renaming=old)
        if problem:
            raise EditRefused(problem)
        users = self.folder_users(old) if users is None else users
        self.workflow.folders = {(new if n == old else n): p for n, p in self.workflow.folders.items()}
        for node_id, param in users:
            self.node(node_id).params[param] = new
            self._emit(NodeChanged(node_id))
        self._emit(FoldersChanged())
        return users

    # ------------------------------------------------------------ links

    def connection_problem(self, source: str, source_port: str, target: str,
                           target_port: str) -> str | None:
        """Why this link cannot be made, in a sentence; None when it can. An input
        that already has a link is not a problem: connecting replaces that link."""
        if source == target:
            return "a step cannot feed itself"
        out = find_output(self.outputs(source), source_port)
        inp = next((p for p in self.inputs(target) if p.name == target_port), None)
        if out is None:
            return f"'{source}' has no output '{source_port}'"
        if inp is None:
            return f"'{target}' has no input '{target_port}'"
        if not can_connect(out.type, inp.type):
            return (f"'{source_port}' gives {out.type.value}, but '{target_port}' takes "
                    f"{inp.type.value}")
        if any(lk.source == source and lk.source_port == source_port and lk.target == target
               and lk.target_port == target_port for lk in self.workflow.links):
            return "these ports are already connected"
        edges = [(lk.source, lk.target) for lk in self.workflow.links] + [(source, target)]
        if find_cycle([n.id for n in self.workflow.nodes], edges):
            return f"the link would make a loop ('{target}' already leads to '{source}')"
        return None

    def link_into(self, target: str, target_port: str) -> Link | None:
        return next((lk for lk in self.workflow.links
                     if lk.target == target and lk.target_port == target_port), None)

    def add_link(self, link: Link, index: int | None = None) -> None:
        problem = self.connection_problem(link.source, link.source_port, link.target,
                                          link.target_port)
        if problem:
            raise EditRefused(problem)
        if self.link_into(link.target, link.target_port) is not None:
            raise EditRefused(f"input '{link.target_port}' of '{link.target}' already has a link")
        links = self.workflow.links
        links.insert(len(links) if index is None else min(index, len(links)), link)
        self._emit(LinkAdded(link))

    def remove_link(self, link: Link) -> int:
        index = self.workflow.links.index(link)
        del self.workflow.links[index]
        self._emit(LinkRemoved(link))
        return index

    def insertion_ports(self, step_type: str, link: Link) -> tuple[str, str] | None:
        """The (input, output) of a new step of this type that fit into `link`, for
        dropping a step onto a link; None when no pair fits."""
        cls = self.registry.get(step_type)
        if cls is None:
            return None
        out = find_output(self.outputs(link.source), link.source_port)
        inp = next((p for p in self.inputs(link.target) if p.name == link.target_port), None)
        if out is None or inp is None:
            return None
        spec = cls.spec
        new_in = next((p for p in spec.inputs if can_connect(out.type, p.type)), None)
        new_out = next((p for p in spec.outputs if not p.branch and can_connect(p.type, inp.type)), None)
        return (new_in.name, new_out.name) if new_in and new_out else None

    # ------------------------------------------------------------ copy and paste

    def fragment(self, node_ids: Iterable[str]) -> dict:
        """The chosen nodes and the links among them, as plain data (the clipboard)."""
        ids = set(node_ids)
        nodes = [n for n in self.workflow.nodes if n.id in ids]
        return {
            "nodes": [{"id": n.id, "type": n.type, "params": copy.deepcopy(n.params), "x": n.x,
                       "y": n.y, "on_error": n.on_error, "retries": n.retries, "title": n.title}
                      for n in nodes],
            "links": [[lk.source, lk.source_port, lk.target, lk.target_port]
                      for lk in self.workflow.links if lk.source in ids and lk.target in ids],
        }

    def paste_plan(self, fragment: dict, dx: float, dy: float) -> tuple[list[Node], list[Link]]:
        """New nodes (fresh ids, shifted) and links for pasting a fragment; nothing is
        added yet, so one undo command can add and remove them. Unknown steps and
        malformed entries are left out."""
        rename: dict[str, str] = {}
        nodes: list[Node] = []
        taken = {n.id for n in self.workflow.nodes}
        for raw in fragment.get("nodes", []) if isinstance(fragment, dict) else []:
            try:
                if self.registry.get(raw["type"]) is None:
                    continue
                new_id = raw["id"]
                base, i = re.sub(r"_\d+$", "", new_id), 2
                while new_id in taken:
                    new_id, i = f"{base}_{i}", i + 1
                taken.add(new_id)
                rename[raw["id"]] = new_id
                nodes.append(Node(new_id, raw["type"], copy.deepcopy(dict(raw.get("params") or {})),
                                  float(raw.get("x", 0)) + dx, float(raw.get("y", 0)) + dy,
                                  raw.get("on_error", "fail") if raw.get("on_error") in ERROR_POLICIES
                                  else "fail", int(raw.get("retries", 0) or 0), raw.get("title")))
            except (KeyError, TypeError, ValueError):
                continue
        links = []
        for raw in fragment.get("links", []) if isinstance(fragment, dict) else []:
            try:
                s, sp, t, tp = raw
            except (TypeError, ValueError):
                continue
            if s in rename and t in rename:
                links.append(Link(rename[s], sp, rename[t], tp))
        return nodes, links

    def insert_nodes(self, nodes: list[Node], links: list[Link]) -> None:
        for node in nodes:
            self.workflow.nodes.append(node)
            self._emit(NodeAdded(node.id))
        for link in links:
            if self.connection_problem(link.source, link.source_port, link.target,
                                       link.target_port) is None \
                    and self.link_into(link.target, link.target_port) is None:
                self.workflow.links.append(link)
                self._emit(LinkAdded(link))

    # ------------------------------------------------------------ layout

    def tidy_positions(self, dx: float = 240, dy: float = 130) -> dict[str, tuple[float, float]]:
        """A layered layout: each node one column right of its furthest input, rows
        ordered by the average row of their inputs (fewer crossings). Returns the new
        positions; the caller applies them (as one undoable command)."""
        ids = [n.id for n in self.workflow.nodes]
        incoming: dict[str, list[str]] = {i: [] for i in ids}
        for lk in self.workflow.links:
            if lk.source in incoming and lk.target in incoming:
                incoming[lk.target].append(lk.source)
        column: dict[str, int] = {}

        def col(node_id: str, seen: frozenset = frozenset()) -> int:
            if node_id in column:
                return column[node_id]
            if node_id in seen:       # a loop: the validator reports it; just stop here
                return 0
            preds = incoming[node_id]
            column[node_id] = 1 + max((col(p, seen | {node_id}) for p in preds), default=-1)
            return column[node_id]

        for i in ids:
            col(i)
        columns: dict[int, list[str]] = {}
        for i in ids:
            columns.setdefault(column[i], []).append(i)
        row: dict[str, float] = {}
        out: dict[str, tuple[float, float]] = {}
        for c in sorted(columns):
            members = columns[c]
            members.sort(key=lambda i: (sum(row[p] for p in incoming[i]) / len(incoming[i])
                                        if incoming[i] else 0, ids.index(i)))
            for r, node_id in enumerate(members):
                row[node_id] = r
                out[node_id] = (40 + c * dx, 40 + r * dy)
        return out


def folder_state(folder: Path) -> tuple[str | None, str]:
    """(problem, note) for a declared folder's resolved path: a problem when it cannot
    take files (the path is a file, or it is missing and cannot be created where it
    is); a missing folder under a writable parent is fine, steps create it on their
    first write, and the note says so."""
    if folder.exists():
        if not folder.is_dir():
            return f"{folder} is a file, not a folder; choose another path", ""
        return None, "exists"
    parent = next((p for p in folder.parents if p.exists()), None)
    if parent is None or not parent.is_dir():
        return f"{folder} does not exist and cannot be created: {parent} is a file, not a folder", ""
    if not os.access(parent, os.W_OK | os.X_OK):
        return (f"{folder} does not exist and cannot be created: {parent} is not writable "
                "(is a drive not mounted?)"), ""
    return None, "does not exist yet; created when a step first writes to it"


def folder_problems(wf: Workflow) -> list[Problem]:
    """Declared folders that cannot take files (see folder_state), as validation
    problems of the workflow; a step naming an undeclared folder is the validator's."""
    path = str(wf.path) if wf.path else None
    problems: list[Problem] = []
    try:
        resolved = wf.resolve_folders()
    except (OSError, RuntimeError, ValueError) as e:
        return [Problem(path, None, f"the declared folders cannot be read: {e}")]
    for name, folder in resolved.items():
        problem, _ = folder_state(folder)
        if problem:
            problems.append(Problem(path, None, f"folder '{name}': {problem}", folder=name))
    return problems
