"""One editor widget per param kind, for the inspector.

Every editor follows the same contract: `set_value` shows a value without emitting
anything (programmatic updates, undo/redo), and `committed(value)` is emitted once per
edit the user finishes. The editors never touch the workflow; the inspector turns
`committed` into its own signals and the editor window wraps them in undo commands.
"""

from __future__ import annotations

import json
import math
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence

import jinja2
import jinja2.meta
from PySide6.QtCore import QEvent, QLocale, QObject, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QResizeEvent, QValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

from desktop.extract.fields import FIELD_TYPES as _AI_FIELD_TYPES
from desktop.engine.spec import Param, StepSpec
from desktop.engine.types import PortType
from desktop.ui import theme

INT32_MAX = 2**31 - 1
WIDE_INT = 2**63 - 1          # what YAML/SQLite consumers hold comfortably
WIDE_FLOAT = 1e15
SPIN_WIDTH = 120               # every number field the same width, so they line up
TEXT_DEBOUNCE_MS = 800        # a pause this long in a multi-line field commits it

# Field types of ai.extract_fields (a new type shows up here by itself)
FIELD_TYPES: tuple[str, ...] = tuple(_AI_FIELD_TYPES)

# Template params rendered with Jinja2 over the step's inputs, and the names the
# render adds beyond the input ports (see desktop.steps.text.Template.run).
# ai.prompt's `system` is sent as-is, not rendered, so it is plain text here.
TEMPLATE_PARAMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("ai.prompt", "prompt"): (),
    ("text.template", "template"): ("today", "now", "input"),
}


_ACRONYMS = {"json": "JSON", "mb": "MB", "pdf": "PDF", "id": "ID", "ai": "AI", "csv": "CSV", "url": "URL"}


def humanize(name: str) -> str:
    """`max_tokens` -> `Max tokens`, `json_schema` -> `JSON schema`."""
    words = [_ACRONYMS.get(w, w) for w in name.replace("_", " ").split()]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def muted_colour() -> str:
    return theme.canvas_colours(theme.current())["muted"].name()


def error_colour() -> str:
    return theme.canvas_colours(theme.current())["problem"].name()


def small_label(text: str = "", *, colour: str | None = None, mono: bool = False) -> QLabel:
    """A wrapping secondary label (help text, inline messages)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    # a wrapped label must be allowed to shrink, or it widens the whole narrow panel
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(40)
    font = theme.mono_font() if mono else label.font()
    font.setPointSizeF(max(7.5, label.font().pointSizeF() * 0.9))
    label.setFont(font)
    if colour:
        label.setStyleSheet(f"color: {colour};")
    return label


class _WheelGuard(QObject):
    """Scrolling the panel must not change a spin box or combo the pointer passes
    over; the wheel only edits a control that already has the focus."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(obj, QWidget) or obj.hasFocus():
            return False
        # hand the wheel to the panel's scroll bar, so the panel scrolls on
        parent = obj.parentWidget()
        while parent is not None:
            if isinstance(parent, QAbstractScrollArea) and parent.verticalScrollBar().maximum() > 0:
                QApplication.sendEvent(parent.verticalScrollBar(), event)
                break
            parent = parent.parentWidget()
        return True


_WHEEL_GUARD: _WheelGuard | None = None


def guard_wheel(widget: QWidget) -> None:
    global _WHEEL_GUARD
    if _WHEEL_GUARD is None:
        _WHEEL_GUARD = _WheelGuard()
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.installEventFilter(_WHEEL_GUARD)


# ------------------------------------------------------------------ base


def _same(a: Any, b: Any) -> bool:
    # 1 == 1.0 == True in Python, but a changed type is a change worth committing
    return type(a) is type(b) and a == b


class ParamEditor(QWidget):
    """Base of every editor: value in, `committed` out, and an optional problem of
    its own (a JSON syntax error, an unknown template variable)."""

    committed = Signal(object)
    problemChanged = Signal()

    def __init__(self, param: Param, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.param = param
        self._quiet = 0
        self._value: Any = param.default   # the last value shown or committed
        self._shown = False

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Programmatic changes inside this block emit nothing."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    @property
    def is_quiet(self) -> bool:
        return self._quiet > 0

    def input_widget(self) -> QWidget:
        """The control that takes the focus (a QLineEdit, QSpinBox, ...)."""
        raise NotImplementedError

    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any, *, force: bool = False) -> None:
        """Show `value` without emitting. A value equal to the one already known is
        left alone, so an update that echoes the user's own commit (or concerns
        another param) neither rebuilds a widget inside its own signal nor throws
        away text the user is still typing."""
        if self._shown and not force and _same(value, self._value):
            return
        self._shown = True
        self._show(value)

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def local_problem(self) -> str | None:
        return None

    def flush(self) -> None:
        """Commit an edit still waiting for its debounce (before the form goes away)."""

    def _commit(self, value: Any) -> None:
        if self.is_quiet or _same(value, self._value):
            return
        self._value = value
        self.committed.emit(value)

    def _single(self, widget: QWidget) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(widget)


# ------------------------------------------------------------------ simple kinds


class LineEditor(ParamEditor):
    def __init__(self, param: Param, parent: QWidget | None = None) -> None:
        super().__init__(param, parent)
        self.edit = QLineEdit()
        # no placeholder from the default: an emptied field is stored empty, not as
        # the default, so a grey default would tell the user something untrue
        # editingFinished also fires on a focus-out without a change; _commit drops it
        self.edit.editingFinished.connect(lambda: self._commit(self.edit.text()))
        self._single(self.edit)

    def input_widget(self) -> QLineEdit:
        return self.edit

    def _show(self, value: Any) -> None:
        text = "" if value is None else str(value)
        self._value = text if isinstance(value, str) or value is None else value
        with self.quiet():
            if self.edit.text() != text:
                self.edit.setText(text)
                self.edit.setCursorPosition(0)


class BigIntSpinBox(QAbstractSpinBox):
    """A spin box for Python ints beyond QSpinBox's 32 bits (seeds, byte counts).
    Typing past a limit is allowed and clamped when the edit is finished."""

    valueChanged = Signal(object)

    def __init__(self, minimum: int, maximum: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._min, self._max = minimum, maximum
        self._val = min(max(0, minimum), maximum)
        self.lineEdit().setText(str(self._val))
        self.editingFinished.connect(self._interpret)

    def minimum(self) -> int:
        return self._min

    def maximum(self) -> int:
        return self._max

    def value(self) -> int:
        return self._val

    def setValue(self, value: int) -> None:  # noqa: N802 - Qt naming
        value = min(max(int(value), self._min), self._max)
        if self.lineEdit().text() != str(value):
            self.lineEdit().setText(str(value))
        if value != self._val:
            self._val = value
            self.valueChanged.emit(value)

    def _interpret(self) -> None:
        text = self.lineEdit().text().strip()
        try:
            self.setValue(int(text))
        except ValueError:
            self.lineEdit().setText(str(self._val))   # back to the last good value

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        s = text.strip()
        if s in ("", "-", "+"):
            return QValidator.State.Intermediate, text, pos
        try:
            value = int(s)
        except ValueError:
            return QValidator.State.Invalid, text, pos
        if len(s.lstrip("+-")) > 20:
            return QValidator.State.Invalid, text, pos
        ok = self._min <= value <= self._max
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos

    def fixup(self, text: str) -> str:
        try:
            return str(min(max(int(text.strip()), self._min), self._max))
        except ValueError:
            return str(self._val)

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt naming
        self._interpret()
        self.setValue(self._val + steps)
        self.lineEdit().selectAll()

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:  # noqa: N802 - Qt naming
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self._val > self._min:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        if self._val < self._max:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        return flags

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        # the base hint measures nothing useful; size for a 12-digit number
        hint = super().sizeHint()
        return QSize(SPIN_WIDTH, hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        return QSize(80, super().minimumSizeHint().height())


def _int_bound(x: float | None, wide: int, up: bool) -> int:
    if x is None:
        return wide
    return int(math.floor(x) if up else math.ceil(x))


class IntEditor(ParamEditor):
    def __init__(self, param: Param, parent: QWidget | None = None) -> None:
        super().__init__(param, parent)
        lo = _int_bound(param.min, -WIDE_INT, up=False)
        hi = _int_bound(param.max, WIDE_INT, up=True)
        self.spin: QSpinBox | BigIntSpinBox
        if -INT32_MAX <= lo and hi <= INT32_MAX:
            self.spin = QSpinBox()
            self.spin.setRange(lo, hi)
            # one commit per finished edit, not one per digit typed
            self.spin.setKeyboardTracking(False)
        else:
            self.spin = BigIntSpinBox(lo, hi)
        self.spin.setAccelerated(True)
        self.spin.setMinimumWidth(SPIN_WIDTH)
        guard_wheel(self.spin)
        self.spin.valueChanged.connect(lambda v: self._commit(int(v)))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.spin)
        row.addStretch(1)

    def input_widget(self) -> QSpinBox | BigIntSpinBox:
        return self.spin

    def _show(self, value: Any) -> None:
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = int(self.param.default or 0)
        with self.quiet():
            self.spin.setValue(number)
        self._value = value if isinstance(value, int) and not isinstance(value, bool) else number


class _FloatSpin(QDoubleSpinBox):
    """Shows 0.5, not 0.500: trailing zeros dropped."""

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt naming
        locale = QLocale(self.locale())
        locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
        text = locale.toString(value, "f", self.decimals())
        point = locale.decimalPoint()
        if point in text:
            text = text.rstrip("0").rstrip(point)
        return text


class FloatEditor(ParamEditor):
    DECIMALS = 3

    def __init__(self, param: Param, parent: QWidget | None = None) -> None:
        super().__init__(param, parent)
        self.spin = _FloatSpin()
        self.spin.setDecimals(self.DECIMALS)
        lo = -WIDE_FLOAT if param.min is None else float(param.min)
        hi = WIDE_FLOAT if param.max is None else float(param.max)
        self.spin.setRange(lo, hi)
        span = hi - lo
        self.spin.setSingleStep(0.05 if span <= 1 else 0.1 if span <= 10 else 1.0)
        self.spin.setKeyboardTracking(False)
        self.spin.setMinimumWidth(SPIN_WIDTH)
        guard_wheel(self.spin)
        self.spin.valueChanged.connect(lambda v: self._commit(round(float(v), self.DECIMALS)))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.spin)
        row.addStretch(1)

    def input_widget(self) -> QDoubleSpinBox:
        return self.spin

    def _show(self, value: Any) -> None:
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = float(self.param.default or 0.0)
        with self.quiet():
            self.spin.setValue(number)
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        self._value = value if ok else number


class BoolEditor(ParamEditor):
    def __init__(self, param: Param, parent: QWidget | None = None) -> None:
        super().__init__(param, parent)
        # the check box carries the name itself; the form's label column stays empty
        self.check = QCheckBox(humanize(param.name))
        self.check.toggled.connect(lambda on: self._commit(bool(on)))
        self._single(self.check)

    def input_widget(self) -> QCheckBox:
        return self.check

    def _show(self, value: Any) -> None:
        with self.quiet():
            self.check.setChecked(bool(value))
        self._value = value if isinstance(value, bool) else bool(value)


class ChoiceEditor(ParamEditor):
    """A choice param, or a folder picked from the workflow's declared folders."""

    def __init__(self, param: Param, options: Sequence[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(param, parent)
        self.options = list(options)          # (shown text, value)
        self.combo = QComboBox()
        self.combo.setEditable(False)
        # long entries must not widen the narrow panel
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(8)
        guard_wheel(self.combo)
        self.combo.currentIndexChanged.connect(self._picked)
        self._fill(None)
        self._single(self.combo)

    def input_widget(self) -> QComboBox:
        return self.combo

    def _fill(self, extra: str | None) -> None:
        self.combo.clear()
        for text, data in self.options:
            self.combo.addItem(text, data)
        if extra is not None:
            # a value the options do not offer is shown as it is, marked
            self.combo.addItem(self.unknown_text(extra), extra)

    def unknown_text(self, value: str) -> str:
        return f"{value} (not an option)"

    def _picked(self, index: int) -> None:
        if index >= 0:
            self._commit(self.combo.itemData(index))

    def _show(self, value: Any) -> None:
        value = "" if value is None else value
        with self.quiet():
            index = self.combo.findData(value)
            known = index >= 0 and index < len(self.options)
            self._fill(None if known else str(value))
            self.combo.setCurrentIndex(self.combo.findData(value if known else str(value)))
        self._value = value


class FolderEditor(ChoiceEditor):
    def __init__(self, param: Param, folders: Sequence[str], parent: QWidget | None = None) -> None:
        options: list[tuple[str, str]] = []
        if not param.required:
            options.append(("(none)", ""))
        options += [(name, name) for name in folders]
        super().__init__(param, options, parent)
        self.combo.setToolTip(
            "Output folders are declared once for the whole workflow (its 'folders' list, "
            "a name for each path); a step picks one of them by name."
            + ("" if folders else "\nThis workflow declares no folders yet."))

    def unknown_text(self, value: str) -> str:
        return "(choose a folder)" if value == "" else f"{value} (not declared)"


# ------------------------------------------------------------------ multi-line text


class AutoHeightText(QPlainTextEdit):
    """A plain text edit that grows with its content between a few and many lines,
    and reports losing the focus (when a multi-line edit is committed)."""

    focusLost = Signal()

    def __init__(self, min_lines: int = 3, max_lines: int = 14, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.min_lines, self.max_lines = min_lines, max_lines
        self.setTabChangesFocus(True)    # Tab moves on, as in every other field
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().contentsChanged.connect(self.fit_height)
        self.fit_height()

    def fit_height(self) -> None:
        lines = int(self.document().size().height()) or 1
        lines = max(self.min_lines, min(self.max_lines, lines))
        margins = self.contentsMargins()
        doc_margin = 2 * self.document().documentMargin()
        height = (lines * self.fontMetrics().lineSpacing() + doc_margin
                  + margins.top() + margins.bottom() + 2 * self.frameWidth())
        self.setFixedHeight(int(math.ceil(height)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        self.fit_height()   # wrapping changes with the width

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt naming
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:   # not for its context menu
            self.focusLost.emit()


class TextEditor(ParamEditor):
    """Multi-line text, committed on focus-out or after a short pause in typing."""

    MIN_LINES = 3

    def __init__(self, param: Param, parent: QWidget | None = None, *, mono: bool = False) -> None:
        super().__init__(param, parent)
        self.edit = AutoHeightText(self.MIN_LINES)
        if mono:
            self.edit.setFont(theme.mono_font())
            self.edit.fit_height()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TEXT_DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.edit.textChanged.connect(self._typed)
        self.edit.focusLost.connect(self.flush)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._layout.addWidget(self.edit)

    def input_widget(self) -> QPlainTextEdit:
        return self.edit

    def text(self) -> str:
        return self.edit.toPlainText()

    def _typed(self) -> None:
        if not self.is_quiet:
            self._timer.start()

    def flush(self) -> None:
        self._timer.stop()
        self._commit(self.text())

    def _show(self, value: Any) -> None:
        self._timer.stop()
        text = "" if value is None else str(value)
        with self.quiet():
            if self.text() != text:      # untouched text keeps the cursor where it is
                self.edit.setPlainText(text)
        self._value = value if isinstance(value, str) else text


def _json_text(value: Any) -> str:
    # default=str: YAML gives dates and the like, which JSON has no type for
    compact = json.dumps(value, ensure_ascii=False, default=str)
    if len(compact) <= 40:
        return compact
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


class JsonEditor(TextEditor):
    """Any JSON value as text; parsed on commit. Text that is not valid JSON (or not a
    mapping or a list) is shown in red and not committed."""

    def __init__(self, param: Param, parent: QWidget | None = None) -> None:
        super().__init__(param, parent, mono=True)
        self.edit.min_lines = 2
        self.edit.fit_height()
        self._problem: str | None = None

    def parse(self) -> tuple[Any, str | None]:
        text = self.text().strip()
        if not text:
            return None, "Write a JSON value here, e.g. [] or {}"
        try:
            value = json.loads(text)
        except json.JSONDecodeError as e:
            return None, f"Not valid JSON (line {e.lineno}, column {e.colno}): {e.msg}"
        if not isinstance(value, (dict, list)):
            return None, "This option takes a mapping {…} or a list […]"
        return value, None

    def flush(self) -> None:
        self._timer.stop()
        value, problem = self.parse()
        self._set_problem(problem)
        if problem is None:
            self._commit(value)

    def _set_problem(self, problem: str | None) -> None:
        if problem != self._problem:
            self._problem = problem
            self.problemChanged.emit()

    def local_problem(self) -> str | None:
        return self._problem

    def _show(self, value: Any) -> None:
        self._timer.stop()
        self._value = value
        self._set_problem(None)
        current, problem = self.parse()
        if problem is None and current == value:
            return          # same value: keep the user's own formatting and cursor
        with self.quiet():
            self.edit.setPlainText(_json_text(value))


# ------------------------------------------------------------------ templates


class FlowLayout(QLayout):
    """Lays widgets out left to right and wraps them, like words (for chips)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt naming
        self._items.append(item)

    def addWidget(self, widget: QWidget) -> None:  # noqa: N802 - Qt naming
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt naming
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt naming
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt naming
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt naming
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt naming
        return self._place(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt naming
        super().setGeometry(rect)
        self._place(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt naming
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _place(self, rect: QRect, apply: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + self._gap, 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y()


def template_variables(spec: StepSpec, param: Param) -> tuple[list[str], list[str]]:
    """(top-level names a template may use, suggestions shown as chips)."""
    extra = TEMPLATE_PARAMS.get((spec.id, param.name), ())
    names: list[str] = []
    chips: list[str] = []
    for port in spec.inputs:
        names.append(port.name)
        if port.type == PortType.DOCUMENT:
            chips += [f"{port.name}.text", f"{port.name}.name"]
        else:
            chips.append(port.name)
    names += extra
    chips += extra
    return names, chips


class TemplateEditor(TextEditor):
    """A Jinja2 template: monospace, the available variables as chips that insert
    `{{ name }}`, and a live check for syntax errors and unknown variables."""

    MIN_LINES = 4

    def __init__(self, param: Param, variables: Sequence[str], chips: Sequence[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(param, parent, mono=True)
        self.variables = list(variables)
        self._env = jinja2.Environment()
        self._problem: str | None = None
        self.chips: dict[str, QToolButton] = {}
        box = QWidget()
        flow = FlowLayout(box)
        caption = QLabel("Insert:")
        caption.setStyleSheet(f"color: {muted_colour()};")
        caption.setAlignment(Qt.AlignmentFlag.AlignVCenter)
        flow.addWidget(caption)
        colours = theme.canvas_colours(theme.current())
        chip_style = (
            f"QToolButton#templateChip {{ border: 1px solid {colours['node_border'].name()};"
            f" border-radius: 9px; padding: 1px 6px; background: {colours['node'].name()}; }}"
            f" QToolButton#templateChip:hover {{ border-color: {colours['selection'].name()}; }}"
            f" QToolButton#templateChip:focus {{ border: 1px solid {colours['selection'].name()}; }}")
        chip_font = theme.mono_font()
        chip_font.setPointSizeF(max(7.5, self.font().pointSizeF() * 0.9))
        for name in chips:
            chip = QToolButton()
            chip.setStyleSheet(chip_style)
            chip.setFont(chip_font)
            chip.setText(name)
            chip.setObjectName("templateChip")
            chip.setToolTip(f"Insert {{{{ {name} }}}} at the cursor")
            chip.setAccessibleName(f"insert {name}")
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            chip.setAutoRaise(False)
            chip.clicked.connect(lambda _=False, n=name: self.insert_variable(n))
            flow.addWidget(chip)
            self.chips[name] = chip
        if self.chips:
            caption.setFixedHeight(next(iter(self.chips.values())).sizeHint().height())
        self._layout.addWidget(box)
        self.edit.textChanged.connect(self._check)

    def insert_variable(self, name: str) -> None:
        cursor = self.edit.textCursor()
        cursor.insertText(f"{{{{ {name} }}}}")
        self.edit.setTextCursor(cursor)
        self.edit.setFocus()
        self.flush()          # a chip is a complete edit of its own

    def check_text(self, text: str) -> str | None:
        try:
            ast = self._env.parse(text)
        except jinja2.TemplateSyntaxError as e:
            return f"Template error on line {e.lineno}: {e.message}"
        allowed = set(self.variables) | set(self._env.globals)
        unknown = sorted(jinja2.meta.find_undeclared_variables(ast) - allowed)
        if unknown:
            names = ", ".join(f"'{n}'" for n in unknown)
            offered = ", ".join(self.variables) or "none"
            word = "variable" if len(unknown) == 1 else "variables"
            return f"Unknown {word} {names}; this step offers: {offered}"
        return None

    def _check(self) -> None:
        problem = self.check_text(self.text())
        if problem != self._problem:
            self._problem = problem
            self.problemChanged.emit()

    def local_problem(self) -> str | None:
        return self._problem


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


# ------------------------------------------------------------------ factory


def make_editor(spec: StepSpec, param: Param, folders: Sequence[str]) -> ParamEditor:
    """The editor for one param of a step."""
    if (spec.id, param.name) == ("ai.extract_fields", "fields"):
        return FieldsEditor(param)
    if (spec.id, param.name) == ("ai.classify", "labels"):
        return LabelsEditor(param)
    if (spec.id, param.name) in TEMPLATE_PARAMS:
        names, chips = template_variables(spec, param)
        return TemplateEditor(param, names, chips)
    kind = param.kind
    if kind == "string":
        return LineEditor(param)
    if kind == "text":
        return TextEditor(param)
    if kind == "int":
        return IntEditor(param)
    if kind == "float":
        return FloatEditor(param)
    if kind == "bool":
        return BoolEditor(param)
    if kind == "choice":
        return ChoiceEditor(param, [(c, c) for c in param.choices])
    if kind == "folder":
        return FolderEditor(param, folders)
    return JsonEditor(param)
