"""`runnel steps`, `watch`, `queue`, `retry` and `preview`: the registered steps and the
watched folders."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from desktop.cli.common import EXIT_INVALID, EXIT_OK, EXIT_RUN_FAILED, EXIT_STORE, EXIT_USAGE
from desktop.cli.records import _when
from desktop.engine.errors import WorkflowFileError
from desktop.engine.fileformat import load_workflow
from desktop.engine.registry import default_registry
from desktop.paths import database_path
from desktop.store.runs import RunStore


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
