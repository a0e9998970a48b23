"""The Review window: every item waiting for a person, oldest first; the document
beside the record the AI read, each field with its confidence and source; approve
(with the corrections), reject with a reason, skip. Decisions go through the run
service, so the paused run goes on in this process; a decision made elsewhere (the
CLI, another window) shows here within a second."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QInputDialog, QLabel, QListView,
                               QPushButton, QSplitter, QVBoxLayout, QWidget)

from desktop.review import ReviewItem, pending_ids, pending_items
from desktop.review.fields import changes, fields_of
from desktop.ui.review.page_view import Highlight, PageView
from desktop.ui.review.record_form import RecordForm

ALL = "All workflows"
POLL_MS = 1000                  # how soon a decision made elsewhere shows here
TEXT_LIMIT = 200_000            # characters of a text document shown
BUSY_TEXT = "Runnel is busy with a run; decide again when it has finished."
EMPTY_TEXT = "Nothing waits for review. Records an AI step is unsure of, and approval steps, appear here."
Index = QModelIndex | QPersistentModelIndex


class QueueModel(QAbstractListModel):
    """The waiting items as rows: the document's name, the workflow and why."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[ReviewItem] = []

    def set_items(self, items: list[ReviewItem]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            name = item.document_name or item.node_id
            if item.watched:
                name += f"  (in {item.folder})"
            return f"{name}\n{item.workflow_name} · {item.why()[:90]}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.input_path or item.node_id}\n{item.workflow_path or ''}\n{item.why()}"
        if role == Qt.ItemDataRole.UserRole:
            return item.approval_id
        return None


class ReviewWindow(QWidget):
    """`decide(approval_id, approve, edited, note, learn)` makes a decision (the main
    window passes the run service's); it returns False when it could not start."""

    decided = Signal(int)            # an approval was decided here

    def __init__(self, store, decide: Callable[[int, bool, dict | None, str, bool], bool],
                 approve_all: Callable[[list[int]], bool] | None = None,
                 undo: Callable[[int], str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._decide = decide
        self._approve_all = approve_all
        self._undo = undo
        self._last_decided: int | None = None
        self._empty_confirmed: int | None = None     # approved once with a required field empty
        self._escape_armed = False                     # Escape pressed once over unapproved edits
        self.setWindowTitle("Review")          # the desktop adds "— Runnel"
        self.model = QueueModel()
        self.queue = QListView()
        self.queue.setModel(self.model)
        self.queue.setAccessibleName("Waiting items")
        self.queue.setUniformItemSizes(True)       # a queue of thousands scrolls smoothly
        self.queue.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.queue.setWordWrap(False)
        self.queue.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.queue.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.queue.selectionModel().currentChanged.connect(lambda cur, _: self._show(cur.row()))
        self.workflow_filter = QComboBox()
        self.workflow_filter.setAccessibleName("Workflow")
        self.workflow_filter.addItem(ALL, None)
        self.workflow_filter.currentIndexChanged.connect(lambda _: self.refresh())
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(self.workflow_filter)
        left.addWidget(self.queue, 1)
        left.addWidget(self.empty)
        left_box = QWidget()
        left_box.setLayout(left)

        self.page = PageView()
        self.form = RecordForm()
        self.page.wordClicked.connect(self.form.fill_current)
        self.form.fieldFocused.connect(self._highlight)
        self.form.submitted.connect(self.approve)
        self.form.validityChanged.connect(lambda ok: self.approve_button.setEnabled(ok and self.current is not None))
        self.learn = QCheckBox("&Learn from this (keep it as an example)")
        self.learn.setToolTip("the document and the record as you approve it teach the extract step "
                              "for documents like it")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.approve_button = QPushButton("&Approve")
        self.approve_button.setToolTip("approve the record as shown (Enter in a field, or Ctrl+Enter)")
        self.reject_button = QPushButton("&Reject…")
        self.reject_button.setToolTip("reject it, with a reason (Ctrl+Shift+Backspace)")
        self.skip_button = QPushButton("&Skip")
        self.skip_button.setToolTip("leave it waiting and go to the next (Ctrl+Down)")
        self.approve_button.clicked.connect(self.approve)
        self.reject_button.clicked.connect(self.reject)
        self.skip_button.clicked.connect(lambda: self.step(+1))
        self.all_button = QPushButton("Approve all &unflagged")
        self.all_button.setToolTip("approve, as they are, the selected items that have nothing flagged "
                                   "(select several with Shift or Ctrl)")
        self.all_button.clicked.connect(self.approve_selected)
        self.all_button.setVisible(approve_all is not None)
        self.queue.selectionModel().selectionChanged.connect(lambda *_: self._count_selected())
        left.addWidget(self.all_button)
        self.undo_button = QPushButton("Undo last decision")
        self.undo_button.setToolTip("take the last decision made here back, while nothing else came "
                                    "of it (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo_last)
        self.undo_button.setEnabled(False)
        self.undo_button.setVisible(undo is not None)
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.skip_button)
        right = QVBoxLayout()
        right.addWidget(self.form, 1)
        right.addWidget(self.learn)
        right.addWidget(self.status)
        right.addLayout(buttons)
        right.addWidget(self.undo_button)
        right_box = QWidget()
        right_box.setLayout(right)

        split = QSplitter()
        split.addWidget(left_box)
        split.addWidget(self.page)
        split.addWidget(right_box)
        split.setSizes([260, 560, 380])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        for keys, slot in (("Ctrl+Return", self.approve), ("Ctrl+Enter", self.approve),
                           ("Ctrl+Shift+Backspace", self.reject), ("Ctrl+Down", lambda: self.step(+1)),
                           ("Ctrl+Up", lambda: self.step(-1)), ("PgDown", lambda: self.page.go_to(self.page.page_index + 1)),
                           ("PgUp", lambda: self.page.go_to(self.page.page_index - 1)),
                           ("Ctrl++", lambda: self.page.zoom(+1)), ("Ctrl+=", lambda: self.page.zoom(+1)),
                           ("Ctrl+-", lambda: self.page.zoom(-1)), ("Ctrl+Z", self.undo_last),
                           ("Escape", self.escape)):
            QShortcut(QKeySequence(keys), self, activated=slot)
        self.current: ReviewItem | None = None
        self._fields: list[dict] = []
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self.refresh)
        self.resize(1200, 760)

    # ------------------------------------------------------------ the queue

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.refresh()
        self.poll.start()

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.poll.stop()
        super().hideEvent(event)

    def refresh(self) -> None:
        """The waiting items as the store has them now; the one shown stays shown while
        it waits (a decision made elsewhere takes it away, with a note)."""
        waiting = pending_ids(self.store)
        self._fill_filter(sorted({path for _, path in waiting}))
        wanted = self.workflow_filter.currentData()
        ids = [i for i, path in waiting if wanted is None or path == wanted]
        if ids == [i.approval_id for i in self.model.items]:
            return               # polled every second: nothing to decode when nothing changed
        wanted_ids = set(ids)
        shown = [i for i in pending_items(self.store) if i.approval_id in wanted_ids]
        keep = self.current.approval_id if self.current else None
        self.model.set_items(shown)
        self.empty.setVisible(not shown)
        ids = [i.approval_id for i in shown]
        if keep in ids:
            self._go(ids.index(keep))
        elif shown:
            self._go(0)
        else:
            self._show(-1)
        if keep is not None and keep not in ids:
            self.status.setText(" ".join(filter(None, [f"Item {keep} was decided elsewhere.",
                                                        self.status.text()])))

    def _fill_filter(self, paths: list[str]) -> None:
        have = {self.workflow_filter.itemData(i) for i in range(self.workflow_filter.count())}
        for p in paths:
            if p not in have:
                self.workflow_filter.addItem(Path(p).stem if p else "(unsaved)", p)

    def select_run(self, run_id: str) -> bool:
        """Show the item the run waits with (a click on its notification)."""
        self.refresh()
        for row, item in enumerate(self.model.items):
            if item.run_id == run_id:
                self._go(row)
                return True
        return False

    def step(self, delta: int) -> None:
        row = self.queue.currentIndex().row() + delta
        if 0 <= row < self.model.rowCount():
            self._go(row)

    def _go(self, row: int) -> None:
        """Show row `row`, it alone selected (Shift and Ctrl clicks select several)."""
        from PySide6.QtCore import QItemSelectionModel

        self.queue.selectionModel().setCurrentIndex(
            self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    # ------------------------------------------------------------ one item

    def _show(self, row: int) -> None:
        item = self.model.items[row] if 0 <= row < len(self.model.items) else None
        self.current = item
        for w in (self.approve_button, self.reject_button, self.skip_button, self.learn):
            w.setEnabled(item is not None)
        if item is None:
            self.form.show_record([], None, {}, [], "")
            self.page.show_document(None, "")
            return
        self._fields = fields_of(item)
        self._empty_confirmed = None
        self._escape_armed = False
        self.learn.setVisible(item.is_extraction)
        self.learn.setChecked(False)
        note = ""
        if item.watched and not item.document_missing():
            note = (f"{item.document_name} waits in the watched folder {item.folder} until you decide; "
                    "then it goes where the workflow's trigger puts it.")
        if item.document_missing():
            note = (f"{item.document_name} is no longer at {Path(item.input_path or '').parent}; "
                    "the decision still works on the stored record.")
        elif item.document_changed():
            note = (f"{item.document_name} was changed after the run read it: the page shown is the "
                    "file as it is now; the record is what the run read.")
        self.status.setText(note)
        self.page.show_document(item.input_path, _text_of(item), item.ocr_lines)
        self.form.show_record(self._fields, item.record, item.provenance, item.reasons, item.message)

    def escape(self) -> None:
        """Close the window; corrections not yet approved are not lost to one stray key."""
        item = self.current
        if item is not None and isinstance(item.record, dict) and not self._escape_armed:
            try:
                edited = bool(changes(item.record, self.form.record()))
            except ValueError:
                edited = True
            if edited:
                self._escape_armed = True
                self.status.setText("Your corrections are not approved yet. Press Escape again to "
                                    "close without them.")
                return
        self.close()

    def undo_last(self) -> None:
        """Take the last decision made here back, or say why it cannot be."""
        from desktop.review import ApprovalError

        if self._last_decided is None or self._undo is None:
            return
        try:
            said = self._undo(self._last_decided)
        except ApprovalError as e:
            self.told(str(e))
            return
        back = self._last_decided
        self._last_decided = None
        self.undo_button.setEnabled(False)
        self.refresh()
        ids = [i.approval_id for i in self.model.items]
        if back in ids:
            self._go(ids.index(back))
        self.status.setText(said[:1].upper() + said[1:] + ".")

    def told(self, text: str) -> None:
        """Why a decision made here did not go through (decided elsewhere meanwhile, a
        run going): said in the window, and the queue re-read."""
        self.status.setText(text[:1].upper() + text[1:] + ("" if text.endswith(".") else "."))
        self.refresh()

    def selected_unflagged(self) -> list[ReviewItem]:
        rows = sorted(i.row() for i in self.queue.selectionModel().selectedIndexes())
        return [self.model.items[r] for r in rows if not self.model.items[r].reasons]

    def _count_selected(self) -> None:
        n = len(self.selected_unflagged())
        self.all_button.setText(f"Approve {n} unflagged" if n else "Approve all &unflagged")
        self.all_button.setEnabled(n > 0)

    def approve_selected(self) -> None:
        items = self.selected_unflagged()
        if items and self._approve_all is not None:
            if self._approve_all([i.approval_id for i in items]):
                self.status.setText(f"Approving {len(items)} item(s)…")
                self.current = None
            else:
                self.status.setText(BUSY_TEXT)

    def _highlight(self, name: str) -> None:
        prov = self.current.provenance.get(name, {}) if self.current else {}
        box, page = prov.get("box"), prov.get("page")
        self.page.highlight(Highlight(int(page), tuple(box)) if box and page is not None else None)

    # ------------------------------------------------------------ decisions

    def approve(self) -> None:
        item = self.current
        if item is None:
            return
        edited = None
        if item.is_extraction or isinstance(item.record, dict):
            try:
                record = self.form.record()
            except ValueError:
                self.status.setText("Fix the fields marked in red first: " + "; ".join(self.form.problems()))
                return
            empty = [f["name"].replace("_", " ") for f in self._fields
                     if f.get("required", True) and record.get(f["name"]) in (None, [], "")]
            if empty and self._empty_confirmed != item.approval_id:
                # a second Approve sends it on as it is: some documents have no such field
                self._empty_confirmed = item.approval_id
                self.status.setText(f"{', '.join(empty)} {'is' if len(empty) == 1 else 'are'} empty. "
                                    "Fill it in, or approve again to send the record on without it.")
                return
            if changes(item.record, record):
                edited = record
        self._send(item, True, edited, "", self.learn.isChecked() and item.is_extraction)

    def reject(self) -> None:
        item = self.current
        if item is None:
            return
        reason, ok = QInputDialog.getText(self, "Reject", "Why is it rejected? (kept with the run)")
        if ok:
            self._send(item, False, None, reason.strip(), False)

    def _send(self, item: ReviewItem, approve: bool, edited: dict | None, note: str, learn: bool) -> None:
        if not self._decide(item.approval_id, approve, edited, note, learn):
            self.status.setText(BUSY_TEXT)
        else:
            said = (f"{'Approved' if approve else 'Rejected'}: {item.document_name or item.node_id}"
                    + (" (corrected)" if edited else "") + (", kept as an example" if learn else "") + ".")
            self.current = None
            self._last_decided = item.approval_id
            self.undo_button.setEnabled(True)
            self.decided.emit(item.approval_id)
            row = self.queue.currentIndex().row()
            items = [i for i in self.model.items if i.approval_id != item.approval_id]
            self.model.set_items(items)
            self.empty.setVisible(not items)
            if items:
                self._go(min(row, len(items) - 1))
            else:
                self._show(-1)
            self.status.setText(" ".join(filter(None, [said, self.status.text()])))


def _text_of(item: ReviewItem) -> str:
    """What to show when the page cannot be: the document's text, or the record."""
    from desktop.engine.document import Document
    from desktop.review.pages import is_image

    if isinstance(item.item, Document):
        return item.item.text[:TEXT_LIMIT]
    path = Path(item.input_path) if item.input_path else None
    if path is not None and path.is_file() and path.suffix.lower() != ".pdf" and not is_image(path):
        try:
            return path.read_text(encoding="utf-8", errors="replace")[:TEXT_LIMIT]
        except OSError:
            pass
    return "\n".join(item.lines())
