"""Small pieces more than one panel uses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget


def empty_list_label(parent: QWidget, name: str) -> QLabel:
    """A message shown in place of an empty or filtered-out list; it looks like the
    empty list it stands in for, not a hole in the panel."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setContentsMargins(12, 24, 12, 12)
    label.setFrameShape(QLabel.Shape.StyledPanel)
    label.setBackgroundRole(QPalette.ColorRole.Base)
    label.setAutoFillBackground(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label
