"""Does a labelled record fit the extract step's field list, and how to show it."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

from desktop.llm.grammar import SchemaError
from desktop.extract.fields import FIELD_TYPES, fields_schema

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LIST_ITEM_MAX = FIELD_TYPES["list"]["items"]["maxLength"]


def fields_problem(fields: Any) -> str | None:
    """Why the step's field list itself is not valid, or None."""
    try:
        fields_schema(fields)
    except SchemaError as e:
        return f"the step's field list is not valid: {e}"
    return None


def check_record(record: Any, fields: list[dict]) -> tuple[dict, list[str]]:
    """The record in the fields' order (an optional field left out becomes null, a null
    for a field the step no longer has is dropped) and one sentence per way it does
    not fit `fields`; no sentences means it fits.
    A value must be what the step itself could answer: a number field holds a JSON
    number (not the text "12.50"), a date field the text YYYY-MM-DD, and so on."""
    if not isinstance(record, dict):
        return {}, [f"a record is a JSON object of field names and values, not {_kind(record)}"]
    problems: list[str] = []
    known = {f["name"] for f in fields}
    unknown = [k for k, v in record.items() if k not in known and v is not None]
    if unknown:
        problems.append(f"{_names(unknown)} {'is not a field' if len(unknown) == 1 else 'are not fields'}"
                        f" of this step (its fields: {', '.join(f['name'] for f in fields)})")
    out: dict[str, Any] = {}
    for f in fields:
        name, required = f["name"], f.get("required", True)
        if name not in record or record[name] is None:
            # an explicit null says the document has no such value (a receipt without a
            # number): a right answer to learn and test with; a field left out is a slip
            if required and name not in record:
                problems.append(f"the required field '{name}' is missing (write null when the "
                                "document has none)")
            out[name] = None
            continue
        value, problem = _check_value(record[name], f)
        if problem:
            problems.append(f"field '{name}' {problem}")
        out[name] = value
    return out, problems


def _check_value(value: Any, field: dict) -> tuple[Any, str | None]:
    if "choices" in field:
        if value in field["choices"] and type(value) in {type(c) for c in field["choices"]}:
            return value, None
        return value, (f"must be one of {', '.join(map(_show, field['choices']))}, "
                       f"not {_kind(value)}")
    kind = field.get("type", "string")
    if kind == "string":
        return value, None if isinstance(value, str) else f"must be text, not {_kind(value)}"
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return value, f"must be a number (written without quotes), not {_kind(value)}"
        if not math.isfinite(value):
            return value, f"must be a finite number, not {value}"
        return value, None
    if kind == "integer":
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            return int(value), None
        if isinstance(value, bool) or not isinstance(value, int):
            return value, f"must be a whole number (written without quotes), not {_kind(value)}"
        return value, None
    if kind == "boolean":
        return value, None if isinstance(value, bool) else f"must be true or false, not {_kind(value)}"
    if kind == "date":
        if not isinstance(value, str) or not _DATE.match(value):
            return value, f"must be a date written YYYY-MM-DD, not {_kind(value)}"
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return value, f"holds {value!r}, which is not a real date"
        return value, None
    if kind == "list":
        if not isinstance(value, list):
            return value, f"must be a list of texts, not {_kind(value)}"
        for item in value:
            if not isinstance(item, str):
                return value, f"must be a list of texts, but one item is {_kind(item)}"
            if len(item) > _LIST_ITEM_MAX:
                return value, (f"has an item longer than {_LIST_ITEM_MAX} characters, "
                               "which the step can never answer")
        return value, None
    return value, None       # an unknown type is the field list's problem (fields_problem)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {_show(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _show(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 40 else value[:39] + "…", ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False) if _jsonable(value) else repr(value)


def _jsonable(value: Any) -> bool:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True


def _names(names: list[str]) -> str:
    return ", ".join(f"'{n}'" for n in names)


def format_value(value: Any, limit: int = 80) -> str:
    """A field value as a person reads it: text as it is (one line), lists joined
    with commas, yes/no, a blank field as '(empty)'."""
    if value is None:
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, str):
        text = " ".join(value.split())
    elif isinstance(value, list):
        text = ", ".join(format_value(v, limit) for v in value) if value else "(none)"
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[:limit - 1] + "…"
