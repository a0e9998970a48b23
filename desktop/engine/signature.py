"""Digests of values (for cache keys and run history) and short previews."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from desktop.engine.document import Document

PREVIEW_CHARS = 200
HASHED_BYTES = 1 << 20     # files up to 1 MiB are identified by their bytes too


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
        return _file_identity(value)
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)


def _file_identity(path: Path) -> dict[str, Any]:
    """What a file is, for the cache: a same-size edit must never be served stale.

    Size and mtime alone miss an edit whose writer restored the mtime (editors and
    sync tools do that), so the inode's change time (which no tool can set back) and
    the inode join them, and a small file's bytes are hashed outright: cheap below
    `HASHED_BYTES`, while hashing every large input on every run would dominate
    small steps."""
    try:
        st = path.stat()
    except OSError:
        return {"file": str(path), "missing": True}
    identity: dict[str, Any] = {"file": str(path), "size": st.st_size, "mtime": st.st_mtime_ns,
                                "ctime": st.st_ctime_ns, "inode": st.st_ino}
    if st.st_size <= HASHED_BYTES:
        try:
            identity["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            identity["unreadable"] = True
    return identity


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
