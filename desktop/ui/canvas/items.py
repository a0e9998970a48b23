"""What the canvas draws: a node (title, category colour, typed ports, status badge),
its ports, and the links between them. Items only draw and report; every change to
the workflow goes through the scene's requests and the undo stack."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath,
                           QPainterPathStroker, QPen, QPolygonF)
from PySide6.QtWidgets import (QApplication, QGraphicsItem, QGraphicsObject, QGraphicsPathItem,
                               QStyleOptionGraphicsItem, QWidget)

from desktop.engine.spec import Port
from desktop.engine.workflow import Link, Node
from desktop.ui import theme

if TYPE_CHECKING:
    from desktop.ui.canvas.scene import WorkflowScene

NODE_WIDTH = 190.0
HEADER = 44.0
ROW = 22.0
PORT_RADIUS = 6.0
STATUS_SYMBOLS = {"queued": "…", "running": "▶", "done": "✓", "cached": "↺", "skipped": "–",
                  "failed": "!", "cancelled": "■", "waiting": "?"}


class PortItem(QGraphicsItem):
    """One port: its shape says its type (square file, circle text/document, diamond
    json/rows, ring any), so the type reads without colour too."""

    def __init__(self, node_item: "NodeItem", port: Port, is_output: bool):
        super().__init__(node_item)
        self.node_item = node_item
        self.port = port
        self.is_output = is_output
        self.highlight = False
        self.dimmed = False                 # while a link is dragged: cannot take it
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(f"{'output' if is_output else 'input'} '{port.name}': {port.type.value}"
                        + ("" if port.required or is_output else " (optional)")
                        + (f"\n{port.help}" if port.help else ""))

    @property
    def node_id(self) -> str:
        return self.node_item.node_id

    def boundingRect(self) -> QRectF:
        r = PORT_RADIUS + 3
        return QRectF(-r, -r, 2 * r, 2 * r)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(self.boundingRect())
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        # only the hover ring: the port itself is part of its node's cached picture
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(theme.canvas_colours(theme.current())["selection"], 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(0, 0), PORT_RADIUS + 2.5, PORT_RADIUS + 2.5)

    def set_dimmed(self, dimmed: bool) -> None:
        if dimmed != self.dimmed:
            self.dimmed = dimmed
            self.node_item.update()

    def hoverEnterEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.highlight = True
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, False)
        self.update()

    def hoverLeaveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.highlight = False
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        self.update()

    def mousePressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.button() == Qt.MouseButton.LeftButton:
            self.scene_().begin_link_drag(self, event.scenePos())
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.scene_().update_link_drag(event.scenePos())

    def mouseReleaseEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.scene_().end_link_drag(event.scenePos())

    def scene_(self) -> "WorkflowScene":
        return self.scene()  # type: ignore[return-value]


class NodeItem(QGraphicsObject):
    def __init__(self, node: Node, title: str, category: str, inputs: tuple[Port, ...],
                 outputs: tuple[Port, ...], known: bool = True):
        super().__init__()
        self.node_id = node.id
        self.category = category
        self.known = known
        self.title = title
        self.subtitle = node.id
        self.status: str | None = None
        self.status_detail = ""
        self.problems: list[str] = []
        self.inputs: list[PortItem] = []
        self.outputs: list[PortItem] = []
        self._height = HEADER
        self._labels: list[tuple[QPointF, str]] | None = None
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
                      | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        # pan and zoom redraw from a pixmap instead of repainting text and paths
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptHoverEvents(True)
        self.setPos(node.x, node.y)
        self.set_ports(inputs, outputs)
        self.set_label(node.title or title)

    # ------------------------------------------------------------ content

    def set_label(self, text: str) -> None:
        self.title = text
        self._labels = None
        self._refresh_tooltip()
        self.update()

    def set_ports(self, inputs: tuple[Port, ...], outputs: tuple[Port, ...]) -> None:
        for item in self.inputs + self.outputs:
            item.setParentItem(None)
            if item.scene():
                item.scene().removeItem(item)
        self.prepareGeometryChange()
        self.inputs = [PortItem(self, p, False) for p in inputs]
        self.outputs = [PortItem(self, p, True) for p in outputs]
        for i, item in enumerate(self.inputs):
            item.setPos(0, HEADER + ROW * i + ROW / 2)
        for i, item in enumerate(self.outputs):
            item.setPos(NODE_WIDTH, HEADER + ROW * i + ROW / 2)
        self._height = HEADER + ROW * max(len(self.inputs), len(self.outputs), 1) + 8
        self._labels = None
        self.update()

    def port(self, name: str, output: bool) -> PortItem | None:
        return next((p for p in (self.outputs if output else self.inputs) if p.port.name == name), None)

    def set_status(self, status: str | None, detail: str = "") -> None:
        self.status, self.status_detail = status, detail
        self._refresh_tooltip()
        self.update()

    def set_problems(self, problems: list[str]) -> None:
        if problems != self.problems:
            self.problems = problems
            self._refresh_tooltip()
            self.update()

    def _refresh_tooltip(self) -> None:
        lines = [f"{self.title}  ({self.subtitle})"]
        if self.status:
            lines.append(f"Status: {self.status}" + (f" — {self.status_detail}" if self.status_detail else ""))
        lines += [f"⚠ {p}" for p in self.problems]
        self.setToolTip("\n".join(lines))

    # ------------------------------------------------------------ drawing

    def boundingRect(self) -> QRectF:
        m = PORT_RADIUS + 2
        return QRectF(-m, -4, NODE_WIDTH + 2 * m, self._height + 8)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, NODE_WIDTH, self._height), 8, 8)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        colours = theme.canvas_colours(theme.current())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(0, 0, NODE_WIDTH, self._height)
        accent = theme.category_colour(self.category)
        border = colours["node_border"]
        width = 1.0
        if self.problems:
            border, width = colours["problem"], 2.0
        if self.status in ("failed",):
            border, width = theme.status_colour("failed"), 2.5
        elif self.status == "running":
            border, width = theme.status_colour("running"), 2.5
        if self.isSelected():
            border, width = colours["selection"], 2.5
        body = QPainterPath()
        body.addRoundedRect(rect, 8, 8)
        painter.fillPath(body, colours["node"])
        # category band along the top, clipped to the rounded body
        painter.save()
        painter.setClipPath(body)
        painter.fillRect(QRectF(0, 0, NODE_WIDTH, 6), accent)
        painter.restore()
        painter.setPen(QPen(border, width, Qt.PenStyle.DashLine if not self.known else Qt.PenStyle.SolidLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, 8, 8)
        if option.levelOfDetailFromTransform(painter.worldTransform()) < 0.35:
            # far away text and ports are unreadable specks: the shape, colour and
            # status say enough, and zooming a big graph stays smooth
            if self.status:
                painter.fillRect(QRectF(NODE_WIDTH - 40, 16, 28, 28), theme.status_colour(self.status))
            return
        for item in self.inputs + self.outputs:
            paint_port(painter, item)

        title_font, small = _fonts()
        if self._labels is None:
            self._labels = self._layout_labels(title_font, small)
        painter.setFont(title_font)
        painter.setPen(colours["text"])
        painter.drawText(QPointF(10, 28), self._labels[0][1])
        painter.setFont(small)
        painter.setPen(colours["muted"])
        painter.drawText(QPointF(10, 41), self._labels[1][1])
        painter.setPen(colours["text"])
        for point, text in self._labels[2:]:
            painter.drawText(point, text)

        if self.status or self.problems:
            status = self.status or "failed"
            colour = theme.status_colour(status) if self.status else colours["problem"]
            symbol = STATUS_SYMBOLS.get(status, "?") if self.status else "!"
            centre = QPointF(NODE_WIDTH - 16, 24)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(centre, 9, 9)
            painter.setPen(QColor("#ffffff"))
            painter.setFont(title_font)
            painter.drawText(QRectF(centre.x() - 9, centre.y() - 9, 18, 18),
                             Qt.AlignmentFlag.AlignCenter, symbol)

    def _layout_labels(self, title_font: QFont, small: QFont) -> list[tuple[QPointF, str]]:
        """Elided texts and where they go, worked out once per change, not per frame."""
        fm, sfm = QFontMetricsF(title_font), QFontMetricsF(small)
        elide = Qt.TextElideMode.ElideRight
        labels = [(QPointF(10, 28), fm.elidedText(self.title, elide, NODE_WIDTH - 44)),
                  (QPointF(10, 41), sfm.elidedText(self.subtitle, elide, NODE_WIDTH - 20))]
        for item in self.inputs:
            labels.append((QPointF(12, item.y() + sfm.ascent() / 2 - 1),
                           sfm.elidedText(item.port.name, elide, NODE_WIDTH / 2 - 14)))
        for item in self.outputs:
            text = sfm.elidedText(item.port.name, elide, NODE_WIDTH / 2 - 14)
            labels.append((QPointF(NODE_WIDTH - 12 - sfm.horizontalAdvance(text),
                                   item.y() + sfm.ascent() / 2 - 1), text))
        return labels

    # ------------------------------------------------------------ moving

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value):  # type: ignore[no-untyped-def]
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged and self.scene():
            self.scene().node_item_moved(self)  # type: ignore[attr-defined]
        elif change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.update()
        return super().itemChange(change, value)


class LinkItem(QGraphicsPathItem):
    def __init__(self, link: Link):
        super().__init__()
        self.link = link
        self.problem: str | None = None
        self.taken: bool | None = None        # during a run: did the value flow along it
        self.setZValue(-1)
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setToolTip(f"{link.source_ref} → {link.target_ref}")
        self._restyle()

    def set_problem(self, problem: str | None) -> None:
        if problem != self.problem:
            self.problem = problem
            self.setToolTip(f"{self.link.source_ref} → {self.link.target_ref}"
                            + (f"\n⚠ {problem}" if problem else ""))
            self._restyle()

    def _restyle(self) -> None:
        colours = theme.canvas_colours(theme.current())
        colour = colours["problem"] if self.problem else colours["link"]
        pen = QPen(colour, 2.2)
        if self.problem:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)

    def route(self, start: QPointF, end: QPointF) -> None:
        self.setPath(curve(start, end))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        near = option.levelOfDetailFromTransform(painter.worldTransform()) >= 0.35
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, near)
        pen = QPen(self.pen())
        if self.isSelected():
            pen.setColor(theme.canvas_colours(theme.current())["selection"])
            pen.setWidthF(3.2)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path())

    def shape(self) -> QPainterPath:
        # a wider shape than the 2 px line, so a link is easy to click or drop onto
        stroker = QPainterPathStroker()
        stroker.setWidth(12)
        return stroker.createStroke(self.path())


_FONTS: tuple[str, QFont, QFont] | None = None


def _fonts() -> tuple[QFont, QFont]:
    """The node title and small fonts, made once per application font."""
    global _FONTS
    base = QApplication.font()
    key = base.toString()
    if _FONTS is None or _FONTS[0] != key:
        title = QFont(base)
        title.setBold(True)
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() - 1.5))
        _FONTS = (key, title, small)
    return _FONTS[1], _FONTS[2]


def paint_port(painter: QPainter, item: PortItem) -> None:
    """A port's shape says its type (square file, circle text/document, diamond
    json/rows, ring any), so the type reads without colour too."""
    colour = theme.port_colour(item.port.type.value)
    if item.dimmed:
        colour.setAlpha(60)
    r = PORT_RADIUS
    painter.save()
    painter.translate(item.pos())
    painter.setPen(QPen(colour.darker(140), 1.5))
    painter.setBrush(QBrush(colour))
    kind = item.port.type.value
    if kind in ("file", "files"):
        painter.drawRect(QRectF(-r, -r, 2 * r, 2 * r).adjusted(1, 1, -1, -1))
    elif kind in ("json", "rows"):
        painter.drawPolygon(QPolygonF([QPointF(0, -r), QPointF(r, 0), QPointF(0, r), QPointF(-r, 0)]))
    elif kind == "any":
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colour.darker(120), 2.5))
        painter.drawEllipse(QPointF(0, 0), r - 1, r - 1)
    else:
        painter.drawEllipse(QPointF(0, 0), r, r)
    painter.restore()


def curve(start: QPointF, end: QPointF) -> QPainterPath:
    path = QPainterPath(start)
    dx = max(40.0, abs(end.x() - start.x()) * 0.5)
    path.cubicTo(QPointF(start.x() + dx, start.y()), QPointF(end.x() - dx, end.y()), end)
    return path
