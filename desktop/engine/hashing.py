"""Content hashes, one way for everyone: the history's (a run's input when the run
starts, each output when a run writes it, so that undo compares content), the
watcher's (a file's identity in its queue), the audit export's and the OCR models'
check. No Qt; imports nothing of Runnel's, so every layer may use it."""

from __future__ import annotations

import hashlib
from pathlib import Path

_BLOCK = 1 << 20


def sha256_and_size(path: Path | str) -> tuple[str, int]:
    """The SHA-256 of a file's content and the number of bytes it was taken over (both
    from the same read, so they always describe the same content)."""
    h = hashlib.sha256()
    size = 0
    with Path(path).open("rb") as f:
        for block in iter(lambda: f.read(_BLOCK), b""):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


def sha256_file(path: Path | str) -> str:
    """The SHA-256 of a file's content, read in 1 MiB blocks."""
    return sha256_and_size(path)[0]


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def input_facts(path: str | None) -> tuple[str | None, int | None]:
    """(SHA-256, size) of a run's input file, or (None, None) when there is no file to
    read (no input, a folder, unreadable: the run itself says why)."""
    if not path:
        return None, None
    try:
        if not Path(path).is_file():
            return None, None
        return sha256_and_size(path)
    except OSError:
        return None, None
