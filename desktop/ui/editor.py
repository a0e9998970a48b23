"""The workflow editor: one open workflow, its canvas, and the undo stack every edit
goes through. The main window puts panels around it; tests drive it directly."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from desktop.engine.editing import EditRefused, WorkflowDocument
from desktop.engine.fileformat import dumps, load_workflow, save_workflow
from desktop.engine.registry import Registry
from desktop.engine.validate import Problem
from desktop.engine.workflow import Link, Node, Workflow
from desktop.ui.canvas import commands as cmd
from desktop.ui.canvas.scene import WorkflowScene
from desktop.ui.canvas.view import CanvasView

MIME_NODES = "application/x-runnel-nodes"


def blank_workflow() -> Workflow:
    wf = Workflow("Untitled workflow", folders={"output": "~/Runnel/Output"})
    wf.nodes = [Node("input", "core.input_file", {}, 40, 120), Node("read", "documents.read", {}, 300, 120)]
    wf.links = [Link("input", "file", "read", "file")]
    return wf


def release_clipboard() -> None:
    """Take our copied steps off the clipboard before Qt shuts down: the clipboard owns
    that QMimeData, made in Python, and destroying it after the interpreter has gone
    crashes the process at exit."""
    app = QApplication.instance()
    if app is None:
        return
    clipboard = QApplication.clipboard()
    data = clipboard.mimeData()
    if data is not None and data.hasFormat(MIME_NODES):
        clipboard.clear()


class Editor(QWidget):
    selectionChanged = Signal(object)          # node id or None
    modifiedChanged = Signal(bool)
    problemsChanged = Signal(object)           # list[Problem]
    message = Signal(str)                      # for the status bar
    workflowChanged = Signal()                 # any edit (for the node list, the inspector)

    def __init__(self, registry: Registry, parent: QWidget | None = None):
        super().__init__(parent)
        self.registry = registry
        self.path: Path | None = None
        self.document = WorkflowDocument(blank_workflow(), registry)
        self.undo_stack = QUndoStack(self)
        self.scene = WorkflowScene(self.document)
        self.view = CanvasView(self.scene, self)
        self.problems: list[Problem] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

        self._validate_timer = QTimer(self, singleShot=True, interval=120)
        self._validate_timer.timeout.connect(self.revalidate)
        self.document.observe(lambda change: self._changed())
        self.undo_stack.cleanChanged.connect(lambda clean: self.modifiedChanged.emit(not clean))
        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.connectRequested.connect(self.connect_ports)
        self.scene.connectionRefused.connect(lambda why: self.message.emit(f"Cannot connect: {why}"))
        self.scene.nodesMoved.connect(lambda moves: self.undo_stack.push(cmd.MoveNodes(self.document, moves)))
        self.view.stepDropped.connect(self._step_dropped)
        self.view.nudgeRequested.connect(self.nudge)
        self.revalidate()

    # ------------------------------------------------------------ document

    @property
    def workflow(self) -> Workflow:
        return self.document.workflow

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def load(self, workflow: Workflow, path: Path | None) -> None:
        self.path = path
        self.undo_stack.clear()
        self.document.replace_workflow(workflow)
        self.undo_stack.setClean()
        self.revalidate()
        QTimer.singleShot(0, self.view.fit)
        self.modifiedChanged.emit(False)

    def open(self, path: Path | str) -> None:
        """Load a workflow file; WorkflowFileError (a sentence) reaches the caller."""
        path = Path(path)
        self.load(load_workflow(path), path)

    def save(self, path: Path | str | None = None) -> Path:
        target = Path(path) if path else self.path
        if target is None:
            raise ValueError("the workflow has no file yet; choose where to save it")
        self.workflow.path = target
        save_workflow(self.workflow, target)
        self.path = target
        self.undo_stack.setClean()
        return target

    def text(self) -> str:
        return dumps(self.workflow)

    def _changed(self) -> None:
        self._validate_timer.start()
        self.workflowChanged.emit()

    def revalidate(self) -> list[Problem]:
        self.problems = self.document.problems()
        self.scene.show_problems(self.problems)
        self.problemsChanged.emit(self.problems)
        return self.problems

    # ------------------------------------------------------------ edits (each one undoable)

    def _push(self, command) -> bool:  # type: ignore[no-untyped-def]
        try:
            self.undo_stack.push(command)
            return True
        except EditRefused as e:
            self.message.emit(f"Not done: {e}")
            return False

    def add_step(self, step_id: str, pos: QPointF | None = None) -> str | None:
        if pos is None:
            pos = self._free_spot()
        command = cmd.AddNode(self.document, step_id, pos.x(), pos.y())
        if not self._push(command):
            return None
        self.scene.select_nodes([command.node_id])
        item = self.scene.nodes.get(command.node_id)
        if item is not None:
            self.view.ensureVisible(item, 40, 40)
        return command.node_id

    def _free_spot(self) -> QPointF:
        """Right of the selected node, else right of the right-most one (pipelines grow
        rightwards), moved down until it overlaps no other node."""
        selected = self.scene.selected_node_ids()
        nodes = self.workflow.nodes
        if selected:
            anchor = self.document.node(selected[-1])
        elif nodes:
            anchor = max(nodes, key=lambda n: n.x)
        else:
            return self.view.mapToScene(self.view.viewport().rect().center()) - QPointF(95, 40)
        pos = QPointF(anchor.x + 250, anchor.y)
        while any(abs(n.x - pos.x()) < 210 and abs(n.y - pos.y()) < 110 for n in nodes):
            pos += QPointF(0, 130)
        return pos

    def _step_dropped(self, step_id: str, pos: QPointF, link: Link | None) -> None:
        if self.registry.get(step_id) is None:
            self.message.emit(f"There is no step '{step_id}'")
            return
        if link is not None:
            ports = self.document.insertion_ports(step_id, link)
            if ports:
                self._push(cmd.InsertOnLink(self.document, step_id, link, ports, pos.x() - 95, pos.y() - 30))
                return
            self.message.emit("That step does not fit into this link; it was added beside it")
        self.add_step(step_id, pos - QPointF(95, 30))

    def connect_ports(self, link: Link) -> bool:
        command = cmd.Connect(self.document, link)
        if not self._push(command):
            return False
        if command.replaced:        # an input takes one link: say which one went (Undo restores it)
            old = command.replaced[1]
            self.message.emit(f"Replaced the link from {old.source_ref} to {old.target_ref}")
        return True

    def set_param(self, node_id: str, name: str, value: object) -> None:
        if self.document.node(node_id).params.get(name) != value:
            self._push(cmd.SetParam(self.document, node_id, name, value))

    def set_title(self, node_id: str, title: str) -> None:
        if (self.document.node(node_id).title or "") != title.strip():
            self._push(cmd.SetTitle(self.document, node_id, title))

    def set_error_policy(self, node_id: str, policy: str, retries: int) -> None:
        node = self.document.node(node_id)
        if (node.on_error, node.retries) != (policy, retries):
            self._push(cmd.SetErrorPolicy(self.document, node_id, policy, retries))

    def delete_selected(self) -> None:
        nodes, links = self.scene.selected_node_ids(), self.scene.selected_links()
        if nodes or links:
            self._push(cmd.RemoveItems(self.document, nodes, links))

    def nudge(self, dx: float, dy: float) -> None:
        moves = {}
        for node_id in self.scene.selected_node_ids():
            node = self.document.node(node_id)
            moves[node_id] = ((node.x, node.y), (node.x + dx, node.y + dy))
        if moves:
            self._push(cmd.MoveNodes(self.document, moves, "Move", merge=True))

    def tidy(self) -> None:
        positions = self.document.tidy_positions()
        moves = {nid: ((self.document.node(nid).x, self.document.node(nid).y), pos)
                 for nid, pos in positions.items()
                 if (self.document.node(nid).x, self.document.node(nid).y) != pos}
        if moves:
            self._push(cmd.MoveNodes(self.document, moves, "Tidy"))
        self.view.fit()

    def select_all(self) -> None:
        self.scene.select_nodes(list(self.scene.nodes))

    def copy(self) -> bool:
        selected = self.scene.selected_node_ids()
        if not selected:
            return False
        data = QMimeData()
        text = json.dumps(self.document.fragment(selected))
        data.setData(MIME_NODES, text.encode("utf-8"))
        QApplication.clipboard().setMimeData(data)
        return True

    def cut(self) -> None:
        if self.copy():
            self.delete_selected()

    def paste(self) -> None:
        data = QApplication.clipboard().mimeData()
        if data is None or not data.hasFormat(MIME_NODES):
            self.message.emit("Nothing to paste: copy steps first")
            return
        try:
            fragment = json.loads(bytes(data.data(MIME_NODES).data()).decode("utf-8"))
        except ValueError:
            self.message.emit("The clipboard does not hold Runnel steps")
            return
        self._insert(fragment, "Paste")

    def duplicate(self) -> None:
        selected = self.scene.selected_node_ids()
        if selected:
            self._insert(self.document.fragment(selected), "Duplicate")

    def _insert(self, fragment: dict, title: str) -> None:
        nodes, links = self.document.paste_plan(fragment, 40, 40)
        if not nodes:
            self.message.emit("Nothing to paste")
            return
        if self._push(cmd.InsertNodes(self.document, nodes, links, title)):
            self.scene.select_nodes([n.id for n in nodes])

    # ------------------------------------------------------------ selection

    def selected_node(self) -> str | None:
        selected = self.scene.selected_node_ids()
        return selected[0] if len(selected) == 1 else None

    def _selection_changed(self) -> None:
        try:
            node = self.selected_node()
        except RuntimeError:        # the scene is being destroyed with the window
            return
        self.selectionChanged.emit(node)

    def focus_node(self, node_id: str) -> None:
        self.scene.select_nodes([node_id])
        item = self.scene.nodes.get(node_id)
        if item is not None:
            self.view.ensureVisible(item, 60, 60)
            item.setFocus(Qt.FocusReason.OtherFocusReason)
