"""Shows one value that flowed through a workflow: text as text, a JSON record as a
tree, table rows as a table, a document as its text with its metadata."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (QHeaderView, QLabel, QPlainTextEdit, QStackedWidget, QTableWidget,
                               QTableWidgetItem, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from desktop.engine.document import Document
from desktop.ui.theme import mono_font

MAX_TEXT = 200_000        # a huge document is cut for display, never for the run
MAX_ROWS = 1000


class DataView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.text = QPlainTextEdit(readOnly=True)
        self.text.setFont(mono_font())
        self.text.setAccessibleName("Value as text")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Field", "Value"])
        self.tree.setAccessibleName("Value as a tree")
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table = QTableWidget()
        self.table.setAccessibleName("Value as a table")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.stack = QStackedWidget()
        for w in (self.text, self.tree, self.table):
            self.stack.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.stack, 1)
        self.show_value(None, "")

    @property
    def mode(self) -> str:
        return {0: "text", 1: "tree", 2: "table"}[self.stack.currentIndex()]

    def show_value(self, value: Any, caption: str) -> None:
        self.caption.setText(caption)
        self.caption.setVisible(bool(caption))
        if isinstance(value, Document):
            meta = ", ".join(f"{k}: {v}" for k, v in list(value.metadata.items())[:8]) \
                if getattr(value, "metadata", None) else ""
            pages = f"{len(value.pages)} page(s)" if getattr(value, "pages", None) else ""
            head = " · ".join(x for x in (pages, meta) if x)
            self._text((head + "\n\n" if head else "") + value.text)
        elif isinstance(value, list) and value and all(isinstance(r, dict) for r in value):
            self._table(value)
        elif isinstance(value, (dict, list)):
            self._tree(value)
        elif isinstance(value, Path):
            self._text(str(value))
        elif value is None:
            self._text("")
        else:
            self._text(str(value))

    def _text(self, text: str) -> None:
        if len(text) > MAX_TEXT:
            text = text[:MAX_TEXT] + f"\n… ({len(text) - MAX_TEXT:,} more characters not shown)"
        self.text.setPlainText(text)
        self.stack.setCurrentWidget(self.text)

    def _tree(self, value: Any) -> None:
        self.tree.clear()

        def add(parent: QTreeWidgetItem | QTreeWidget, key: str, v: Any) -> None:
            item = QTreeWidgetItem([key, "" if isinstance(v, (dict, list)) else _scalar(v)])
            if isinstance(parent, QTreeWidget):
                parent.addTopLevelItem(item)
            else:
                parent.addChild(item)
            if isinstance(v, dict):
                item.setText(1, f"{{{len(v)} fields}}")
                for k, child in v.items():
                    add(item, str(k), child)
            elif isinstance(v, list):
                item.setText(1, f"[{len(v)} items]")
                for i, child in enumerate(v[:MAX_ROWS]):
                    add(item, str(i), child)

        if isinstance(value, dict):
            for k, v in value.items():
                add(self.tree, str(k), v)
        else:
            for i, v in enumerate(value[:MAX_ROWS]):
                add(self.tree, str(i), v)
        self.tree.expandToDepth(1)
        self.stack.setCurrentWidget(self.tree)

    def _table(self, rows: list[dict]) -> None:
        columns: list[str] = []
        for row in rows[:MAX_ROWS]:
            for k in row:
                if k not in columns:
                    columns.append(str(k))
        shown = rows[:MAX_ROWS]
        self.table.clear()
        self.table.setColumnCount(len(columns))
        self.table.setRowCount(len(shown))
        self.table.setHorizontalHeaderLabels(columns)
        for r, row in enumerate(shown):
            for c, key in enumerate(columns):
                self.table.setItem(r, c, QTableWidgetItem(_scalar(row.get(key, ""))))
        self.table.resizeColumnsToContents()
        self.stack.setCurrentWidget(self.table)


def _scalar(v: Any) -> str:
    if isinstance(v, str):
        return v
    try:
        return json.dumps(v, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(v)
