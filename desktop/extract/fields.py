"""The field list of an `ai.extract_fields` step: the field types, the default list,
and the JSON schema of the record a list describes. Shared by the step, the examples
store (which checks records against it) and the window's field editor."""

from __future__ import annotations

from typing import Any

from desktop.llm.grammar import SchemaError

DEFAULT_FIELDS = [{"name": "title", "type": "string", "description": "the document's title"}]

FIELD_TYPES = {"string": {"type": "string"}, "number": {"type": "number"},
               "integer": {"type": "integer"}, "boolean": {"type": "boolean"},
               "date": {"type": "string", "format": "date"},
               # bounded: a small model left free repeats a list item to the token limit
               "list": {"type": "array", "items": {"type": "string", "maxLength": 120}, "maxItems": 12}}


def fields_schema(fields: Any) -> dict:
    """The JSON schema of the record the user's field list describes."""
    if not isinstance(fields, list) or not fields:
        raise SchemaError("list at least one field, each with a name and a type")
    props: dict[str, Any] = {}
    required = []
    for i, f in enumerate(fields, 1):
        if not isinstance(f, dict) or not isinstance(f.get("name"), str) or not f["name"].strip():
            raise SchemaError(f"field {i} needs a 'name'")
        name, kind = f["name"], f.get("type", "string")
        if name in props:
            raise SchemaError(f"field '{name}' is listed twice")
        if "choices" in f:
            if not isinstance(f["choices"], list) or not f["choices"]:
                raise SchemaError(f"field '{name}': 'choices' must be a non-empty list")
            sub: dict[str, Any] = {"enum": list(f["choices"])}
        elif kind in FIELD_TYPES:
            sub = dict(FIELD_TYPES[kind])
        else:
            raise SchemaError(f"field '{name}' has type '{kind}'; the types are "
                              f"{', '.join(FIELD_TYPES)} (or give 'choices')")
        if f.get("description"):
            sub["description"] = str(f["description"])
        props[name] = sub
        if f.get("required", True):
            required.append(name)
        else:
            props[name] = {**sub, **({"type": [sub["type"], "null"]} if "type" in sub else {})}
            if "enum" in sub:
                props[name]["enum"] = sub["enum"] + [None]
    return {"type": "object", "properties": props, "required": list(props)}
