"""One editor widget per param kind, for the inspector (base.py: the contract and the
simple kinds; text.py: multi-line text, JSON, templates; records.py: tables of
records; folder.py: the declared-folder picker).

Every editor follows the same contract: `set_value` shows a value without emitting
anything (programmatic updates, undo/redo), and `committed(value)` is emitted once per
edit the user finishes. The editors never touch the workflow; the inspector turns
`committed` into its own signals and the editor window wraps them in undo commands.
"""

from __future__ import annotations

from typing import Sequence

from desktop.engine.spec import Param, StepSpec
from desktop.ui.param_editors.base import (
    FIELD_TYPES,
    INT32_MAX,
    SPIN_WIDTH,
    TEMPLATE_PARAMS,
    TEXT_DEBOUNCE_MS,
    WIDE_FLOAT,
    WIDE_INT,
    BigIntSpinBox,
    BoolEditor,
    ChoiceEditor,
    FloatEditor,
    IntEditor,
    LineEditor,
    ParamEditor,
    error_colour,
    guard_wheel,
    humanize,
    let_shrink,
    muted_colour,
    small_label,
)
from desktop.ui.param_editors.folder import FolderChoices, FolderEditor
from desktop.ui.param_editors.records import (FIELD_COLUMNS, LABEL_COLUMNS, Column, FieldsEditor, LabelsEditor,
                                              RecordListEditor)
from desktop.ui.param_editors.text import (AutoHeightText, FlowLayout, JsonEditor, TemplateEditor, TextEditor,
                                           template_variables)

__all__ = [
    "FIELD_COLUMNS", "FIELD_TYPES", "INT32_MAX", "LABEL_COLUMNS", "SPIN_WIDTH", "TEMPLATE_PARAMS",
    "TEXT_DEBOUNCE_MS", "WIDE_FLOAT", "WIDE_INT", "AutoHeightText", "BigIntSpinBox", "BoolEditor",
    "ChoiceEditor", "Column", "FieldsEditor", "FloatEditor", "FlowLayout", "FolderChoices", "FolderEditor",
    "IntEditor", "JsonEditor", "LabelsEditor", "LineEditor", "ParamEditor", "RecordListEditor",
    "TemplateEditor", "TextEditor", "error_colour", "guard_wheel", "humanize", "let_shrink", "make_editor",
    "muted_colour", "small_label", "template_variables",
]

# ------------------------------------------------------------------ factory


def make_editor(spec: StepSpec, param: Param, folders: Sequence[str] | FolderChoices) -> ParamEditor:
    """The editor for one param of a step. `folders` is the declared folder names, or
    a live FolderChoices (the window's), whose picker also offers New folder…"""
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
