"""The inspector: the editor's right-hand panel, a form generated from the selected
node's step params.

It never changes the workflow. Every finished edit is a signal (`paramEdited`,
`titleEdited`, `errorPolicyEdited`); the editor window turns each into an undo
command and, after applying it (or after undo/redo), calls `update_values` and
`show_problems`, which refresh the form without emitting anything.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.engine.spec import Param, StepSpec
from desktop.engine.workflow import ERROR_POLICIES, Node
from desktop.ui import theme
from desktop.ui.param_editors import (
    BoolEditor,
    ParamEditor,
    SPIN_WIDTH,
    RecordListEditor,
    TextEditor,
    error_colour,
    guard_wheel,
    humanize,
    let_shrink,
    make_editor,
    muted_colour,
    small_label,
)

POLICY_TEXT = {
    "fail": "Stop the run",
    "retry": "Try again",
    "branch": "Take the error output",
}
POLICY_HELP = {
    "fail": "The run stops here and is marked failed, with the reason.",
    "retry": "The step is tried again up to the number of retries, then the run fails.",
    "branch": "The error goes out of the step's 'error' output; connect it to the steps "
              "that handle the failure.",
}
MAX_RETRIES = 20
HINT_TIPS = (
    "Drag a step from the palette onto the canvas.",
    "Connect an output port to an input port of the same colour to pass data on.",
    "Every change made here can be undone with {undo}.",
)


class ParamRow(QWidget):
    """One param's editor with its help text and its inline message underneath."""

    def __init__(self, param: Param, editor: ParamEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.param = param
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        self.help = small_label(param.help, colour=muted_colour())
        self.help.setVisible(bool(param.help))
        layout.addWidget(self.help)
        self.message = small_label(colour=error_colour())
        self.message.setObjectName("paramMessage")
        self.message.setVisible(False)
        layout.addWidget(self.message)
        editor.problemChanged.connect(self.refresh_message)

    def refresh_message(self) -> None:
        """The editor's own problem first (bad JSON, unknown variable), else what the
        param's check says about the value."""
        text = self.editor.local_problem() or self.param.check(self.editor.value())
        if text and not self.editor.local_problem():
            text = text[:1].upper() + text[1:]
        self.message.setText(text or "")
        self.message.setVisible(bool(text))

    @property
    def message_text(self) -> str:
        return self.message.text() if not self.message.isHidden() else ""


class Inspector(QWidget):
    paramEdited = Signal(str, str, object)        # node id, param name, new value
    titleEdited = Signal(str, str)                # node id, new label ("" = none)
    errorPolicyEdited = Signal(str, str, int)     # node id, policy, retries

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspector")
        self.setMinimumWidth(260)
        self._node_id: str | None = None
        self._spec: StepSpec | None = None
        self._rows: dict[str, ParamRow] = {}
        self._title = ""
        self._policy = ("fail", 0)
        self._loading = 0
        self._problems: list[str] = []

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        # no sideways scrolling: the form fits the panel's width and its text wraps
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # Tab goes field to field
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

        self.problems_box: QFrame | None = None
        self.title_edit: QLineEdit | None = None
        self.policy_combo: QComboBox | None = None
        self.retries_spin: QSpinBox | None = None
        self.policy_help: QLabel | None = None
        self.show_nothing()

    # ------------------------------------------------------------ public API

    @property
    def current_node_id(self) -> str | None:
        return self._node_id

    def editor(self, name: str) -> ParamEditor | None:
        row = self._rows.get(name)
        return row.editor if row else None

    def row(self, name: str) -> ParamRow | None:
        return self._rows.get(name)

    def show_nothing(self) -> None:
        """The friendly empty state when nothing (or several things) is selected."""
        self.flush()
        self._reset()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(20, 32, 20, 20)
        layout.setSpacing(10)
        title = QLabel("Select a step to see its options")
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        undo = QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)
        for tip in HINT_TIPS:
            label = small_label(tip.format(undo=undo or "Undo"), colour=muted_colour())
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(label)
        layout.addStretch(1)
        self._set_page(page)

    def show_node(self, node: Node, spec: StepSpec, folders: list[str], problems: list[str]) -> None:
        """Build the form for `node` (a step of type `spec`)."""
        self.flush()     # an edit still pending belongs to the node shown until now
        keep_scroll = self.scroll.verticalScrollBar().value() if node.id == self._node_id else 0
        self._reset()
        self._node_id, self._spec = node.id, spec
        page = QWidget()
        page.setObjectName("inspectorPage")
        outer = QVBoxLayout(page)
        outer.setContentsMargins(12, 12, 12, 16)
        outer.setSpacing(10)
        outer.addWidget(self._header(node, spec))
        self.problems_box = self._problems_box()
        outer.addWidget(self.problems_box)

        # one form for every section, so all labels share one column
        form = self._form()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(spec.title)
        self.title_edit.setAccessibleName("title")
        self.title_edit.setToolTip("Your own name for this step, shown on the canvas")
        self.title_edit.editingFinished.connect(self._title_finished)
        label = self._label("Label", "Your own name for this step, shown on the canvas")
        label.setBuddy(self.title_edit)
        form.addRow(label, self.title_edit)
        if spec.params:
            form.addRow(self._section("Options"))
            for param in spec.params:
                self._add_param(form, spec, param, folders)
        form.addRow(self._section("On error"))
        self._add_error_rows(form)
        outer.addLayout(form)
        outer.addStretch(1)

        self._set_page(page)
        self.update_values(node)
        self.show_problems(problems)
        if keep_scroll:
            self.scroll.verticalScrollBar().setValue(keep_scroll)

    def update_values(self, node: Node) -> None:
        """Show `node`'s current values (after undo/redo) without emitting anything."""
        if node.id != self._node_id or self._spec is None:
            return
        self._loading += 1
        try:
            values = self._spec.resolve_params(node.params)
            for name, row in self._rows.items():
                row.editor.set_value(values.get(name))
                row.refresh_message()
            self._title = node.title or ""
            if self.title_edit is not None and self.title_edit.text() != self._title:
                self.title_edit.setText(self._title)
            self._show_policy(node.on_error, node.retries)
        finally:
            self._loading -= 1

    def show_problems(self, problems: list[str]) -> None:
        """The validator's problems for this node, in the red box at the top."""
        box = self.problems_box
        if box is None:
            return
        layout = box.layout()
        while layout.count():
            item = layout.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        for text in problems:
            label = small_label(f"• {text[:1].upper()}{text[1:]}")
            label.setObjectName("problemText")
            layout.addWidget(label)
        box.setVisible(bool(problems))
        box.setAccessibleDescription("; ".join(problems))
        self._problems = list(problems)

    def problem_texts(self) -> list[str]:
        """The problems shown in the red box."""
        return list(self._problems)

    def flush(self) -> None:
        """Commit multi-line edits still waiting for their pause."""
        for row in list(self._rows.values()):
            row.editor.flush()

    # ------------------------------------------------------------ building

    def _reset(self) -> None:
        self._node_id, self._spec = None, None
        self._rows = {}
        self.problems_box = None
        self._problems = []
        self.title_edit = self.policy_combo = self.retries_spin = self.policy_help = None

    def _set_page(self, page: QWidget) -> None:
        page.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        old = self.scroll.takeWidget()
        if old is not None:
            # later, not now: this may run inside a signal of a widget on the old page
            old.hide()
            old.deleteLater()
        self.scroll.setWidget(page)

    def _header(self, node: Node, spec: StepSpec) -> QWidget:
        header = QWidget()
        layout = QVBoxLayout(header)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        top = QHBoxLayout()
        top.setSpacing(8)
        title = QLabel(spec.title)
        title.setObjectName("stepTitle")
        title.setWordWrap(True)
        let_shrink(title)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        top.addWidget(title, 1)
        chip = QLabel(spec.category)
        chip.setObjectName("categoryChip")
        colour = theme.category_colour(spec.category)
        chip.setStyleSheet(f"background: {colour.name()}; color: white; border-radius: 8px;"
                           "padding: 1px 8px; font-weight: 600;")
        chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        chip.setAccessibleName(f"category {spec.category}")
        top.addWidget(chip, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(top)
        ident = small_label(f"{node.id}  ·  {spec.id}", colour=muted_colour(), mono=True)
        ident.setObjectName("nodeId")
        ident.setToolTip("The node's id (stable, used in links) and its step type")
        layout.addWidget(ident)
        if spec.description:
            desc = QLabel(spec.description)
            desc.setObjectName("stepDescription")
            desc.setWordWrap(True)
            desc.setTextFormat(Qt.TextFormat.PlainText)
            let_shrink(desc)
            layout.addWidget(desc)
        return header

    def _problems_box(self) -> QFrame:
        box = QFrame()
        box.setObjectName("problemsBox")
        red = error_colour()
        box.setStyleSheet(
            f"QFrame#problemsBox {{ border: 1px solid {red}; border-radius: 6px;"
            f" background: rgba(214, 69, 65, 0.10); }}"
            f" QLabel {{ color: {red}; background: transparent; border: none; }}")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        box.setVisible(False)
        return box

    def _section(self, text: str) -> QWidget:
        section = QWidget()
        layout = QVBoxLayout(section)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(4)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Plain)
        line.setStyleSheet(f"color: {theme.canvas_colours(theme.current())['node_border'].name()};")
        layout.addWidget(line)
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        layout.addWidget(label)
        return section

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return form

    def _label(self, text: str, tip: str = "") -> QLabel:
        label = QLabel(text)
        label.setToolTip(tip)
        # the label spans the whole row (field, help, message); keep its text at the
        # top, level with the text inside the field
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        label.setContentsMargins(0, 4, 0, 0)
        return label

    def _add_param(self, form: QFormLayout, spec: StepSpec, param: Param, folders: list[str]) -> None:
        editor = make_editor(spec, param, folders)
        widget = editor.input_widget()
        widget.setAccessibleName(param.name)
        widget.setAccessibleDescription(param.help)
        widget.setObjectName(f"param_{param.name}")
        tip = param.help + (" (required)" if param.required else "")
        widget.setToolTip(widget.toolTip() + ("\n" if widget.toolTip() else "") + tip
                          if tip else widget.toolTip())
        row = ParamRow(param, editor)
        self._rows[param.name] = row
        editor.committed.connect(lambda value, name=param.name: self._param_committed(name, value))
        title = humanize(param.name) + (" *" if param.required else "")
        if isinstance(editor, BoolEditor):
            # an empty widget, not "": with no label at all QFormLayout ignores the
            # row's height-for-width and leaves a gap under wrapped help text
            form.addRow(QWidget(), row)
        elif isinstance(editor, (TextEditor, RecordListEditor)):
            # wide editors get the whole width; their label sits above them
            form.addRow(self._label(title, tip))
            form.addRow(row)
        else:
            label = self._label(title, tip)
            label.setBuddy(widget)
            form.addRow(label, row)

    def _add_error_rows(self, form: QFormLayout) -> None:
        self.policy_combo = QComboBox()
        self.policy_combo.setAccessibleName("on_error")
        self.policy_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.policy_combo.setMinimumContentsLength(8)
        guard_wheel(self.policy_combo)
        for policy in ERROR_POLICIES:
            self.policy_combo.addItem(POLICY_TEXT.get(policy, policy), policy)
        self.policy_combo.currentIndexChanged.connect(self._policy_changed)
        self.retries_spin = QSpinBox()
        self.retries_spin.setAccessibleName("retries")
        self.retries_spin.setRange(0, MAX_RETRIES)
        self.retries_spin.setKeyboardTracking(False)
        self.retries_spin.setMinimumWidth(SPIN_WIDTH)
        self.retries_spin.setToolTip("How many more times to try after a failure")
        guard_wheel(self.retries_spin)
        self.retries_spin.valueChanged.connect(self._retries_changed)
        self.policy_help = small_label(colour=muted_colour())
        label = self._label("If it fails", "What happens when this step fails")
        label.setBuddy(self.policy_combo)
        form.addRow(label, self.policy_combo)
        retries_row = QHBoxLayout()
        retries_row.addWidget(self.retries_spin)
        retries_row.addStretch(1)
        retries_label = self._label("Retries")
        retries_label.setBuddy(self.retries_spin)
        form.addRow(retries_label, retries_row)
        form.addRow(self.policy_help)

    # ------------------------------------------------------------ edits

    def _param_committed(self, name: str, value: Any) -> None:
        row = self._rows.get(name)
        if row is not None:
            row.refresh_message()
        if self._loading or self._node_id is None:
            return
        self.paramEdited.emit(self._node_id, name, value)

    def _title_finished(self) -> None:
        if self.title_edit is None or self._loading or self._node_id is None:
            return
        text = self.title_edit.text().strip()
        if text != self._title:
            self._title = text
            self.titleEdited.emit(self._node_id, text)

    def _show_policy(self, policy: str, retries: int) -> None:
        if self.policy_combo is None or self.retries_spin is None:
            return
        index = self.policy_combo.findData(policy)
        self.policy_combo.setCurrentIndex(max(index, 0))
        self.retries_spin.setValue(max(0, min(int(retries or 0), MAX_RETRIES)))
        self._policy = (policy, int(retries or 0))
        self._policy_widgets()

    def _policy_widgets(self) -> None:
        if self.policy_combo is None or self.retries_spin is None or self.policy_help is None:
            return
        policy = self.policy_combo.currentData()
        self.retries_spin.setEnabled(policy == "retry")
        self.policy_help.setText(POLICY_HELP.get(policy, ""))

    def _policy_changed(self, _index: int) -> None:
        if self._loading or self.policy_combo is None or self.retries_spin is None:
            return
        policy = self.policy_combo.currentData()
        if policy == "retry" and self.retries_spin.value() < 1:
            # retry with no retries is a validation problem; start from one
            self._loading += 1
            try:
                self.retries_spin.setValue(1)
            finally:
                self._loading -= 1
        self._policy_widgets()
        self._emit_policy()

    def _retries_changed(self, _value: int) -> None:
        if not self._loading:
            self._emit_policy()

    def _emit_policy(self) -> None:
        if self._node_id is None or self.policy_combo is None or self.retries_spin is None:
            return
        policy = (self.policy_combo.currentData(), self.retries_spin.value())
        if policy != self._policy:
            self._policy = policy
            self.errorPolicyEdited.emit(self._node_id, *policy)
