"""`runnel history`, `approvals`, `draft`, `undo` and `audit`: what runs did, the decisions
waiting, and taking a run back."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from desktop.cli.common import EXIT_INVALID, EXIT_OK, EXIT_RUN_FAILED, EXIT_STORE, EXIT_USAGE
from desktop.engine.errors import WorkflowFileError
from desktop.engine.events import (Status)
from desktop.engine.fileformat import load_workflow
from desktop.engine.registry import default_registry
from desktop.paths import database_path
from desktop.store.runs import RunStore


# ---------------------------------------------------------------- history

def _when(ts: float | None) -> str:
    return dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M:%S") if ts else "-"


def _took(row: dict[str, Any]) -> str:
    if row.get("finished_at") and row.get("started_at"):
        return f"{row['finished_at'] - row['started_at']:.2f}s"
    return "-"


def cmd_history(args: argparse.Namespace) -> int:
    store = RunStore(database_path())
    store.mark_interrupted()
    if args.run_id:
        matches = store.find_run(args.run_id)
        if len(matches) != 1:
            what = "no run" if not matches else f"{len(matches)} runs"
            print(f"runnel: {what} with an id starting '{args.run_id}'", file=sys.stderr)
            return EXIT_STORE
        run = matches[0]
        detail = {"run": run, "steps": store.step_runs(run["id"]),
                  "files": store.file_ops(run["id"]), "log": store.audit(run["id"])}
        if args.json:
            print(json.dumps(detail, indent=2, ensure_ascii=False))
            return EXIT_OK
        print(f"run {run['id']}  {run['status']}{'  (dry run)' if run['dry_run'] else ''}")
        print(f"  workflow  {run['workflow_name']} ({run['workflow_path'] or '-'})")
        print(f"  input     {run['input_path'] or '-'}")
        print(f"  started   {_when(run['started_at'])}, took {_took(run)}")
        if run["error"]:
            print(f"  error     {run['error']}")
        for s in detail["steps"]:
            took = f"{s['duration']:.3f}s" if s["duration"] is not None else ""
            tries = f"  ({s['attempts']} attempts)" if (s["attempts"] or 0) > 1 else ""
            print(f"  - {s['node_id']:<18} {s['step_type']:<20} {s['status']:<9} {took}{tries}")
            if s["error"]:
                print(f"      error: {s['error']}")
            if s["output_preview"]:
                print(f"      out:   {s['output_preview'][:100]}")
        for op in detail["files"]:
            print(f"  {'would ' if op['dry_run'] else ''}{op['op']} {op['target']}")
        return EXIT_OK
    runs = store.recent_runs(args.last)
    if args.json:
        print(json.dumps(runs, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not runs:
        print("no runs yet")
        return EXIT_OK
    print(f"{'RUN':<10} {'STARTED':<19}  {'STATUS':<11} {'TOOK':>8}  WORKFLOW / INPUT")
    for r in runs:
        inp = Path(r["input_path"]).name if r["input_path"] else "-"
        after = (f"  (after {'an edited approval' if r['decision_edited'] else 'approval'})"
                 if r["decision"] == "approved" else "")
        print(f"{r['id'][:8]:<10} {_when(r['started_at'])}  {r['status']:<11} {_took(r):>8}  "
              f"{r['workflow_name']} / {inp}{after}")
    return EXIT_OK


def cmd_approvals(args: argparse.Namespace) -> int:
    from desktop.review import (ApprovalError, decide, pending, pending_items, save_as_example,
                                undo_decision)
    from desktop.runner import Runner

    runner = Runner(RunStore(database_path()))
    try:
        if args.approvals_command == "list":
            rows = pending(runner)
            if args.json:
                print(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
                return EXIT_OK
            if not rows:
                print("nothing is waiting for approval")
            for item in pending_items(runner.store):
                print(f"{item.approval_id:>4}  {_when(item.created_at)}  {item.document_name or '-'}: "
                      f"{item.message}")
                for line in item.lines():
                    print(f"      {line}")
            return EXIT_OK
        if args.approvals_command == "undo":
            print(undo_decision(runner, args.id))
            return EXIT_OK
        edited = None
        if getattr(args, "edit", None):
            try:
                edited = json.loads(Path(args.edit).read_text(encoding="utf-8"))
            except (OSError, ValueError) as e:
                print(f"runnel: --edit {args.edit}: not a readable JSON file ({e})", file=sys.stderr)
                return EXIT_USAGE
        if getattr(args, "save_example", False):
            kept = save_as_example(runner, args.id, edited, args.note)
            print(f"kept as example {kept.id} of step '{kept.node_id}'"
                  + (" (it replaced the earlier record of this document)" if kept.replaced else "")
                  + f": {kept.folder}")
        result = decide(runner, args.id, args.approvals_command == "approve", edited, args.note)
        verb = "approved" if args.approvals_command == "approve" else "rejected"
        print(f"approval {args.id} {verb}; the run continued as {result.run_id[:8]}: "
              f"{result.status}" + (f" ({result.error})" if result.error else ""))
        return EXIT_OK if result.status in (Status.DONE, Status.WAITING, Status.REJECTED) else EXIT_RUN_FAILED
    except ApprovalError as e:
        print(f"runnel: {e}", file=sys.stderr)
        return EXIT_STORE if "there is no approval" in str(e) else EXIT_RUN_FAILED
    finally:
        runner.close()


def cmd_draft(args: argparse.Namespace) -> int:
    from desktop.draft import DraftError, draft, save_draft, slug
    from desktop.llm.catalog import ModelError
    from desktop.llm.client import LLMClient
    from desktop.paths import user_workflows_dir

    llm = LLMClient()
    try:
        drafted = draft(args.sentence, default_registry(), llm, args.model)
    except (DraftError, ModelError) as e:
        print(f"runnel: {e}", file=sys.stderr)
        return EXIT_RUN_FAILED
    finally:
        llm.close()
    wf = drafted.workflow
    target = Path(args.output) if args.output else user_workflows_dir() / f"{slug(wf.name)}.yaml"
    try:
        path = save_draft(wf, target)
    except OSError as e:
        print(f"runnel: the draft cannot be saved as {target}: {e.strerror or e}", file=sys.stderr)
        return EXIT_USAGE
    print(f"drafted {path} ({len(wf.nodes)} steps: {', '.join(n.type for n in wf.nodes)}); "
          f"it ran, dry, on {drafted.trial.sample.name} ({drafted.trial.status}); "
          "review it before you use it")
    return EXIT_OK


def cmd_undo(args: argparse.Namespace) -> int:
    from desktop.undo import undo_run

    store = RunStore(database_path())
    matches = store.find_run(args.run_id)
    if len(matches) != 1:
        what = "no run" if not matches else f"{len(matches)} runs"
        print(f"runnel: {what} with an id starting '{args.run_id}'", file=sys.stderr)
        return EXIT_STORE
    report = undo_run(store, matches[0]["id"], dry_run=args.dry_run)
    for line in report.done:
        print(("would " if args.dry_run else "") + line)
    for line in report.refused:
        print(f"not undone: {line}", file=sys.stderr)
    if not report.done and not report.refused:
        print("nothing to undo: the run changed no files (or was undone already)")
    return EXIT_OK if report.ok else EXIT_RUN_FAILED


# ---------------------------------------------------------------- privacy

def cmd_privacy_check(args: argparse.Namespace) -> int:
    from desktop import privacy

    if args.workflow:
        try:
            load_workflow(args.workflow)
        except WorkflowFileError as e:
            print(e, file=sys.stderr)
            return EXIT_INVALID
    if not args.json:
        print("running the workflow with the network blocked...", file=sys.stderr, flush=True)
    report = privacy.check(args.workflow, args.file)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(report.summary())
        for attempt in report.socket_attempts:
            print(f"  - {attempt}")
    return EXIT_OK if report.ok else EXIT_RUN_FAILED


def cmd_audit(args: argparse.Namespace) -> int:
    from desktop.audit_export import RunNotFound, export_run, resolve_run, write_export

    store = RunStore(database_path())
    try:
        run_id = resolve_run(store, args.run_id)["id"]
        if not args.output:
            print(json.dumps(export_run(store, run_id), indent=2, ensure_ascii=False))
            return EXIT_OK
        try:
            path = write_export(store, run_id, args.output)
        except OSError as e:
            print(f"runnel: the audit record cannot be written to {args.output}: {e.strerror or e}",
                  file=sys.stderr)
            return EXIT_USAGE
        print(f"wrote the audit record of run {run_id[:8]} to {path}")
        return EXIT_OK
    except RunNotFound as e:
        print(f"runnel: {e}", file=sys.stderr)
        return EXIT_STORE
    finally:
        store.close()
