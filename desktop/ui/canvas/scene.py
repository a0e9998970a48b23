"""The canvas scene: observes the Qt-free WorkflowDocument and keeps node -> item and
link -> item maps. It never changes the workflow: user gestures become requests
(signals) that the editor turns into undo commands."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene, QGraphicsSceneMouseEvent

from desktop.engine.editing import (Change, LinkAdded, LinkRemoved, NodeAdded, NodeChanged, NodeMoved,
                                    NodeRemoved, WorkflowDocument, WorkflowReset)
from desktop.engine.validate import Problem
from desktop.engine.workflow import Link
from desktop.ui import theme
from desktop.ui.canvas.items import LinkItem, NodeItem, PortItem, curve


class WorkflowScene(QGraphicsScene):
    connectRequested = Signal(object)          # Link
    connectionRefused = Signal(str)            # why, in a sentence
    nodesMoved = Signal(object)                # {node_id: ((old x, y), (new x, y))}

    def __init__(self, document: WorkflowDocument):
        super().__init__()
        self.document = document
        self.nodes: dict[str, NodeItem] = {}
        self.links: dict[Link, LinkItem] = {}
        self._attached: dict[str, set[Link]] = {}
        self._drag_from: PortItem | None = None
        self._drag_line: QGraphicsPathItem | None = None
        self._drag_problems: dict[PortItem, str | None] = {}
        self._press_positions: dict[str, tuple[float, float]] = {}
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        document.observe(self._on_change)
        self.rebuild()

    # ------------------------------------------------------------ following the model

    def rebuild(self) -> None:
        self._cancel_link_drag()
        self.clear()
        self.nodes.clear()
        self.links.clear()
        self._attached.clear()
        for node in self.document.workflow.nodes:
            self._add_node(node.id)
        for link in self.document.workflow.links:
            self._add_link(link)
        colours = theme.canvas_colours(theme.current())
        self.setBackgroundBrush(colours["background"])

    def _on_change(self, change: Change) -> None:
        if isinstance(change, WorkflowReset):
            self.rebuild()
        elif isinstance(change, NodeAdded):
            self._add_node(change.node_id)
        elif isinstance(change, NodeRemoved):
            item = self.nodes.pop(change.node_id, None)
            self._attached.pop(change.node_id, None)
            if item is not None:
                self.removeItem(item)
        elif isinstance(change, NodeMoved):
            node = self.document.node(change.node_id)
            item = self.nodes[change.node_id]
            if (item.x(), item.y()) != (node.x, node.y):
                item.setPos(node.x, node.y)
        elif isinstance(change, NodeChanged):
            self._refresh_node(change.node_id)
        elif isinstance(change, LinkAdded):
            self._add_link(change.link)
        elif isinstance(change, LinkRemoved):
            item = self.links.pop(change.link, None)
            for end in (change.link.source, change.link.target):
                self._attached.get(end, set()).discard(change.link)
            if item is not None:
                self.removeItem(item)

    def _add_node(self, node_id: str) -> None:
        node = self.document.node(node_id)
        spec = self.document.spec(node_id)
        item = NodeItem(node, spec.title if spec else node.type, spec.category if spec else "",
                        self.document.inputs(node_id), self.document.outputs(node_id),
                        known=spec is not None)
        self.nodes[node_id] = item
        self._attached.setdefault(node_id, set())
        self.addItem(item)

    def _refresh_node(self, node_id: str) -> None:
        item = self.nodes[node_id]
        node = self.document.node(node_id)
        spec = self.document.spec(node_id)
        item.set_label(node.title or (spec.title if spec else node.type))
        inputs, outputs = self.document.inputs(node_id), self.document.outputs(node_id)
        if [p.port for p in item.inputs] != list(inputs) or [p.port for p in item.outputs] != list(outputs):
            item.set_ports(inputs, outputs)
        for link in self._attached.get(node_id, ()):
            self._route(link)

    def _add_link(self, link: Link) -> None:
        item = LinkItem(link)
        self.links[link] = item
        self._attached.setdefault(link.source, set()).add(link)
        self._attached.setdefault(link.target, set()).add(link)
        self.addItem(item)
        self._route(link)

    def _route(self, link: Link) -> None:
        item = self.links.get(link)
        src, dst = self.nodes.get(link.source), self.nodes.get(link.target)
        if item is None or src is None or dst is None:
            return
        out = src.port(link.source_port, True)
        inp = dst.port(link.target_port, False)
        # a port that no longer exists (labels edited): end the link at the node's edge
        start = out.scenePos() if out else src.mapToScene(src.boundingRect().right() - 4, 24)
        end = inp.scenePos() if inp else dst.mapToScene(0, 24)
        item.route(start, end)

    def node_item_moved(self, item: NodeItem) -> None:
        for link in self._attached.get(item.node_id, ()):
            self._route(link)

    # ------------------------------------------------------------ run state and problems

    def set_status(self, node_id: str, status: str | None, detail: str = "") -> None:
        item = self.nodes.get(node_id)
        if item is not None:
            item.set_status(status, detail)

    def clear_statuses(self) -> None:
        for item in self.nodes.values():
            item.set_status(None)

    def show_problems(self, problems: list[Problem]) -> None:
        """Put each validator problem on the node (and link) it concerns."""
        per_node: dict[str, list[str]] = {}
        per_link: dict[Link, str] = {}
        for p in problems:
            if p.node:
                per_node.setdefault(p.node, []).append(p.message)
            for link in self.links:
                if f"link {link.source_ref} -> {link.target_ref}" in p.message:
                    per_link[link] = p.message
        for node_id, item in self.nodes.items():
            item.set_problems(per_node.get(node_id, []))
        for link, item in self.links.items():
            item.set_problem(per_link.get(link))

    def selected_node_ids(self) -> list[str]:
        return [i.node_id for i in self.selectedItems() if isinstance(i, NodeItem)]

    def selected_links(self) -> list[Link]:
        return [i.link for i in self.selectedItems() if isinstance(i, LinkItem)]

    def select_nodes(self, node_ids: list[str]) -> None:
        self.clearSelection()
        for node_id in node_ids:
            if node_id in self.nodes:
                self.nodes[node_id].setSelected(True)

    def link_at(self, pos: QPointF) -> Link | None:
        for item in self.items(pos):
            if isinstance(item, LinkItem):
                return item.link
        return None

    # ------------------------------------------------------------ dragging a new link

    def begin_link_drag(self, port: PortItem, pos: QPointF) -> None:
        self._cancel_link_drag()
        self._drag_from = port
        line = QGraphicsPathItem()
        pen = QPen(theme.port_colour(port.port.type.value), 2.2, Qt.PenStyle.DashLine)
        line.setPen(pen)
        line.setZValue(10)
        self.addItem(line)
        self._drag_line = line
        # dim every port this one cannot connect to, so the valid targets stand out
        self._drag_problems = {}
        for item in self.nodes.values():
            for other in (item.inputs if port.is_output else item.outputs):
                problem = self._problem(port, other)
                self._drag_problems[other] = problem
                other.set_dimmed(problem is not None)
        self.update_link_drag(pos)

    def _problem(self, a: PortItem, b: PortItem) -> str | None:
        out, inp = (a, b) if a.is_output else (b, a)
        return self.document.connection_problem(out.node_id, out.port.name, inp.node_id, inp.port.name)

    def update_link_drag(self, pos: QPointF) -> None:
        if self._drag_from is None or self._drag_line is None:
            return
        start = self._drag_from.scenePos()
        self._drag_line.setPath(curve(start, pos) if self._drag_from.is_output else curve(pos, start))

    def end_link_drag(self, pos: QPointF) -> None:
        source = self._drag_from
        target = next((i for i in self.items(pos) if isinstance(i, PortItem) and i is not source), None)
        self._cancel_link_drag()
        if source is None or target is None:
            return
        if target.is_output == source.is_output:
            self.connectionRefused.emit("connect an output (right side) to an input (left side)")
            return
        problem = self._problem(source, target)
        if problem:
            self.connectionRefused.emit(problem)
            return
        out, inp = (source, target) if source.is_output else (target, source)
        self.connectRequested.emit(Link(out.node_id, out.port.name, inp.node_id, inp.port.name))

    def _cancel_link_drag(self) -> None:
        if self._drag_line is not None and self._drag_line.scene() is self:
            self.removeItem(self._drag_line)
        self._drag_line = None
        self._drag_from = None
        for port in self._drag_problems:
            port.set_dimmed(False)
        self._drag_problems = {}

    # ------------------------------------------------------------ moves become one request

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        self._press_positions = {i.node_id: (i.x(), i.y()) for i in self.selectedItems()
                                 if isinstance(i, NodeItem)}

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        moved = {}
        for node_id, old in self._press_positions.items():
            item = self.nodes.get(node_id)
            if item is not None and (item.x(), item.y()) != old:
                moved[node_id] = (old, (item.x(), item.y()))
        self._press_positions = {}
        if moved:
            self.nodesMoved.emit(moved)
