"""Grounded extraction against today's plain extraction, on the labelled set in
bench/extraction_data/ (documents of our own making, see make_set.py there), with the
default model, in one process.

    .venv/bin/python bench/extraction.py [--split dev|holdout|all] [--limit N] [--json]

For each document both methods read the same PDF with the fields of the shipped
Invoice intake example:
  - plain: the model writes the record as grammar-constrained JSON (the step as it was);
  - grounded: ai.extract_fields as it is now (candidates, the model's choice, review);
  - taught: the same step with the other documents of the split as the workflow's
    labelled examples (leave one out), as for a user who labelled earlier documents.
Figures per method: field accuracy, silent-error rate (a wrong value not flagged for
review, per field), review rate (documents sent to review), seconds per document, and
for the grounded method the accuracy of fields at or above the confidence threshold
against those below it.

Targets (issue 12): silent errors <= 1 per 100 fields, accuracy >= 85%, review rate
<= 25%, time per document <= 1.5x the plain method.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.engine.context import CancelToken, StepContext  # noqa: E402
from desktop.engine.errors import StepError  # noqa: E402
from desktop.engine.events import EventBus  # noqa: E402
from desktop.engine.fileformat import load_workflow  # noqa: E402
from desktop.examples import Example  # noqa: E402
from desktop.extract.evaluation import Evaluation  # noqa: E402
from desktop.llm.client import LLMClient  # noqa: E402
from desktop.steps.aibase import structured  # noqa: E402
from desktop.steps.documents import ReadDocument  # noqa: E402
from desktop.steps.extract import ExtractFields, fields_schema  # noqa: E402

DATA = ROOT / "bench" / "extraction_data"
SCORED = ("vendor", "invoice_number", "date", "total")


def intake_fields() -> list[dict]:
    wf = load_workflow(ROOT / "workflows" / "invoice-intake.yaml")
    node = next(n for n in wf.nodes if n.type == "ai.extract_fields")
    return [f for f in node.params["fields"] if f["name"] in SCORED]


def context(step: type, params: dict, llm: LLMClient | None = None) -> StepContext:
    return StepContext(run_id="b" * 32, node_id="n", cancel=CancelToken(), dry_run=False,
                       params=step.spec.resolve_params(params), roots={}, bus=EventBus([]), llm=llm)


def plain(llm: LLMClient, fields: list[dict], document) -> dict:
    """The step as it was: the model writes the record, nothing is flagged."""
    step = ExtractFields()
    ctx = context(ExtractFields, {"fields": fields}, llm)
    model = step.model(ctx)
    record, _ = structured(step, ctx, model, step.instruction(fields, ""), document.text,
                           fields_schema(fields))
    return {"record": record}


def grounded(llm: LLMClient, fields: list[dict], document, examples=()) -> dict:
    return ExtractFields(list(examples)).run(context(ExtractFields, {"fields": fields}, llm),
                                             document=document)


def as_example(e: dict) -> Example:
    """A labelled document of the set as the step's examples store would give it."""
    path = DATA / "docs" / e["file"]
    return Example(id=e["id"][:12], node_id="n", document=path,
                   record={k: e["expected"][k] for k in SCORED}, source=e["file"],
                   sha256=hashlib.sha256(path.read_bytes()).hexdigest(), added="", added_by="cli")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="all", choices=("dev", "holdout", "all"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--only", default=None, metavar="METHODS",
                    help="comma-separated: plain, grounded, taught (default: all three)")
    ap.add_argument("--verbose", action="store_true", help="list every flagged field")
    ap.add_argument("--no-demos", action="store_true",
                    help="taught without showing the model the examples' lines (priors only)")
    args = ap.parse_args()
    if args.no_demos:
        import desktop.steps.extract as step_module
        step_module.SHOWN = 0
    manifest = json.loads((DATA / "manifest.json").read_text())
    entries = [json.loads((DATA / "docs" / f"{e['id'] if isinstance(e, dict) else e}.json").read_text())
               for e in manifest["documents"]]
    entries = [e for e in entries if args.split == "all" or e["split"] == args.split]
    if args.limit:
        entries = entries[: args.limit]
    fields = intake_fields()
    threshold = ExtractFields.spec.resolve_params({})["min_confidence"]
    # taught: grounded, with the other documents of its split as the workflow's labelled
    # examples (leave one out), as a user who labelled earlier documents has them
    pools = {split: [as_example(e) for e in entries if e["split"] == split] for split in ("dev", "holdout")}
    methods = {"plain": plain, "grounded": grounded,
               "taught": lambda llm, fields, doc, e: grounded(
                   llm, fields, doc, [x for x in pools[e["split"]] if x.source != e["file"]])}
    if args.only:
        methods = {m: methods[m] for m in args.only.split(",")}
    results = {(m, split): Evaluation() for m in methods for split in ("dev", "holdout")}
    llm = LLMClient()
    try:
        # load the model once, outside the timings
        first = ReadDocument().run(context(ReadDocument, {}), file=DATA / "docs" / entries[0]["file"])["document"]
        plain(llm, fields, first)
        for e in entries:
            doc = ReadDocument().run(context(ReadDocument, {}), file=DATA / "docs" / e["file"])["document"]
            for m, method in methods.items():
                t = time.perf_counter()
                try:
                    out = method(llm, fields, doc, e) if m == "taught" else method(llm, fields, doc)
                except StepError as err:    # the step failed: seen by the user, so not silent
                    print(f"  {m} failed on {e['id']}: {err}", flush=True)
                    out = {"review": {"record": {}, "reasons": [{"field": f, "reason": "failed"}
                                                                for f in SCORED]}}
                results[m, e["split"]].add(fields, {k: e["expected"][k] for k in SCORED}, out,
                                           time.perf_counter() - t, threshold, e["id"])
                if args.verbose and "review" in out:
                    for r in out["review"]["reasons"]:
                        print(f"  review {e['id']} {r['field']}: {r['reason']}", flush=True)
    finally:
        llm.close()
    report: dict[str, Any] = {}
    for m in methods:
        both = Evaluation.combined([results[m, split] for split in ("dev", "holdout")])
        report[m] = {"all": both.summary(),
                     **{split: results[m, split].summary() for split in ("dev", "holdout")
                        if results[m, split].documents}}
    for m in ("grounded", "taught"):
        if m in methods and "plain" in methods:
            report[f"time_ratio_{m}"] = (report[m]["all"]["seconds_per_document"]
                                         / report["plain"]["all"]["seconds_per_document"])
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{len(entries)} documents ({args.split}), fields {', '.join(SCORED)}, threshold {threshold}")
    print(f"{'method':10} {'split':8} {'accuracy':>9} {'silent':>8} {'review':>8} {'s/doc':>7}")
    for m in methods:
        for split, r in report[m].items():
            print(f"{m:10} {split:8} {r['accuracy']:9.1%} {r['silent_error_rate']:8.1%} "
                  f"{r['review_rate']:8.1%} {r['seconds_per_document']:7.2f}")
    for m in ("grounded", "taught"):
        if m not in report:
            continue
        g = report[m]["all"]
        print(f"{m} fields at or above the threshold: {g['accuracy_at_or_above_threshold']:.1%} "
              f"right; below it: {g['accuracy_below_threshold']:.1%}")
        for line in g["silent_errors"]:
            print(f"  {m} silent:", line)
        if f"time_ratio_{m}" in report:
            print(f"time {m} / plain: {report[f'time_ratio_{m}']:.2f}x")


if __name__ == "__main__":
    main()
