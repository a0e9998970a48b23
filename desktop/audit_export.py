"""A run's audit record as one JSON document: what went in (input file, workflow file,
model file, each with its SHA-256), what each step did, every model request, the
approvals, the files changed and the run's log. No Qt.

The input's SHA-256 and size are the ones the run store took when the run started
(`runs.input_hash`, `runs.input_size`); the file as it is now is hashed again and
reported beside them, so an edit made after the run shows as a difference instead of
passing for what the run read. The workflow and model files are hashed when the
record is exported (the history names them by path). Model files are large, so their hashes are kept in the data folder keyed by
path, size and modification time, and computed again only when one of those changes.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.engine.atomic import write_text_atomic
from desktop.engine.hashing import sha256_and_size, sha256_file
from desktop.paths import runnel_home
from desktop.review.fields import changes
from desktop.store.runs import RunStore

FORMAT = "runnel.audit-record"
FORMAT_VERSION = 2             # 2: the input's hash and size are the run's; 'now' is the file today

PROMPT_NOTE = ("Each model call has the prompt as sent (prompt_text) and the model's answer "
               "(answer_text); prompt_digest is the first 32 hex digits of the SHA-256 of the "
               "prompt (UTF-8). Runs recorded before Runnel kept the text have only the digest.")
OUTPUT_NOTE = ("Step inputs and outputs are kept as digests and previews: a digest is the "
               "first 32 hex digits of a SHA-256 over the value (text as UTF-8, other values "
               "as canonical JSON, a file as its path, size and modification time); a preview "
               "is the first 200 characters.")
MODEL_NOTE = ("The run records a model by its file name. The hash is of the file with that "
              "name installed now; it is the file the run used unless it was replaced after "
              "the run (compare its modification time with the run's).")
RECORDED_AT_START = "when the run started"
RECORDED_BY_WATCHER = "by the folder watcher when it picked the file up, before the run"
INPUT_NOTE = ("The input's sha256 and size were taken when the run started, before its first step; "
              "'now' is the file as it is at export (where the run or the folder watcher moved it), "
              "and changed_since_run says whether its content differs from what the run read.")
WORKFLOW_NOTE = "The hash is of the workflow file as it is now; edits made after the run change it."


class AuditExportError(Exception):
    """The record cannot be exported; the message says why."""


class RunNotFound(AuditExportError):
    """No run, or more than one, has an id starting with the given text."""


# ---------------------------------------------------------------- hashing

_cache_lock = threading.Lock()


def _hash_cache_path() -> Path:
    return runnel_home() / "cache" / "file-hashes.json"


def cached_sha256(path: Path) -> str:
    """A large file's SHA-256, remembered in the data folder by path, size and mtime."""
    st = path.stat()
    key = str(path.resolve())
    stamp = {"size": st.st_size, "mtime_ns": st.st_mtime_ns}
    cache_file = _hash_cache_path()
    with _cache_lock:
        cache = _read_json(cache_file)
        hit = cache.get(key)
        if isinstance(hit, dict) and all(hit.get(k) == v for k, v in stamp.items()) and hit.get("sha256"):
            return str(hit["sha256"])
    digest = sha256_file(path)           # outside the lock: may take seconds
    with _cache_lock:
        cache = _read_json(cache_file)
        # forget files that are gone, so the cache does not grow forever
        cache = {k: v for k, v in cache.items() if Path(k).exists()}
        cache[key] = {**stamp, "sha256": digest}
        try:
            _write_atomic(cache_file, json.dumps(cache, indent=1, sort_keys=True), make_parents=True)
        except OSError:
            pass                          # a cache that cannot be written only costs time
    return digest


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_atomic(path: Path, text: str, make_parents: bool = False) -> None:
    """Written to a temporary file beside it, then renamed over it: a reader sees the
    old file or the new one, never half of one."""
    if make_parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, text)


# ---------------------------------------------------------------- the record

def resolve_run(store: RunStore, run_id: str) -> dict[str, Any]:
    """The run with this id, or the only one whose id starts with it."""
    text = run_id.strip()
    if not text:
        raise RunNotFound("no run id was given")
    matches = store.find_run(text)
    exact = [r for r in matches if r["id"] == text]
    if exact:
        return exact[0]
    if len(matches) == 1:
        return matches[0]
    what = "no run" if not matches else f"{len(matches)} runs"
    raise RunNotFound(f"{what} with an id starting '{run_id}'")


def export_run(store: RunStore, run_id: str) -> dict[str, Any]:
    """Everything recorded about a run (id or unique prefix), JSON-serialisable."""
    run = resolve_run(store, run_id)
    rid = run["id"]
    steps = store.step_runs(rid)
    calls = store.model_calls(rid)
    ops = store.file_ops(rid)
    job = _job(store, rid)
    notes = [INPUT_NOTE, OUTPUT_NOTE, PROMPT_NOTE]
    models = _models(steps, calls)
    if models:
        notes.append(MODEL_NOTE)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": _iso(dt.datetime.now().timestamp()),
        "exported_by": f"Runnel {__version__}",
        "run": _times(dict(run)),
        "input": _input(run, ops, job),
        "workflow": _workflow(run),
        "models": models,
        "steps": [_step(s) for s in steps],
        "model_calls": [_call(c) for c in calls],
        "approvals": _approvals(store, rid),
        "file_operations": [_op(o) for o in ops],
        "audit_events": [_times({k: v for k, v in e.items() if k != "run_id"})
                         for e in store.audit(rid)],
        "watched_file_job": _times(dict(job)) if job else None,
        "notes": notes,
    }


def write_export(store: RunStore, run_id: str, path: Path | str) -> Path:
    """Export the record to `path` (atomically: never a half-written file). The folder
    must exist: a mistyped folder is an error, not a new folder."""
    record = export_run(store, run_id)
    target = Path(path).expanduser().absolute()
    _write_atomic(target, json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    return target


# ---------------------------------------------------------------- parts

def _iso(ts: float | None) -> str | None:
    return None if ts is None else dt.datetime.fromtimestamp(ts).astimezone().isoformat(
        timespec="milliseconds")


def _times(row: dict[str, Any]) -> dict[str, Any]:
    """Epoch seconds in *_at columns as ISO 8601 local times with their offset."""
    for k, v in row.items():
        if k.endswith("_at") or k == "at":
            row[k] = _iso(v) if isinstance(v, (int, float)) else v
    return row


def _file_facts(path: Path) -> dict[str, Any]:
    st = path.stat()
    return {"size": st.st_size, "modified_at": _iso(st.st_mtime)}


def _job(store: RunStore, run_id: str) -> dict[str, Any] | None:
    """The folder watcher's job for this run: it holds the content hash it took."""
    with store._lock:
        rows = list(store.db.query("SELECT * FROM jobs WHERE run_id = ? ORDER BY id DESC LIMIT 1",
                                   [run_id]))
    return rows[0] if rows else None


def _input(run: dict[str, Any], ops: list[dict[str, Any]], job: dict[str, Any] | None) -> dict[str, Any]:
    """What the run read (the hash and size taken when it started) and, separately, the
    file as it is now: the same content, different content, or gone."""
    original = run["input_path"]
    out: dict[str, Any] = {"path": original, "sha256": None, "size": None, "recorded": None,
                           "now": None, "changed_since_run": None, "note": None}
    if not original:
        out["note"] = "this run had no input file"
        return out
    if run.get("input_hash"):
        out.update(sha256=run["input_hash"], size=run.get("input_size"), recorded=RECORDED_AT_START)
    elif job and job.get("content_hash"):
        # runs recorded before the run itself took a hash: the watcher's, from before the run
        out.update(sha256=job["content_hash"], size=job.get("size"), recorded=RECORDED_BY_WATCHER)
    now = _input_now(original, ops, job)
    out["now"] = now
    notes = []
    if out["sha256"] is None:
        notes.append("the run recorded no hash of its input (it could not be read when the run "
                     "started, or the run is older than Runnel's recording of it)")
    if now["path"] is None:
        notes.append("the input file is no longer there (nor where it was moved to)")
    else:
        if now["path"] != original:
            notes.append(f"the file was moved after it was read; it is now at {now['path']}")
        if out["sha256"] is not None:
            out["changed_since_run"] = now["sha256"] != out["sha256"]
            if out["changed_since_run"]:
                notes.append("the file changed after the run: its content now differs from the "
                             "content the run read (sha256 and size are the run's)")
    out["note"] = "; ".join(notes) or None
    return out


def _input_now(original: str, ops: list[dict[str, Any]], job: dict[str, Any] | None) -> dict[str, Any]:
    """The input file where it is now (moved by the run itself, or aside by the watcher
    afterwards): its path, hash, size and time, or a path of None when it is gone."""
    candidates = [Path(original)]
    candidates += [Path(o["target"]) for o in ops
                   if o["op"] in ("move", "rename") and o["source"] == original
                   and not o["dry_run"] and not o["undone_at"] and o["target"]]
    if job and job.get("final_path"):
        candidates.append(Path(job["final_path"]))
    for candidate in candidates:
        try:
            if candidate.is_file():
                digest, size = sha256_and_size(candidate)
                return {"path": str(candidate), "sha256": digest, "size": size,
                        "modified_at": _iso(candidate.stat().st_mtime)}
        except OSError:
            continue
    return {"path": None, "sha256": None, "size": None, "modified_at": None}


def _workflow(run: dict[str, Any]) -> dict[str, Any]:
    path = run["workflow_path"]
    out: dict[str, Any] = {"name": run["workflow_name"], "path": path, "sha256": None, "note": None}
    if not path:
        out["note"] = "the workflow was never saved to a file"
        return out
    p = Path(path)
    try:
        out.update(sha256=sha256_file(p), **_file_facts(p), note=WORKFLOW_NOTE)
    except OSError:
        out["note"] = "the workflow file is no longer there"
    return out


def _models(steps: list[dict[str, Any]], calls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from desktop.llm import catalog
    from desktop.llm.catalog import ModelError

    names: dict[str, int] = {}
    for c in calls:
        if c["model"]:
            names[c["model"]] = names.get(c["model"], 0) + 1
    for s in steps:
        if s.get("model"):
            names.setdefault(s["model"], 0)
    out = []
    for name, count in names.items():
        entry: dict[str, Any] = {"name": name, "requests": count, "path": None, "sha256": None,
                                 "note": None}
        try:
            path = catalog.find_model(name).path
            entry.update(path=str(path), sha256=cached_sha256(path), **_file_facts(path))
        except (ModelError, OSError) as e:
            entry["note"] = f"the model file is not installed now, so it cannot be hashed ({e})"
        out.append(entry)
    return out


def _step(row: dict[str, Any]) -> dict[str, Any]:
    s = {k: v for k, v in row.items() if k not in ("id", "run_id")}
    if s.get("finished_at") is not None and s.get("duration") is not None:
        s["started_at"] = s["finished_at"] - s["duration"]
    return _times(s)


def _call(row: dict[str, Any]) -> dict[str, Any]:
    c = {k: v for k, v in row.items() if k != "run_id"}
    try:
        c["settings"] = json.loads(c["settings"]) if c.get("settings") else {}
    except ValueError:
        pass
    if c.get("prompt_text") is None:       # recorded before prompts were kept: see the notes
        c["prompt_text"] = None
    return _times(c)


def _op(row: dict[str, Any]) -> dict[str, Any]:
    o = {k: v for k, v in row.items() if k != "run_id"}
    o["dry_run"] = bool(o.get("dry_run"))
    return _times(o)


def _record_of(item: Any) -> dict | None:
    """The record in an approval's item (a review item holds it under 'record')."""
    if isinstance(item, dict) and isinstance(item.get("record"), dict) and "reasons" in item:
        return item["record"]
    return item if isinstance(item, dict) else None


def _approvals(store: RunStore, run_id: str) -> list[dict[str, Any]]:
    """Approvals this run asked for, and the one it resumed from."""
    with store._lock:
        rows = list(store.db.query(
            "SELECT * FROM approvals WHERE run_id = ? OR resumed_run_id = ? ORDER BY id",
            [run_id, run_id]))
    out = []
    for r in rows:
        # `saved` is the paused run's state for resuming: it repeats step outputs
        a = {k: v for k, v in r.items() if k != "saved"}
        a["role"] = "asked by this run" if r["run_id"] == run_id else "this run resumed after it"
        for key in ("payload", "edited", "folders"):
            if isinstance(a.get(key), str):
                try:
                    a[key] = json.loads(a[key])
                except ValueError:
                    pass
        if a.get("edited") is not None:
            # a correction, field by field: what the AI had and what the person kept
            a["changes"] = changes(_record_of(a.get("payload")), _record_of(a["edited"]) or {})
        out.append(_times(a))
    return out
