"""Multi-line param editors: plain text, JSON, and Jinja2 templates (with the
variables they may use as chips)."""

from __future__ import annotations

import json
import math
from typing import Any, Sequence

import jinja2
import jinja2.meta
from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QLayout,
    QLayoutItem,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

from desktop.engine.spec import Param, StepSpec
from desktop.engine.types import PortType
from desktop.ui import theme
from desktop.ui.param_editors.base import TEMPLATE_PARAMS, TEXT_DEBOUNCE_MS, ParamEditor, muted_colour


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
