"""One QUndoCommand per change to the workflow. Each calls the WorkflowDocument (the
scene follows its events), so undo and redo are exact and the model stays Qt-free."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtGui import QUndoCommand

from desktop.engine.editing import Removed, WorkflowDocument
from desktop.engine.workflow import Link, Node

MOVE_ID = 1001          # consecutive moves of the same nodes merge (keyboard nudges)


class AddNode(QUndoCommand):
    def __init__(self, doc: WorkflowDocument, step_type: str, x: float, y: float,
                 params: dict | None = None, title: str = ""):
        super().__init__(title or f"Add {step_type}")
        self.doc, self.step_type, self.x, self.y, self.params = doc, step_type, x, y, params
        self.node_id: str | None = None

    def redo(self) -> None:
        node = self.doc.add_node(self.step_type, self.x, self.y, self.params, self.node_id)
        self.node_id = node.id
        self.params = dict(node.params)

    def undo(self) -> None:
        assert self.node_id is not None
        self.doc.remove_nodes([self.node_id])


class RemoveItems(QUndoCommand):
    """Delete nodes (with their links) and lone links, as one step."""

    def __init__(self, doc: WorkflowDocument, node_ids: list[str], links: list[Link]):
        n = len(node_ids) + len([lk for lk in links if lk.source not in node_ids and lk.target not in node_ids])
        super().__init__(f"Delete {n} item{'s' if n != 1 else ''}")
        self.doc, self.node_ids = doc, list(node_ids)
        self.links = [lk for lk in links if lk.source not in node_ids and lk.target not in node_ids]
        self.removed: Removed | None = None
        self.link_indexes: list[tuple[int, Link]] = []

    def redo(self) -> None:
        self.link_indexes = [(self.doc.remove_link(lk), lk) for lk in self.links
                             if lk in self.doc.workflow.links]
        self.removed = self.doc.remove_nodes(self.node_ids)

    def undo(self) -> None:
        assert self.removed is not None
        self.doc.restore(self.removed)
        for index, link in reversed(self.link_indexes):
            self.doc.add_link(link, index)


class MoveNodes(QUndoCommand):
    def __init__(self, doc: WorkflowDocument, moves: dict[str, tuple[tuple[float, float], tuple[float, float]]],
                 title: str = "Move", merge: bool = False):
        super().__init__(title)
        self.doc, self.moves, self.merge = doc, dict(moves), merge

    def id(self) -> int:
        return MOVE_ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, MoveNodes) or not other.merge or set(other.moves) != set(self.moves):
            return False
        self.moves = {k: (self.moves[k][0], other.moves[k][1]) for k in self.moves}
        return True

    def redo(self) -> None:
        for node_id, (_, new) in self.moves.items():
            self.doc.move_node(node_id, *new)

    def undo(self) -> None:
        for node_id, (old, _) in self.moves.items():
            self.doc.move_node(node_id, *old)


class SetParam(QUndoCommand):
    def __init__(self, doc: WorkflowDocument, node_id: str, name: str, value: Any):
        super().__init__(f"Change {name} of {node_id}")
        self.doc, self.node_id, self.name = doc, node_id, name
        self.new = copy.deepcopy(value)
        self.old = copy.deepcopy(doc.node(node_id).params.get(name))

    def redo(self) -> None:
        self.doc.set_param(self.node_id, self.name, self.new)

    def undo(self) -> None:
        self.doc.set_param(self.node_id, self.name, self.old)


class SetTitle(QUndoCommand):
    def __init__(self, doc: WorkflowDocument, node_id: str, title: str):
        super().__init__(f"Rename {node_id}")
        self.doc, self.node_id, self.new = doc, node_id, title
        self.old = doc.node(node_id).title

    def redo(self) -> None:
        self.doc.set_title(self.node_id, self.new)

    def undo(self) -> None:
        self.doc.set_title(self.node_id, self.old)


class SetErrorPolicy(QUndoCommand):
    def __init__(self, doc: WorkflowDocument, node_id: str, policy: str, retries: int):
        super().__init__(f"Error policy of {node_id}")
        node = doc.node(node_id)
        self.doc, self.node_id = doc, node_id
        self.new, self.old = (policy, retries), (node.on_error, node.retries)

    def redo(self) -> None:
        self.doc.set_error_policy(self.node_id, *self.new)

    def undo(self) -> None:
        self.doc.set_error_policy(self.node_id, *self.old)


class Connect(QUndoCommand):
    """Add a link; a link already feeding that input is replaced (and comes back on undo)."""

    def __init__(self, doc: WorkflowDocument, link: Link):
        old = doc.link_into(link.target, link.target_port)
        super().__init__(f"Connect {link.source_ref} to {link.target_ref}" if old is None else
                         f"Replace the link from {old.source_ref} to {old.target_ref}")
        self.doc, self.link = doc, link
        self.replaced: tuple[int, Link] | None = None

    def redo(self) -> None:
        old = self.doc.link_into(self.link.target, self.link.target_port)
        self.replaced = (self.doc.remove_link(old), old) if old else None
        self.doc.add_link(self.link)

    def undo(self) -> None:
        self.doc.remove_link(self.link)
        if self.replaced:
            self.doc.add_link(self.replaced[1], self.replaced[0])


class InsertNodes(QUndoCommand):
    """Paste or duplicate: nodes and their inner links added as one step."""

    def __init__(self, doc: WorkflowDocument, nodes: list[Node], links: list[Link], title: str = "Paste"):
        super().__init__(title)
        self.doc, self.nodes, self.links = doc, nodes, links

    def redo(self) -> None:
        self.doc.insert_nodes(copy.deepcopy(self.nodes), list(self.links))

    def undo(self) -> None:
        self.doc.remove_nodes([n.id for n in self.nodes])


class InsertOnLink(QUndoCommand):
    """A step dropped on a link: source -> new step -> target."""

    def __init__(self, doc: WorkflowDocument, step_type: str, link: Link, ports: tuple[str, str],
                 x: float, y: float):
        super().__init__(f"Insert {step_type}")
        self.doc, self.link, self.ports = doc, link, ports
        self.add = AddNode(doc, step_type, x, y)
        self.index = 0

    def redo(self) -> None:
        self.index = self.doc.remove_link(self.link)
        self.add.redo()
        node_id = self.add.node_id
        assert node_id is not None
        self.doc.add_link(Link(self.link.source, self.link.source_port, node_id, self.ports[0]))
        self.doc.add_link(Link(node_id, self.ports[1], self.link.target, self.link.target_port))

    def undo(self) -> None:
        self.add.undo()          # removes its two links too
        self.doc.add_link(self.link, self.index)


class DeclareFolder(QUndoCommand):
    """A new named folder for the workflow (the Folders panel, the inspector's New folder…)."""

    def __init__(self, doc: WorkflowDocument, name: str, path: str):
        super().__init__(f"Add folder {name}")
        self.doc, self.name, self.path = doc, name, path

    def redo(self) -> None:
        self.doc.set_folder(self.name, self.path)

    def undo(self) -> None:
        self.doc.remove_folder(self.name)


class SetFolderPath(QUndoCommand):
    def __init__(self, doc: WorkflowDocument, name: str, path: str):
        super().__init__(f"Change the path of folder {name}")
        self.doc, self.name, self.new = doc, name, path
        self.old = doc.workflow.folders[name]

    def redo(self) -> None:
        self.doc.set_folder(self.name, self.new)

    def undo(self) -> None:
        self.doc.set_folder(self.name, self.old)


class RenameFolder(QUndoCommand):
    """Rename a folder and the step options that name it, as one step."""

    def __init__(self, doc: WorkflowDocument, old: str, new: str):
        super().__init__(f"Rename folder {old} to {new}")
        self.doc, self.old, self.new = doc, old, new
        self.users: list[tuple[str, str]] = []

    def redo(self) -> None:
        self.users = self.doc.rename_folder(self.old, self.new)

    def undo(self) -> None:
        self.doc.rename_folder(self.new, self.old, self.users)


class RemoveFolder(QUndoCommand):
    def __init__(self, doc: WorkflowDocument, name: str):
        super().__init__(f"Remove folder {name}")
        self.doc, self.name = doc, name
        self.index, self.path = 0, ""

    def redo(self) -> None:
        self.index, self.path = self.doc.remove_folder(self.name)

    def undo(self) -> None:
        self.doc.set_folder(self.name, self.path, self.index)
