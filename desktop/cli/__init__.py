"""`runnel`: the headless command line, on exactly the engine the window uses.

This file holds the parser and `main`; the subcommands live beside it by what they
are about: run.py (run, validate), records.py (history, approvals, draft, undo,
audit), watching.py (steps, watch, queue, retry, preview), models.py (models,
examples, eval, open, install-desktop-entry), common.py (exit codes, wording).

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
import sys
from typing import Sequence

from desktop.cli.common import EXIT_OK, EXIT_STORE
from desktop.cli.models import cmd_eval, cmd_examples, cmd_install_desktop_entry, cmd_models, cmd_open
from desktop.cli.records import cmd_approvals, cmd_audit, cmd_draft, cmd_history, cmd_privacy_check, cmd_undo
from desktop.cli.run import _folder_pair, cmd_run, cmd_validate
from desktop.cli.watching import cmd_preview, cmd_queue, cmd_retry, cmd_steps, cmd_watch
from desktop.paths import DataFolderError
from desktop.store.runs import StoreError

__all__ = ["main"]


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
