"""The record under review as a typed form: per field an editor holding the value
(its other candidates in the drop-down), the confidence, the source text and page,
and why it was flagged. A value that does not fit its field's type is refused inline.
Focusing a field asks the page view to show its source span."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.review import fields as typed

STATUS_TEXT = {"grounded": "found", "low_confidence": "unsure", "ambiguous": "ambiguous",
               "not_found": "not found", "unverified": "not in the document"}


class FieldEditor(QComboBox):
    """An editable drop-down: the value, and the other values found for the field."""

    def __init__(self, field: dict, value: Any, provenance: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setAccessibleName(field["name"])
        self.original = value
        shown = typed.show(field, value)
        self.addItem(shown)
        for alt in provenance.get("alternatives") or []:
            text = typed.show(field, alt.get("value"))
            if text and self.findText(text) < 0:
                self.addItem(text)
        if "choices" in field:
            for choice in field["choices"]:
                if self.findText(str(choice)) < 0:
                    self.addItem(str(choice))
        self.setCurrentText(shown)
        self.problem = ""
        self.editTextChanged.connect(self._check)

    def value(self) -> Any:
        return typed.parse(self.field, self.currentText())

    def _check(self) -> None:
        try:
            self.value()
            self.problem = ""
        except ValueError as e:
            self.problem = str(e)
        self.setStyleSheet("" if not self.problem else "QComboBox { border: 2px solid #c0392b; }")
        self.setToolTip(self.problem)


class RecordForm(QWidget):
    fieldFocused = Signal(str)          # field name
    validityChanged = Signal(bool)      # every field holds a value of its type
    submitted = Signal()                # Enter in a field: approve as shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editors: dict[str, FieldEditor] = {}
        self.notes: dict[str, QLabel] = {}
        self._said: dict[str, tuple[str, str]] = {}      # each note as first shown
        self._current: str | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.form = QFormLayout()
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #c0392b;")
        self.problem.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def show_record(self, fields: list[dict], record: dict | None, provenance: dict[str, dict],
                    reasons: list[dict], message: str) -> None:
        while self.form.rowCount():
            # taken out and deleted later, not at once: this runs from an editor's own
            # signal (Enter approves, and the next item is shown)
            row = self.form.takeRow(0)
            for part in (row.labelItem, row.fieldItem):
                if part is not None and part.widget() is not None:
                    part.widget().hide()
                    part.widget().deleteLater()
        self.editors.clear()
        self.notes.clear()
        self._said.clear()
        self._current = None
        flagged = {r.get("field"): r.get("reason", "") for r in reasons}
        named = [str(f).replace("_", " ") for f in flagged if f]
        overall = [str(r.get("reason", "")) for r in reasons if not r.get("field")]   # the record as a whole
        said = ([f"{len(named)} field{'s' if len(named) != 1 else ''} to check: " + ", ".join(named)]
                if named else []) + overall
        self.title.setText("; ".join(said) or message)
        for field in fields:
            name = field["name"]
            prov = provenance.get(name, {})
            editor = FieldEditor(field, (record or {}).get(name), prov)
            editor.installEventFilter(self)
            editor.lineEdit().installEventFilter(self)
            editor.editTextChanged.connect(self._validity)
            editor.editTextChanged.connect(lambda _text, n=name: self._corrected(n))
            # queued: the approval, and the next item's form, come after the key is handled
            editor.lineEdit().returnPressed.connect(self.submitted, Qt.ConnectionType.QueuedConnection)
            note = QLabel(_note(prov, flagged.get(name)))
            note.setWordWrap(True)
            note.setStyleSheet("color: #c0392b;" if name in flagged else "")
            small = note.font()
            small.setPointSizeF(small.pointSizeF() * 0.9)
            note.setFont(small)
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(editor)
            box.addWidget(note)
            holder = QWidget()
            holder.setLayout(box)
            label = QLabel(("⚠ " if name in flagged else "") + name.replace("_", " "))
            label.setBuddy(editor)
            self.form.addRow(label, holder)
            self.editors[name] = editor
            self.notes[name] = note
            self._said[name] = (note.text(), note.styleSheet())
        first = next((n for n in self.editors if n in flagged), next(iter(self.editors), None))
        if first is not None:
            self.editors[first].setFocus()
            self._focus(first)
        self._validity()

    @property
    def current_field(self) -> str | None:
        return self._current

    def fill_current(self, text: str) -> None:
        """A word clicked on the page goes into the field last focused."""
        if self._current in self.editors:
            self.editors[self._current].setCurrentText(text)
            self.editors[self._current].setFocus()

    def problems(self) -> list[str]:
        return [f"{name}: {e.problem}" for name, e in self.editors.items() if e.problem]

    def record(self) -> dict:
        """The record as edited (raises ValueError when a field does not fit its type)."""
        return {name: e.value() for name, e in self.editors.items()}

    def _corrected(self, name: str) -> None:
        """A field the person changed says so, instead of the reason it was flagged."""
        editor, note = self.editors[name], self.notes[name]
        text, style = self._said[name]
        # the note keeps the height it had, so the rows below do not move as one types
        note.setMinimumHeight(max(note.minimumHeight(), note.height()))
        if editor.currentText().strip() == typed.show(editor.field, editor.original):
            note.setText(text)
            note.setStyleSheet(style)
        else:
            was = typed.show(editor.field, editor.original)
            note.setText(f"corrected (was {was!r})" if was else "filled in by you")
            note.setStyleSheet("")

    def _validity(self) -> None:
        problems = self.problems()
        self.problem.setText("\n".join(problems))
        self.validityChanged.emit(not problems)

    def _focus(self, name: str) -> None:
        if name != self._current:
            self._current = name
            self.fieldFocused.emit(name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            for name, editor in self.editors.items():
                if watched is editor or watched is editor.lineEdit():
                    self._focus(name)
        return super().eventFilter(watched, event)


def _note(prov: dict, reason: str | None) -> str:
    parts = []
    if reason:
        parts.append(reason)
    elif prov.get("status"):
        parts.append(STATUS_TEXT.get(prov["status"], prov["status"]))
    if prov.get("confidence") is not None:
        parts.append(f"confidence {prov['confidence']:.2f}")
    if prov.get("text") and prov.get("page") is not None:
        parts.append(f"'{prov['text']}' on page {prov['page'] + 1}")
    return " · ".join(parts)
