"""Undo a run's file operations from the journal: created files are removed, moved
files go back. A file that changed since the run is left alone and reported. No Qt."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from desktop.store.runs import RunStore


@dataclass
class UndoReport:
    done: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused


def _unchanged(path: Path, op: dict) -> str | None:
    """Why `path` may not be touched (it changed since the run), or None."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return f"{path} no longer exists"
    if op["size"] is not None and st.st_size != op["size"]:
        return f"{path} was changed after the run (its size differs); it is left as it is"
    if st.st_mtime > op["at"] + 2:
        return f"{path} was modified after the run; it is left as it is"
    return None


def undo_run(store: RunStore, run_id: str, dry_run: bool = False) -> UndoReport:
    report = UndoReport()
    ops = [op for op in store.file_ops(run_id) if not op["dry_run"] and not op["undone_at"]]
    for op in reversed(ops):                 # last done, first undone
        target = Path(op["target"])
        source = Path(op["source"]) if op["source"] else None
        if op["op"] in ("write", "copy"):
            why = _unchanged(target, op)
            if why:
                report.refused.append(why)
                continue
            if not dry_run:
                target.unlink()
            report.done.append(f"remove {target}")
        elif op["op"] in ("move", "rename") and source is not None:
            why = _unchanged(target, {**op, "size": op["size"] if op["size"] is not None else None})
            if why:
                report.refused.append(why)
                continue
            if source.exists():
                report.refused.append(f"{source} exists again; {target} is not moved back over it")
                continue
            if not dry_run:
                source.parent.mkdir(parents=True, exist_ok=True)
                os.link(target, source)      # never over an existing file
                target.unlink()
            report.done.append(f"move {target} back to {source}")
        else:
            continue
        if not dry_run:
            with store._lock:
                store.db.execute("UPDATE file_ops SET undone_at = ? WHERE id = ?", [time.time(), op["id"]])
    return report
