"""The run store: records executor events, answers history queries."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Any, Iterator

import psutil
from sqlite_utils import Database

from desktop.engine.events import (ApprovalRequested, Event, FileOperation, ModelCall,
                                   RunFinished, RunStarted,
                                   Status, StepLog, StepStatusChanged)
from desktop.engine.hashing import input_facts, sha256_and_size
from desktop.store.migrations import migrations

INTERRUPTED = "interrupted"


class StoreError(Exception):
    """The history database cannot be used; the message says why and where."""


class RunStore:
    """One connection shared by every thread, each write a short locked transaction."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"the run history folder {self.path.parent} is not usable: {e}") from None
        # Several processes (the app, a CLI run, the watcher) may open a new database at
        # the same moment: creating and migrating it is retried while another holds it.
        deadline = time.monotonic() + 30
        while True:
            try:
                self.db = self._open()
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) and "busy" not in str(e):
                    raise self._damaged(e) from None
                if time.monotonic() > deadline:
                    raise StoreError(f"the run history at {self.path} is busy: another process "
                                     "has held it for 30 s") from None
                time.sleep(0.05)
            except sqlite3.DatabaseError as e:
                raise self._damaged(e) from None

    def _open(self) -> Database:
        conn = sqlite3.connect(self.path, timeout=10, check_same_thread=False, isolation_level=None)
        try:
            db = Database(conn)
            db.execute("PRAGMA busy_timeout=10000")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            if migrations.pending(db):
                # under the write lock, so that two processes never apply the same one
                conn.execute("BEGIN IMMEDIATE")
                try:
                    migrations.apply(db)
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
            return db
        except BaseException:
            conn.close()
            raise

    def _damaged(self, e: Exception) -> StoreError:
        return StoreError(f"the run history at {self.path} cannot be opened: {e}. "
                          "If the file is damaged, move it aside; Runnel starts a new one.")

    def close(self) -> None:
        with self._lock:
            self.db.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """Several writes, one commit: each commit costs locks and WAL writes, which
        add up on hot paths (a burst of watched files)."""
        with self._lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    # ------------------------------------------------------------ recording

    def record(self, event: Event) -> None:
        """Executor listener: write what the event says."""
        try:
            # the input is read before the run's first step (which may move or change
            # it), and outside the lock: a large file must not hold up other threads
            facts = input_facts(event.input_path) if isinstance(event, RunStarted) else (None, None)
            if isinstance(event, FileOperation):
                event = _with_moved_hash(event)
            with self._lock:
                self._record(event, facts)
        except Exception as e:
            # history must never take a run down; the run's own result still stands
            print(f"runnel: could not record run history in {self.path}: {e}", file=sys.stderr)

    def _record(self, event: Event, facts: tuple[str | None, int | None] = (None, None)) -> None:
        event = _storable(event)
        db = self.db
        if isinstance(event, StepStatusChanged):
            if event.status not in Status.FINAL:
                return
            row = {k: v for k, v in asdict(event).items() if k not in ("at", "attempt")}
            row.update(finished_at=event.at, attempts=event.attempt)
            db.execute(
                        "INSERT INTO step_runs (run_id, node_id, step_type, status, attempts, "
                        "finished_at, duration, error, input_digest, output_digest, input_preview, "
                        "output_preview, branch, model, tokens_in, tokens_out) VALUES (:run_id, "
                        ":node_id, :step_type, :status, :attempts, :finished_at, :duration, :error, "
                        ":input_digest, :output_digest, :input_preview, :output_preview, :branch, "
                        ":model, :tokens_in, :tokens_out) "
                        "ON CONFLICT(run_id, node_id) DO UPDATE SET status=excluded.status, "
                        "attempts=excluded.attempts, finished_at=excluded.finished_at, "
                        "duration=excluded.duration, error=excluded.error, "
                        "input_digest=excluded.input_digest, output_digest=excluded.output_digest, "
                        "input_preview=excluded.input_preview, output_preview=excluded.output_preview, "
                        "branch=excluded.branch, model=excluded.model, "
                        "tokens_in=excluded.tokens_in, tokens_out=excluded.tokens_out", row)
        elif isinstance(event, RunStarted):
            insert_row(db, "runs", {
                "id": event.run_id, "workflow_name": event.workflow_name,
                "workflow_path": event.workflow_path, "input_path": event.input_path,
                "batch_id": event.batch_id, "dry_run": int(event.dry_run),
                "status": Status.RUNNING, "started_at": event.started_at, "pid": os.getpid(),
                "input_hash": facts[0], "input_size": facts[1]})
        elif isinstance(event, RunFinished):
            db.execute("UPDATE runs SET status = ?, error = ?, failed_node = ?, finished_at = ? "
                       "WHERE id = ?", [event.status, event.error, event.failed_node,
                                        event.finished_at, event.run_id])
        elif isinstance(event, StepLog):
            insert_row(db, "audit_events", {
                "run_id": event.run_id, "node_id": event.node_id, "level": event.level,
                "message": event.message, "at": event.at})
        elif isinstance(event, ModelCall):
            insert_row(db, "model_calls", {
                "run_id": event.run_id, "node_id": event.node_id, "model": event.model,
                "settings": json.dumps(event.settings, sort_keys=True),
                "prompt_digest": event.prompt_digest, "tokens_in": event.tokens_in,
                "tokens_out": event.tokens_out, "seconds": event.seconds,
                "finish": event.finish, "at": event.at,
                "prompt_text": event.prompt, "answer_text": event.answer})
        elif isinstance(event, ApprovalRequested):
            insert_row(db, "approvals", {
                "run_id": event.run_id, "node_id": event.node_id,
                "workflow_path": event.workflow_path, "input_path": event.input_path,
                "message": event.message, "payload": json.dumps(event.payload, ensure_ascii=False),
                "saved": json.dumps(event.saved, ensure_ascii=False), "state": "pending",
                "created_at": event.at, "folders": json.dumps(event.folders or {})})
        elif isinstance(event, FileOperation):
            insert_row(db, "file_ops", {
                "run_id": event.run_id, "node_id": event.node_id, "op": event.op,
                "source": event.source, "target": event.target, "size": event.size,
                "dry_run": int(event.dry_run), "at": event.at, "sha256": event.sha256})

    def void_file_op(self, run_id: str, op: str, target: str) -> None:
        """A journaled operation that did not happen (its name was taken meanwhile and
        another was used): undo must not act on whatever file now has that name."""
        with self._lock:
            self.db.execute("UPDATE file_ops SET undone_at = ? WHERE run_id = ? AND op = ? AND "
                            "target = ? AND undone_at IS NULL", [time.time(), run_id, op, target])

    def mark_interrupted(self) -> int:
        """Runs left 'running' by a process that no longer exists (killed, crashed)."""
        with self._lock:
            rows = list(self.db.query("SELECT id, pid FROM runs WHERE status = ?", [Status.RUNNING]))
            dead = [r["id"] for r in rows if not _alive(r["pid"])]
            with self.db.conn:
                for run_id in dead:
                    self.db["runs"].update(run_id, {
                        "status": INTERRUPTED, "finished_at": time.time(),
                        "error": "the run was interrupted (Runnel was closed or stopped)"})
            return len(dead)

    # ------------------------------------------------------------ reading

    def pending_approvals(self) -> int:
        """How many items wait for a person's decision."""
        with self._lock:
            return int(next(iter(self.db.query(
                "SELECT count(*) AS n FROM approvals WHERE state = 'pending'")))["n"])

    def approval_of(self, run_id: str) -> dict[str, Any] | None:
        """The latest approval a run asked for (None if it asked for none)."""
        with self._lock:
            rows = list(self.db.query("SELECT * FROM approvals WHERE run_id = ? ORDER BY id DESC LIMIT 1",
                                      [run_id]))
        return rows[0] if rows else None

    def recent_runs(self, limit: int = 20) -> list[dict[str, Any]]:
        """The newest runs, one row per run (see `_RUN_ROWS`)."""
        with self._lock:
            return list(self.db.query(
                _RUN_ROWS + " ORDER BY runs.started_at DESC, runs.rowid DESC LIMIT ?", [limit]))

    def search_runs(self, workflow: str | None = None, status: str | None = None,
                    since: float | None = None, text: str | None = None,
                    limit: int = 500) -> list[dict[str, Any]]:
        """History filtered in SQL, newest first: workflow name, run status, started at
        or after `since` (epoch seconds), `text` a case-insensitive piece of the input path."""
        where, args = [], []
        if workflow:
            where.append("runs.workflow_name = ?")
            args.append(workflow)
        if status:
            where.append("runs.status = ?")
            args.append(status)
        if since is not None:
            where.append("runs.started_at >= ?")
            args.append(since)
        if text:
            # % and _ typed by the user are literal characters, not wildcards
            escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append("runs.input_path LIKE ? ESCAPE '\\'")
            args.append(f"%{escaped}%")
        sql = _RUN_ROWS + "".join(f" AND {w}" for w in where)
        with self._lock:
            return list(self.db.query(sql + " ORDER BY runs.started_at DESC, runs.rowid DESC LIMIT ?",
                                      [*args, limit]))

    def workflow_names(self) -> list[str]:
        """Distinct workflow names in the history, for a filter list."""
        with self._lock:
            return [r["workflow_name"] for r in self.db.query(
                "SELECT DISTINCT workflow_name FROM runs WHERE workflow_name IS NOT NULL "
                "ORDER BY workflow_name COLLATE NOCASE")]

    def find_run(self, run_id_prefix: str) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.db.query("SELECT * FROM runs WHERE id LIKE ? ORDER BY started_at",
                                      [run_id_prefix.replace("%", "") + "%"]))

    def step_runs(self, run_id: str) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.db.query("SELECT * FROM step_runs WHERE run_id = ? ORDER BY id",
                                      [run_id]))

    def file_ops(self, run_id: str) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.db.query("SELECT * FROM file_ops WHERE run_id = ? ORDER BY id",
                                      [run_id]))

    def model_calls(self, run_id: str) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.db.query("SELECT * FROM model_calls WHERE run_id = ? ORDER BY id",
                                      [run_id]))

    def audit(self, run_id: str) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.db.query("SELECT * FROM audit_events WHERE run_id = ? ORDER BY id",
                                      [run_id]))


# One row per run: a run that paused for a person and went on after the decision is
# recorded as two runs (the part before, marked 'resumed', and the part after); lists
# show the part after, which holds every step (those before the pause as cached), with
# the decision that led to it ('approved' / 'rejected', and whether the item was edited).
_RUN_ROWS = ("SELECT runs.*, a.state AS decision, a.edited IS NOT NULL AS decision_edited, "
             "a.run_id AS paused_run_id FROM runs LEFT JOIN approvals a ON a.resumed_run_id = runs.id "
             "WHERE runs.status != 'resumed'")


def insert_row(db: Database, table: str, row: dict[str, Any]) -> int:
    """A plain INSERT: sqlite-utils' insert inspects the table on every call, which
    costs more than the write itself on the hot path."""
    cols = ", ".join(row)
    marks = ", ".join("?" * len(row))
    return db.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values())).lastrowid


def _storable(event: Event) -> Event:
    """File names that are not valid UTF-8 (and broken text) carry lone surrogates,
    which SQLite cannot store: they are replaced, so the run is still recorded."""
    changes = {}
    for f in fields(event):
        value = getattr(event, f.name)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                changes[f.name] = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace") \
                    if _escapable(value) else value.encode("utf-8", "replace").decode("utf-8")
    return replace(event, **changes) if changes else event


def _escapable(value: str) -> bool:
    try:
        value.encode("utf-8", "surrogateescape")
        return True
    except UnicodeEncodeError:
        return False


def _with_moved_hash(event: FileOperation) -> FileOperation:
    """A move is journaled before it is made (by a step or the folder watcher): the file
    still at its source is the content undo may later move back."""
    if event.op not in ("move", "rename") or event.dry_run or event.sha256 or not event.source:
        return event
    try:
        digest, size = sha256_and_size(event.source)
    except OSError:
        return event             # gone or unreadable: undo falls back on size and time
    return replace(event, sha256=digest, size=event.size if event.size is not None else size)


def _alive(pid: int | None) -> bool:
    return bool(pid) and psutil.pid_exists(pid)
