"""Step outputs to JSON and back, so a paused run can resume in another process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.engine.document import Document


def encode(value: Any) -> Any:
    if isinstance(value, Document):
        return {"__document__": {"path": str(value.path), "kind": value.kind,
                                 "pages": list(value.pages), "metadata": value.metadata}}
    if isinstance(value, Path):
        return {"__path__": str(value)}
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)


def decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"__document__"}:
            d = value["__document__"]
            return Document(Path(d["path"]), d["kind"], tuple(d["pages"]), dict(d["metadata"]))
        if set(value) == {"__path__"}:
            return Path(value["__path__"])
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value
