"""`runnel models`, `examples`, `eval`, `open` and `install-desktop-entry`: the local
models, labelled examples and the window."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from desktop.cli.common import EXIT_INVALID, EXIT_OK, EXIT_RUN_FAILED, EXIT_USAGE
from desktop.engine.errors import WorkflowFileError
from desktop.engine.fileformat import load_workflow


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
