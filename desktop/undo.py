"""Undo a run's file operations from the journal: created files are removed, moved
files go back, appended rows are taken out. A file that changed since the run is left
alone and reported: the journal holds the SHA-256 of what the run wrote (or moved, or
appended), and nothing is removed or moved back unless the file still holds exactly
that. Entries journaled before Runnel kept hashes are judged by size and time. No Qt."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from desktop.engine.hashing import sha256_and_size, sha256_bytes
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
    if op.get("sha256"):
        # content, not times: editors and sync tools put a file's mtime back
        try:
            digest = sha256_and_size(path)[0]
        except OSError as e:
            return f"{path} cannot be read to check it is the run's ({e.strerror or e}); it is left as it is"
        if digest != op["sha256"]:
            return (f"{path} was changed after the run (its content is no longer what the run "
                    "left there, though its size is the same); it is left as it is")
        return None
    # journaled without a hash (before Runnel kept them): a later edit is later than the entry
    if st.st_mtime > op["at"] + 0.001:
        return f"{path} was modified after the run; it is left as it is"
    return None


def _move_back(target: Path, source: Path) -> None:
    """Move a file back where it came from, never over another file, across disks too."""
    import errno
    import shutil
    import tempfile

    source.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(target, source)
    except OSError as e:
        if e.errno not in (errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EMLINK):
            raise
        fd, tmp = tempfile.mkstemp(prefix=".runnel-undo-", suffix=".part", dir=source.parent)
        os.close(fd)
        try:
            shutil.copy2(target, tmp)
            os.link(tmp, source)
        finally:
            Path(tmp).unlink(missing_ok=True)
    target.unlink()


def _undo_append(target: Path, where: str, dry_run: bool, expected: str | None = None) -> str | None:
    """Remove an appended row: CSV bytes a-b if the file still ends there and they are
    still the bytes appended (`expected`, their SHA-256); a SQLite row by its rowid."""
    kind, _, spec = where.partition(":")
    if kind == "bytes":
        start, _, end = spec.partition("-")
        try:
            size = target.stat().st_size
        except FileNotFoundError:
            return f"{target} no longer exists"
        if size != int(end):
            return f"rows were added to {target} after the run; its row is left in place"
        if expected:
            with target.open("rb") as f:
                f.seek(int(start))
                if sha256_bytes(f.read(int(end) - int(start))) != expected:
                    return (f"the row the run appended to {target} was changed after the run; "
                            "it is left in place")
        if not dry_run:
            with target.open("r+b") as f:
                f.truncate(int(start))
            if int(start) == 0:
                target.unlink()
        return None
    if kind == "rowid":
        import sqlite3

        table, _, rowid = spec.rpartition(":")
        if not target.exists():
            return f"{target} no longer exists"
        try:
            con = sqlite3.connect(f"file:{target}?mode=rw", uri=True)
            with con:
                if not dry_run:
                    cur = con.execute(f'DELETE FROM "{table}" WHERE rowid = ?', [int(rowid)])
                    if cur.rowcount != 1:
                        return f"the row in {target} table {table} is gone already"
            con.close()
        except sqlite3.Error as e:
            return f"{target} cannot be changed: {e}"
        return None
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
                try:
                    target.unlink()
                except OSError as e:
                    report.refused.append(f"{target} could not be removed: {e.strerror or e}")
                    continue
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
                try:
                    _move_back(target, source)
                except OSError as e:
                    report.refused.append(f"{target} could not be moved back to {source}: "
                                          f"{e.strerror or e}")
                    continue
            report.done.append(f"move {target} back to {source}")
        elif op["op"] == "append" and source is not None:
            why = _undo_append(target, str(source), dry_run, op.get("sha256"))
            if why:
                report.refused.append(why)
                continue
            report.done.append(f"remove the row appended to {target}")
        else:
            continue
        if not dry_run:
            with store._lock:
                store.db.execute("UPDATE file_ops SET undone_at = ? WHERE id = ?", [time.time(), op["id"]])
    return report
