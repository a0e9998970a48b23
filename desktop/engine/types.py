"""Port types: the few kinds of value that flow along links, and which link to which."""

from __future__ import annotations

from enum import Enum


class PortType(str, Enum):
    FILE = "file"          # a path on disk (pathlib.Path)
    DOCUMENT = "document"  # desktop.engine.document.Document: text, pages, metadata
    TEXT = "text"          # str
    JSON = "json"          # a JSON record (dict)
    FILES = "files"        # list of paths
    ROWS = "rows"          # list of dicts (table rows)
    ANY = "any"


# source type -> target types it may feed besides its own. A document feeds a text
# input (its text is taken); anything feeds `any`.
_COERCIONS: dict[PortType, frozenset[PortType]] = {
    PortType.DOCUMENT: frozenset({PortType.TEXT}),
    PortType.FILE: frozenset({PortType.FILES}),
    PortType.JSON: frozenset({PortType.ROWS}),
}


def can_connect(source: PortType, target: PortType) -> bool:
    return (
        source == target
        or target == PortType.ANY
        or source == PortType.ANY
        or target in _COERCIONS.get(source, frozenset())
    )


def coerce(value: object, source: PortType, target: PortType) -> object:
    """Convert a value crossing a link whose types differ but are compatible."""
    if source == target or target == PortType.ANY or source == PortType.ANY:
        return value
    if source == PortType.DOCUMENT and target == PortType.TEXT:
        return value.text  # type: ignore[attr-defined]
    if source == PortType.FILE and target == PortType.FILES:
        return [value]
    if source == PortType.JSON and target == PortType.ROWS:
        return [value]
    raise TypeError(f"cannot pass {source.value} to {target.value}")
