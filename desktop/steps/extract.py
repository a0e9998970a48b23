"""ai.extract_fields: the fields a user lists, read out of a document into a record
whose every value is grounded in the document or flagged for review.

The work is done by `desktop.extract` (candidates, the model's choice, provenance);
this step feeds it the document's layout lines and the model, and routes the result:
`record` when every required field is grounded, sure enough and passes the checks,
`review` (with the reasons, field by field) otherwise.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path
from typing import Any, Mapping, Sequence

from desktop.engine.codec import encode_line
from desktop.engine.context import StepContext
from desktop.engine.document import Document, Line, text_lines
from desktop.engine.errors import StepError
from desktop.engine.signature import digest
from desktop.engine.spec import Param, Port, StepSpec
from desktop.engine.types import PortType
from desktop.examples import Example, examples_dir, fingerprint, load_examples, similarities
from desktop.extract.fields import DEFAULT_FIELDS, FIELD_TYPES, fields_schema
from desktop.extract.grounding import ocr_doubts
from desktop.extract.teach import MIN_SIMILARITY, Lesson, by_field, lessons, prompt_block
from desktop.llm.grammar import SchemaError, schema_to_gbnf
from desktop.llm.prompts import chat_prompt
from desktop.steps.aibase import AIStep, model_call, model_params, structured

# the instruction of the questions each candidate is scored against
SCORING = ("You read a business document and answer a question about it with a value copied "
           "exactly from the document, or 'not stated' when it is not there.")
TAUGHT_BY = 3            # the most similar examples whose lessons count
SHOWN = 1                # of those, how many the model is shown as demonstrations
DEMO_ROOM = 0.75         # demonstrations may take a quarter of the document's room at most
_LINES_KEPT = 256        # examples' documents kept read, per process
_example_lines: "OrderedDict[tuple[str, str], list[Line] | None]" = OrderedDict()

class ExtractFields(AIStep):
    spec = StepSpec(
        id="ai.extract_fields",
        title="Extract fields",
        category="AI",
        description="Reads the fields you list (name, type, description) out of a document. "
                    "Amounts, dates, numbers and names are chosen among the values found in "
                    "the text, so each points at its place on the page; free text must appear "
                    "in the document. A field not found, unsure, not in the text or failing a "
                    "check sends the record to 'review' with the reasons.",
        inputs=(Port("document", PortType.DOCUMENT, required=False,
                     help="the document (keeps positions on the page)"),
                Port("text", PortType.TEXT, required=False, help="or plain text")),
        outputs=(Port("record", PortType.JSON, branch=True,
                      help="the fields, when every required one is grounded and checked"),
                 Port("review", PortType.JSON, branch=True,
                      help="{record, provenance, reasons}: what a person must check, and why"),
                 Port("provenance", PortType.JSON,
                      help="per field: value, source text, page, box, method, confidence, status")),
        params=(Param("fields", "json", DEFAULT_FIELDS,
                      help="list of {name, type, description, required, choices, kind, "
                           "min_confidence}; types: " + ", ".join(FIELD_TYPES)
                           + "; kind (optional): amount, date, identifier, email, iban, vat, "
                             "name, text"),
                Param("instructions", "text", "", help="optional extra guidance for the model"),
                Param("min_confidence", "float", 0.6, min=0.0, max=1.0,
                      help="a required field less sure than this goes to review"),
                ) + model_params(300),
        routing=True,
        uses_model=True,
        one_of=("document", "text"),
        version=2,
    )

    def __init__(self, examples: Sequence[Example] | None = None):
        # examples to learn from instead of the workflow's own: an evaluation passes
        # all but the one it reads
        self._examples = examples

    @classmethod
    def depends_on(cls, workflow: Any, node_id: str, params: Mapping[str, Any]) -> str:
        # a cached result is stale once the step's examples change
        if getattr(workflow, "path", None) is None:
            return ""
        return fingerprint(examples_dir(workflow.path, workflow.name), node_id)

    @classmethod
    def check_params(cls, params: Mapping[str, Any]) -> list[str]:
        try:
            schema_to_gbnf(fields_schema(params["fields"]))
        except SchemaError as e:
            return [f"option 'fields': {e}"]
        return super().check_params(params)

    @staticmethod
    def instruction(fields: list[dict], extra: str) -> str:
        lines = []
        for f in fields:
            kind = "one of " + ", ".join(map(str, f["choices"])) if "choices" in f else f.get("type", "string")
            if kind == "date":
                kind = "date as YYYY-MM-DD"
            desc = f" — {f['description']}" if f.get("description") else ""
            lines.append(f"- {f['name']} ({kind}){desc}")
        return ("Extract these fields from the document and answer with a JSON object only:\n"
                + "\n".join(lines)
                + "\nCopy values exactly as they appear in the document. Use null when a field "
                  "is not in the document." + (f"\n{extra.strip()}" if extra.strip() else ""))

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        # the output check routes to review instead of failing the step
        return self.produce(ctx, **inputs)

    def produce(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        from desktop.extract.record import extract, question
        from desktop.steps.guard import failures

        fields = ctx.params["fields"]
        document, text = inputs.get("document"), inputs.get("text")
        if isinstance(document, Document):
            lines = document.layout_lines()
        elif isinstance(text, str):
            lines = text_lines(text)
        else:
            raise StepError("link a document (or text) to this step's input")
        if not any(line.text.strip() for line in lines):
            raise StepError("the document has no text to extract fields from (a scan without OCR?)")
        model = self.model(ctx)
        taught = self.taught(ctx, fields, lines)
        demos = self.demonstrations(ctx, model, prompt_block(
            [t for t in taught if t.rank < SHOWN], {f["name"]: question(f) for f in fields}))
        shown = self.visible_text(ctx, model, lines, demos)
        result = extract(fields, lines, self.scorer(ctx, model, shown, demos),
                         lambda free: self.generate(ctx, model, free, shown),
                         min_confidence=ctx.params["min_confidence"], taught=by_field(taught))
        for note in result.notes:
            ctx.log(note, "warning")
        provenance = result.provenance()
        if isinstance(document, Document) and document.source_pages:
            _file_pages(provenance, document)
        reasons = [{"field": name, "reason": r.reason or r.status}
                   for name, r in result.fields.items()
                   if r.flagged and _required(fields, name)]
        for name, reason in failures(result.record, None, ctx.params.get("check") or [], provenance):
            reasons.append({"field": name, "reason": reason})
        if isinstance(document, Document) and document.recognised:
            for name, reason in ocr_doubts([(n, r.line, r.start, r.end) for n, r in result.fields.items()],
                                           lines, document.recognised, document.source_page):
                reasons.append({"field": name, "reason": reason})
        for name, r in result.fields.items():
            ctx.log(f"{name}: {r.value!r} ({r.status}, confidence {r.confidence:.2f}"
                    + (f", from {r.text!r} on page {r.page + 1}" if r.text and r.page is not None else "")
                    + (f"; {r.reason}" if r.reason else "") + ")")
        if not reasons:
            return {"record": result.record, "provenance": provenance}
        summary = "; ".join(f"{r['field']}: {r['reason']}" if r["field"] else r["reason"] for r in reasons)
        if ctx.linked is not None and "review" not in ctx.linked:
            raise StepError(f"the record needs a person's review ({summary}); link this step's "
                            "'review' output (e.g. to an approval) to let such records wait for one")
        ctx.log(f"sent to review: {summary}", "warning")
        review = {"record": result.record, "provenance": provenance, "reasons": reasons}
        if isinstance(document, Document) and document.recognised:
            # a scan has no text layer to click on in the Review view: the words OCR read
            # go with the record, numbered by the file's pages as the view shows them
            review["ocr_lines"] = [encode_line(replace(line, page=document.source_page(line.page)))
                                   for line in lines if line.confidence is not None]
        return {"review": review, "provenance": provenance}

    def taught(self, ctx: StepContext, fields: list[dict], lines: Sequence[Line]) -> list[Lesson]:
        """What the labelled examples most like this document teach (none without any)."""
        examples = self._examples if self._examples is not None else self.workflow_examples(ctx, fields)
        if not examples:
            return []
        readable = [ex for ex in examples if _lines_of(ctx, ex) is not None]
        text = "\n".join(line.text for line in lines)
        out: list[Lesson] = []
        used = []
        for rank, (similarity, ex) in enumerate(
                similarities(readable, text, lambda ex: "\n".join(l.text for l in _lines_of(ctx, ex) or []))
                [:TAUGHT_BY]):
            if similarity < MIN_SIMILARITY:
                break
            out += lessons(fields, _lines_of(ctx, ex) or [], ex.record, similarity, rank)
            used.append(f"{ex.source} ({similarity:.2f})")
        if used:
            ctx.log(f"taught by {len(used)} similar example(s): " + ", ".join(used))
        return out

    def demonstrations(self, ctx: StepContext, model: Any, demos: str) -> str:
        """The demonstrations to put before the document, when they leave it most of its
        room (a long document keeps its text rather than the examples'); '' otherwise.
        They go with the document, not the instruction: the instruction's saved model
        state stays the same for every document, and the worker reuses what the
        questions about one document share (demonstrations and document)."""
        if not demos:
            return ""
        room = self.budget(ctx, model, SCORING, 24)
        if self.budget(ctx, model, SCORING + "\n\n" + demos, 24) < DEMO_ROOM * room:
            ctx.log("the examples' lines are not shown to the model: they would take the room "
                    "of the document's text")
            return ""
        return demos + "\n\nThe document:\n"

    def workflow_examples(self, ctx: StepContext, fields: list[dict]) -> list[Example]:
        if ctx.workflow_path is None:
            return []
        good, bad = load_examples(examples_dir(ctx.workflow_path, ctx.workflow_name or None),
                                  ctx.node_id, fields)
        for problem in bad:
            ctx.log(f"an example is left out: {problem}", "warning")
        return good

    def visible_text(self, ctx: StepContext, model: Any, lines: list, demos: str = "") -> str:
        """The document's layout text as the model sees it: what fits the context beside
        the instruction, the demonstrations and a question."""
        text = "\n".join(line.text for line in lines)
        budget = self.budget(ctx, model, SCORING + "\n\n" + demos + "\n\nQuestion: " + "x" * 80, 24)
        parts = self.chunks(ctx, model, text, budget // 2, overlap=0)
        if len(parts) <= 2:
            return text if len(parts) == 1 else parts[0] + parts[1]
        # the beginning (who, which number, when) and the end (the totals)
        ctx.log("the document is longer than the model's context: it reads the beginning and "
                "the end; values are still looked for in all of it")
        return parts[0] + "\n[…]\n" + parts[-1]

    def scorer(self, ctx: StepContext, model: Any, shown: str, demos: str = ""):
        client = self.client(ctx)

        def score(question: str, answers: list[str]) -> list[float]:
            prompt = chat_prompt(model, SCORING, f"{demos}{shown}\n\nQuestion: {question}")
            started = time.perf_counter()
            logprobs = model_call(lambda: client.score(model, prompt.suffix, answers, prefix=prompt.prefix,
                                                       document=prompt.document, per_token=True,
                                                       with_end=True, cancel=ctx.cancel))
            # recorded like any model call: the audit shows what was asked and how each
            # candidate scored
            ctx.model_call(model.name, {"score": True, "candidates": len(answers), "per_token": True,
                                        "grammar": False, "n_ctx": client.context_size(model)},
                           digest(prompt.text), client.last_score_tokens, 0,
                           time.perf_counter() - started, "score", prompt.text,
                           json.dumps(dict(zip(answers, (round(x, 4) for x in logprobs))),
                                      ensure_ascii=False))
            return logprobs
        return score

    def generate(self, ctx: StepContext, model: Any, free: list[dict], shown: str) -> dict[str, Any]:
        """The free fields, as grammar-constrained JSON (checked against the text after)."""
        instruction = self.instruction(free, ctx.params["instructions"])
        record, _ = structured(self, ctx, model, instruction, shown, fields_schema(free))
        return record


def _lines_of(ctx: StepContext, ex: Example) -> list[Line] | None:
    """An example's document as layout lines, read once per process (None, and a
    warning, when it cannot be read)."""
    from desktop.steps.documents import ReadDocument

    key = (str(ex.document), ex.sha256)
    if key in _example_lines:
        _example_lines.move_to_end(key)
        return _example_lines[key]
    try:
        doc = ReadDocument().run(StepContext.detached(ReadDocument.spec.defaults()),
                                 file=Path(ex.document))["document"]
        got: list[Line] | None = doc.layout_lines()
    except StepError as e:
        ctx.log(f"example {ex.id} ({ex.source}) is left out: {e}", "warning")
        got = None
    _example_lines[key] = got
    while len(_example_lines) > _LINES_KEPT:
        _example_lines.popitem(last=False)
    return got


def _file_pages(provenance: dict[str, dict], document: Document) -> None:
    """Page numbers as the file numbers them: a PDF read with `pages: '3'` has its one
    page at index 0, but a person (and the Review view, which shows the file) knows it
    as page 3."""
    for entry in provenance.values():
        for p in (entry, *(entry.get("alternatives") or ())):
            if isinstance(p, dict) and isinstance(p.get("page"), int):
                p["page"] = document.source_page(p["page"])


def _required(fields: list[dict], name: str) -> bool:
    return next((bool(f.get("required", True)) for f in fields if f["name"] == name), True)
