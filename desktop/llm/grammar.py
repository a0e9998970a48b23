"""JSON schema -> GBNF grammar for llama.cpp, for the subset Runnel's steps produce.

Supported: object (properties, all written, in order; give a property that may be
missing a type that allows null), string (enum, const, maxLength, format: date),
number, integer, boolean, null, array (items, minItems, maxItems), type lists such as
["string", "null"]. Anything else raises SchemaError, before any run, with a plain
sentence — a grammar that silently ignored a rule would give output the schema then
rejects.
"""

from __future__ import annotations

import json
import re
from typing import Any

DEFAULT_MAX_STRING = 300
DEFAULT_MAX_ITEMS = 30
_KNOWN = {"type", "properties", "required", "items", "enum", "const", "maxLength",
          "minItems", "maxItems", "format", "description", "title", "additionalProperties",
          "$schema", "default"}

_BASE = r'''
ws ::= " "?
char ::= [^"\\\x7F\x00-\x1F] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F]{4})
number ::= "-"? ([0-9] | [1-9] [0-9]{1,15}) ("." [0-9]{1,10})? ([eE] [-+]? [0-9]{1,2})?
integer ::= "-"? ([0-9] | [1-9] [0-9]{1,15})
boolean ::= "true" | "false"
null ::= "null"
date ::= "\"" [0-9]{4} "-" [0-1] [0-9] "-" [0-3] [0-9] "\""
'''


class SchemaError(ValueError):
    """The schema uses something the grammar cannot express."""


def _literal(value: Any) -> str:
    """A GBNF string literal matching the JSON text of `value`."""
    text = json.dumps(value, ensure_ascii=False)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Builder:
    def __init__(self) -> None:
        self.rules: dict[str, str] = {}

    def add(self, hint: str, body: str) -> str:
        name = re.sub(r"[^a-zA-Z0-9-]", "-", hint).strip("-").lower() or "r"
        base, n = name, 1
        while name in self.rules and self.rules[name] != body:
            n += 1
            name = f"{base}-{n}"
        self.rules[name] = body
        return name

    def visit(self, schema: Any, path: str) -> str:
        where = path or "the schema"
        if not isinstance(schema, dict):
            raise SchemaError(f"{where} must be a mapping")
        unknown = sorted(set(schema) - _KNOWN)
        if unknown:
            raise SchemaError(f"{where} uses '{unknown[0]}', which structured output does not support")
        if "const" in schema:
            return self.add(f"{path}-const", _literal(schema["const"]))
        if "enum" in schema:
            values = schema["enum"]
            if not isinstance(values, list) or not values:
                raise SchemaError(f"{where}: 'enum' must be a non-empty list")
            return self.add(f"{path}-enum", " | ".join(_literal(v) for v in values))
        kind = schema.get("type")
        if isinstance(kind, list):
            if not kind or not all(isinstance(k, str) for k in kind):
                raise SchemaError(f"{where}: 'type' must be a type name or a list of them")
            alts = [self.visit({**schema, "type": k}, f"{path}-{k}") for k in kind]
            return self.add(f"{path}-any", " | ".join(alts))
        if kind == "object":
            return self.object(schema, path)
        if kind == "array":
            items = schema.get("items")
            if items is None:
                raise SchemaError(f"{where}: an array needs 'items'")
            item = self.visit(items, f"{path}-item")
            lo = int(schema.get("minItems", 0))
            hi = int(schema.get("maxItems", DEFAULT_MAX_ITEMS))
            if lo < 0 or hi < lo:
                raise SchemaError(f"{where}: minItems/maxItems are not a valid range")
            if hi == 0:
                return self.add(f"{path}-arr", '"[" ws "]"')
            rest = f'("," ws {item}){{{max(lo - 1, 0)},{hi - 1}}}'
            body = f'"[" ws {item} ws {rest} ws "]"'
            if lo == 0:
                body = f'"[" ws "]" | {body}'
            return self.add(f"{path}-arr", body)
        if kind == "string":
            fmt = schema.get("format")
            if fmt == "date":
                return "date"
            if fmt is not None:
                raise SchemaError(f"{where}: string format '{fmt}' is not supported (only 'date')")
            n = int(schema.get("maxLength", DEFAULT_MAX_STRING))
            return self.add(f"str{n}", f'"\\"" char{{0,{n}}} "\\""')
        if kind in ("number", "integer", "boolean", "null"):
            return kind
        if kind is None:
            raise SchemaError(f"{where} has no 'type'")
        raise SchemaError(f"{where} has type '{kind}', which structured output does not support")

    def object(self, schema: dict, path: str) -> str:
        props = schema.get("properties")
        if not isinstance(props, dict) or not props:
            raise SchemaError(f"{path or 'the schema'}: an object needs its 'properties' listed")
        parts = []
        for i, (key, sub) in enumerate(props.items()):
            # every property is written; one that may be absent must then allow null
            # in its own schema, so the schema accepts what the grammar produces
            value = self.visit(sub, f"{path}-{key}" if path else key)
            sep = '"," ws ' if i else ""
            parts.append(f'{sep}{_literal(key)} ws ":" ws {value}')
        return self.add(f"{path or 'root'}-obj", '"{" ws ' + " ws ".join(parts) + ' ws "}"')


def schema_to_gbnf(schema: dict) -> str:
    builder = _Builder()
    top = builder.visit(schema, "")
    lines = [f"root ::= {top}"]
    lines += [f"{name} ::= {body}" for name, body in builder.rules.items() if name != "root"]
    return "\n".join(lines) + _BASE


def schemas_to_gbnf(schemas: list[dict]) -> str:
    """A grammar accepting any one of `schemas` (each an object schema): e.g. one shape
    of arguments per tool an agent may call."""
    builder = _Builder()
    alternatives = [builder.visit(schema, f"alt{i}") for i, schema in enumerate(schemas)]
    lines = [f"root ::= {' | '.join(alternatives)}"]
    lines += [f"{name} ::= {body}" for name, body in builder.rules.items() if name != "root"]
    return "\n".join(lines) + _BASE
