"""The base of every param editor (value in, `committed` out), the shared helpers
of the inspector form, and the editors of the simple kinds: line, numbers, bool,
choice. The contract is described in desktop/ui/param_editors/__init__.py."""

from __future__ import annotations

import math
from contextlib import contextmanager
from typing import Any, Iterator, Sequence

from PySide6.QtCore import QEvent, QLocale, QObject, QSize, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.extract.fields import FIELD_TYPES as _AI_FIELD_TYPES
from desktop.engine.spec import Param
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


_ACRONYMS = {"json": "JSON", "mb": "MB", "pdf": "PDF", "id": "ID", "ai": "AI", "csv": "CSV", "url": "URL",
             "ocr": "OCR", "dpi": "DPI"}


def humanize(name: str) -> str:
    """`max_tokens` -> `Max tokens`, `json_schema` -> `JSON schema`."""
    words = [_ACRONYMS.get(w, w) for w in name.replace("_", " ").split()]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def muted_colour() -> str:
    return theme.canvas_colours(theme.current())["muted"].name()


def error_colour() -> str:
    return theme.canvas_colours(theme.current())["problem"].name()


def let_shrink(label: QLabel) -> QLabel:
    """A wrapped label must be allowed to shrink, or it widens the whole narrow panel;
    but a plain Ignored policy drops QLabel's height-for-width, and the layout then
    gives it the height of its unwrapped text, clipping the lines at both ends."""
    policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    label.setSizePolicy(policy)
    return label


def small_label(text: str = "", *, colour: str | None = None, mono: bool = False) -> QLabel:
    """A wrapping secondary label (help text, inline messages)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    let_shrink(label)
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
