"""Has this workflow processed this content before? Every run keeps the SHA-256 of its
input in `runs.input_hash`, taken by the store when the run starts (RunStore.record);
the folder watcher's jobs also keep the hash taken when the file was picked up, in
`jobs.content_hash`. Both are looked up here, so the window and the command line can
warn before a re-run files a second copy. No Qt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from desktop.engine.hashing import sha256_and_size
from desktop.store.runs import RunStore

# A run in one of these states did (or is doing) the workflow's work on its input;
# failed, cancelled and interrupted runs did not finish it, and dry runs change nothing.
PROCESSED = ("done", "waiting", "resumed")


def file_hash(path: Path | str) -> str:
    """SHA-256 of the file's content, as the folder watcher and the run store compute it."""
    return sha256_and_size(path)[0]


@dataclass(frozen=True)
class EarlierRun:
    """The newest earlier run of the same workflow on the same content."""
    run_id: str
    started_at: float
    input_path: str | None
    status: str
    count: int               # how many earlier runs (and watched-folder jobs) processed it


def _workflow_paths(workflow_path: Path | str | None) -> list[str]:
    if workflow_path is None:
        return []
    p = Path(workflow_path)
    try:
        return sorted({str(p), str(p.resolve())})
    except OSError:
        return [str(p)]


def earlier_run(store: RunStore, workflow_path: Path | str | None, workflow_name: str,
                content_hash: str) -> EarlierRun | None:
    """The newest run (or watched-folder job) of this workflow that processed content
    with this hash, or None. An unsaved workflow is known by its name only."""
    paths = _workflow_paths(workflow_path)
    done = ", ".join("?" * len(PROCESSED))
    if paths:
        which, args = f"workflow_path IN ({', '.join('?' * len(paths))})", list(paths)
    else:
        which, args = "workflow_path IS NULL AND workflow_name = ?", [workflow_name]
    with store._lock:
        runs = list(store.db.query(
            f"SELECT id, started_at, input_path, status FROM runs WHERE {which} AND input_hash = ? "
            f"AND dry_run = 0 AND status IN ({done}) ORDER BY started_at DESC",
            [*args, content_hash, *PROCESSED]))
        # the folder watcher's jobs (always of a saved workflow)
        jobs = list(store.db.query(
            "SELECT jobs.run_id AS id, coalesce(runs.started_at, jobs.started_at) AS started_at, "
            "jobs.path AS input_path, jobs.state AS status FROM jobs LEFT JOIN runs "
            f"ON runs.id = jobs.run_id WHERE jobs.{which} AND jobs.content_hash = ? "
            "AND jobs.state IN ('done', 'waiting') ORDER BY jobs.id DESC",
            [*args, content_hash])) if paths else []
    # a watched job's run also sits in runs: count it once
    seen = {r["id"] for r in runs}
    rows = runs + [j for j in jobs if j["id"] not in seen]
    if not rows:
        return None
    newest = max(rows, key=lambda r: r["started_at"] or 0.0)
    return EarlierRun(newest["id"], newest["started_at"] or 0.0, newest["input_path"],
                      newest["status"], len(rows))


class InputHashes:
    """The content hashes of files about to be run (absolute path -> hash), for asking
    `earlier_run` about each before the run. The run's own record takes its hash
    again when it starts (a batch's later files may change meanwhile)."""

    def __init__(self, hashes: dict[str, str] | None = None):
        self.hashes: dict[str, str] = dict(hashes or {})

    def add(self, paths: list[Path]) -> None:
        for p in paths:
            try:
                self.hashes[str(Path(p).absolute())] = file_hash(p)
            except OSError:
                pass             # unreadable: the run fails and says why


def describe_when(ts: float) -> str:
    """'today at 14:05', 'yesterday at 09:12', 'on 3 March 2026 at 17:40'."""
    when = dt.datetime.fromtimestamp(ts)
    days = (dt.date.today() - when.date()).days
    day = {0: "today", 1: "yesterday"}.get(days, f"on {when.day} {when:%B %Y}")
    return f"{day} at {when:%H:%M}"
