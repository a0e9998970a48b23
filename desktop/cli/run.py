"""`runnel run` and `runnel validate`: running workflows on files, with progress, dry runs,
the re-run warning and a JSON summary."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path
from typing import Any, TextIO

from desktop.cli.common import (_DONE, _MARK, _PLANNED, EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK,
                                EXIT_RUN_FAILED, EXIT_USAGE)
from desktop.engine.context import CancelToken
from desktop.engine.errors import WorkflowFileError
from desktop.engine.events import (BatchProgress, Event, RunFinished, RunStarted, Status,
                                   StepLog, StepStatusChanged)
from desktop.engine.fileformat import load_workflow
from desktop.engine.registry import default_registry
from desktop.engine.validate import validate
from desktop.paths import database_path
from desktop.store.runs import RunStore


# ---------------------------------------------------------------- run

class _Progress:
    """Prints what the executor does: a line per step on a terminal, a line per run
    otherwise."""

    def __init__(self, out: TextIO, live: bool):
        self.out, self.live = out, live
        self.inputs: dict[str, str] = {}
        self.position = ""

    def __call__(self, event: Event) -> None:
        if isinstance(event, BatchProgress):
            if event.done < event.total:
                self.position = f"[{event.done + 1}/{event.total}] "
        elif isinstance(event, RunStarted):
            self.inputs[event.run_id] = Path(event.input_path).name if event.input_path else "-"
            if self.live:
                print(f"{self.position}{self.inputs[event.run_id]}", file=self.out, flush=True)
        elif isinstance(event, StepStatusChanged) and self.live and event.status in _MARK:
            took = f" {event.duration:.2f}s" if event.duration else ""
            branch = f" -> {event.branch}" if event.branch else ""
            print(f"    {event.node_id:<20} {_MARK[event.status]}{took}{branch}",
                  file=self.out, flush=True)
        elif isinstance(event, StepLog) and self.live and event.level != "error":
            print(f"    {event.node_id or '':<20} {event.message}", file=self.out, flush=True)
        elif isinstance(event, RunFinished):
            name = self.inputs.get(event.run_id, "-")
            if event.status == Status.DONE:
                if not self.live:
                    print(f"{self.position}{name}: done", file=self.out, flush=True)
            else:
                where = f" at step '{event.failed_node}'" if event.failed_node else ""
                print(f"{self.position}{name}: {event.status}{where}: {event.error or ''}".rstrip(": "),
                      file=self.out, flush=True)


def _folder_pair(text: str) -> tuple[str, str]:
    name, sep, path = text.partition("=")
    if not sep or not name or not path:
        raise argparse.ArgumentTypeError(f"takes NAME=PATH, not {text!r}")
    return name, str(Path(path).expanduser().absolute())   # relative to where you are


def cmd_run(args: argparse.Namespace) -> int:
    from desktop.runner import Runner

    folders = dict(args.folder)
    workflow: Any = args.workflow
    try:
        workflow = load_workflow(args.workflow)
    except WorkflowFileError:
        pass                       # the runner records the failed run with the reason
    else:
        unknown = sorted(set(folders) - set(workflow.folders))
        if unknown:
            declared = ", ".join(sorted(workflow.folders)) or "none"
            print(f"runnel: --folder {unknown[0]}: the workflow declares no folder of that name "
                  f"(declared: {declared})", file=sys.stderr)
            return EXIT_USAGE
    store = RunStore(database_path())
    inputs, skipped = _repeats(store, workflow, args.inputs, args.skip_done)
    if skipped and not inputs:
        if args.json:
            print(json.dumps({"batch_id": None, "ok": True, "cancelled": False, "runs": [],
                              "skipped": skipped}, indent=2, ensure_ascii=False))
        else:
            print("nothing to run: this workflow has processed every file already", file=sys.stderr)
        store.close()
        return EXIT_OK
    progress = _Progress(sys.stderr, live=sys.stderr.isatty() and not args.json)
    runner = Runner(store, listeners=[progress])
    cancel = CancelToken()

    def on_interrupt(*_: Any) -> None:
        if cancel.cancelled:
            raise KeyboardInterrupt     # second Ctrl-C: stop now
        cancel.cancel()
        print("cancelling... (Ctrl-C again to stop at once)", file=sys.stderr, flush=True)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        batch = runner.run(workflow, inputs, dry_run=args.dry_run, cancel=cancel,
                           folders=folders)
    except KeyboardInterrupt:
        print("stopped; the run in progress is recorded as interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        signal.signal(signal.SIGINT, previous)
        runner.close()
    unloadable = any(r.steps == {} and r.status == Status.FAILED for r in batch.runs)
    if args.json:
        summary = _batch_summary(batch, store)
        if args.skip_done:
            summary["skipped"] = skipped
        print(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        ok = sum(r.status == Status.DONE for r in batch.runs)
        total = len(batch.runs) - sum(r.status == Status.WAITING for r in batch.runs)
        for run in batch.runs:
            if args.dry_run:
                # what would happen to this file, and why: branches taken, then actions
                print(f"{run.input_path.name if run.input_path else '-'}:")
                for s in store.step_runs(run.run_id):
                    if s["branch"]:
                        print(f"  {s['node_id']}: takes branch '{s['branch']}'")
                for line in store.audit(run.run_id):
                    if line["level"] == "info" and not line["message"].startswith("dry run:"):
                        print(f"  {line['node_id']}: {line['message']}")
            for op in store.file_ops(run.run_id):
                if op["dry_run"]:
                    print(f"  would {_PLANNED.get(op['op'], op['op'])} {op['target']}")
                else:
                    print(f"{_DONE.get(op['op'], op['op'])} {op['target']}")
        if total or not waiting_count(batch):
            print(f"{ok} of {total} run(s) succeeded" + (" (dry run)" if args.dry_run else ""),
                  file=sys.stderr)
        waiting = sum(r.status == Status.WAITING for r in batch.runs)
        if waiting:
            print(f"{waiting} run(s) wait for a person's approval: see `runnel approvals list`",
                  file=sys.stderr)
    store.close()
    if batch.cancelled:
        return EXIT_INTERRUPTED
    if unloadable:
        return EXIT_INVALID
    return EXIT_OK if not batch.failed else EXIT_RUN_FAILED


def _repeats(store: RunStore, workflow: Any, paths: list[str],
             skip_done: bool) -> tuple[list[str], list[dict[str, Any]]]:
    """Files whose content this workflow has processed before: a warning line each,
    or (with --skip-done) left out. Returns the files to run and those skipped. (Each
    run's record takes its input's hash itself, when the run starts.)"""
    from desktop.store.processed import InputHashes, describe_when, earlier_run

    hashes = InputHashes()
    if not hasattr(workflow, "nodes"):
        return list(paths), []           # unloadable: the run records why
    hashes.add([Path(p) for p in paths if Path(p).is_file()])
    keep, skipped = [], []
    for p in paths:
        h = hashes.hashes.get(str(Path(p).absolute()))
        before = earlier_run(store, workflow.path, workflow.name, h) if h else None
        if before is None:
            keep.append(p)
            continue
        when = f"{describe_when(before.started_at)} (run {before.run_id[:8]})"
        if skip_done:
            print(f"runnel: skipped {Path(p).name}: this workflow already processed it "
                  f"{when}", file=sys.stderr)
            skipped.append({"input": str(Path(p).absolute()), "earlier_run": before.run_id,
                            "earlier_at": before.started_at})
        else:
            print(f"runnel: warning: this workflow already processed {Path(p).name} {when}; "
                  "running it again (--skip-done skips such files)", file=sys.stderr)
            keep.append(p)
    return keep, skipped


def waiting_count(batch: Any) -> int:
    return sum(r.status == Status.WAITING for r in batch.runs)


def _batch_summary(batch: Any, store: RunStore) -> dict[str, Any]:
    runs = []
    for run in batch.runs:
        runs.append({
            "run_id": run.run_id,
            "input": str(run.input_path) if run.input_path else None,
            "status": run.status,
            "error": run.error,
            "failed_node": run.failed_node,
            "steps": [{"node": s.node_id, "status": s.status, "seconds": round(s.duration, 4),
                       "attempts": s.attempts, "error": s.error} for s in run.steps.values()],
            "files": [{"op": o["op"], "target": o["target"], "dry_run": bool(o["dry_run"])}
                      for o in store.file_ops(run.run_id)],
        })
    return {"batch_id": batch.batch_id, "ok": not batch.failed and not batch.cancelled,
            "cancelled": batch.cancelled, "runs": runs}


# ---------------------------------------------------------------- validate

def cmd_validate(args: argparse.Namespace) -> int:
    registry = default_registry()
    for err in registry.load_errors:
        print(f"warning: {err}", file=sys.stderr)
    bad = 0
    for path in args.workflows:
        try:
            wf = load_workflow(path)
        except WorkflowFileError as e:
            print(e)
            bad += 1
            continue
        problems = validate(wf, registry)
        if problems:
            bad += 1
            n = len(problems)
            print(f"{path}: {n} problem{'s' if n > 1 else ''}:")
            for p in problems:
                print(f"  - {p}")
        else:
            print(f"{path}: ok ({len(wf.nodes)} steps, {len(wf.links)} links)")
    return EXIT_INVALID if bad else EXIT_OK
