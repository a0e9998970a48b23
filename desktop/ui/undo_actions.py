"""Undo and Redo for the menu and the toolbar. The Edit menu names the command
("Undo Add step"); the toolbar button always reads just "Undo" (the command is in
its tooltip), so the buttons after it do not move with every edit."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from shiboken6 import isValid


def _describe(action: QAction, verb: str, command: str) -> None:
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    what = f"{verb} {command}" if command else f"Nothing to {verb.lower()}"
    action.setToolTip(what + (f" ({keys})" if keys else ""))
    action.setStatusTip(what)


class _Tip(QObject):
    """Keeps an action's tooltip on the stack's command. A child of the action, so
    the connection goes with it (a bare lambda would outlive a closed window)."""

    def __init__(self, action: QAction, verb: str) -> None:
        super().__init__(action)
        self.action, self.verb = action, verb

    @Slot(str)
    def show(self, command: str) -> None:
        if isValid(self.action):        # the window is closing: its stack empties last
            _describe(self.action, self.verb, command)


def undo_redo_actions(stack: QUndoStack, parent: QObject) -> tuple[QAction, QAction]:
    """Qt's own undo/redo actions (their text follows the stack, for the menu) with a
    fixed icon text (what a text-only toolbar button shows) and a tooltip that names
    the command. Call `refresh_tips` after changing their shortcuts."""
    undo = stack.createUndoAction(parent, "&Undo")
    redo = stack.createRedoAction(parent, "&Redo")
    # iconText, once set, is no longer derived from text: the toolbar keeps one width
    undo.setIconText("Undo")
    redo.setIconText("Redo")
    stack.undoTextChanged.connect(_Tip(undo, "Undo").show)
    stack.redoTextChanged.connect(_Tip(redo, "Redo").show)
    refresh_tips(stack, undo, redo)
    return undo, redo


def refresh_tips(stack: QUndoStack, undo: QAction, redo: QAction) -> None:
    _describe(undo, "Undo", stack.undoText())
    _describe(redo, "Redo", stack.redoText())
