"""Redaction of personal data: e-mail addresses, phone numbers, IBANs, card numbers
(Luhn-checked), dates of birth, the user's own patterns, and optionally names and
addresses found by the local model. Outputs the redacted text and a report of what
was removed and where (category and position, never the removed text itself)."""

from __future__ import annotations

import re
from typing import Any, Mapping

from desktop.engine.context import StepContext
from desktop.engine.errors import StepError
from desktop.engine.spec import Param, Port, Step, StepSpec
from desktop.engine.types import PortType
from desktop.pii import CATEGORIES, Finding, find_pii, redact


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


class RedactPII(Step):
    spec = StepSpec(
        id="text.redact_pii",
        title="Redact personal data",
        category="Text",
        description="Replaces e-mail addresses, phone numbers, IBANs, card numbers and dates of "
                    "birth (and your own patterns; names and addresses with the AI pass) with "
                    "[CATEGORY]; the report says what was removed where.",
        inputs=(Port("text", PortType.TEXT, help="text or a document"),),
        outputs=(Port("text", PortType.TEXT, help="the redacted text"),
                 Port("report", PortType.JSON, help="what was removed, where")),
        params=(
            Param("categories", "json", list(CATEGORIES), help="which of: " + ", ".join(CATEGORIES)),
            Param("patterns", "json", [], help="your own: list of {label, pattern} (regular expressions)"),
            Param("ai_names", "bool", False, help="also ask the local model for names and addresses"),
            Param("model", "string", "", help="model for the AI pass; empty uses the default"),
            Param("max_tokens", "int", 240, min=64, max=1024,
                  help="the most the AI pass may write; its lists hold as many names and "
                       "addresses as fit (6 at 240)"),
        ),
        uses_model=True,
    )

    @classmethod
    def check_params(cls, params: Mapping[str, Any]) -> list[str]:
        problems = []
        cats = params["categories"]
        if not isinstance(cats, list) or any(c not in CATEGORIES for c in cats):
            problems.append(f"option 'categories' must list some of {', '.join(CATEGORIES)}")
        pats = params["patterns"]
        if not isinstance(pats, list):
            return problems + ["option 'patterns' must be a list of {label, pattern}"]
        for i, p in enumerate(pats, 1):
            if not isinstance(p, dict) or not isinstance(p.get("label"), str) or not isinstance(p.get("pattern"), str):
                problems.append(f"pattern {i} needs a 'label' and a 'pattern'")
                continue
            try:
                re.compile(p["pattern"])
            except re.error as e:
                problems.append(f"pattern {i} ('{p['label']}') is not a valid regular expression ({e})")
        return problems

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        text = inputs["text"]
        findings = find_pii(text, tuple(ctx.params["categories"]), ctx.params["patterns"])
        if ctx.params["ai_names"]:
            findings = self._ai_pass(ctx, text, findings)
        report = []
        for f in findings:
            line, col = _line_col(text, f.start)
            report.append({"category": f.category, "start": f.start, "end": f.end,
                           "line": line, "column": col, "length": f.end - f.start})
        counts: dict[str, int] = {}
        for f in findings:
            counts[f.category] = counts.get(f.category, 0) + 1
        ctx.log("redacted " + (", ".join(f"{n} {c}" for c, n in counts.items()) or "nothing"))
        return {"text": redact(text, findings), "report": {"removed": report, "counts": counts}}

    def _ai_pass(self, ctx: StepContext, text: str, findings: list[Finding]) -> list[Finding]:
        from desktop.steps.aibase import AIStep, structured
        from desktop.steps.extract import ExtractFields

        if ctx.llm is None:
            raise StepError("the AI pass for names needs the local model, which is not available")
        fields = [{"name": "names", "type": "list", "description": "full names of people, each once"},
                  {"name": "addresses", "type": "list", "description": "postal addresses, each once"}]
        # a small model repeats one name until it runs out of room, and a grammar cannot
        # make a list unique: so each list holds only as many entries as fit, repeated
        # at their longest, in the step's max_tokens (the answer always ends in time)
        budget = ctx.params["max_tokens"]
        longest = {"names": _NAME_CHARS, "addresses": _ADDRESS_CHARS}
        per_item = sum(n // _CHARS_PER_TOKEN + 3 for n in longest.values())
        most = max(1, min(_AI_MAX_ITEMS, (budget - _JSON_TOKENS) // per_item))
        schema = {"type": "object", "required": ["names", "addresses"],
                  "properties": {k: {"type": "array", "maxItems": most,
                                     "items": {"type": "string", "maxLength": n}}
                                 for k, n in longest.items()}}
        sub = StepContext(**{**ctx.__dict__, "params": {**ExtractFields.spec.defaults(),
                                                        "max_tokens": ctx.params["max_tokens"],
                                                        "fields": fields, "model": ctx.params["model"]}})
        step = AIStep()
        record, _ = structured(step, sub, step.model(sub), ExtractFields.instruction(fields, ""), text, schema)
        ctx.tokens_in, ctx.tokens_out, ctx.model = sub.tokens_in, sub.tokens_out, sub.model
        extra = []
        for category, key in (("name", "names"), ("address", "addresses")):
            # each value once: the grammar bounds the list but cannot make it unique
            values = {v.strip().casefold(): v.strip() for v in record.get(key) or []}
            for value in values.values():
                if len(value) >= 3:
                    extra += [Finding(category, m.start(), m.end())
                              for m in re.finditer(re.escape(value), text)]
        merged = sorted(findings + extra, key=lambda f: (f.start, -(f.end - f.start)))
        kept: list[Finding] = []
        for f in merged:
            if not kept or f.start >= kept[-1].end:
                kept.append(f)
        return kept


_AI_MAX_ITEMS = 8
_NAME_CHARS, _ADDRESS_CHARS = 40, 80   # longest entry of each list
_CHARS_PER_TOKEN = 4                    # a cautious average for names and addresses
_JSON_TOKENS = 24                       # the braces, keys and brackets around the lists


STEPS = [RedactPII]
