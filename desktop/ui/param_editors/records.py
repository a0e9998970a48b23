"""Lists of small records as a table: the fields of ai.extract_fields and the
labels of ai.classify."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.engine.spec import Param
from desktop.ui.param_editors.base import FIELD_TYPES, ParamEditor, guard_wheel, humanize
from desktop.ui.param_editors.text import JsonEditor


# ------------------------------------------------------------------ lists of records


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: str = "text"                 # text | choice | bool
    default: Any = ""
    choices: tuple[str, ...] = ()
    help: str = ""
    width: int = 0                     # 0: stretch


FIELD_COLUMNS = (
    Column("name", "Name", help="the key in the record (e.g. invoice_number)", width=96),
    Column("type", "Type", "choice", "string", FIELD_TYPES, help="what kind of value it is", width=80),
    Column("description", "Description", help="what the model should look for"),
    Column("required", "Req.", "bool", True, help="required: when unchecked, the field may be empty (null)",
           width=34),
)
LABEL_COLUMNS = (
    Column("label", "Label", help="lower-case name; it becomes an output of the step", width=100),
    Column("description", "Description", help="what belongs under this label"),
)


class RecordListEditor(ParamEditor):
    """A list of small records as a table (add, remove, move rows), with a switch to
    the raw JSON for what the table does not show (a field's `choices`)."""

    columns: tuple[Column, ...] = ()
    noun = "row"

    def __init__(self, param: Param, parent: QWidget | None = None) -> None:
        super().__init__(param, parent)
        self._items: list[dict[str, Any]] = []
        self._problem: str | None = None
        self.table = QTableWidget(0, len(self.columns))
        self.table.setHorizontalHeaderLabels([c.title for c in self.columns])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)    # Tab leaves the table, like any field
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(28)
        for i, col in enumerate(self.columns):
            item = self.table.horizontalHeaderItem(i)
            if item is not None:
                item.setToolTip(col.help)
            if col.width:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                self.table.setColumnWidth(i, col.width)
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(lambda _item: self._edited())
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.json = JsonEditor(param)
        self.json.committed.connect(self._json_committed)
        self.json.problemChanged.connect(self.problemChanged.emit)
        self.json.setVisible(False)

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.add_button = self._button("Add", f"Add a {self.noun}", self.add_row)
        self.remove_button = self._button("Remove", f"Remove the selected {self.noun}", self.remove_row)
        self.up_button = self._button("Up", f"Move the selected {self.noun} up", lambda: self.move_row(-1))
        self.down_button = self._button("Down", f"Move the selected {self.noun} down", lambda: self.move_row(1))
        self.json_button = self._button("JSON", "Edit the list as JSON", self._toggle_json)
        self.json_button.setCheckable(True)
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.json_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.table)
        layout.addWidget(self.json)
        layout.addLayout(buttons)
        self._update_buttons()

    def _button(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(tip)
        b.clicked.connect(lambda _=False: slot())
        return b

    def input_widget(self) -> QTableWidget:
        return self.table

    # -- the value

    @classmethod
    def representable(cls, value: Any) -> bool:
        return isinstance(value, list) and all(isinstance(v, (dict, str)) for v in value)

    def item_dict(self, item: dict | str) -> dict[str, Any]:
        return dict(item) if isinstance(item, dict) else {self.columns[0].key: item}

    def _show(self, value: Any) -> None:
        self._value = value
        self.json.set_value(value, force=True)
        if self.representable(value):
            self._items = [self.item_dict(v) for v in value]
            self._populate()
            self._show_json(self.json_button.isChecked())
        else:
            self._items = []
            self._populate()
            self._show_json(True)
        self._check()

    def new_item(self) -> dict[str, Any]:
        key = self.columns[0].key
        taken = {str(i.get(key)) for i in self._items}
        n = 1
        while f"{self.noun}_{n}" in taken:
            n += 1
        item = {c.key: c.default for c in self.columns if c.kind != "bool"}
        item[key] = f"{self.noun}_{n}"
        return item

    # -- the table

    def cell_choices(self, item: dict[str, Any], col: Column) -> tuple[str, ...]:
        return col.choices

    def cell_value(self, item: dict[str, Any], col: Column) -> Any:
        return item.get(col.key, col.default)

    def apply_cell(self, item: dict[str, Any], col: Column, value: Any) -> None:
        # write a key the item had, or a value other than the default; so an edit
        # does not fill every row with `required: true`
        if col.key in item or value != col.default:
            item[col.key] = value

    def _populate(self) -> None:
        with self.quiet():
            self.table.blockSignals(True)
            try:
                self.table.clearContents()
                self.table.setRowCount(len(self._items))
                for r, item in enumerate(self._items):
                    for c, col in enumerate(self.columns):
                        self._make_cell(r, c, col, item)
            finally:
                self.table.blockSignals(False)
        self._fit_height()
        self._update_buttons()

    def _make_cell(self, r: int, c: int, col: Column, item: dict[str, Any]) -> None:
        value = self.cell_value(item, col)
        if col.kind == "choice":
            combo = QComboBox()
            combo.setFrame(False)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
            combo.setAccessibleName(f"{col.key} of {self.noun} {r + 1}")
            guard_wheel(combo)
            # cell widgets join the focus chain after the whole form; Tab should not
            # jump back into the table (the JSON view is the keyboard route)
            combo.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            choices = self.cell_choices(item, col)
            for choice in choices:
                combo.addItem(choice, choice)
            if value not in choices:
                combo.addItem(f"{value}?", value)
            combo.setCurrentIndex(combo.findData(value))
            combo.currentIndexChanged.connect(lambda _i: self._edited())
            self.table.setCellWidget(r, c, combo)
            return
        cell = QTableWidgetItem()
        if col.kind == "bool":
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsUserCheckable)
            cell.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
            cell.setToolTip(col.help)
        else:
            text = "" if value is None else str(value)
            cell.setText(text)
            cell.setToolTip(text or col.help)     # the narrow column clips long text
        self.table.setItem(r, c, cell)

    def _read_cell(self, r: int, c: int, col: Column) -> Any:
        if col.kind == "choice":
            combo = self.table.cellWidget(r, c)
            return combo.currentData() if isinstance(combo, QComboBox) else col.default
        cell = self.table.item(r, c)
        if cell is None:
            return col.default
        if col.kind == "bool":
            return cell.checkState() == Qt.CheckState.Checked
        return cell.text().strip()

    def _collect(self) -> list[dict[str, Any]]:
        out = []
        for r, original in enumerate(self._items):
            item = dict(original)
            for c, col in enumerate(self.columns):
                self.apply_cell(item, col, self._read_cell(r, c, col))
            out.append(item)
        return out

    def _fit_height(self) -> None:
        rows = self.table.rowCount()
        height = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        default_row = self.table.verticalHeader().defaultSectionSize()
        height += sum(self.table.rowHeight(r) for r in range(rows)) if rows else default_row
        self.table.setFixedHeight(height)

    def _edited(self) -> None:
        if self.is_quiet:
            return
        self._items = self._collect()
        self._check()
        self._commit(self._value_out())

    def _value_out(self) -> list[dict[str, Any]]:
        return [dict(i) for i in self._items]

    def _selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _select(self, row: int) -> None:
        if 0 <= row < self.table.rowCount():
            self.table.selectRow(row)
            self.table.setCurrentCell(row, 0)

    def _update_buttons(self) -> None:
        row, n = self._selected_row(), self.table.rowCount()
        table_mode = not self.json_button.isChecked()
        self.add_button.setEnabled(table_mode)
        self.remove_button.setEnabled(table_mode and row >= 0)
        self.up_button.setEnabled(table_mode and row > 0)
        self.down_button.setEnabled(table_mode and 0 <= row < n - 1)

    def add_row(self) -> None:
        self._items = self._collect() + [self.new_item()]
        self._populate()
        row = len(self._items) - 1
        self._select(row)
        self._check()
        self._commit(self._value_out())
        item = self.table.item(row, 0)
        if item is not None:
            self.table.editItem(item)     # type the new name straight away

    def remove_row(self) -> None:
        row = self._selected_row()
        if row < 0:
            return
        items = self._collect()
        del items[row]
        self._items = items
        self._populate()
        self._select(min(row, len(items) - 1))
        self._check()
        self._commit(self._value_out())

    def move_row(self, delta: int) -> None:
        row = self._selected_row()
        target = row + delta
        if row < 0 or not 0 <= target < len(self._items):
            return
        items = self._collect()
        items[row], items[target] = items[target], items[row]
        self._items = items
        self._populate()
        self._select(target)
        self._commit(self._value_out())

    # -- JSON view

    def _toggle_json(self) -> None:
        if not self.json_button.isChecked():
            self.json.flush()              # keep what was typed before going back
            if self.json.local_problem():
                with self.quiet():
                    self.json_button.setChecked(True)
                return                     # fix the JSON first; its message says how
        self._show_json(self.json_button.isChecked())

    def _show_json(self, on: bool) -> None:
        if not on and not self.representable(self._value):
            on = True     # the table cannot show this value; stay in JSON
        with self.quiet():
            self.json_button.setChecked(on)
        if on:
            self.json.set_value(self._value, force=True)
        self.json.setVisible(on)
        self.table.setVisible(not on)
        self._update_buttons()
        self.problemChanged.emit()

    def _json_committed(self, value: Any) -> None:
        if self.representable(value):
            self._items = [self.item_dict(v) for v in value]
            self._populate()
        self._commit(value)
        self._check()

    def flush(self) -> None:
        if self.json.isVisibleTo(self):
            self.json.flush()

    # -- inline problems

    def _check(self) -> None:
        problem = self.table_problem(self._items) if self.representable(self._value) else None
        if problem != self._problem:
            self._problem = problem
            self.problemChanged.emit()

    def table_problem(self, items: list[dict[str, Any]]) -> str | None:
        key = self.columns[0].key
        seen: set[str] = set()
        for i, item in enumerate(items, 1):
            name = str(item.get(key) or "").strip()
            if not name:
                return f"{humanize(self.noun)} {i} needs a {key}"
            if name in seen:
                return f"'{name}' is listed twice"
            seen.add(name)
        return None

    def local_problem(self) -> str | None:
        if self.json.isVisibleTo(self) and self.json.local_problem():
            return self.json.local_problem()
        return self._problem


class FieldsEditor(RecordListEditor):
    """ai.extract_fields `fields`: name, type, description, required."""

    columns = FIELD_COLUMNS
    noun = "field"
    CHOICES = "choices"    # shown as a type when a field lists its own choices

    def cell_choices(self, item: dict[str, Any], col: Column) -> tuple[str, ...]:
        if col.key == "type" and self.CHOICES in item:
            return col.choices + (self.CHOICES,)
        return col.choices

    def cell_value(self, item: dict[str, Any], col: Column) -> Any:
        if col.key == "type" and self.CHOICES in item:
            return self.CHOICES
        return super().cell_value(item, col)

    def apply_cell(self, item: dict[str, Any], col: Column, value: Any) -> None:
        if col.key == "type":
            if value == self.CHOICES:
                return               # the choices decide; the type stays as it was
            item.pop(self.CHOICES, None)
        super().apply_cell(item, col, value)

    def _make_cell(self, r: int, c: int, col: Column, item: dict[str, Any]) -> None:
        super()._make_cell(r, c, col, item)
        if col.key == "type" and self.CHOICES in item:
            widget = self.table.cellWidget(r, c)
            if widget is not None:
                shown = ", ".join(map(str, item[self.CHOICES])) if isinstance(item[self.CHOICES], list) else ""
                widget.setToolTip(f"one of: {shown}\n(edit the choices in the JSON view)")


class LabelsEditor(RecordListEditor):
    """ai.classify `labels`: label and description."""

    columns = LABEL_COLUMNS
    noun = "label"
