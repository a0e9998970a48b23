"""The fields of a record under review, as a person edits them: which fields (the
extract step's own list), text to value and back by the field's type with a sentence
for what does not fit, and what a correction changed. No Qt."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from desktop.review.items import ReviewItem

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
YES, NO = ("yes", "true", "y", "1", "ja", "oui", "si", "sí"), ("no", "false", "n", "0", "nein", "non")


def fields_of(item: ReviewItem) -> list[dict]:
    """The field list of the extract step that sent the record: read from the workflow
    as it is saved now; when that cannot be read, one text field per key, with the type
    the values suggest."""
    if item.workflow_path:
        from desktop.engine.errors import WorkflowFileError
        from desktop.engine.fileformat import load_workflow
        from desktop.examples import node_fields, reviewed_step

        try:
            node = reviewed_step(load_workflow(item.workflow_path), item.node_id)
        except WorkflowFileError:
            node = None
        if node is not None:
            fields = node_fields(node)
            if isinstance(fields, list) and all(isinstance(f, dict) and "name" in f for f in fields):
                return fields
    record = item.record or {}
    return [{"name": k, "type": _type_of(v)} for k, v in record.items()]


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, list):
        return "list"
    if isinstance(value, str) and _DATE.match(value):
        return "date"
    return "string"


def show(field: dict, value: Any) -> str:
    """A value as text in its field's editor ('' for none)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and field.get("type") == "number" and round(value, 2) == value \
            and abs(value) < 1e12:
        return f"{value:.2f}"          # an amount as printed: 6.20, not 6.2
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def parse(field: dict, text: str) -> Any:
    """The value a person typed, by the field's type; ValueError with a sentence when
    it does not fit. Empty text is no value (None)."""
    text = text.strip()
    if not text:
        return None
    if "choices" in field:
        for choice in field["choices"]:
            if str(choice).casefold() == text.casefold():
                return choice
        raise ValueError(f"choose one of: {', '.join(map(str, field['choices']))}")
    kind = field.get("type", "string")
    if kind in ("number", "integer"):
        plain = _plain_number(text)
        if plain is None or (kind == "integer" and "." in plain):
            raise ValueError(f"'{text}' is not {'a whole number' if kind == 'integer' else 'a number'}"
                             " (e.g. 1234.56)")
        return int(plain) if kind == "integer" else float(plain)
    if kind == "date":
        try:
            if _DATE.match(text):
                return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            pass
        raise ValueError(f"'{text}' is not a date as YYYY-MM-DD (e.g. 2026-11-02)")
    if kind == "boolean":
        if text.casefold() in YES:
            return True
        if text.casefold() in NO:
            return False
        raise ValueError("answer yes or no")
    if kind == "list":
        return [part.strip() for part in text.split(";") if part.strip()]
    return text


def _plain_number(text: str) -> str | None:
    """'1,234.56', '1.234,56', '€ 56,02', '214.08 GBP' as '1234.56'; None if no number."""
    t = re.sub(r"[^\d,.\-+]", "", text.replace("\u00a0", " ").replace(" ", "").replace("'", ""))
    if not t or re.search(r"[A-Za-z]", re.sub(r"[€$£]|[A-Z]{3}", "", text.strip())):
        return None
    if "," in t and "." in t:
        t = t.replace(",", "") if t.rfind(".") > t.rfind(",") else t.replace(".", "").replace(",", ".")
    elif "," in t:
        head, _, tail = t.rpartition(",")
        t = head.replace(",", "") + ("." + tail if len(tail) != 3 or not head else tail)
    return t if _NUMBER.match(t) else None


def changes(before: dict | None, after: dict) -> list[dict]:
    """What a correction changed: one {field, before, after} per field, in order."""
    before = before or {}
    return [{"field": k, "before": before.get(k), "after": v}
            for k, v in after.items() if before.get(k) != v]
