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
from typing import Any, Mapping

from desktop.engine.context import StepContext
from desktop.engine.document import Document, text_lines
from desktop.engine.errors import StepError
from desktop.engine.signature import digest
from desktop.engine.spec import Param, Port, StepSpec
from desktop.engine.types import PortType
from desktop.llm.grammar import SchemaError, schema_to_gbnf
from desktop.llm.prompts import chat_prompt
from desktop.steps.aibase import AIStep, model_call, model_params, structured

# the instruction of the questions each candidate is scored against
SCORING = ("You read a business document and answer a question about it with a value copied "
           "exactly from the document, or 'not stated' when it is not there.")

# ---------------------------------------------------------------- ai.extract_fields

FIELD_TYPES = {"string": {"type": "string"}, "number": {"type": "number"},
               "integer": {"type": "integer"}, "boolean": {"type": "boolean"},
               "date": {"type": "string", "format": "date"},
               # bounded: a small model left free repeats a list item to the token limit
               "list": {"type": "array", "items": {"type": "string", "maxLength": 120}, "maxItems": 12}}


def fields_schema(fields: Any) -> dict:
    """The JSON schema of the record the user's field list describes."""
    if not isinstance(fields, list) or not fields:
        raise SchemaError("list at least one field, each with a name and a type")
    props: dict[str, Any] = {}
    required = []
    for i, f in enumerate(fields, 1):
        if not isinstance(f, dict) or not isinstance(f.get("name"), str) or not f["name"].strip():
            raise SchemaError(f"field {i} needs a 'name'")
        name, kind = f["name"], f.get("type", "string")
        if name in props:
            raise SchemaError(f"field '{name}' is listed twice")
        if "choices" in f:
            if not isinstance(f["choices"], list) or not f["choices"]:
                raise SchemaError(f"field '{name}': 'choices' must be a non-empty list")
            sub: dict[str, Any] = {"enum": list(f["choices"])}
        elif kind in FIELD_TYPES:
            sub = dict(FIELD_TYPES[kind])
        else:
            raise SchemaError(f"field '{name}' has type '{kind}'; the types are "
                              f"{', '.join(FIELD_TYPES)} (or give 'choices')")
        if f.get("description"):
            sub["description"] = str(f["description"])
        props[name] = sub
        if f.get("required", True):
            required.append(name)
        else:
            props[name] = {**sub, **({"type": [sub["type"], "null"]} if "type" in sub else {})}
            if "enum" in sub:
                props[name]["enum"] = sub["enum"] + [None]
    return {"type": "object", "properties": props, "required": list(props)}


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
        params=(Param("fields", "json", [{"name": "title", "type": "string",
                                          "description": "the document's title"}],
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
        from desktop.extract.record import extract
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
        shown = self.visible_text(ctx, model, lines)
        result = extract(fields, lines, self.scorer(ctx, model, shown),
                         lambda free: self.generate(ctx, model, free, shown),
                         min_confidence=ctx.params["min_confidence"])
        for note in result.notes:
            ctx.log(note, "warning")
        provenance = result.provenance()
        reasons = [{"field": name, "reason": r.reason or r.status}
                   for name, r in result.fields.items()
                   if r.flagged and _required(fields, name)]
        for name, reason in failures(result.record, None, ctx.params.get("check") or [], provenance):
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
        return {"review": {"record": result.record, "provenance": provenance, "reasons": reasons},
                "provenance": provenance}

    def visible_text(self, ctx: StepContext, model: Any, lines: list) -> str:
        """The document's layout text as the model sees it: what fits the context."""
        text = "\n".join(line.text for line in lines)
        budget = self.budget(ctx, model, SCORING + "\n\nQuestion: " + "x" * 80, 24)
        parts = self.chunks(ctx, model, text, budget // 2, overlap=0)
        if len(parts) <= 2:
            return text if len(parts) == 1 else parts[0] + parts[1]
        # the beginning (who, which number, when) and the end (the totals)
        ctx.log(f"the document is longer than the model's context: it reads the beginning and "
                "the end; values are still looked for in all of it")
        return parts[0] + "\n[…]\n" + parts[-1]

    def scorer(self, ctx: StepContext, model: Any, shown: str):
        client = self.client(ctx)

        def score(question: str, answers: list[str]) -> list[float]:
            prompt = chat_prompt(model, SCORING, f"{shown}\n\nQuestion: {question}")
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


def _required(fields: list[dict], name: str) -> bool:
    return next((bool(f.get("required", True)) for f in fields if f["name"] == name), True)
