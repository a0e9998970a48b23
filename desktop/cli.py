"""`runnel`: the headless command line, on exactly the engine the window uses.

Exit codes:
  0  everything asked for succeeded
  1  one or more runs failed (the reason is printed and kept in history)
  2  wrong usage (unknown command or option)
  3  the workflow file cannot be read or is not valid
  4  the run history cannot be opened, or a run id was not found
  130 interrupted (Ctrl-C); the current run is recorded as cancelled
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import signal
import sys
import threading
from pathlib import Path
from typing import Any, Sequence, TextIO

from desktop.engine.context import CancelToken
from desktop.engine.errors import WorkflowFileError
from desktop.engine.events import (BatchProgress, Event, RunFinished, RunStarted, Status,
                                   StepLog, StepStatusChanged)
from desktop.engine.fileformat import load_workflow
from desktop.engine.registry import default_registry
from desktop.engine.validate import validate
from desktop.paths import DataFolderError, database_path
from desktop.store.runs import RunStore, StoreError

_PLANNED = {"write": "write", "copy": "copy to", "move": "move to", "append": "append a row to"}
_DONE = {"write": "wrote", "copy": "copied to", "move": "moved to", "append": "appended a row to"}
EXIT_OK, EXIT_RUN_FAILED, EXIT_USAGE, EXIT_INVALID, EXIT_STORE, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130
_MARK = {Status.DONE: "ok", Status.CACHED: "cached", Status.SKIPPED: "skipped",
         Status.FAILED: "FAILED", Status.CANCELLED: "cancelled"}


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):      # odd file names must not crash printing
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_OK
    try:
        return args.handler(args)
    except (StoreError, DataFolderError) as e:
        print(f"runnel: {e}", file=sys.stderr)
        return EXIT_STORE
    except BrokenPipeError:
        return EXIT_OK


class _Parser(argparse.ArgumentParser):
    """Options may come before, between and after the files of every subcommand
    (`runnel run wf.yaml --json a.pdf b.pdf`): a parser without subcommands parses
    intermixed. The subcommands' parsers are of this class too."""

    _intermixing = False

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def, override]
        # argparse's intermixed parsing refuses a parser with subcommands, and calls
        # this method itself: the flag keeps it from calling itself again
        if self._intermixing or self._subparsers is not None:
            return super().parse_known_args(args, namespace)
        self._intermixing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing = False


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="runnel", description="Private, local document workflows.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    r = sub.add_parser("run", help="run a workflow on input files")
    r.add_argument("workflow", help="the workflow file (.yaml)")
    r.add_argument("inputs", nargs="*", metavar="INPUT", help="files to process, one run each")
    r.add_argument("--dry-run", action="store_true",
                   help="steps that write or move files only report what they would do")
    r.add_argument("--json", action="store_true", help="print a machine-readable summary")
    r.add_argument("--folder", action="append", default=[], metavar="NAME=PATH", type=_folder_pair,
                   help="use PATH for the workflow's declared folder NAME")
    r.add_argument("--skip-done", action="store_true",
                   help="skip files whose content this workflow has already processed")
    r.set_defaults(handler=cmd_run)

    v = sub.add_parser("validate", help="check workflow files without running them")
    v.add_argument("workflows", nargs="+", metavar="WORKFLOW")
    v.set_defaults(handler=cmd_validate)

    h = sub.add_parser("history", help="list recent runs, or show one")
    h.add_argument("run_id", nargs="?", help="a run id (or its first characters)")
    h.add_argument("--last", type=int, default=20, metavar="N", help="how many runs to list")
    h.add_argument("--json", action="store_true")
    h.set_defaults(handler=cmd_history)

    a = sub.add_parser("approvals", help="runs waiting for a person: list, approve, reject")
    asub = a.add_subparsers(dest="approvals_command", metavar="ACTION", required=True)
    al = asub.add_parser("list", help="pending approvals")
    al.add_argument("--json", action="store_true")
    ap = asub.add_parser("approve", help="approve (optionally with an edited item) and resume the run")
    ap.add_argument("id", type=int)
    ap.add_argument("--edit", metavar="FILE", help="a JSON file replacing the item")
    ap.add_argument("--save-example", action="store_true",
                    help="also keep the document and the approved record as a labelled example "
                         "of the extract step that sent it to review (see `runnel examples`)")
    ap.add_argument("--note", default="")
    ar = asub.add_parser("reject", help="reject and resume the run on its rejected branch")
    ar.add_argument("id", type=int)
    ar.add_argument("--note", default="")
    au = asub.add_parser("undo", help="take a decision back: the run's file changes are undone and "
                                      "the item waits again (when nothing else came of it)")
    au.add_argument("id", type=int)
    a.set_defaults(handler=cmd_approvals)

    d = sub.add_parser("draft", help="draft a workflow from a sentence with the local model")
    d.add_argument("sentence")
    d.add_argument("--output", metavar="FILE", help="where to save it (default: your workflow folder)")
    d.add_argument("--model", default="", help="the model to ask (default: the default model)")
    d.set_defaults(handler=cmd_draft)

    u = sub.add_parser("undo", help="reverse a run's file operations")
    u.add_argument("run_id", help="a run id (or its first characters)")
    u.add_argument("--dry-run", action="store_true", help="say what would be undone")
    u.set_defaults(handler=cmd_undo)

    s = sub.add_parser("steps", help="list the available steps")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_steps)

    w = sub.add_parser("watch", help="run the workflows' folder triggers without a window")
    w.add_argument("workflows", nargs="*", metavar="WORKFLOW",
                   help="workflow files (default: those in your workflow folder)")
    w.add_argument("--polling", action="store_true", help="poll folders instead of native events")
    w.set_defaults(handler=cmd_watch)

    q = sub.add_parser("queue", help="list the watcher's jobs")
    q.add_argument("--state", action="append", default=[],
                   choices=("queued", "running", "done", "failed", "skipped", "duplicate", "stuck",
                            "vanished", "waiting", "changed"),
                   help="only jobs in this state (duplicate: the skipped copies of content "
                        "already processed)")
    q.add_argument("--last", type=int, default=50, metavar="N")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_queue)

    rt = sub.add_parser("retry", help="queue a failed (or skipped, stuck, vanished) job again")
    rt.add_argument("job", type=int)
    rt.set_defaults(handler=cmd_retry)

    pv = sub.add_parser("preview", help="which files in a workflow's watched folders would be taken, and why")
    pv.add_argument("workflow")
    pv.add_argument("--json", action="store_true")
    pv.set_defaults(handler=cmd_preview)

    m = sub.add_parser("models", help="local language models: list, import, choose, inspect")
    msub = m.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    ml = msub.add_parser("list", help="installed models and the default")
    ml.add_argument("--json", action="store_true")
    mi = msub.add_parser("import", help="copy (or link) a GGUF file into your model folder")
    mi.add_argument("path")
    mi.add_argument("--link", action="store_true", help="link to the file instead of copying it")
    md = msub.add_parser("default", help="choose the model AI steps use by default")
    md.add_argument("name")
    mf = msub.add_parser("info", help="what a model is and the memory it needs")
    mf.add_argument("name", nargs="?", help="a model name (default: the default model)")
    mf.add_argument("--context", type=int, default=None, metavar="TOKENS")
    mf.add_argument("--json", action="store_true")
    mr = msub.add_parser("reset", help="allow a model that failed to load to be loaded again")
    mr.add_argument("name")
    m.set_defaults(handler=cmd_models)

    pc = sub.add_parser("privacy-check",
                        help="run a workflow with the network blocked and report any use of it")
    pc.add_argument("workflow", nargs="?", metavar="WORKFLOW",
                    help="the workflow file (default: the invoice example, which uses the model)")
    pc.add_argument("file", nargs="?", metavar="FILE",
                    help="the input file (default: the sample invoice)")
    pc.add_argument("--json", action="store_true", help="print the report as JSON")
    pc.set_defaults(handler=cmd_privacy_check)

    au = sub.add_parser("audit", help="export a run's audit record (hashes, prompts, files) as JSON")
    au.add_argument("run_id", help="a run id (or its first characters)")
    au.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead of printing it")
    au.set_defaults(handler=cmd_audit)

    ex = sub.add_parser("examples", help="labelled examples of a workflow's extract step: "
                                         "add, list, remove")
    exsub = ex.add_subparsers(dest="examples_command", metavar="ACTION", required=True)
    ea = exsub.add_parser("add", help="keep a document and its correct record as an example "
                                      "(the same document again replaces its record)")
    ea.add_argument("workflow", metavar="WORKFLOW")
    ea.add_argument("document", metavar="DOCUMENT")
    ea.add_argument("record", metavar="RECORD.json", help='the correct record: {...} or {"record": {...}}')
    ea.add_argument("--note", default="")
    el = exsub.add_parser("list", help="the examples, and what is wrong with bad ones")
    el.add_argument("workflow", metavar="WORKFLOW")
    el.add_argument("--json", action="store_true")
    er = exsub.add_parser("remove", help="delete an example")
    er.add_argument("workflow", metavar="WORKFLOW")
    er.add_argument("example_id", metavar="EXAMPLE_ID")
    for action in (ea, el, er):
        action.add_argument("--node", metavar="NODE_ID",
                            help="the ai.extract_fields step (default: the workflow's only one)")
        action.add_argument("--examples", metavar="DIR",
                            help="use this examples folder instead of the workflow's own")
    ex.set_defaults(handler=cmd_examples)

    ev = sub.add_parser("eval", help="how well a workflow's extract steps read its labelled "
                                     "examples (nothing is written)")
    ev.add_argument("workflow", metavar="WORKFLOW")
    ev.add_argument("examples", nargs="?", metavar="EXAMPLES",
                    help="an examples folder (default: the workflow's own, see `runnel examples`)")
    ev.add_argument("--node", metavar="NODE_ID", help="only this ai.extract_fields step")
    ev.add_argument("--no-teach", action="store_true",
                    help="read each example without learning from the others (by default the "
                         "step learns from all examples but the one it reads, as it does in a run)")
    ev.add_argument("--json", action="store_true")
    ev.set_defaults(handler=cmd_eval)

    op = sub.add_parser("open", help="open the Runnel window (or hand these files to the one running): "
                                     "a workflow file opens, other files are run")
    op.add_argument("files", nargs="*", metavar="FILE")
    op.set_defaults(handler=cmd_open)

    de = sub.add_parser("install-desktop-entry",
                        help="add Runnel to the Linux application menu, with its icon and file types")
    de.add_argument("--uninstall", action="store_true", help="remove what an earlier install added")
    de.set_defaults(handler=cmd_install_desktop_entry)
    return p


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


# ---------------------------------------------------------------- steps

def cmd_steps(args: argparse.Namespace) -> int:
    registry = default_registry()
    for err in registry.load_errors:
        print(f"warning: {err}", file=sys.stderr)
    classes = registry.all()
    if args.json:
        out = []
        for cls in classes:
            s = cls.spec
            out.append({
                "id": s.id, "title": s.title, "category": s.category, "description": s.description,
                "inputs": [{"name": p.name, "type": p.type.value, "required": p.required}
                           for p in s.inputs],
                "outputs": [{"name": p.name, "type": p.type.value} for p in s.outputs],
                "params": [{"name": p.name, "kind": p.kind, "default": p.default, "help": p.help,
                            "choices": list(p.choices), "min": p.min, "max": p.max}
                           for p in s.params],
                "side_effects": s.side_effects, "routing": s.routing})
        print(json.dumps(out, indent=2))
        return EXIT_OK
    category = None
    for cls in classes:
        s = cls.spec
        if s.category != category:
            category = s.category
            print(f"\n{category}")
        ins = ", ".join(f"{p.name}:{p.type.value}{'' if p.required else '?'}" for p in s.inputs)
        outs = ", ".join(f"{p.name}:{p.type.value}" for p in s.outputs)
        print(f"  {s.id:<22} {s.title}  ({ins or '-'} -> {outs or '-'})")
        for p in s.params:
            print(f"      {p.name} ({p.kind}, default {p.default!r}): {p.help}")
    return EXIT_OK


# ---------------------------------------------------------------- watch

def _user_workflows() -> list[Path]:
    from desktop.paths import user_workflows_dir

    return sorted(user_workflows_dir().glob("*.yaml"))


def cmd_watch(args: argparse.Namespace) -> int:
    from desktop.runner import Runner
    from desktop.watch.events import JobChanged, TriggerStatus
    from desktop.watch.service import WatchService

    paths = [Path(p) for p in args.workflows] or _user_workflows()
    if not paths:
        print("runnel: no workflows to watch: give workflow files, or save some in your "
              "workflow folder", file=sys.stderr)
        return EXIT_USAGE

    def show(event: object) -> None:
        if isinstance(event, TriggerStatus):
            where = f"{Path(event.workflow).name}: {event.folder or ''}"
            print(f"[{event.state}] {where} {event.message}".rstrip(), file=sys.stderr, flush=True)
        elif isinstance(event, JobChanged) and event.state not in ("running",):
            print(f"job {event.job_id} {event.state}: {Path(event.path).name}"
                  + (f" ({event.message})" if event.message else ""), file=sys.stderr, flush=True)

    runner = Runner(RunStore(database_path()))
    service = WatchService(runner, paths, listeners=[show], force_polling=args.polling)
    stopping = threading.Event()

    def on_signal(*_: Any) -> None:
        stopping.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    service.start()
    if not service.triggers:
        print("runnel: none of these workflows has a folder trigger", file=sys.stderr)
    print(f"watching {len(service.triggers)} folder(s); Ctrl-C stops after the current step",
          file=sys.stderr, flush=True)
    try:
        stopping.wait()
    finally:
        print("stopping...", file=sys.stderr, flush=True)
        service.stop()
        runner.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return EXIT_OK if not service.problems else EXIT_INVALID


def cmd_queue(args: argparse.Namespace) -> int:
    from desktop.store.jobs import JobQueue

    states = tuple(dict.fromkeys("skipped" if s == "duplicate" else s for s in args.state))
    jobs = JobQueue(RunStore(database_path())).list(states, args.last)
    if "duplicate" in args.state and "skipped" not in args.state:
        jobs = [j for j in jobs if j["duplicate_of"]]
    for j in jobs:          # a skipped copy of content already processed says so
        j["duplicate"] = bool(j["state"] == "skipped" and j["duplicate_of"])
    if args.json:
        print(json.dumps(jobs, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not jobs:
        print("no jobs")
        return EXIT_OK
    print(f"{'JOB':>5}  {'STATE':<9} {'WHEN':<19}  {'WORKFLOW':<22} FILE")
    for j in jobs:
        state = "duplicate" if j["duplicate"] else j["state"]
        print(f"{j['id']:>5}  {state:<9} {_when(j['created_at'])}  {j['workflow_name'][:22]:<22} "
              f"{Path(j['path']).name}" + (f"\n{'':>7}{j['error']}" if j["error"] else ""))
    return EXIT_OK


def cmd_retry(args: argparse.Namespace) -> int:
    from desktop.store.jobs import JobQueue

    queue = JobQueue(RunStore(database_path()))
    rows = [r for r in queue.list(limit=1_000_000) if r["id"] == args.job]
    if not rows:
        print(f"runnel: there is no job {args.job}", file=sys.stderr)
        return EXIT_STORE
    row = rows[0]
    if row["state"] not in ("failed", "skipped", "stuck", "vanished"):
        print(f"runnel: job {args.job} is {row['state']}; only failed, skipped, stuck and vanished "
              "jobs can be retried", file=sys.stderr)
        return EXIT_RUN_FAILED
    final = Path(row["final_path"]) if row["final_path"] else None
    if final and final != Path(row["path"]) and final.exists() and not Path(row["path"]).exists():
        from desktop.undo import _move_back

        try:                               # the file was moved aside: put it back to be processed
            _move_back(final, Path(row["path"]))
        except OSError as e:
            print(f"runnel: {final} cannot be moved back to {row['path']}: {e.strerror or e}",
                  file=sys.stderr)
            return EXIT_RUN_FAILED
        final.with_name(final.name + ".error.txt").unlink(missing_ok=True)
        final.with_name(final.name + ".duplicate.txt").unlink(missing_ok=True)
    if not queue.requeue(args.job):
        print(f"runnel: job {args.job} changed meanwhile; try again", file=sys.stderr)
        return EXIT_RUN_FAILED
    print(f"job {args.job} queued again; a running `runnel watch` (or the app) picks it up")
    return EXIT_OK


def cmd_preview(args: argparse.Namespace) -> int:
    from desktop.runner import Runner
    from desktop.watch.service import WatchService

    try:
        load_workflow(args.workflow)
    except WorkflowFileError as e:
        print(e, file=sys.stderr)
        return EXIT_INVALID
    service = WatchService(Runner(RunStore(database_path())), [Path(args.workflow)])
    service._load_all(watch=False)
    rows = service.preview()
    if args.json:
        print(json.dumps([{"folder": str(w.folder), "file": str(p), "taken": taken, "why": why}
                          for w, p, taken, why in rows], indent=2))
        return EXIT_OK
    if not service.triggers:
        print("this workflow has no folder trigger")
    for w in service.triggers:
        problem = w.message if w.state == "error" else "" if w.folder.is_dir() else "the folder does not exist"
        print(f"{w.folder}" + (f"  ({problem})" if problem else ""))
        for ww, path, taken, why in rows:
            if ww is w:
                print(f"  {'take' if taken else 'skip'}  {path.relative_to(w.folder)}  - {why}")
    return EXIT_OK


# ---------------------------------------------------------------- models

def _model_row(model: Any, default: str | None) -> dict[str, Any]:
    info = model.info
    return {"name": model.name, "path": str(model.path), "default": model.name == default,
            "architecture": info.architecture, "parameters": info.parameter_count,
            "quantization": info.quantization, "context_length": info.context_length,
            "file_size": info.file_size, "chat_template": bool(info.chat_template)}


def cmd_models(args: argparse.Namespace) -> int:
    from desktop.llm import catalog
    from desktop.llm.catalog import ModelError

    action = args.models_command
    try:
        if action == "list":
            models, problems = catalog.list_models()
            try:
                default = catalog.default_model().name
            except ModelError:
                default = None
            rows = [_model_row(m, default) for m in models]
            crashed = catalog.crashed_models()
            if args.json:
                print(json.dumps({"models": rows, "problems": problems, "failed": crashed}, indent=2))
                return EXIT_OK
            if not rows:
                print("no models installed: run `bash packaging/setup.sh` for the default model, "
                      "or `runnel models import FILE.gguf`")
            for r in rows:
                mark = "*" if r["default"] else " "
                note = "  (failed to load: see `runnel models reset`)" if r["name"] in crashed else ""
                print(f"{mark} {r['name']:<40} {r['parameters'] / 1e6:>8.0f}M  {r['quantization']:<7} "
                      f"ctx {r['context_length']:<6} {r['file_size'] / 2**20:>7.0f} MiB{note}")
            for p in problems:
                print(f"  unreadable: {p}", file=sys.stderr)
            return EXIT_OK
        if action == "import":
            model = catalog.import_model(args.path, link=args.link)
            print(f"imported {model.name} ({model.info.parameter_count / 1e6:.0f}M parameters, "
                  f"{model.info.quantization}) into {model.path.parent}")
            return EXIT_OK
        if action == "default":
            model = catalog.set_default(args.name)
            print(f"default model: {model.name}")
            return EXIT_OK
        if action == "reset":
            # a remembered failure is reset by its name even when the file has gone since
            name = args.name if args.name in catalog.crashed_models() else catalog.find_model(args.name).name
            print(f"{name} will be loaded again when a step needs it" if catalog.forget_crash(name)
                  else f"{name} had not failed; nothing to reset")
            return EXIT_OK
        model = catalog.find_model(args.name)
        n_ctx = model.context_for(args.context)
        row = _model_row(model, catalog.default_model().name)
        row.update(context=n_ctx, memory_needed=model.memory_needed(n_ctx),
                   memory_available=catalog.available_memory(),
                   warning=catalog.check_fits(model, n_ctx),
                   context_requested=args.context, context_capped=model.context_capped(args.context))
        if args.json:
            print(json.dumps(row, indent=2))
            return EXIT_OK
        print(f"{row['name']}{'  (default)' if row['default'] else ''}")
        print(f"  file          {row['path']} ({row['file_size'] / 2**20:.0f} MiB)")
        print(f"  model         {row['architecture']}, {row['parameters'] / 1e6:.0f}M parameters, "
              f"{row['quantization']}")
        print(f"  context       trained for {row['context_length']} tokens; Runnel uses {n_ctx}")
        if row["context_capped"]:
            print(f"  note          {row['context_capped']}")
        print(f"  chat template {'from the model' if row['chat_template'] else 'none (ChatML is used)'}")
        print(f"  memory        about {row['memory_needed'] / 2**30:.2f} GiB at {n_ctx} tokens; "
              f"{row['memory_available'] / 2**30:.1f} GiB available")
        if row["warning"]:
            print(f"  warning       {row['warning']}")
        return EXIT_OK
    except ModelError as e:
        print(f"runnel: {e}", file=sys.stderr)
        return EXIT_RUN_FAILED


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


# ---------------------------------------------------------------- examples

def _workflow_and_examples(args: argparse.Namespace) -> tuple[Any, Path] | int:
    """The workflow and its examples folder (given, or the workflow's own); an exit code
    when the workflow cannot be read."""
    from desktop import examples as ex

    try:
        wf = load_workflow(args.workflow)
    except WorkflowFileError as e:
        print(e, file=sys.stderr)
        return EXIT_INVALID
    return wf, Path(args.examples) if args.examples else ex.examples_dir(args.workflow, wf.name)


def cmd_examples(args: argparse.Namespace) -> int:
    from desktop import examples as ex

    loaded = _workflow_and_examples(args)
    if isinstance(loaded, int):
        return loaded
    wf, folder = loaded
    try:
        if args.examples_command == "add":
            node = ex.choose_node(wf, args.node)
            problem = ex.fields_problem(ex.node_fields(node))
            if problem:
                print(f"{args.workflow}: step '{node.id}': {problem}", file=sys.stderr)
                return EXIT_INVALID
            record, note = ex.read_record_file(args.record)
            added = ex.add_example(folder, node.id, args.document, record,
                                   fields=ex.node_fields(node), note=args.note or note)
            print(f"{'replaced the record of' if added.replaced else 'added'} example {added.id} "
                  f"for step '{node.id}' ({added.source}"
                  f"{', added before' if added.replaced else ''}) in {folder}")
        elif args.examples_command == "list":
            found, problems = ex.load_all(folder, wf, args.node)
            if args.json:
                print(json.dumps({"folder": str(folder), "examples": [e.to_json() for e in found],
                                  "problems": problems}, indent=2, ensure_ascii=False))
                return EXIT_OK
            n = len(found)
            print(f"{n} example{'' if n == 1 else 's'} in {folder}" if found or problems
                  else f"no examples yet (they would be kept in {folder})")
            for e in found:
                print(f"{e.id}  {e.node_id}  {e.source}  added {e.added[:16].replace('T', ' ')} "
                      f"by {e.added_by}" + (f"  ({e.note})" if e.note else ""))
                print("    " + "  ".join(f"{k}={ex.format_value(v)}" for k, v in e.record.items()))
            for p in problems:
                print(f"problem: {p}")
        else:
            node_id = ex.remove_example(folder, args.node, args.example_id)  # a gone step's too
            print(f"removed example {args.example_id.strip().lower()} of step '{node_id}' from {folder}")
    except ex.NodeChoiceError as e:
        print(f"runnel: {e}", file=sys.stderr)
        return EXIT_USAGE
    except ex.ExampleError as e:
        print(f"runnel: {e}", file=sys.stderr)
        return EXIT_RUN_FAILED
    return EXIT_OK


def cmd_open(args: argparse.Namespace) -> int:
    from desktop.app.application import main as start_app

    return start_app([str(Path(f).absolute()) for f in args.files])


def cmd_install_desktop_entry(args: argparse.Namespace) -> int:
    from desktop.app import desktop_entry

    if not sys.platform.startswith("linux"):
        print("runnel: desktop entries are for Linux; on macOS build the .app bundle "
              "(packaging/macos/README.md)", file=sys.stderr)
        return EXIT_USAGE
    try:
        written = desktop_entry.uninstall() if args.uninstall else desktop_entry.install()
    except (desktop_entry.DesktopEntryError, OSError) as e:
        print(f"runnel: {e}", file=sys.stderr)
        return EXIT_USAGE
    verb = "removed" if args.uninstall else "wrote"
    for path in written or []:
        print(f"{verb} {path}")
    if not written:
        print("nothing to remove" if args.uninstall else "nothing written")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())


def cmd_eval(args: argparse.Namespace) -> int:
    """Each extract step on its examples: accuracy per field, silent errors, review rate
    and time per document. Exit 1 when a document could not be read at all."""
    from desktop import examples as ex
    from desktop.steps.extract_eval import run_examples
    from desktop.llm.client import LLMClient

    loaded = _workflow_and_examples(args)
    if isinstance(loaded, int):
        return loaded
    wf, folder = loaded
    try:
        nodes = [ex.choose_node(wf, args.node)] if args.node else \
            [n for n in wf.nodes if n.type == "ai.extract_fields"]
    except ex.NodeChoiceError as e:
        print(f"runnel eval: {e}", file=sys.stderr)
        return EXIT_USAGE
    if not nodes:
        print(f"runnel eval: {args.workflow} has no ai.extract_fields step to evaluate", file=sys.stderr)
        return EXIT_USAGE
    report: dict[str, Any] = {"workflow": str(args.workflow), "examples": str(folder), "steps": {}}
    failed = False
    llm = LLMClient()
    try:
        for node in nodes:
            found, problems = ex.load_examples(folder, node.id, ex.node_fields(node))
            for problem in problems:
                print(f"skipped: {problem}", file=sys.stderr)
            if not found:
                report["steps"][node.id] = {"documents": 0, "problems": problems}
                continue

            def progress(i: int, n: int, name: str) -> None:
                if not args.json and sys.stderr.isatty():
                    print(f"\r{node.id}: {i + 1}/{n} {name[:40]:40}", end="", file=sys.stderr, flush=True)

            summary = run_examples(found, node.params, llm, progress, teach=not args.no_teach).summary()
            summary["problems"] = problems
            summary["taught"] = not args.no_teach
            report["steps"][node.id] = summary
            failed = failed or bool(summary["failed_documents"])
    finally:
        llm.close()
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return EXIT_RUN_FAILED if failed else EXIT_OK
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for node_id, s in report["steps"].items():
        if not s["documents"]:
            print(f"{node_id}: no examples in {folder} (add some with `runnel examples add`)")
            continue
        print(f"{node_id}: {s['documents']} documents, {s['fields']} fields"
              + (", each read with the other examples to learn from" if s["taught"] else
                 ", each read without examples"))
        print(f"  accuracy {s['accuracy']:.0%}   silent errors {s['silent_error_rate']:.1%}   "
              f"sent to review {s['review_rate']:.0%}   {s['seconds_per_document']:.1f} s per document")
        for name, f in s["per_field"].items():
            print(f"  {name:20} {f['accuracy']:5.0%} right   {f['silent_errors']} silent   "
                  f"{f['flagged']} flagged   ({f['fields']})")
        for line in s["silent_errors"]:
            print(f"  silent error: {line}")
        for line in s["failed_documents"]:
            print(f"  failed: {line}")
    return EXIT_RUN_FAILED if failed else EXIT_OK
