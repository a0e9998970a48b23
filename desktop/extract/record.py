"""A whole record, field by field: typed fields chosen among candidates, free strings
generated then checked against the text, choices scored. What the step runs.

The model is reached only through two callbacks, so this stays free of the worker:
`scorer(question, answers) -> log-probabilities` and `generate(fields) -> {name: value}`
(grammar-constrained JSON for the free fields).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from typing import Any, Callable, Mapping, Sequence

from desktop.engine.document import Line
from desktop.extract import candidates as finders
from desktop.extract.choose import FieldResult, Scorer, choose, place
from desktop.extract.concepts import field_concept, field_kind
from desktop.extract.grounding import find_span, find_words
from desktop.extract.language import other_language
from desktop.extract.names import name_candidates
from desktop.extract.teach import Lesson, settle_dates, taught_identifiers

Generate = Callable[[list[dict]], dict[str, Any]]
_SPAN_KINDS = ("amount", "date", "identifier", "email", "iban", "vat")
LONG_LINES = 3000       # past this many lines, candidates come from the beginning and the end
TAIL_LINES = 200


@dataclass
class Extraction:
    record: dict[str, Any]
    fields: dict[str, FieldResult]
    notes: list[str] = field(default_factory=list)     # said once per document (language...)

    def provenance(self) -> dict[str, dict]:
        return {name: r.provenance() for name, r in self.fields.items()}


def question(spec: Mapping[str, Any]) -> str:
    what = str(spec.get("description") or spec["name"].replace("_", " ")).strip().rstrip("?.")
    return f"What is {what}?" if not what.lower().startswith(("what", "which", "who")) else what + "?"


def extract(specs: Sequence[Mapping[str, Any]], lines: Sequence[Line], scorer: Scorer | None,
            generate: Generate | None, *, min_confidence: float = 0.6,
            max_candidates: int = 1000,
            taught: Mapping[str, Sequence[Lesson]] | None = None) -> Extraction:
    """The record of `specs` read out of `lines`. `taught` holds, per field, what the
    user's labelled examples of similar documents show (see `desktop.extract.teach`)."""
    taught = taught or {}
    notes = []
    language = finders.language(lines)
    if language is None and other_language(lines):
        notes.append("the document's language is not one whose dates and numbers Runnel reads "
                     "(English, German, French, Dutch, Spanish); amounts and dates may be missed")
    kinds = {field_kind(s) for s in specs}
    wanted = [k for k in _SPAN_KINDS if k in kinds or (k == "amount" and "currency" in kinds)]
    found = _candidates(lines, wanted, max_candidates) if wanted else []
    results: dict[str, FieldResult] = {}
    free = []
    for spec in specs:
        kind = field_kind(spec)
        threshold = float(spec.get("min_confidence", min_confidence))
        if kind in _SPAN_KINDS or kind == "name":
            lessons = taught.get(spec["name"], ())
            cands = ([c for c in found if c.kind == kind] if kind != "name"
                     else name_candidates(lines))
            if kind == "identifier" and lessons:
                known = {(c.line, c.start) for c in cands}
                cands += [c for c in taught_identifiers(lines, lessons) if (c.line, c.start) not in known]
            if kind == "date" and lessons:
                cands = settle_dates(cands, lessons)
            r = choose(spec, cands, lines, question(spec), scorer, concept=field_concept(spec),
                       min_confidence=threshold, taught=lessons)
            if r.status == "not_found" and not cands and notes and kind in ("amount", "date"):
                r.status, r.reason = "unverified", notes[0]
            results[spec["name"]] = r
        elif kind == "currency":
            continue        # once the amounts are chosen: see below
        elif kind in ("choice", "boolean"):
            results[spec["name"]] = _choice(spec, scorer, threshold)
        else:
            free.append(spec)
    if free:
        values = generate(free) if generate else {}
        for spec in free:
            results[spec["name"]] = _grounded_free(spec, values.get(spec["name"]), lines, scorer,
                                                   min_confidence)
    for spec in specs:
        if field_kind(spec) == "currency":
            results[spec["name"]] = _currency(spec, [c for c in found if c.kind == "amount"],
                                              [results[s["name"]] for s in specs
                                               if field_kind(s) == "amount" and s["name"] in results],
                                              lines)
    record = {s["name"]: _typed(s, results[s["name"]].value) for s in specs}
    return Extraction(record, results, notes)


def _currency(spec: Mapping[str, Any], amounts: list, chosen: list[FieldResult],
              lines: Sequence[Line]) -> FieldResult:
    """The currency printed with the chosen amount (the first amount field's), else the
    one printed with most amounts; its source is that amount's text."""
    name = spec["name"]
    priced = [c for c in amounts if c.currency]
    for r in chosen:
        own = next((c for c in priced if (c.line, c.start) == (r.line, r.start)), None)
        if own is not None:
            out = FieldResult(name, own.currency, "grounded", r.confidence, "candidates")
            place(out, lines, own.line, own.start, own.end)
            if r.flagged:
                out.status, out.reason = r.status, f"taken from {r.name}, which is flagged"
            return out
    if not priced:
        return FieldResult(name, None, "not_found", 0.0, "candidates",
                           reason="no currency is printed with the amounts")
    counts: dict[str, int] = {}
    for c in priced:
        counts[c.currency] = counts.get(c.currency, 0) + 1
    code = max(counts, key=lambda k: (counts[k], k))
    share = counts[code] / len(priced)
    first = next(c for c in priced if c.currency == code)
    out = FieldResult(name, code, "grounded" if share >= 0.8 else "low_confidence", share, "candidates",
                      reason="" if share >= 0.8 else f"the amounts are in {len(counts)} currencies")
    place(out, lines, first.line, first.start, first.end)
    return out


def _candidates(lines: Sequence[Line], kinds: list[str], cap: int) -> list:
    """The candidates of a document; of a long one (a few hundred pages), those of its
    first and its last pages, which hold who, which number, when, and the totals. Time
    and memory stay bounded whatever the length."""
    if len(lines) <= LONG_LINES:
        return finders.find_candidates(lines, kinds, max_per_kind=cap)
    # the end: the last two pages, at most TAIL_LINES lines
    last_pages = {lines[-1].page, lines[-1].page - 1}
    tail_from = len(lines)
    while tail_from > len(lines) - TAIL_LINES and lines[tail_from - 1].page in last_pages:
        tail_from -= 1
    head = finders.find_candidates(lines[:LONG_LINES // 2], kinds, max_per_kind=cap // 2)
    tail = finders.find_candidates(lines[tail_from:], kinds, max_per_kind=cap // 2)
    return head + [dc_replace(c, line=c.line + tail_from) for c in tail]


def _typed(spec: Mapping[str, Any], value: Any) -> Any:
    if value is None:
        return None
    if spec.get("type") == "integer" and isinstance(value, float):
        return int(round(value))
    if spec.get("type") == "string" and not isinstance(value, str):
        return str(value)
    return value


def _choice(spec: Mapping[str, Any], scorer: Scorer | None, threshold: float) -> FieldResult:
    options = list(spec["choices"]) if "choices" in spec else [True, False]
    answers = [str(o) if "choices" in spec else ("yes" if o else "no") for o in options]
    logprobs = scorer(question(spec), answers) if scorer else [0.0] * len(answers)
    top = max(logprobs)
    weights = [math.exp(lp - top) for lp in logprobs]
    probs = [w / sum(weights) for w in weights]
    k = max(range(len(options)), key=probs.__getitem__)
    r = FieldResult(spec["name"], options[k], "grounded", probs[k], "choice",
                    alternatives=[{"value": o, "confidence": round(p, 4)}
                                  for j, (o, p) in enumerate(zip(options, probs)) if j != k])
    if probs[k] < threshold:
        r.status, r.reason = "low_confidence", f"low confidence: {probs[k]:.2f} is below {threshold:.2f}"
    return r


def _grounded_free(spec: Mapping[str, Any], value: Any, lines: Sequence[Line],
                   scorer: Scorer | None, threshold: float) -> FieldResult:
    """A generated free string (or list of them) must be found in the text."""
    name = spec["name"]
    if value in (None, "", []):
        return FieldResult(name, None, "not_found", 0.0, "generated",
                           reason="the model found no value in the document")
    items = value if isinstance(value, list) else [value]
    # a list item may restate its line in other words; a single value must be printed
    spans = [find_span(str(v), lines) or (find_words(str(v), lines) if isinstance(value, list) else None)
             for v in items]
    missing = [str(v) for v, s in zip(items, spans) if s is None]
    confidence = 1.0
    if scorer and not isinstance(value, list):
        lp = scorer(question(spec), [str(value), "not stated"])
        confidence = 1 / (1 + math.exp(lp[1] - lp[0]))
    r = FieldResult(name, value, "grounded", confidence, "generated")
    first = next((s for s in spans if s is not None), None)
    if first is not None:
        place(r, lines, first.line, first.start, first.end)
    if missing:
        r.status = "unverified"
        r.reason = "not in the document: " + ", ".join(repr(m) for m in missing)
    elif confidence < threshold:
        r.status, r.reason = "low_confidence", f"low confidence: {confidence:.2f} is below {threshold:.2f}"
    return r
