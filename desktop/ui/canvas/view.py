"""The canvas view: zoom (wheel, pinch, keys), pan (middle button, space-drag, arrow
keys), fit, rubber-band selection, steps dropped from the palette, and an overview
of the whole graph in the corner when it does not fit."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (QColor, QKeyEvent, QMouseEvent, QNativeGestureEvent, QPainter, QPen, QTransform,
                           QWheelEvent)
from PySide6.QtWidgets import QFrame, QGraphicsItem, QGraphicsView, QWidget

from desktop.ui import theme
from desktop.ui.canvas.items import LinkItem
from desktop.ui.canvas.scene import WorkflowScene
from desktop.ui.palette import MIME_STEP

MIN_ZOOM, MAX_ZOOM = 0.15, 3.0
FAR = 0.35           # below this zoom nodes are drawn without text (see NodeItem.paint)


class CanvasView(QGraphicsView):
    stepDropped = Signal(str, QPointF, object)      # step id, scene position, Link or None
    nudgeRequested = Signal(float, float)            # arrow keys on selected nodes
    zoomChanged = Signal(float)

    def __init__(self, scene: WorkflowScene, parent: QWidget | None = None):
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # panning is by middle button, space-drag and arrow keys; bars would only clutter
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Workflow canvas")
        self.setSceneRect(QRectF(-5000, -5000, 10000, 10000))
        self._panning: QPointF | None = None
        self._far = False
        self._space = False
        self._drop_link: LinkItem | None = None
        self.minimap = MiniMap(self)
        self.grabGesture(Qt.GestureType.PinchGesture)
        scene.changed.connect(self._scene_changed)

    # ------------------------------------------------------------ zoom

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        target = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom() * factor))
        factor = target / self.zoom()
        if abs(factor - 1) > 1e-6:
            self.scale(factor, factor)
            self._match_detail()
            self.zoomChanged.emit(self.zoom())
            self.minimap.follow()

    def _match_detail(self) -> None:
        """From afar nodes are plain shapes, cheaper to draw than to re-cache at every
        zoom step; near, the cache turns a pan into a blit."""
        far = self.zoom() < FAR
        if far != self._far:
            self._far = far
            mode = QGraphicsItem.CacheMode.NoCache if far else QGraphicsItem.CacheMode.DeviceCoordinateCache
            for item in self.scene().nodes.values():
                item.setCacheMode(mode)

    def reset_zoom(self) -> None:
        self.zoom_by(1 / self.zoom())

    def fit(self) -> None:
        self.minimap.refresh()             # the scene may have grown since the last look
        box = self.scene().itemsBoundingRect()
        if box.isEmpty():
            return
        self.fitInView(box.adjusted(-40, -40, 40, 40), Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > 1.25:            # a small graph is shown at a readable size, not huge
            self.zoom_by(1.25 / self.zoom())
        if self.zoom() < MIN_ZOOM:
            self.zoom_by(MIN_ZOOM / self.zoom())
        self.centerOn(box.center())
        self._match_detail()
        self.zoomChanged.emit(self.zoom())
        self.minimap.follow()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier or not event.angleDelta().y():
            super().wheelEvent(event)       # sideways scrolling pans
            return
        self.zoom_by(1.0015 ** event.angleDelta().y())

    def viewportEvent(self, event: QEvent) -> bool:
        if isinstance(event, QNativeGestureEvent) and \
                event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
            self.zoom_by(1 + event.value())
            return True
        return super().viewportEvent(event)

    # ------------------------------------------------------------ pan and keys

    def pan_by(self, dx: float, dy: float) -> None:
        self.horizontalScrollBar().setValue(int(self.horizontalScrollBar().value() + dx))
        self.verticalScrollBar().setValue(int(self.verticalScrollBar().value() + dy))
        self.minimap.follow()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton or (
                self._space and event.button() == Qt.MouseButton.LeftButton):
            self._panning = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._panning is not None:
            delta = event.position() - self._panning
            self._panning = event.position()
            self.pan_by(-delta.x(), -delta.y())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._panning is not None:
            self._panning = None
            self.viewport().unsetCursor()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        step = 50.0 if mods & Qt.KeyboardModifier.ShiftModifier else 10.0
        arrows = {Qt.Key.Key_Left: (-step, 0), Qt.Key.Key_Right: (step, 0),
                  Qt.Key.Key_Up: (0, -step), Qt.Key.Key_Down: (0, step)}
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
        elif key in arrows and not (mods & Qt.KeyboardModifier.ControlModifier):
            dx, dy = arrows[key]
            if self.scene().selectedItems():
                self.nudgeRequested.emit(dx, dy)
            else:
                self.pan_by(dx * 4, dy * 4)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1.2)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / 1.2)
        elif key == Qt.Key.Key_0:
            self.reset_zoom()
        elif key == Qt.Key.Key_F and not mods:
            self.fit()
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
        super().keyReleaseEvent(event)

    # ------------------------------------------------------------ drops from the palette

    def dragEnterEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.mimeData().hasFormat(MIME_STEP):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if not event.mimeData().hasFormat(MIME_STEP):
            super().dragMoveEvent(event)
            return
        event.acceptProposedAction()
        link = self.scene().link_at(self.mapToScene(event.position().toPoint()))
        item = self.scene().links.get(link) if link else None
        if item is not self._drop_link:
            if self._drop_link is not None:
                self._drop_link.setSelected(False)
            self._drop_link = item
            if item is not None:
                item.setSelected(True)    # shows where the step would be inserted

    def dragLeaveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._clear_drop_link()
        super().dragLeaveEvent(event)

    def dropEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if not event.mimeData().hasFormat(MIME_STEP):
            super().dropEvent(event)
            return
        step_id = bytes(event.mimeData().data(MIME_STEP).data()).decode("utf-8")
        pos = self.mapToScene(event.position().toPoint())
        link = self._drop_link.link if self._drop_link is not None else None
        self._clear_drop_link()
        event.acceptProposedAction()
        self.stepDropped.emit(step_id, pos, link)

    def _clear_drop_link(self) -> None:
        if self._drop_link is not None and self._drop_link.scene() is not None:
            self._drop_link.setSelected(False)
        self._drop_link = None

    # ------------------------------------------------------------ look

    def scene(self) -> WorkflowScene:  # type: ignore[override]
        return super().scene()  # type: ignore[return-value]

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        colours = theme.canvas_colours(theme.current())
        painter.fillRect(rect, colours["background"])
        if self.zoom() < 0.5:
            return                      # a dot grid at a distance is only noise
        grid = 24
        painter.setPen(QPen(colours["grid"], 2))
        left, top = int(rect.left()) - int(rect.left()) % grid, int(rect.top()) - int(rect.top()) % grid
        points = [QPointF(x, y) for x in range(left, int(rect.right()), grid)
                  for y in range(top, int(rect.bottom()), grid)]
        painter.drawPoints(points)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self.minimap.place()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if self.minimap.isVisible():
            self.minimap.update()

    def _scene_changed(self) -> None:
        self.minimap.schedule()


class MiniMap(QWidget):
    """An overview of the whole graph with the visible part framed; click to go there.
    Shown only when the graph does not fit in the view.

    It draws its own simple picture (node boxes, link lines) instead of being a
    second view of the scene: a node's cached picture (DeviceCoordinateCache) keeps
    one record of what needs repainting for all views, so whichever view painted
    first cleared it and the other kept a stale picture, e.g. a port still dimmed
    after a link drag had ended."""

    SIZE = (200, 130)

    def __init__(self, canvas: CanvasView):
        super().__init__(canvas)
        self.canvas = canvas
        self.setFixedSize(*self.SIZE)
        self.setAccessibleName("Overview of the workflow")
        self.setToolTip("Overview: click to move there")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh)
        self._box = QRectF()
        self.hide()

    def place(self) -> None:
        parent = self.canvas.viewport()
        self.move(parent.width() - self.width() - 12, parent.height() - self.height() - 12)

    def schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def refresh(self) -> None:
        """After the graph changed: its bounds (cached for pans), the canvas grown to
        hold it, the overview redrawn."""
        box = self.canvas.scene().itemsBoundingRect()
        self._box = box
        room = QRectF(-5000, -5000, 10000, 10000)
        self.canvas.setSceneRect(room.united(box.adjusted(-3000, -3000, 3000, 3000)))
        self.follow(refit=True)

    def follow(self, refit: bool = False) -> None:
        """After a pan or zoom: shown only when the graph does not fit in the view."""
        box = self._box
        visible = self.canvas.mapToScene(self.canvas.viewport().rect()).boundingRect()
        show = not box.isEmpty() and not visible.contains(box)
        if show != self.isVisible():
            self.setVisible(show)
        if show:
            self.place()
            self.update()

    def to_scene(self) -> QTransform:
        """Overview pixels -> scene: the graph's bounds fitted in the box, centred."""
        area = self._box.adjusted(-60, -60, 60, 60)
        scale = min(self.width() / max(area.width(), 1.0), self.height() / max(area.height(), 1.0))
        dx = (self.width() - area.width() * scale) / 2
        dy = (self.height() - area.height() * scale) / 2
        to_mini = QTransform(scale, 0, 0, scale, dx - area.left() * scale, dy - area.top() * scale)
        return to_mini.inverted()[0]

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        colours = theme.canvas_colours(theme.current())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), colours["background"])
        painter.setPen(QPen(colours["node_border"], 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.setTransform(self.to_scene().inverted()[0])
        scene = self.canvas.scene()
        painter.setPen(QPen(colours["link"], 0))
        for item in scene.links.values():
            painter.drawPath(item.path())
        for item in scene.nodes.values():
            rect = item.mapRectToScene(item.shape().boundingRect())
            painter.setPen(QPen(colours["node_border"], 0))
            painter.setBrush(theme.status_colour(item.status) if item.status else colours["node"])
            painter.drawRect(rect)
            painter.fillRect(QRectF(rect.left(), rect.top(), rect.width(), min(12.0, rect.height())),
                             theme.category_colour(item.category))
        visible = self.canvas.mapToScene(self.canvas.viewport().rect()).boundingRect()
        colour = QColor(colours["selection"])
        painter.setPen(QPen(colour, 0))
        colour.setAlpha(30)
        painter.setBrush(colour)
        painter.drawRect(visible)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.canvas.centerOn(self.to_scene().map(event.position()))
        self.update()
