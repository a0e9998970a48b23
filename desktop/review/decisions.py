"""Pending approvals and their decisions: resume a paused run on the chosen branch,
in whatever process decides (the app, `runnel approvals`, after a restart). No Qt."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from desktop.engine.errors import WorkflowFileError
from desktop.examples import Example
from desktop.engine.events import Status
from desktop.engine.executor import RunResult
from desktop.engine.fileformat import load_workflow
from desktop.engine.triggers import Trigger
from desktop.engine.workflow import Workflow
from desktop.runner import Runner
from desktop.store.jobs import Job, JobQueue
from desktop.watch.actions import watched_folder
from desktop.watch.jobs import JobRunner


class ApprovalError(Exception):
    """The approval cannot be decided; the message says why."""


def pending(runner: Runner) -> list[dict[str, Any]]:
    assert runner.store is not None
    with runner.store._lock:
        rows = list(runner.store.db.query(
            "SELECT * FROM approvals WHERE state = 'pending' ORDER BY id"))
    for r in rows:
        r["payload"] = json.loads(r["payload"])
    return rows


def approval(runner: Runner, approval_id: int) -> dict[str, Any]:
    """One approval's row, its payload decoded; ApprovalError when there is none."""
    assert runner.store is not None
    with runner.store._lock:
        rows = list(runner.store.db.query("SELECT * FROM approvals WHERE id = ?", [approval_id]))
    if not rows:
        raise ApprovalError(f"there is no approval {approval_id}")
    row = rows[0]
    row["payload"] = json.loads(row["payload"])
    return row


def _pending(runner: Runner, approval_id: int) -> tuple[dict[str, Any], Workflow]:
    """A pending approval's row and its workflow, as saved now."""
    row = approval(runner, approval_id)
    if row["state"] != "pending":
        raise ApprovalError(f"approval {approval_id} was already {row['state']}")
    if not row["workflow_path"]:
        raise ApprovalError(f"approval {approval_id} belongs to a workflow that was never saved")
    try:
        wf = load_workflow(row["workflow_path"])
    except WorkflowFileError as e:
        raise ApprovalError(f"the workflow of approval {approval_id} cannot be loaded: {e}") from None
    return row, wf


def save_as_example(runner: Runner, approval_id: int, edited: Any = None, note: str = "") -> Example:
    """Keep the document of a pending approval, with the record as the person approves
    it (`edited`, else as it was sent), as a labelled example of the extract step that
    sent it to review: the next documents like it are read with what it teaches. Call
    it before `decide`, while the run's input is still where it arrived."""
    from desktop.examples import (ExampleError, add_example, examples_dir, node_fields,
                                  reviewed_step)
    from desktop.steps.human import is_review_item

    row, wf = _pending(runner, approval_id)
    node = reviewed_step(wf, row["node_id"])
    if node is None:
        raise ApprovalError(f"approval {approval_id} does not review an extraction (no "
                            f"ai.extract_fields step feeds '{row['node_id']}'), so there is no "
                            "example to keep")
    record = edited if edited is not None else row["payload"]
    if is_review_item(record):
        record = record["record"]
    if not row["input_path"] or not Path(row["input_path"]).is_file():
        raise ApprovalError(f"the document of approval {approval_id} is no longer at "
                            f"{row['input_path'] or '(no input file)'}, so it cannot be kept as an example")
    try:
        return add_example(examples_dir(row["workflow_path"], wf.name), node.id, row["input_path"],
                           record, fields=node_fields(node), added_by="review", note=note)
    except ExampleError as e:
        raise ApprovalError(f"the approved record cannot be kept as an example: {e}") from None


def decide(runner: Runner, approval_id: int, approve: bool, edited: Any = None,
           note: str = "") -> RunResult:
    store = runner.store
    assert store is not None
    row, wf = _pending(runner, approval_id)
    if wf.node(row["node_id"]) is None:
        raise ApprovalError(f"the workflow no longer has the step '{row['node_id']}' that asked")
    plan = runner.executor.plan(wf)
    if isinstance(plan, list):        # checked before the decision is used up
        raise ApprovalError("the workflow is not valid now; fix it and decide again:\n"
                            + "\n".join(f"- {p}" for p in plan))
    # claim it first, so two deciders cannot both resume the run
    with store._lock:
        cur = store.db.execute("UPDATE approvals SET state = ?, decided_at = ?, note = ?, edited = ?, "
                               "decided_by = ? WHERE id = ? AND state = 'pending'",
                               ["approved" if approve else "rejected", time.time(), note,
                                json.dumps(edited) if edited is not None else None, _who(),
                                approval_id])
        if cur.rowcount != 1:
            raise ApprovalError(f"approval {approval_id} was decided meanwhile")
    resume = {"saved": json.loads(row["saved"]),
              "decisions": {row["node_id"]: {"approved": approve, "item": edited, "note": note}}}
    input_path = Path(row["input_path"]) if row["input_path"] else None
    folders = json.loads(row.get("folders") or "{}")      # as the paused run had them
    result = runner.executor.run(wf, input_path, resume=resume, folders=folders or None, plan=plan)
    with store._lock:
        store.db.execute("UPDATE approvals SET resumed_run_id = ? WHERE id = ?", [result.run_id, approval_id])
        store.db.execute("UPDATE runs SET status = 'resumed' WHERE id = ?", [row["run_id"]])
    _conclude_watched_job(runner, wf, row["run_id"], result)
    if not approve and result.status == Status.DONE:
        # it went the way the person chose, and is listed as what it is
        with store._lock:
            store.db.execute("UPDATE runs SET status = ? WHERE id = ?", [Status.REJECTED, result.run_id])
        result.status = Status.REJECTED
    return result


def undo_decision(runner: Runner, approval_id: int) -> str:
    """Take a decision back while the run it resumed has gone no further than its own
    file changes: those are undone (desktop.undo) and the item waits again, as before
    the decision. Refuses, with the reason, when anything cannot be put back; then
    nothing is changed. Returns a sentence saying what was undone."""
    from desktop.undo import undo_run

    store = runner.store
    assert store is not None
    row = approval(runner, approval_id)
    if row["state"] == "pending":
        raise ApprovalError(f"approval {approval_id} has not been decided; there is nothing to undo")
    resumed = row.get("resumed_run_id")
    if not resumed:
        raise ApprovalError(f"the run after approval {approval_id} is still going; undo it when it ends")
    runs = store.find_run(resumed)
    status = runs[0]["status"] if runs else None
    if status in (Status.WAITING, Status.RUNNING):
        raise ApprovalError(f"the run after approval {approval_id} has gone further (it is {status}); "
                            "its decision can no longer be taken back")
    with store._lock:
        jobs = list(store.db.query("SELECT id FROM jobs WHERE run_id = ?", [resumed]))
    if jobs:
        raise ApprovalError(f"approval {approval_id} was for a watched file, which has gone on to "
                            "where its trigger puts it; undo that run in History instead")
    dry = undo_run(store, resumed, dry_run=True)
    if not dry.ok:
        raise ApprovalError(f"the decision on approval {approval_id} cannot be taken back: "
                            + "; ".join(dry.refused))
    report = undo_run(store, resumed)
    if not report.ok:        # changed between the check and the undo: say what is left
        raise ApprovalError("only part of it could be undone: " + "; ".join(report.refused))
    with store._lock:
        store.db.execute("UPDATE approvals SET state = 'pending', decided_at = NULL, note = NULL, "
                         "edited = NULL, decided_by = NULL, resumed_run_id = NULL WHERE id = ?",
                         [approval_id])
        store.db.execute("UPDATE runs SET status = ? WHERE id = ?", [Status.WAITING, row["run_id"]])
        store.db.execute("UPDATE runs SET status = 'undone' WHERE id = ?", [resumed])
    n = len(report.done)
    return (f"the {row['state'].replace('approved', 'approval').replace('rejected', 'rejection')} of "
            f"approval {approval_id} is undone ({n} file change{'s' if n != 1 else ''} reversed); "
            "it waits for a decision again")


def _who() -> str:
    """The local account that decides (Runnel has no users of its own)."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _conclude_watched_job(runner: Runner, wf: Workflow, paused_run_id: str, result: RunResult) -> None:
    def trigger_of(job: Job) -> tuple[Trigger, Path]:
        if job.trigger_index < len(wf.triggers) and wf.triggers[job.trigger_index].kind == "folder":
            trigger = wf.triggers[job.trigger_index]
            return trigger, watched_folder(trigger, Path(job.workflow_path))
        return Trigger(kind="folder"), Path(job.path).parent      # its trigger is gone: leave it

    assert runner.store is not None
    jobs = JobRunner(runner, JobQueue(runner.store), lambda _event: None, trigger_of)
    jobs.conclude_resumed(paused_run_id, result)
