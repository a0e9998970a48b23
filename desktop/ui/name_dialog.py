"""Asking for a workflow's name (the first save of a new workflow, Rename in the
library), with the file name it gives shown under the field. Wide enough that the
desktop's title bar shows the whole title: a QInputDialog is as narrow as its field,
and the window manager then cuts "Rename workflow — Runnel" to "Renam…unnel"."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

# room for the title bar's icon and buttons, which the window manager draws
TITLE_BAR_EXTRA = 180


def title_width(title: str) -> int:
    """How wide a title bar must be for `title` as the desktop shows it (it adds the
    application's display name, in a bold font)."""
    shown = title
    app_name = QApplication.applicationDisplayName()
    if app_name and not title.endswith(app_name):
        shown = f"{title} — {app_name}"
    font = QFont(QApplication.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(shown) + TITLE_BAR_EXTRA


class NameDialog(QDialog):
    def __init__(self, title: str, label: str, name: str, parent: QWidget | None = None,
                 file_for: Callable[[str], Path | str] | None = None, accept_text: str = "OK") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._file_for = file_for
        self.edit = QLineEdit(name)
        self.edit.setAccessibleName(label.rstrip(":"))
        self.edit.selectAll()
        prompt = QLabel(label)
        prompt.setBuddy(self.edit)
        self.file_label = QLabel()
        self.file_label.setEnabled(False)         # muted, in both themes
        self.file_label.setWordWrap(True)
        self.file_label.setVisible(file_for is not None)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(accept_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.edit)
        layout.addWidget(self.file_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(max(420, title_width(title)))
        self.edit.textChanged.connect(self._changed)
        self._changed(name)

    def name(self) -> str:
        return " ".join(self.edit.text().split())

    def accept(self) -> None:
        if self.name():          # Return in an empty field must not close it either
            super().accept()

    def _changed(self, _text: str) -> None:
        name = self.name()
        self.ok_button.setEnabled(bool(name))
        if self._file_for is not None:
            self.file_label.setText(f"Saved as {self._file_for(name)}" if name
                                    else "A workflow needs a name.")


def ask_name(parent: QWidget | None, title: str, label: str, name: str,
             file_for: Callable[[str], Path | str] | None = None, accept_text: str = "OK") -> str | None:
    """The name typed (spaces tidied), or None when the person cancels."""
    dialog = NameDialog(title, label, name, parent, file_for, accept_text)
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    name = dialog.name()
    dialog.deleteLater()
    return name if ok and name else None
