"""The inspector: a form generated from the selected node's params, which only emits
signals (the editor window turns them into undo commands)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
)

from desktop.engine.registry import default_registry
from desktop.engine.spec import StepSpec
from desktop.engine.workflow import Node
from desktop.ui.inspector import Inspector
from desktop.ui.param_editors import (
    BigIntSpinBox,
    FieldsEditor,
    JsonEditor,
    LabelsEditor,
    TemplateEditor,
    TextEditor,
)

pytestmark = pytest.mark.gui

FOLDERS = ["output", "archive"]


def spec_of(step_id: str) -> StepSpec:
    cls = default_registry().get(step_id)
    assert cls is not None, step_id
    return cls.spec


@pytest.fixture
def inspector(qtbot) -> Inspector:
    w = Inspector()
    qtbot.addWidget(w)
    w.resize(340, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def show(inspector: Inspector, node: Node, problems: list[str] | None = None) -> Node:
    inspector.show_node(node, spec_of(node.type), FOLDERS, problems or [])
    return node


def all_signals(w: Inspector) -> list:
    return [w.paramEdited, w.titleEdited, w.errorPolicyEdited]


def expected_widget(step_id: str, name: str, kind: str) -> type:
    special = {("ai.extract_fields", "fields"): QTableWidget, ("ai.classify", "labels"): QTableWidget}
    if (step_id, name) in special:
        return special[(step_id, name)]
    return {"string": QLineEdit, "text": QPlainTextEdit, "int": (QSpinBox, BigIntSpinBox),
            "float": QDoubleSpinBox, "bool": QCheckBox, "choice": QComboBox,
            "folder": QComboBox, "json": QPlainTextEdit}[kind]


# ------------------------------------------------------------------ the form


def test_every_builtin_step_gets_the_right_editor_for_each_param(inspector, qtbot):
    specs = [cls.spec for cls in default_registry().all()]
    assert len(specs) > 15
    for spec in specs:
        with qtbot.assertNotEmitted(inspector.paramEdited):
            inspector.show_node(Node(f"n_{spec.id.replace('.', '_')}", spec.id), spec, FOLDERS, [])
        assert inspector.current_node_id == f"n_{spec.id.replace('.', '_')}"
        for param in spec.params:
            editor = inspector.editor(param.name)
            assert editor is not None, f"{spec.id}: no editor for {param.name}"
            widget = editor.input_widget()
            assert isinstance(widget, expected_widget(spec.id, param.name, param.kind)), (
                f"{spec.id}.{param.name} ({param.kind}) got {type(widget).__name__}")
            assert widget.accessibleName() == param.name
            assert widget.isVisibleTo(inspector)
            # the form shows the default when the node does not set the param
            assert editor.value() == param.default, f"{spec.id}.{param.name}"


def test_special_editors_are_used_where_they_belong(inspector):
    show(inspector, Node("x", "ai.extract_fields"))
    assert isinstance(inspector.editor("fields"), FieldsEditor)
    assert isinstance(inspector.editor("check"), JsonEditor)
    show(inspector, Node("c", "ai.classify"))
    assert isinstance(inspector.editor("labels"), LabelsEditor)
    show(inspector, Node("p", "ai.prompt"))
    assert isinstance(inspector.editor("prompt"), TemplateEditor)
    # the system message is sent as it is, not rendered: plain text, no variable check
    system = inspector.editor("system")
    assert isinstance(system, TextEditor) and not isinstance(system, TemplateEditor)
    show(inspector, Node("t", "text.template"))
    template = inspector.editor("template")
    assert isinstance(template, TemplateEditor)
    assert {"text", "document.text", "record", "today", "now", "input"} <= set(template.chips)


def test_header_shows_title_category_id_and_description(inspector):
    show(inspector, Node("extract_1", "ai.extract_fields", title="Invoice fields"))
    labels = {w.objectName(): w.text() for w in inspector.findChildren(QLabel) if w.objectName()}
    assert labels["stepTitle"] == "Extract fields"
    assert labels["categoryChip"] == "AI"
    assert "extract_1" in labels["nodeId"] and "ai.extract_fields" in labels["nodeId"]
    assert labels["stepDescription"].startswith("Reads the fields")
    assert inspector.title_edit is not None and inspector.title_edit.text() == "Invoice fields"


@pytest.mark.parametrize("width", [300, 420])
def test_a_long_description_gets_the_height_its_wrapped_lines_need(inspector, qtbot, width):
    """The header's labels shrink with a narrow panel, and must then grow in height:
    they were given the height of one unwrapped line, clipping the text's first and
    last lines (seen on Extract fields)."""
    inspector.resize(width, 800)
    show(inspector, Node("fields", "ai.extract_fields"))
    desc = next(w for w in inspector.findChildren(QLabel) if w.objectName() == "stepDescription")
    qtbot.waitUntil(lambda: desc.width() > 0 and desc.isVisible())
    needed = desc.heightForWidth(desc.width())
    assert needed > 3 * desc.fontMetrics().height()        # it does wrap over several lines
    qtbot.waitUntil(lambda: desc.height() >= needed, timeout=2000)


def test_nothing_selected_shows_a_hint(inspector):
    show(inspector, Node("m", "files.move_file"))
    inspector.show_nothing()
    texts = [w.text() for w in inspector.scroll.widget().findChildren(QLabel)]
    assert "Select a step to see its options" in texts
    assert inspector.current_node_id is None
    assert inspector.editor("folder") is None


# ------------------------------------------------------------------ simple edits


def test_string_edit_emits_once_when_finished(inspector, qtbot):
    show(inspector, Node("t", "ai.translate"))
    edit = inspector.editor("target_language").input_widget()
    assert isinstance(edit, QLineEdit)
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "German")
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert blocker.args == ["t", "target_language", "German"]
    # finishing again without a change (focus-out, Enter) is not a new edit
    with qtbot.assertNotEmitted(inspector.paramEdited):
        edit.editingFinished.emit()


def test_int_is_clamped_by_the_widget(inspector, qtbot):
    show(inspector, Node("p", "ai.prompt"))
    spin = inspector.editor("max_tokens").input_widget()
    assert isinstance(spin, QSpinBox) and spin.maximum() == 8192
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        spin.setValue(1_000_000)
    assert blocker.args == ["p", "max_tokens", 8192]
    # typed: one commit when the edit is finished, never past the maximum
    spin.setFocus()
    spin.lineEdit().selectAll()
    with qtbot.assertNotEmitted(inspector.paramEdited):
        qtbot.keyClicks(spin, "99999")
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert 1 <= blocker.args[2] <= 8192


def test_large_ints_fit(inspector, qtbot):
    show(inspector, Node("p", "ai.prompt", {"seed": 2**40}))
    spin = inspector.editor("seed").input_widget()
    assert isinstance(spin, BigIntSpinBox)     # no maximum: more than QSpinBox's 32 bits
    assert spin.value() == 2**40 and spin.text() == str(2**40)
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, str(2**50))
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert blocker.args == ["p", "seed", 2**50]
    # below its minimum (0) is clamped
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "-5")
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert blocker.args[2] == 0


def test_float_edit(inspector, qtbot):
    show(inspector, Node("c", "ai.classify"))
    spin = inspector.editor("threshold").input_widget()
    assert isinstance(spin, QDoubleSpinBox)
    assert spin.text() == "0.5"
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        spin.setValue(0.75)
    assert blocker.args == ["c", "threshold", 0.75]
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        spin.setValue(3.0)
    assert blocker.args[2] == 1.0


def test_choice_edit(inspector, qtbot):
    show(inspector, Node("s", "ai.summarize"))
    combo = inspector.editor("length").input_widget()
    assert [combo.itemText(i) for i in range(combo.count())] == ["short", "medium", "long"]
    assert combo.currentText() == "medium"
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        combo.setCurrentIndex(combo.findText("long"))
    assert blocker.args == ["s", "length", "long"]


def test_bool_edit(inspector, qtbot):
    show(inspector, Node("c", "ai.classify"))
    box = inspector.editor("explain").input_widget()
    assert box.isChecked()
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert blocker.args == ["c", "explain", False]


def test_folder_offers_the_declared_folders(inspector, qtbot):
    show(inspector, Node("m", "files.move_file", {"folder": "archive"}))
    combo = inspector.editor("folder").input_widget()
    # required: no empty entry
    assert [combo.itemData(i) for i in range(combo.count())] == ["output", "archive"]
    assert combo.currentData() == "archive" and not combo.isEditable()
    assert "declared" in combo.toolTip()
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        combo.setCurrentIndex(0)
    assert blocker.args == ["m", "folder", "output"]

    # optional: an empty entry; a folder the workflow does not declare is marked
    show(inspector, Node("a", "ai.agent", {"notes_folder": "gone"}))
    notes = inspector.editor("notes_folder").input_widget()
    assert notes.itemData(0) == ""
    assert notes.currentData() == "gone" and "not declared" in notes.currentText()


def test_multi_line_text_commits_after_a_pause_or_on_focus_out(inspector, qtbot):
    show(inspector, Node("h", "human.approve"))
    editor = inspector.editor("message")
    edit = editor.input_widget()
    edit.setFocus()
    edit.selectAll()
    with qtbot.waitSignal(inspector.paramEdited, timeout=3000) as blocker:
        qtbot.keyClicks(edit, "Check the total. ")
    assert blocker.args[:2] == ["h", "message"]
    assert blocker.args[2] == "Check the total. "
    # a second edit, committed by leaving the field before the pause is over
    qtbot.keyClicks(edit, "And the date.")
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        inspector.title_edit.setFocus()
    assert blocker.args[2] == "Check the total. And the date."
    with qtbot.assertNotEmitted(inspector.paramEdited, wait=100):
        editor.flush()


def test_pending_text_is_committed_to_its_own_node_before_switching(inspector, qtbot):
    show(inspector, Node("first", "text.join"))
    edit = inspector.editor("separator").input_widget()
    with qtbot.assertNotEmitted(inspector.paramEdited):
        edit.setPlainText(" | ")          # still inside the pause
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        show(inspector, Node("second", "text.join"))
    assert blocker.args == ["first", "separator", " | "]
    assert inspector.current_node_id == "second"


def test_json_invalid_is_flagged_and_not_emitted(inspector, qtbot):
    show(inspector, Node("g", "guard.validate"))
    editor = inspector.editor("rules")
    row = inspector.row("rules")
    editor.input_widget().setPlainText('[{"field": "total", "min": 0')
    with qtbot.assertNotEmitted(inspector.paramEdited):
        editor.flush()
    assert "Not valid JSON" in row.message_text
    editor.input_widget().setPlainText('"just text"')
    with qtbot.assertNotEmitted(inspector.paramEdited):
        editor.flush()
    assert "mapping" in row.message_text
    editor.input_widget().setPlainText('[{"field": "total", "min": 0}]')
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        editor.flush()
    assert blocker.args == ["g", "rules", [{"field": "total", "min": 0}]]
    assert row.message_text == ""


# ------------------------------------------------------------------ special editors


def test_fields_table(inspector, qtbot):
    fields = [{"name": "invoice_number", "type": "string", "description": "the number"},
              {"name": "kind", "choices": ["bill", "credit"]}]
    show(inspector, Node("x", "ai.extract_fields", {"fields": fields}))
    editor = inspector.editor("fields")
    table = editor.table
    assert table.rowCount() == 2
    assert table.item(0, 0).text() == "invoice_number"
    assert table.cellWidget(1, 1).currentText() == "choices"

    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    node_id, name, value = blocker.args
    assert (node_id, name) == ("x", "fields")
    assert value[:2] == fields            # untouched rows keep their keys, choices too
    assert value[2]["name"] == "field_1" and value[2]["type"] == "string"

    # rename the new field (a committed cell edit)
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        table.item(2, 0).setText("total")
    assert blocker.args[2][2]["name"] == "total"
    # its type
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        table.cellWidget(2, 1).setCurrentIndex(table.cellWidget(2, 1).findData("number"))
    assert blocker.args[2][2] == {"name": "total", "type": "number", "description": ""}
    # not required
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        table.item(2, 3).setCheckState(Qt.CheckState.Unchecked)
    assert blocker.args[2][2]["required"] is False
    # move it to the top
    table.selectRow(2)
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert [f["name"] for f in blocker.args[2]] == ["invoice_number", "total", "kind"]
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert [f["name"] for f in blocker.args[2]] == ["total", "invoice_number", "kind"]
    assert not editor.up_button.isEnabled()          # already first
    # remove it
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert blocker.args[2] == fields


def test_fields_table_flags_duplicates_inline(inspector, qtbot):
    show(inspector, Node("x", "ai.extract_fields"))
    editor = inspector.editor("fields")
    with qtbot.waitSignal(inspector.paramEdited):
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(inspector.paramEdited):
        editor.table.item(1, 0).setText("title")
    assert "'title' is listed twice" in inspector.row("fields").message_text


def test_fields_json_view_round_trips(inspector, qtbot):
    show(inspector, Node("x", "ai.extract_fields"))
    editor = inspector.editor("fields")
    qtbot.mouseClick(editor.json_button, Qt.MouseButton.LeftButton)
    assert editor.json.isVisibleTo(editor) and not editor.table.isVisibleTo(editor)
    assert json.loads(editor.json.text())[0]["name"] == "title"
    new = [{"name": "vendor", "type": "string", "choices": ["ACME", "Initech"]}]
    editor.json.input_widget().setPlainText(json.dumps(new))
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        qtbot.mouseClick(editor.json_button, Qt.MouseButton.LeftButton)   # back to the table
    assert blocker.args[2] == new
    assert editor.table.isVisibleTo(editor) and editor.table.item(0, 0).text() == "vendor"


def test_labels_editor(inspector, qtbot):
    show(inspector, Node("c", "ai.classify"))
    editor = inspector.editor("labels")
    table = editor.table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["invoice", "other"]
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert blocker.args[2][-1] == {"label": "label_1", "description": ""}
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        table.item(2, 1).setText("a receipt")
    assert blocker.args[2][-1] == {"label": "label_1", "description": "a receipt"}
    table.selectRow(0)
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert [item["label"] for item in blocker.args[2]] == ["other", "label_1"]


def test_prompt_editor_checks_variables_and_syntax(inspector, qtbot):
    show(inspector, Node("p", "ai.prompt", {"prompt": "Summarise {{ document.text }}"}))
    editor = inspector.editor("prompt")
    row = inspector.row("prompt")
    assert row.message_text == ""                       # a known variable is fine
    editor.input_widget().setPlainText("Tell me about {{ foo }} in {{ text }}")
    assert "Unknown variable 'foo'" in row.message_text
    assert "document, text, record" in row.message_text
    editor.input_widget().setPlainText("{% for x in record %}{{ x }}{% endfor %}")
    assert row.message_text == ""                       # loop variables are declared
    editor.input_widget().setPlainText("{{ text ")
    assert "Template error on line 1" in row.message_text
    # a chip inserts its variable at the cursor and commits
    editor.input_widget().setPlainText("Name: ")
    editor.input_widget().moveCursor(editor.input_widget().textCursor().MoveOperation.End)
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        qtbot.mouseClick(editor.chips["document.name"], Qt.MouseButton.LeftButton)
    assert blocker.args == ["p", "prompt", "Name: {{ document.name }}"]
    assert row.message_text == ""


def test_template_step_offers_today(inspector):
    show(inspector, Node("t", "text.template", {"template": "{{ today }}: {{ record.total }}"}))
    assert inspector.row("template").message_text == ""


# ------------------------------------------------------------------ programmatic updates


def test_update_values_does_not_emit(inspector, qtbot):
    node = show(inspector, Node("p", "ai.prompt"))
    node.params.update({"prompt": "Hi {{ text }}", "max_tokens": 100, "temperature": 0.7,
                        "seed": 2**35, "json_schema": {"type": "object"}, "model": "big.gguf"})
    node.title, node.on_error, node.retries = "Ask", "retry", 3
    with qtbot.assertNotEmitted(inspector.paramEdited), \
            qtbot.assertNotEmitted(inspector.titleEdited), \
            qtbot.assertNotEmitted(inspector.errorPolicyEdited):
        inspector.update_values(node)
        inspector.editor("prompt").flush()      # nothing pending after a programmatic update
    assert inspector.editor("prompt").input_widget().toPlainText() == "Hi {{ text }}"
    assert inspector.editor("max_tokens").input_widget().value() == 100
    assert inspector.editor("temperature").input_widget().value() == pytest.approx(0.7)
    assert inspector.editor("seed").input_widget().value() == 2**35
    assert json.loads(inspector.editor("json_schema").text()) == {"type": "object"}
    assert inspector.editor("model").input_widget().text() == "big.gguf"
    assert inspector.title_edit.text() == "Ask"
    assert inspector.policy_combo.currentData() == "retry" and inspector.retries_spin.value() == 3

    node = show(inspector, Node("x", "ai.extract_fields"))
    node.params["fields"] = [{"name": "a", "type": "date"}]
    with qtbot.assertNotEmitted(inspector.paramEdited):
        inspector.update_values(node)
    assert inspector.editor("fields").table.item(0, 0).text() == "a"


def test_title_edit(inspector, qtbot):
    show(inspector, Node("m", "files.move_file"))
    edit = inspector.title_edit
    edit.setFocus()
    qtbot.keyClicks(edit, "File the invoice")
    with qtbot.waitSignal(inspector.titleEdited) as blocker:
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert blocker.args == ["m", "File the invoice"]


def test_error_policy(inspector, qtbot):
    show(inspector, Node("m", "files.move_file"))
    combo, spin = inspector.policy_combo, inspector.retries_spin
    assert combo.currentData() == "fail" and not spin.isEnabled()
    with qtbot.waitSignal(inspector.errorPolicyEdited) as blocker:
        combo.setCurrentIndex(combo.findData("retry"))
    assert blocker.args == ["m", "retry", 1]           # retry with 0 retries would be invalid
    assert spin.isEnabled()
    with qtbot.waitSignal(inspector.errorPolicyEdited) as blocker:
        spin.setValue(4)
    assert blocker.args == ["m", "retry", 4]
    with qtbot.waitSignal(inspector.errorPolicyEdited) as blocker:
        combo.setCurrentIndex(combo.findData("branch"))
    assert blocker.args == ["m", "branch", 4]
    assert not spin.isEnabled()


# ------------------------------------------------------------------ messages


def test_problems_and_inline_checks(inspector, qtbot):
    show(inspector, Node("a", "ai.agent", {"max_steps": 99}),
         problems=["required input 'text' (text) is not connected"])
    assert inspector.problems_box is not None and inspector.problems_box.isVisibleTo(inspector)
    assert inspector.problem_texts() == ["required input 'text' (text) is not connected"]
    inspector.show_problems([])
    assert not inspector.problems_box.isVisibleTo(inspector)
    # the param's own check, under the field
    assert "the largest allowed is 20" in inspector.row("max_steps").message_text
    with qtbot.waitSignal(inspector.paramEdited):
        inspector.editor("max_steps").input_widget().setValue(10)
    assert inspector.row("max_steps").message_text == ""
    # a required string emptied says so
    show(inspector, Node("t", "ai.translate"))
    edit = inspector.editor("target_language").input_widget()
    edit.clear()
    with qtbot.waitSignal(inspector.paramEdited):
        edit.editingFinished.emit()
    assert "required" in inspector.row("target_language").message_text


def test_edits_applied_at_once_by_the_editor_window(inspector, qtbot):
    """The window applies each edit and calls update_values and show_problems from
    inside the signal; every kind of editor survives that, and each edit is one
    emission."""
    from desktop.engine.validate import validate
    from desktop.engine.workflow import Workflow

    node = Node("x", "ai.extract_fields")
    wf = Workflow("w", nodes=[node])
    seen: list[tuple] = []

    def apply(node_id: str, name: str, value) -> None:
        seen.append((name, value))
        node.params[name] = json.loads(json.dumps(value))      # a copy, as a command keeps
        inspector.update_values(node)
        inspector.show_problems([p.message for p in validate(wf, default_registry()) if p.node == "x"])

    inspector.paramEdited.connect(apply)
    show(inspector, node)
    editor = inspector.editor("fields")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    editor.table.item(1, 0).setText("total")
    combo = editor.table.cellWidget(1, 1)
    combo.setCurrentIndex(combo.findData("number"))
    editor.table.item(1, 3).setCheckState(Qt.CheckState.Unchecked)
    editor.table.selectRow(1)
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    inspector.editor("max_tokens").input_widget().setValue(500)
    inspector.editor("temperature").input_widget().setValue(0.2)
    inspector.editor("instructions").input_widget().setPlainText("Dates as ISO.")
    inspector.editor("instructions").flush()
    assert [name for name, _ in seen] == ["fields"] * 5 + ["max_tokens", "temperature", "instructions"]
    assert node.params["fields"] == [
        {"name": "total", "type": "number", "description": "", "required": False},
        {"name": "title", "type": "string", "description": "the document's title"}]
    assert editor.table.item(0, 0).text() == "total"
    assert inspector.problem_texts() == ["connect its input 'document' or 'text'"]


def test_update_values_keeps_text_the_user_is_still_typing(inspector, qtbot):
    node = show(inspector, Node("p", "ai.prompt"))
    model = inspector.editor("model").input_widget()
    model.setText("half-typed")                      # not finished yet
    prompt = inspector.editor("prompt")
    prompt.input_widget().setPlainText("Draft {{ text }}")   # waiting for its pause
    node.title = "Renamed elsewhere"                 # e.g. on the canvas
    inspector.update_values(node)
    assert model.text() == "half-typed"
    assert prompt.input_widget().toPlainText() == "Draft {{ text }}"
    with qtbot.waitSignal(inspector.paramEdited) as blocker:
        pass                                           # the pause ends: committed
    assert blocker.args == ["p", "prompt", "Draft {{ text }}"]
    # a real change of the value (undo) does replace it
    node.params["model"] = "other.gguf"
    with qtbot.assertNotEmitted(inspector.paramEdited):
        inspector.update_values(node)
    assert model.text() == "other.gguf"


def test_wheel_over_an_unfocused_field_scrolls_the_panel(inspector, qtbot):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    inspector.resize(340, 400)
    show(inspector, Node("a", "ai.agent"))
    spin = inspector.editor("max_seconds").input_widget()
    inspector.scroll.ensureWidgetVisible(spin)
    bar = inspector.scroll.verticalScrollBar()
    before = bar.value()
    centre = QPointF(spin.rect().center())
    wheel = QWheelEvent(centre, QPointF(spin.mapToGlobal(spin.rect().center())), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    with qtbot.assertNotEmitted(inspector.paramEdited):
        QApplication.sendEvent(spin, wheel)
    assert spin.value() == 120
    assert bar.value() > before


def test_option_names_keep_their_acronyms():
    from desktop.ui.param_editors.base import humanize

    assert humanize("ocr_languages") == "OCR languages"
    assert humanize("ocr_dpi") == "OCR DPI" and humanize("max_size_mb") == "Max size MB"
