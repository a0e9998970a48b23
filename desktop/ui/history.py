"""The History window: every recorded run, filtered in SQL, with its steps, each
step's input and output, and the files it changed. From here a run is re-run,
opened in the editor, or its file changes undone (desktop.undo)."""

from __future__ import annotations

import datetime as dt
import html
import json
import time
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import (QAbstractTableModel, QItemSelectionModel, QModelIndex,
                            QPersistentModelIndex, QSettings, Qt, QTimer, Signal)
from PySide6.QtGui import QColor, QFont, QIcon, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QMessageBox, QPlainTextEdit,
                               QPushButton, QSplitter, QStackedWidget, QTabWidget, QTreeView,
                               QVBoxLayout, QWidget)

from desktop.engine.signature import PREVIEW_CHARS
from desktop.store.runs import INTERRUPTED, RunStore
from desktop.ui import theme
from desktop.ui.path_text import ColumnWidths, PathDelegate, PathLabel
from desktop.undo import undo_run

Row = dict[str, Any]
Index = QModelIndex | QPersistentModelIndex

EMPTY_TEXT = "No runs yet — run a workflow and it appears here."
NO_MATCH_TEXT = 'No runs match these filters. <a href="clear">Clear the filters</a>'
PICK_RUN_TEXT = "Select a run to see its steps, their data and the files it changed."

# (label, value stored in runs.status); None = no filter
STATUS_CHOICES: tuple[tuple[str, str | None], ...] = (
    ("All statuses", None), ("Done", "done"), ("Failed", "failed"),
    ("Cancelled", "cancelled"), ("Waiting for approval", "waiting"), ("Rejected", "rejected"),
    ("Interrupted", INTERRUPTED), ("Running", "running"))
# (label, days back; 0 = since local midnight); None = any time
DATE_CHOICES: tuple[tuple[str, int | None], ...] = (
    ("Any time", None), ("Today", 0), ("Last 7 days", 7), ("Last 30 days", 30))
ALL_WORKFLOWS = "All workflows"
LIMIT = 500

OP_VERBS = {"write": "Wrote", "copy": "Copied", "move": "Moved", "rename": "Renamed",
            "append": "Added a row"}


# ------------------------------------------------------------------ formatting

def human_time(ts: float | None, now: dt.datetime | None = None) -> str:
    """Short local time the way a file manager shows it: Today 14:32, Mon 09:10, 3 Mar 2024."""
    if ts is None:
        return "—"
    t = dt.datetime.fromtimestamp(ts)
    today = (now or dt.datetime.now()).date()
    days = (today - t.date()).days
    if days == 0:
        return f"Today {t:%H:%M}"
    if days == 1:
        return f"Yesterday {t:%H:%M}"
    if 1 < days < 7:
        return f"{t:%a %H:%M}"
    if t.year == today.year:
        return f"{t.day} {t:%b %H:%M}"
    return f"{t.day} {t:%b %Y}"


def full_time(ts: float | None) -> str:
    return "—" if ts is None else dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M:%S")


def human_duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 0.001:
        return "<1 ms"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    if seconds < 10:
        return f"{seconds:.1f} s"
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes, secs = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {secs} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"


def run_duration(run: Row) -> str:
    if run["finished_at"] is None:
        return "running…" if run["status"] == "running" else "—"
    return human_duration(max(0.0, run["finished_at"] - run["started_at"]))


def status_text(status: str | None) -> str:
    return (status or "unknown").capitalize()


def run_status_text(run: Row) -> str:
    """A run's status, with the decision it went on after: 'Done · approved (edited)'."""
    decision = run.get("decision")
    if not decision:
        return status_text(run["status"])
    said = decision + (" (edited)" if run.get("decision_edited") and decision == "approved" else "")
    if run["status"] == "rejected":
        return "Rejected"
    return f"{status_text(run['status'])} · {said}"


def status_qcolour(status: str | None) -> QColor:
    # an interrupted run reads like a cancelled one: stopped before it finished
    return theme.status_colour("cancelled" if status == INTERRUPTED else (status or ""))


def file_name(path: str | None) -> str:
    return Path(path).name if path else "(no input)"


def pretty_preview(text: str | None) -> str:
    """A preview as stored; JSON that parses (not cut short) is indented."""
    if not text:
        return "(nothing)"
    stripped = text.strip()
    if stripped[:1] in "{[":
        try:
            return json.dumps(json.loads(stripped), indent=2, ensure_ascii=False)
        except ValueError:
            pass
    return text


def tokens_text(step: Row) -> str:
    t_in, t_out = step.get("tokens_in"), step.get("tokens_out")
    if t_in is None and t_out is None:
        return ""
    return f"{t_in or 0} → {t_out or 0}"


def op_sentence(op: Row) -> str:
    """What undoing a journal entry will do, in the words desktop.undo reports."""
    if op["op"] in ("move", "rename") and op["source"]:
        return f"move {op['target']} back to {op['source']}"
    if op["op"] == "append":
        return f"remove the row added to {op['target']}"
    return f"remove {op['target']}"


def op_state(op: Row) -> str:
    if op["dry_run"]:
        return "dry run, not done"
    if op["undone_at"]:
        return f"undone {human_time(op['undone_at'])}"
    return "done"


def undoable(ops: list[Row]) -> list[Row]:
    """The same selection desktop.undo.undo_run acts on."""
    return [op for op in ops if not op["dry_run"] and not op["undone_at"]]


_icons: dict[str, QIcon] = {}


def status_icon(status: str | None) -> QIcon:
    """A coloured dot; drawn at 2x so it stays round on high-DPI screens."""
    key = status or ""
    if key not in _icons:
        pm = QPixmap(24, 24)
        pm.setDevicePixelRatio(2.0)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(status_qcolour(status))
        p.drawEllipse(1.5, 1.5, 9.0, 9.0)
        p.end()
        _icons[key] = QIcon(pm)
    return _icons[key]


# ------------------------------------------------------------------ models

@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Row], str]
    tip: Callable[[Row], str | None] | None = None
    right: bool = False                      # numbers line up on the right
    error: bool = False                      # drawn in the failed colour


class RowsModel(QAbstractTableModel):
    """A read-only table over a list of dict rows (runs, steps or file operations)."""

    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, columns: tuple[Column, ...], status_column: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.columns = columns
        self.status_column = status_column
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title
            if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[section].right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, col = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return col.tip(row) if col.tip else (col.text(row) or None)
        if role == Qt.ItemDataRole.DecorationRole and index.column() == self.status_column:
            return status_icon(row.get("status"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col.error:
            return status_qcolour("failed")
        if role == self.RowRole:
            return row
        return None


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


RUN_COLUMNS = (
    Column("Status", run_status_text),
    Column("Workflow", lambda r: r["workflow_name"] or "", lambda r: r["workflow_path"]),
    Column("Input file", lambda r: file_name(r["input_path"]), lambda r: r["input_path"]),
    Column("Started", lambda r: human_time(r["started_at"]), lambda r: full_time(r["started_at"])),
    Column("Duration", run_duration, right=True),
    Column("Dry run", lambda r: "yes" if r["dry_run"] else "",
           lambda r: "A dry run: files were not changed, only reported" if r["dry_run"] else None),
)
STEP_COLUMNS = (
    Column("Step", lambda s: s["node_id"]),
    Column("Type", lambda s: s["step_type"] or ""),
    Column("Status", lambda s: status_text(s["status"])),
    Column("Duration", lambda s: human_duration(s["duration"]) if s["duration"] is not None
           else "", right=True),
    Column("Tokens", tokens_text, lambda s: "tokens in → out" if tokens_text(s) else None,
           right=True),
    Column("Error", lambda s: _first_line(s["error"]), lambda s: s["error"], error=True),
)
OP_COLUMNS = (
    Column("Operation", lambda o: OP_VERBS.get(o["op"], o["op"])),
    # an appended row's "source" is where the row sits in the file, not a path
    Column("From", lambda o: "" if o["op"] == "append" else (o["source"] or "")),
    Column("To", lambda o: o["target"] or ""),
    Column("State", op_state),
)


# ------------------------------------------------------------------ the window

def _tree(name: str, model: RowsModel) -> QTreeView:
    view = QTreeView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setRootIsDecorated(False)
    view.setUniformRowHeights(True)
    view.setAlternatingRowColors(True)
    view.setAllColumnsShowFocus(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)     # keep both ends of a path
    view.header().setStretchLastSection(False)
    view.header().setHighlightSections(False)
    return view


def _size_columns(view: QTreeView, samples: dict[int, str], stretch: int,
                  icon_column: int | None = None) -> None:
    """Fixed starting widths from the font (not from 500 rows of content); one column
    takes the remaining space. The user can still drag them."""
    fm = view.fontMetrics()
    header = view.header()
    for col in range(view.model().columnCount()):
        if col == stretch:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
            continue
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        title = view.model().headerData(col, Qt.Orientation.Horizontal) or ""
        text = max(samples.get(col, ""), title, key=fm.horizontalAdvance)
        icon = 22 if col == icon_column else 0
        header.resizeSection(col, fm.horizontalAdvance(text) + 22 + icon)


def _selectable(label: QLabel, rich: bool = False) -> QLabel:
    # file names are data: never let a "<" in one be read as markup
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


class HistoryWindow(QWidget):
    """Runs newest first with filters on top, the selected run's details on the right."""

    rerunRequested = Signal(str, str)        # workflow path, input path ("" = no input)
    openRequested = Signal(str, str)         # workflow path, run id
    decideRequested = Signal(int, bool)      # approval id, approve?
    auditExported = Signal(bool, str)        # written?, the message shown

    def __init__(self, store: RunStore, parent: QWidget | None = None,
                 settings: QSettings | None = None):
        super().__init__(parent)
        self.store = store
        self.settings = settings              # where column widths are remembered
        self.setWindowTitle("History")        # the desktop adds "— Runnel" (applicationDisplayName)
        self.setAccessibleName("Run history")
        self.last_undo_report = None
        self._run: Row | None = None                 # the run shown on the right
        self._ops: list[Row] = []
        self._steps: list[Row] = []
        self._reloading = False
        self._build()
        self.refresh()

    # ---------------------------------------------------------------- layout

    def _build(self) -> None:
        # filters
        self.workflow_filter = QComboBox()
        self.workflow_filter.setAccessibleName("Workflow filter")
        self.workflow_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.workflow_filter.setMinimumContentsLength(14)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Status filter")
        for label, value in STATUS_CHOICES:
            self.status_filter.addItem(label, value)
        self.date_filter = QComboBox()
        self.date_filter.setAccessibleName("Date filter")
        for label, days in DATE_CHOICES:
            self.date_filter.addItem(label, days)
        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName("Search input files")
        self.search_edit.setPlaceholderText("Search input files…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(160)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setAccessibleName("Refresh")
        self.refresh_button.setToolTip("Reload the run history (F5)")

        filters = QHBoxLayout()
        filters.setSpacing(6)
        for text, widget in (("&Workflow:", self.workflow_filter), ("&Status:", self.status_filter),
                             ("&Date:", self.date_filter)):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget)
            filters.addSpacing(8)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.refresh_button)

        # run list, or a message in its place
        self.run_model = RowsModel(RUN_COLUMNS, status_column=0, parent=self)
        self.run_view = _tree("Runs", self.run_model)
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setAccessibleName("No runs")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.run_view)
        self.list_stack.addWidget(self.empty_label)
        self.count_label = QLabel()
        self.count_label.setEnabled(False)           # muted text in both themes
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.setSpacing(4)
        left_box.addWidget(self.list_stack, 1)
        left_box.addWidget(self.count_label)

        # details of the selected run
        self.title_label = _selectable(QLabel())
        self.title_label.setAccessibleName("Selected run")
        font = QFont(self.title_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)
        self.summary_label = _selectable(QLabel(), rich=True)
        self.input_label = _selectable(PathLabel())
        self.workflow_label = _selectable(PathLabel())
        self.run_id_label = _selectable(QLabel())
        info = QFormLayout()
        info.setContentsMargins(0, 0, 0, 0)
        info.setHorizontalSpacing(10)
        info.setVerticalSpacing(2)
        info.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        for text, label in (("Status", self.summary_label), ("Input", self.input_label),
                            ("Workflow", self.workflow_label), ("Run", self.run_id_label)):
            # long paths must not widen the panel; the tooltip has them whole
            label.setMinimumWidth(1)
            label.setAccessibleName(f"Run {text.lower()}")
            info.addRow(f"{text}:", label)

        self.error_label = _selectable(QLabel())
        self.error_label.setAccessibleName("Run error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {status_qcolour('failed').name()};")
        self.message_label = _selectable(QLabel())
        self.message_label.setAccessibleName("Undo result")
        self.message_label.setWordWrap(True)

        self.rerun_button = QPushButton("Re-run")
        self.rerun_button.setAccessibleName("Re-run")
        self.open_button = QPushButton("Open in editor")
        self.open_button.setAccessibleName("Open in editor")
        self.undo_button = QPushButton("Undo file changes…")
        self.undo_button.setAccessibleName("Undo file changes")
        self.audit_button = QPushButton("Export audit…")
        self.audit_button.setAccessibleName("Export audit record")
        # a run paused at a human.approve step is decided here, as with `runnel approvals`
        self.approval_label = _selectable(QLabel())
        self.approval_label.setAccessibleName("Approval asked for")
        self.approval_label.setWordWrap(True)
        self.approve_button = QPushButton("Approve")
        self.approve_button.setAccessibleName("Approve")
        self.reject_button = QPushButton("Reject")
        self.reject_button.setAccessibleName("Reject")
        self.approve_button.clicked.connect(lambda: self._decide(True))
        self.reject_button.clicked.connect(lambda: self._decide(False))
        self._approval: Row | None = None
        actions = QHBoxLayout()
        actions.setSpacing(6)
        actions.addWidget(self.rerun_button)
        actions.addWidget(self.open_button)
        actions.addWidget(self.undo_button)
        actions.addWidget(self.audit_button)
        actions.addStretch(1)
        actions.addWidget(self.approve_button)
        actions.addWidget(self.reject_button)

        self.step_model = RowsModel(STEP_COLUMNS, status_column=2, parent=self)
        self.step_view = _tree("Steps of the selected run", self.step_model)
        self.detail_text = QPlainTextEdit()
        self.detail_text.setAccessibleName("Input and output of the selected step")
        self.detail_text.setReadOnly(True)
        self.detail_text.setTabChangesFocus(True)
        self.detail_text.setFont(theme.mono_font())
        self.detail_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.op_model = RowsModel(OP_COLUMNS, parent=self)
        self.ops_view = _tree("File changes of the selected run", self.op_model)
        self.detail_tabs = QTabWidget()
        self.detail_tabs.setAccessibleName("Step data and file changes")
        self.detail_tabs.setDocumentMode(True)
        self.detail_tabs.addTab(self.detail_text, "Step data")
        self.detail_tabs.addTab(self.ops_view, "File changes")

        inner = QSplitter(Qt.Orientation.Vertical)
        inner.setChildrenCollapsible(False)
        inner.addWidget(self.step_view)
        inner.addWidget(self.detail_tabs)
        inner.setStretchFactor(0, 2)
        inner.setStretchFactor(1, 3)

        details = QWidget()
        box = QVBoxLayout(details)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(6)
        box.addWidget(self.title_label)
        box.addLayout(info)
        box.addWidget(self.error_label)
        box.addWidget(self.approval_label)
        box.addLayout(actions)
        box.addWidget(self.message_label)
        box.addWidget(inner, 1)
        self.pick_label = QLabel(PICK_RUN_TEXT)
        self.pick_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pick_label.setWordWrap(True)
        self.pick_label.setEnabled(False)
        self.detail_stack = QStackedWidget()
        self.detail_stack.addWidget(self.pick_label)
        self.detail_stack.addWidget(details)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail_stack)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)

        root = QVBoxLayout(self)
        root.setContentsMargins(10, 10, 10, 10)
        root.setSpacing(8)
        root.addLayout(filters)
        root.addWidget(self.splitter, 1)

        _size_columns(self.run_view, {0: "Interrupted", 1: "Invoice intake", 3: "Yesterday 23:59",
                                      4: "12 min 5 s", 5: "yes"}, stretch=2, icon_column=0)
        _size_columns(self.step_view, {0: "summarize", 1: "files.write_text", 2: "Cancelled",
                                       3: "999 ms", 4: "9999 → 999"}, stretch=5, icon_column=2)
        _size_columns(self.ops_view, {0: "Added a row", 1: "/home/someone/Inbox/report.pdf",
                                      3: "undone Yesterday 23:59"}, stretch=2)
        self.step_view.setTextElideMode(Qt.TextElideMode.ElideRight)   # errors read from the start
        self.ops_view.setItemDelegate(PathDelegate(self.ops_view))     # keep a path's folder and name
        # each column fits its rows, giving back room down to the sample widths above when
        # the stretch column needs it, until the person drags it (remembered in settings)
        self.column_widths = [
            ColumnWidths(view, self.settings, f"history/columns/{key}", stretch,
                         {c: view.header().sectionSize(c) for c in range(view.model().columnCount())})
            for view, key, stretch in ((self.run_view, "runs", 2), (self.step_view, "steps", 5),
                                       (self.ops_view, "files", 2))]
        self.resize(1200, 720)
        self.splitter.setSizes([640, 560])

        # wiring
        self.workflow_filter.currentIndexChanged.connect(self.refresh)
        self.status_filter.currentIndexChanged.connect(self.refresh)
        self.date_filter.currentIndexChanged.connect(self.refresh)
        self._search_timer = QTimer(self)                # typing does not query per key
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)   # a secondary window
        self.refresh_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        self.refresh_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_shortcut.activated.connect(self.refresh)
        self.empty_label.linkActivated.connect(lambda _link: self.clear_filters())
        self.run_view.selectionModel().selectionChanged.connect(self._run_selection_changed)
        # Enter (or a double click) on a run moves on to its details
        self.run_view.activated.connect(lambda _i: self.step_view.setFocus())
        self.step_view.selectionModel().selectionChanged.connect(self._show_step)
        self.rerun_button.clicked.connect(self.rerun)
        self.open_button.clicked.connect(self.open_in_editor)
        self.undo_button.clicked.connect(self.undo_file_changes)
        self.audit_button.clicked.connect(self.export_audit)

        order = [self.workflow_filter, self.status_filter, self.date_filter, self.search_edit,
                 self.refresh_button, self.run_view, self.rerun_button, self.open_button,
                 self.undo_button, self.audit_button, self.step_view, self.detail_tabs,
                 self.detail_text, self.ops_view]
        for a, b in pairwise(order):
            self.setTabOrder(a, b)

    # ---------------------------------------------------------------- queries

    def filters(self) -> dict[str, Any]:
        """The current filters as RunStore.search_runs arguments."""
        days = self.date_filter.currentData()
        since = None
        if days is not None:
            midnight = dt.datetime.combine(dt.date.today(), dt.time())
            since = midnight.timestamp() if days == 0 else time.time() - days * 86400
        return {"workflow": self.workflow_filter.currentData(),
                "status": self.status_filter.currentData(),
                "since": since, "text": self.search_edit.text().strip() or None}

    def clear_filters(self) -> None:
        for combo in (self.workflow_filter, self.status_filter, self.date_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.refresh()

    def _reload_workflow_names(self) -> None:
        current = self.workflow_filter.currentData()
        names = self.store.workflow_names()
        if current and current not in names:
            names.append(current)              # never change the user's filter behind them
        self.workflow_filter.blockSignals(True)
        self.workflow_filter.clear()
        self.workflow_filter.addItem(ALL_WORKFLOWS, None)
        for name in names:
            self.workflow_filter.addItem(name, name)
        self.workflow_filter.setCurrentIndex(max(0, self.workflow_filter.findData(current))
                                             if current else 0)
        self.workflow_filter.blockSignals(False)

    def refresh(self) -> None:
        """Reload the list with the current filters, keeping the selected run and step."""
        self._search_timer.stop()
        keep_run = self._run["id"] if self._run else None
        keep_step = self.selected_step()
        keep_node = keep_step["node_id"] if keep_step else None
        self._reload_workflow_names()
        filters = self.filters()
        rows = self.store.search_runs(**filters, limit=LIMIT)
        self._reloading = True       # selection signals from the reset are not user choices
        try:
            self.run_model.set_rows(rows)
            self.column_widths[0].fit()
        finally:
            self._reloading = False

        if rows:
            self.list_stack.setCurrentWidget(self.run_view)
        else:
            filtered = any(v is not None for v in filters.values())
            anything = filtered and bool(self.store.search_runs(limit=1))
            self.empty_label.setText(NO_MATCH_TEXT if anything else EMPTY_TEXT)
            self.list_stack.setCurrentWidget(self.empty_label)
        # nothing recorded at all: one message across the window, not two empty panes
        self.detail_stack.setVisible(bool(rows))
        self.count_label.setVisible(bool(rows))
        if len(rows) >= LIMIT:
            self.count_label.setText(f"The newest {LIMIT} runs; narrow the filters to see older ones.")
        else:
            self.count_label.setText(f"{len(rows)} run{'' if len(rows) == 1 else 's'}")

        # the same run again if it is still listed, else the newest one
        ids = [r["id"] for r in rows]
        row = ids.index(keep_run) if keep_run in ids else (0 if rows else -1)
        self._reloading = True           # one explicit _show_run below, not one per signal
        try:
            if row >= 0:
                self._select_row(self.run_view, row)
        finally:
            self._reloading = False
        self._show_run(rows[row] if row >= 0 else None)
        if row >= 0 and rows[row]["id"] == keep_run and keep_node:
            self.select_step(keep_node)

    # ---------------------------------------------------------------- selection

    def selected_run(self) -> Row | None:
        return self._run

    def selected_step(self) -> Row | None:
        rows = self.step_view.selectionModel().selectedRows()
        return self.step_model.rows[rows[0].row()] if rows else None

    def select_run(self, run_id: str) -> bool:
        """Show a run (e.g. the one just finished); False if the filters hide it. A run
        that paused and went on after a decision is one row: its id finds that row."""
        for i, row in enumerate(self.run_model.rows):
            if run_id in (row["id"], row.get("paused_run_id")):
                self._select_row(self.run_view, i)
                return True
        return False

    def select_step(self, node_id: str) -> bool:
        for i, step in enumerate(self.step_model.rows):
            if step["node_id"] == node_id:
                self._select_row(self.step_view, i)
                return True
        return False

    @staticmethod
    def _select_row(view: QTreeView, row: int) -> None:
        index = view.model().index(row, 0)
        view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        view.scrollTo(index)

    def _run_selection_changed(self) -> None:
        if self._reloading:
            return
        rows = self.run_view.selectionModel().selectedRows()
        if not rows:
            # Ctrl+click or a click on empty space: the details stay, so does the highlight
            if self._run is not None:
                self.select_run(self._run["id"])
            return
        run = self.run_model.rows[rows[0].row()]
        if run != self._run:
            self._show_run(run)

    # ---------------------------------------------------------------- details

    def _show_run(self, run: Row | None) -> None:
        self._run = run
        self.message_label.hide()
        if run is None:
            self._steps, self._ops = [], []
            self.step_model.set_rows([])
            self.op_model.set_rows([])
            self.detail_text.clear()
            self.detail_stack.setCurrentWidget(self.pick_label)
            self._update_buttons()
            return
        self.detail_stack.setCurrentIndex(1)
        self.title_label.setText(f"{run['workflow_name'] or 'Workflow'} · {file_name(run['input_path'])}")
        parts = [run_status_text(run), f"started {full_time(run['started_at'])}"]
        if run["finished_at"] is not None:
            parts.append(f"took {run_duration(run)}")
        if run["dry_run"]:
            parts.append("dry run (files not changed)")
        # only the status word carries its colour; the rest stays readable text
        colour = status_qcolour(run["status"]).name()
        self.summary_label.setText(f'<b style="color: {colour}">{html.escape(parts[0])}</b> · '
                                   + html.escape(" · ".join(parts[1:])))
        for label, value in ((self.input_label, run["input_path"] or "(no input file)"),
                             (self.workflow_label, run["workflow_path"] or "(not saved to a file)"),
                             (self.run_id_label, run["id"])):
            if isinstance(label, PathLabel):
                label.set_path(value)       # elided to its folder and name, whole in the tooltip
            else:
                label.setText(value)
                label.setToolTip(value)
        if run["error"]:
            where = f"Step “{run['failed_node']}” failed: " if run["failed_node"] else ""
            self.error_label.setText(where + run["error"])
            self.error_label.show()
        else:
            self.error_label.hide()

        self._steps = self.store.step_runs(run["id"])
        self._ops = self.store.file_ops(run["id"])
        self.step_model.set_rows(self._steps)
        self.op_model.set_rows(self._ops)
        self.column_widths[1].fit()
        self.column_widths[2].fit()
        # columns that would be empty for this run give their room to the others
        self.step_view.setColumnHidden(4, not any(tokens_text(st) for st in self._steps))
        self.ops_view.setColumnHidden(1, not any(OP_COLUMNS[1].text(op) for op in self._ops))
        self.detail_tabs.setTabText(1, f"File changes ({len(self._ops)})" if self._ops
                                    else "File changes")
        self._update_buttons()
        # open on the step that failed, as n8n does; else the first one
        if not (run["failed_node"] and self.select_step(run["failed_node"])) and self._steps:
            self._select_row(self.step_view, 0)
        if not self._steps:
            self.detail_text.setPlainText(
                "This run has no recorded steps: it stopped before the first one."
                if run["error"] else "This run has no recorded steps.")

    def _show_step(self) -> None:
        step = self.selected_step()
        if step is None:
            self.detail_text.clear()
            return
        lines = [f"{step['node_id']}  ({step['step_type']})  {step['status']}"]
        if step.get("model"):
            lines.append(f"model: {step['model']}  tokens: {tokens_text(step) or '—'}")
        if step["error"]:
            lines += ["", "ERROR", step["error"]]
        lines += ["", "INPUT", pretty_preview(step["input_preview"]),
                  "", "OUTPUT", pretty_preview(step["output_preview"])]
        if any((p or "").endswith("…") for p in (step["input_preview"], step["output_preview"])):
            lines += ["", f"(previews keep the first {PREVIEW_CHARS} characters of each value)"]
        self.detail_text.setPlainText("\n".join(lines))

    def pending_approval(self) -> Row | None:
        """The approval the selected run waits for, if any."""
        run = self._run
        if run is None or run["status"] != "waiting":
            return None
        with self.store._lock:
            rows = list(self.store.db.query(
                "SELECT * FROM approvals WHERE run_id = ? AND state = 'pending' ORDER BY id LIMIT 1",
                [run["id"]]))
        return rows[0] if rows else None

    def _decide(self, approve: bool) -> None:
        approval = self._approval
        if approval is not None:
            self.decideRequested.emit(int(approval["id"]), approve)

    def _update_buttons(self) -> None:
        self._approval = self.pending_approval()
        waiting = self._approval is not None
        for w in (self.approve_button, self.reject_button, self.approval_label):
            w.setVisible(waiting)
        if waiting:
            self.approval_label.setText(f"Waiting for your decision at '{self._approval['node_id']}': "
                                        f"{self._approval['message']}")
        run = self._run
        wf = Path(run["workflow_path"]) if run and run["workflow_path"] else None
        wf_ok = wf is not None and wf.is_file()
        inp = run["input_path"] if run else None
        input_ok = run is not None and (not inp or Path(inp).exists())
        if run is None:
            why_wf = "Select a run first"
        elif wf is None:
            why_wf = "This run's workflow was never saved to a file"
        elif not wf_ok:
            why_wf = f"The workflow file {wf} no longer exists"
        else:
            why_wf = ""
        self.open_button.setEnabled(wf_ok)
        self.open_button.setToolTip(why_wf or f"Open {wf} with this run's data")
        self.rerun_button.setEnabled(wf_ok and input_ok)
        self.rerun_button.setToolTip(
            why_wf or ("" if input_ok else f"The input file {inp} is no longer there")
            or f"Run {wf.name if wf else ''} again on {file_name(inp)}")
        pending = undoable(self._ops)
        running = run is not None and run["status"] == "running"
        self.undo_button.setEnabled(bool(pending) and not running)
        if run is None:
            self.undo_button.setToolTip("Select a run first")
        elif running:
            self.undo_button.setToolTip("The run is still going")
        elif not pending:
            self.undo_button.setToolTip("This run changed no files, or they were undone already"
                                        if not any(o["dry_run"] for o in self._ops)
                                        else "A dry run changes no files; there is nothing to undo")
        else:
            self.undo_button.setToolTip(f"Put back the {len(pending)} file change(s) of this run")
        self.audit_button.setEnabled(run is not None)
        self.audit_button.setToolTip(
            "Select a run first" if run is None else
            "Save this run's audit record as JSON: file hashes, steps, model requests, "
            "approvals and file changes")

    # ---------------------------------------------------------------- actions

    def rerun(self) -> None:
        run = self._run
        if run and self.rerun_button.isEnabled():
            self.rerunRequested.emit(run["workflow_path"], run["input_path"] or "")

    def open_in_editor(self) -> None:
        run = self._run
        if run and self.open_button.isEnabled():
            self.openRequested.emit(run["workflow_path"], run["id"])

    def undo_file_changes(self) -> None:
        """Confirm with the list of changes, undo them, and say what was and was not done."""
        run = self._run
        pending = undoable(self._ops)
        if not run or not pending:
            return
        sentences = [op_sentence(op) for op in reversed(pending)]    # the order undo uses
        shown = sentences[:12] + ([f"… and {len(sentences) - 12} more"] if len(sentences) > 12 else [])
        answer = QMessageBox.question(
            self, "Undo file changes",
            f"Undo the file changes of this run of “{run['workflow_name']}”?\n\n"
            + "\n".join(f"• {s[0].upper()}{s[1:]}" for s in shown)
            + "\n\nA file changed since the run is left as it is.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            report = undo_run(self.store, run["id"])
        except Exception as e:       # a message in the window beats a silent failed slot
            self._show_run(run)
            self._message(f"The file changes could not be undone: {e}", ok=False)
            return
        self.last_undo_report = report
        self._show_run(run)              # the journal now marks them undone
        lines = [f"Undone: {s}" for s in report.done] + [f"Not undone: {s}" for s in report.refused]
        self._message("\n".join(lines) or "There was nothing left to undo.", ok=report.ok)

    def export_audit(self) -> bool:
        """Ask where to save the selected run's audit record and write it (on a thread:
        a large model file is hashed the first time). False: nothing selected, or cancelled."""
        from desktop.ui.privacy_page import ask_and_export

        run = self._run
        if run is None:
            return False

        def done(ok: bool, text: str) -> None:
            self.audit_button.setEnabled(self._run is not None)
            self._message(text, ok)
            self.auditExported.emit(ok, text)

        self.audit_button.setEnabled(False)
        if not ask_and_export(self, self.store, run, done):
            self.audit_button.setEnabled(True)
            return False
        return True

    def _message(self, text: str, ok: bool) -> None:
        self.message_label.setText(text)
        colour = status_qcolour("done" if ok else "failed").name()
        self.message_label.setStyleSheet(f"color: {colour};")
        self.message_label.show()

    # ---------------------------------------------------------------- Qt

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not event.spontaneous():       # reopened: runs may have finished meanwhile
            self.refresh()
