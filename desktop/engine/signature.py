"""Digests of values (for cache keys and run history) and short previews."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from desktop.engine.document import Document

PREVIEW_CHARS = 200


def _canonical(value: Any) -> Any:
    """A JSON-able stand-in for `value` that changes whenever its content does."""
    if isinstance(value, Document):
        return {"document": str(value.path), "kind": value.kind,
                "pages": [hashlib.sha256(p.encode("utf-8", "surrogatepass")).hexdigest()
                          for p in value.pages],
                "metadata": value.metadata,
                # positions matter to grounding: the same text laid out differently differs
                "lines": hashlib.sha256(repr(value.lines).encode("utf-8", "surrogatepass")).hexdigest()
                if value.lines else None}
    if isinstance(value, Path):
        # a file is identified by its path and its state on disk, not by its bytes:
        # hashing every input file on every run would dominate small steps.
        try:
            st = value.stat()
            return {"file": str(value), "size": st.st_size, "mtime": st.st_mtime_ns}
        except OSError:
            return {"file": str(value), "missing": True}
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)


def digest(value: Any) -> str:
    if isinstance(value, str):
        return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    blob = json.dumps(_canonical(value), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def combine(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def preview(value: Any, limit: int = PREVIEW_CHARS) -> str:
    if isinstance(value, Document):
        text = f"{value.name} ({value.kind}, {len(value.pages)} page(s)): {value.text}"
    elif isinstance(value, str):
        text = value
    elif isinstance(value, Path):
        text = str(value)
    else:
        try:
            text = json.dumps(_canonical(value), ensure_ascii=False, default=str)
        except (TypeError, ValueError):
            text = repr(value)
    text = " ".join(text[: limit * 4].split())  # bounded work on huge values
    return text if len(text) <= limit else text[: limit - 1] + "…"
