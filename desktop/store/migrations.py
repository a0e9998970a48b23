"""Schema of the run store, one sqlite-utils migration per change. Never edit an
applied migration: add a new one."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("runnel")


@migrations()
def m001_runs(db: Database) -> None:
    db["runs"].create({
        "id": str, "workflow_name": str, "workflow_path": str, "input_path": str,
        "batch_id": str, "dry_run": int, "status": str, "error": str, "failed_node": str,
        "started_at": float, "finished_at": float, "pid": int,
    }, pk="id", not_null={"status", "started_at"})
    db["runs"].create_index(["started_at"])
    db["runs"].create_index(["batch_id"])
    db["step_runs"].create({
        "id": int, "run_id": str, "node_id": str, "step_type": str, "status": str,
        "attempts": int, "finished_at": float, "duration": float, "error": str,
        "input_digest": str, "output_digest": str, "input_preview": str,
        "output_preview": str, "branch": str,
    }, pk="id", foreign_keys=[("run_id", "runs", "id")])
    db["step_runs"].create_index(["run_id", "node_id"], unique=True)
    db["audit_events"].create({
        "id": int, "run_id": str, "node_id": str, "level": str, "message": str, "at": float,
    }, pk="id", foreign_keys=[("run_id", "runs", "id")])
    db["audit_events"].create_index(["run_id"])
    db["file_ops"].create({
        "id": int, "run_id": str, "node_id": str, "op": str, "source": str, "target": str,
        "size": int, "dry_run": int, "at": float, "undone_at": float,
    }, pk="id", foreign_keys=[("run_id", "runs", "id")])
    db["file_ops"].create_index(["run_id"])


@migrations()
def m002_model_usage(db: Database) -> None:
    for column, kind in (("model", str), ("tokens_in", int), ("tokens_out", int)):
        db["step_runs"].add_column(column, kind)
    db["model_calls"].create({
        "id": int, "run_id": str, "node_id": str, "model": str, "settings": str,
        "prompt_digest": str, "tokens_in": int, "tokens_out": int, "seconds": float,
        "finish": str, "at": float,
    }, pk="id", foreign_keys=[("run_id", "runs", "id")])
    db["model_calls"].create_index(["run_id"])


@migrations()
def m003_jobs(db: Database) -> None:
    db["jobs"].create({
        "id": int, "workflow_path": str, "workflow_name": str, "trigger_index": int,
        "path": str, "size": int, "mtime_ns": int, "content_hash": str, "state": str,
        "attempts": int, "not_before": float, "run_id": str, "error": str, "final_path": str,
        "created_at": float, "started_at": float, "finished_at": float, "duplicate_of": int,
    }, pk="id", not_null={"workflow_path", "path", "state", "created_at"})
    db["jobs"].create_index(["state"])
    db["jobs"].create_index(["workflow_path", "content_hash"])
    db["jobs"].create_index(["workflow_path", "path"])


@migrations()
def m004_approvals(db: Database) -> None:
    db["approvals"].create({
        "id": int, "run_id": str, "node_id": str, "workflow_path": str, "input_path": str,
        "message": str, "payload": str, "saved": str, "state": str, "edited": str, "note": str,
        "created_at": float, "decided_at": float, "resumed_run_id": str,
    }, pk="id", foreign_keys=[("run_id", "runs", "id")])
    db["approvals"].create_index(["state"])


@migrations()
def m005_approval_folders(db: Database) -> None:
    db["approvals"].add_column("folders", str)


@migrations()
def m006_model_call_text(db: Database) -> None:
    # the audit record names what was asked and answered, not only a digest
    db["model_calls"].add_column("prompt_text", str)
    db["model_calls"].add_column("answer_text", str)


@migrations()
def m007_queued_jobs_index(db: Database) -> None:
    # Only queued jobs are looked up by state (to claim the next one); an index of every
    # job's state made each claim and finish rewrite index pages for nothing.
    db.execute("DROP INDEX IF EXISTS idx_jobs_state")
    db.execute("CREATE INDEX idx_jobs_queued ON jobs(id) WHERE state = 'queued'")


@migrations()
def m008_approval_decided_by(db: Database) -> None:
    # the audit says who decided (the local account), beside when and what changed
    db["approvals"].add_column("decided_by", str)


@migrations()
def m009_run_input_hash(db: Database) -> None:
    # the content a run was started on by hand, so a re-run of it can be noticed
    # (the folder watcher's jobs keep theirs in jobs.content_hash)
    db["runs"].add_column("input_hash", str)
    db.execute("CREATE INDEX idx_runs_input_hash ON runs(input_hash) WHERE input_hash IS NOT NULL")


@migrations()
def m010_run_input_size(db: Database) -> None:
    # every run notes its input's size beside its hash when it starts: the audit export
    # reports what the run read, not what the file is when exported
    db["runs"].add_column("input_size", int)


@migrations()
def m011_file_op_hashes(db: Database) -> None:
    # each journaled output's SHA-256 as written (a move: the file moved; a CSV append:
    # the bytes appended): undo compares content, since a same-size edit with its
    # modification time put back (editors and sync tools do that) is still an edit
    db["file_ops"].add_column("sha256", str)
