"""Ports under the mouse: a refused drop leaves no port dimmed on the canvas (what is
drawn, not only the flag), and a drop onto a linked input says which link it replaced,
with one Undo bringing it back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from desktop.engine.workflow import Link
from tests.ui.test_main_window import add_from_palette, drag_link

pytestmark = pytest.mark.gui


def port_pixels(win, node_id: str, port: str, output: bool) -> QImage:  # type: ignore[no-untyped-def]
    """The canvas as it paints the port (through each node's cached picture)."""
    view = win.editor.view
    item = win.editor.scene.nodes[node_id].port(port, output)
    centre = view.mapFromScene(item.scenePos())
    return view.viewport().grab(QRect(centre.x() - 8, centre.y() - 8, 16, 16)).toImage()


def paint_now(widget: QWidget) -> None:
    for w in [widget, *widget.findChildren(QWidget)]:
        w.repaint()


def test_a_refused_drop_leaves_no_port_dimmed_while_the_overview_shows(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    win.show()
    qtbot.waitExposed(win)
    summ = add_from_palette(qtbot, win, "ai.summarize")
    far = add_from_palette(qtbot, win, "documents.read")
    scene, view = win.editor.scene, win.editor.view
    qtbot.waitUntil(lambda: not view.minimap._timer.isActive())
    win.editor.document.move_node(far, 3000, 2000)       # the graph no longer fits: the overview shows
    view.reset_zoom()
    view.minimap.refresh()
    target = scene.nodes[summ].port("text", False)
    view.centerOn(target.scenePos())
    qtbot.waitUntil(view.minimap.isVisible)
    before = port_pixels(win, summ, "text", False)

    source = scene.nodes["input"].port("file", True)
    a, b = view.mapFromScene(source.scenePos()), view.mapFromScene(target.scenePos())
    messages: list[str] = []
    win.editor.message.connect(messages.append)
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    QTest.mouseMove(view.viewport(), (a + b) / 2)
    assert target.dimmed
    assert port_pixels(win, summ, "text", False) != before, "the canvas should show the port dimmed"
    QTest.mouseMove(view.viewport(), b)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
    assert messages and messages[-1].startswith("Cannot connect")
    QTest.mouseMove(view.viewport(), QPoint(4, 4))       # off the port: no hover ring
    assert not target.dimmed
    paint_now(view.minimap)         # the overview paints before the canvas's next frame
    assert port_pixels(win, summ, "text", False) == before, "the port is still drawn dimmed"


def test_a_drop_onto_a_linked_input_says_what_it_replaced_and_undo_restores_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    win.show()
    summ = add_from_palette(qtbot, win, "ai.summarize")
    tmpl = add_from_palette(qtbot, win, "text.template")
    links = win.editor.workflow.links
    stack = win.editor.undo_stack
    drag_link(qtbot, win, "read", "document", summ, "text")
    first = Link("read", "document", summ, "text")
    assert first in links

    drag_link(qtbot, win, tmpl, "text", summ, "text")
    second = Link(tmpl, "text", summ, "text")
    assert second in links and first not in links
    assert win.statusBar().currentMessage() == f"Replaced the link from read.document to {summ}.text"
    assert stack.undoText() == f"Replace the link from read.document to {summ}.text"

    stack.undo()                                   # one Undo: the old link is back, the new one gone
    assert first in links and second not in links
    assert win.editor.scene.links.keys() >= {first} and second not in win.editor.scene.links
    stack.redo()
    assert second in links and first not in links
