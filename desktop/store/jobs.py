"""The durable job queue: a detected file is written here before it is processed.

States: queued -> running -> done | failed; skipped (same content already handled by
the workflow: a duplicate, `duplicate_of` naming the first job), stuck (never stopped
growing), vanished (gone before it could run), changed (the file changed while it was
processed: that version's outputs were removed, the new version is a job of its own).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from desktop.store.runs import RunStore, insert_row

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
SKIPPED, STUCK, VANISHED = "skipped", "stuck", "vanished"
CHANGED = "changed"        # superseded by a newer version of its file
WAITING = "waiting"        # its run paused for a person's approval
ACTIVE = (QUEUED, RUNNING)


@dataclass(frozen=True)
class Job:
    id: int
    workflow_path: str
    workflow_name: str
    trigger_index: int
    path: str
    size: int
    content_hash: str
    state: str
    attempts: int
    run_id: str | None
    error: str | None
    final_path: str | None
    mtime_ns: int = 0                  # of the version that was hashed
    duplicate_of: int | None = None    # the job that had this content first

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Job":
        return cls(row["id"], row["workflow_path"], row["workflow_name"] or "",
                   row["trigger_index"] or 0, row["path"], row["size"] or 0,
                   row["content_hash"] or "", row["state"], row["attempts"] or 0,
                   row["run_id"], row["error"], row["final_path"], row.get("mtime_ns") or 0,
                   row.get("duplicate_of"))


@dataclass(frozen=True)
class Arrival:
    """A complete file to queue."""
    path: str
    size: int
    mtime_ns: int
    content_hash: str


class JobQueue:
    def __init__(self, store: RunStore):
        self.store = store
        self.db = store.db

    def _tx(self):  # type: ignore[no-untyped-def]
        return self.store._lock

    def add(self, workflow_path: str, workflow_name: str, trigger_index: int,
            arrivals: Sequence[Arrival]) -> list[Job]:
        """Queue complete files in one transaction (a burst of a thousand is one commit),
        each recorded as skipped when the workflow already has (or handled) the same
        content, earlier in the same batch included."""
        now = time.time()
        jobs = []
        with self.store.transaction() as db:
            for a in arrivals:
                same = db.execute(
                    "SELECT id, path FROM jobs WHERE workflow_path = ? AND content_hash = ? AND state IN "
                    "(?, ?, ?) ORDER BY id LIMIT 1",
                    [workflow_path, a.content_hash, QUEUED, RUNNING, DONE]).fetchone()
                row = {"workflow_path": workflow_path, "workflow_name": workflow_name,
                       "trigger_index": trigger_index, "path": a.path, "size": a.size,
                       "mtime_ns": a.mtime_ns, "content_hash": a.content_hash, "attempts": 0,
                       "created_at": now, "not_before": 0.0}
                if same:
                    row.update(state=SKIPPED, duplicate_of=same[0], finished_at=now,
                               error=f"a duplicate: the same content as {Path(same[1]).name} "
                                     f"was already handled (job {same[0]})")
                else:
                    row.update(state=QUEUED)
                row["id"] = insert_row(db, "jobs", row)
                jobs.append(Job.from_row({"run_id": None, "error": None, "final_path": None, **row}))
        return jobs

    def record(self, workflow_path: str, workflow_name: str, trigger_index: int, path: str,
               state: str, error: str) -> Job:
        """A file that never became a job to run (stuck, unreadable): kept for the user."""
        with self._tx():
            job_id = insert_row(self.db, "jobs", {
                "workflow_path": workflow_path, "workflow_name": workflow_name,
                "trigger_index": trigger_index, "path": path, "state": state, "error": error,
                "attempts": 0, "created_at": time.time(), "finished_at": time.time()})
        return self.get(job_id)

    def known(self, workflow_path: str, versions: Iterable[tuple[str, int, int]]) -> set[str]:
        """Which of these file versions (path, size, mtime_ns) already have a job, so a
        rescan need not hash them; one read transaction for them all."""
        found = set()
        with self._tx():
            self.db.execute("BEGIN")
            try:
                for path, size, mtime_ns in versions:
                    if self.db.execute(
                            "SELECT 1 FROM jobs WHERE workflow_path = ? AND path = ? AND size = ? "
                            "AND mtime_ns = ? AND state != ? LIMIT 1",
                            [workflow_path, path, size, mtime_ns, STUCK]).fetchone():
                        found.add(path)
            finally:
                self.db.execute("COMMIT")
        return found

    def get(self, job_id: int) -> Job:
        with self._tx():
            return Job.from_row(next(self.db.query("SELECT * FROM jobs WHERE id = ?", [job_id])))

    def claim(self, blocked_workflows: set[str] | frozenset[str] = frozenset(),
              limit: int = 1) -> list[Job]:
        """The oldest queued jobs that may run now (not of a blocked workflow), at most
        `limit`, marked running, each with the id its run will have, in one statement:
        two runners (threads or processes) can never claim the same job."""
        blocked = sorted(blocked_workflows)
        marks = ", ".join("?" * len(blocked))
        where = f" AND workflow_path NOT IN ({marks})" if blocked else ""
        with self._tx():
            cur = self.db.execute(
                "UPDATE jobs SET state = ?, started_at = ?, attempts = attempts + 1, "
                "run_id = lower(hex(randomblob(16))) "
                # the literal lets SQLite use the partial index of queued jobs (m007)
                f"WHERE id IN (SELECT id FROM jobs WHERE state = '{QUEUED}' AND not_before <= ?"
                f"{where} ORDER BY id LIMIT ?) RETURNING *",
                [RUNNING, time.time(), time.time(), *blocked, limit])
            rows = cur.fetchall()
            names = [d[0] for d in cur.description or ()]
            cur.close()
        return sorted((Job.from_row(dict(zip(names, row, strict=True))) for row in rows),
                      key=lambda job: job.id)

    def unclaim(self, jobs: list[Job]) -> None:
        """Claimed jobs that did not start (the watcher is stopping) go back, untried."""
        with self.store.transaction():
            for job in jobs:
                self.db.execute("UPDATE jobs SET state = ?, run_id = NULL, attempts = ? "
                                "WHERE id = ? AND state = ?",
                                [QUEUED, max(0, job.attempts - 1), job.id, RUNNING])

    def waiting_on(self, run_id: str) -> Job | None:
        """The job whose run paused for an approval, if a watched file started it."""
        with self._tx():
            rows = list(self.db.query("SELECT * FROM jobs WHERE run_id = ? AND state = ?",
                                      [run_id, WAITING]))
        return Job.from_row(rows[0]) if rows else None

    def update(self, job_id: int, **values: Any) -> None:
        sets = ", ".join(f"{k} = ?" for k in values)
        with self._tx():
            self.db.execute(f"UPDATE jobs SET {sets} WHERE id = ?", [*values.values(), job_id])

    def finish(self, job_id: int, state: str, error: str | None = None, **values: Any) -> None:
        self.update(job_id, state=state, error=error, finished_at=time.time(), **values)

    def retry_later(self, job_id: int, delay: float, error: str) -> None:
        self.update(job_id, state=QUEUED, error=error, not_before=time.time() + delay)

    def requeue(self, job_id: int) -> bool:
        """Run a job again (the user asked): failed, stuck, vanished and skipped ones."""
        with self._tx():
            cur = self.db.execute(
                "UPDATE jobs SET state = ?, error = NULL, not_before = 0, attempts = 0, "
                "duplicate_of = NULL, final_path = NULL WHERE id = ? AND state NOT IN (?, ?)",
                [QUEUED, job_id, QUEUED, RUNNING])
            return cur.rowcount == 1

    def running(self) -> list[Job]:
        with self._tx():
            return [Job.from_row(r) for r in self.db.query(
                "SELECT * FROM jobs WHERE state = ? ORDER BY id", [RUNNING])]

    def list(self, states: tuple[str, ...] = (), limit: int = 100) -> list[dict[str, Any]]:
        with self._tx():
            if states:
                marks = ", ".join("?" * len(states))
                return list(self.db.query(
                    f"SELECT * FROM jobs WHERE state IN ({marks}) ORDER BY id DESC LIMIT ?",
                    [*states, limit]))
            return list(self.db.query("SELECT * FROM jobs ORDER BY id DESC LIMIT ?", [limit]))

    def counts(self) -> dict[str, int]:
        with self._tx():
            return {r["state"]: r["n"] for r in self.db.query(
                "SELECT state, count(*) AS n FROM jobs GROUP BY state")}
