"""Keyboard and screen-reader paths to the canvas: a plain list of the steps (with
their status and problems) kept in step with the canvas selection, and a dialog
that makes a link without a mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QListWidget, QListWidgetItem, QWidget)

from desktop.engine.editing import WorkflowDocument
from desktop.engine.workflow import Link


class NodeList(QListWidget):
    nodeChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Steps of the workflow")
        self.setAccessibleDescription("Every step on the canvas, in order; Enter selects it on the canvas")
        self.itemActivated.connect(lambda item: self.nodeChosen.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.currentItemChanged.connect(self._current_changed)
        self._status: dict[str, str] = {}
        self._syncing = False

    def refresh(self, doc: WorkflowDocument, problems: dict[str, int]) -> None:
        current = self.current_node()
        self._syncing = True
        self.clear()
        for node in doc.workflow.nodes:
            spec = doc.spec(node.id)
            title = node.title or (spec.title if spec else node.type)
            text = f"{title}  ({node.id})"
            if node.id in self._status:
                text += f" — {self._status[node.id]}"
            if problems.get(node.id):
                text += f" — {problems[node.id]} problem(s)"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, node.id)
            item.setToolTip(spec.description if spec else f"unknown step type {node.type}")
            self.addItem(item)
            if node.id == current:
                self.setCurrentItem(item)
        self._syncing = False

    def set_status(self, node_id: str, status: str | None) -> None:
        if status is None:
            self._status.pop(node_id, None)
        else:
            self._status[node_id] = status

    def clear_statuses(self) -> None:
        self._status.clear()

    def current_node(self) -> str | None:
        item = self.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select(self, node_id: str | None) -> None:
        self._syncing = True
        for i in range(self.count()):
            if self.item(i).data(Qt.ItemDataRole.UserRole) == node_id:
                self.setCurrentRow(i)
                break
        else:
            self.setCurrentRow(-1)
        self._syncing = False

    def _current_changed(self, current: QListWidgetItem | None, _: object) -> None:
        if current is not None and not self._syncing:
            self.nodeChosen.emit(current.data(Qt.ItemDataRole.UserRole))


class ConnectDialog(QDialog):
    """Link the selected step's output to another step's input, by keyboard. Only
    pairs the model accepts are offered."""

    def __init__(self, doc: WorkflowDocument, node_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Connect {node_id}")
        self.doc, self.node_id = doc, node_id
        self.choice = QComboBox()
        self.choice.setAccessibleName("Connection")
        self.links: list[Link] = []
        for out in doc.outputs(node_id):
            for other in doc.workflow.nodes:
                for inp in doc.inputs(other.id):
                    if doc.connection_problem(node_id, out.name, other.id, inp.name) is None:
                        link = Link(node_id, out.name, other.id, inp.name)
                        taken = " (replaces its link)" if doc.link_into(other.id, inp.name) else ""
                        self.links.append(link)
                        self.choice.addItem(f"{out.name} → {other.id}.{inp.name}{taken}")
        form = QFormLayout(self)
        if self.links:
            form.addRow("Connect", self.choice)
        else:
            form.addRow(QLabel("No input of another step accepts this step's outputs."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.links))
        form.addRow(buttons)

    def chosen(self) -> Link | None:
        i = self.choice.currentIndex()
        return self.links[i] if 0 <= i < len(self.links) else None
