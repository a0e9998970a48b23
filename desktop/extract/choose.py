"""The choice among candidates, its confidence, and each field's provenance.

For a typed field (an amount, a date, an identifier, a name) the answer is always one of
the candidate spans the deterministic finders listed, or nothing. Each distinct
candidate value gets a score

    score = PRIOR_WEIGHT * label prior  +  MODEL_WEIGHT * log P(model answers its text)

where the label prior comes from the words beside the value (`concepts.label_prior`)
and the log-probability from the model asked the field's question after reading the
document (the worker's `score` request). "None of them" is a candidate too, with a
fixed prior, so a value with no label speaking for it loses to it. The confidence of
the answer is the softmax of the scores: the share of the probability the chosen
value holds against the others and against "none".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from desktop.engine.document import Line
from desktop.extract.candidates import Candidate
from desktop.extract.concepts import Concept, fold, label_prior
from desktop.extract.labels import Layout
from desktop.extract.teach import Lesson, taught_bonus

Scorer = Callable[[str, list[str]], list[float]]
_DOC_TITLE = re.compile(
    r"(invoice|tax invoice|credit note|credit memo|receipt|order confirmation|rechnung|gutschrift|"
    r"quittung|kassenbon|auftragsbestatigung|bestellbestatigung|facture|avoir|recu|ticket|"
    r"ticket de caisse|confirmation de commande|factuur|creditnota|kassabon|bon|"
    r"orderbevestiging|factura|factura simplificada|factura rectificativa|abono|recibo|"
    r"confirmacion de pedido|invoice to|bill to|page \d+(?: of \d+)?)")
# 'Leipzig,', 'Zaragoza, a', 'Paris, le', 'Gent, den': a place before a letter's date
_OWN_LABEL_END = re.compile(r"(?:[:,]|, ?(?:a|le|den|am|op|el))\s*$")
_PLACE_COMMA = re.compile(r"[^\W\d_][^\W\d_ .'-]*(?:[ .'-]+[^\W\d_]+){0,3},(?: (?:a|le|den|am|op|el))?")

PRIOR_WEIGHT = 1.0
MODEL_WEIGHT = 1.0        # on the mean log-probability per token of the answer
NONE_PRIOR = 0.5          # what "none of these" is worth before the model's say
TEMPERATURE = 0.5         # scores are divided by it before the softmax
FAR_LABEL = 0.5           # a label above or below counts this much of one on the left
NONE_ANSWER = "not stated"
TOP_K = 5                 # candidates the model is asked about, best priors first
REPEATED = 0.25          # a value printed more than once (a repeated header, a summary)
MIN_PRIOR = 1.0           # below this, no label on the page says the value is the field
AMBIGUOUS = 0.8           # a runner-up this close (probability ratio) makes it ambiguous


@dataclass
class FieldResult:
    """A field's value and where it came from."""
    name: str
    value: Any
    status: str            # grounded | unverified | not_found | ambiguous | low_confidence
    confidence: float
    method: str            # candidates | generated | choice
    text: str | None = None
    line: int | None = None
    start: int | None = None
    end: int | None = None
    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    reason: str = ""
    alternatives: list[dict] = field(default_factory=list)
    prior: float | None = None      # the label prior of the chosen candidate
    model: float | None = None      # the model's mean log-probability per token for it

    @property
    def flagged(self) -> bool:
        return self.status != "grounded"

    def provenance(self) -> dict:
        return {"value": self.value, "status": self.status, "confidence": round(self.confidence, 4),
                "method": self.method, "text": self.text, "page": self.page,
                "line": self.line, "start": self.start, "end": self.end,
                "box": [round(v, 1) for v in self.box] if self.box else None,
                "reason": self.reason, "alternatives": self.alternatives,
                "prior": None if self.prior is None else round(self.prior, 3),
                "model": None if self.model is None else round(self.model, 3)}


def place(result: FieldResult, lines: Sequence[Line], line: int, start: int, end: int) -> None:
    """Fill in the position of a span on its page."""
    result.line, result.start, result.end = line, start, end
    result.page = lines[line].page
    result.text = lines[line].text[start:end]
    result.box = lines[line].span_box(start, end)


def _label_score(c: Candidate, layout: Layout, concept: Concept | None,
                 spec: Mapping[str, Any]) -> float:
    """A label on the left speaks for itself. Without one, the line above and the line
    below are both asked (a caption may sit under its value or over it), and the one that
    says most, for or against, counts, at FAR_LABEL of its weight."""
    if c.kind == "name":
        return label_prior(c.label, concept, spec) * (FAR_LABEL if c.label_where == "above" else 1.0)
    left = [text for text, where in layout.labels(c.line, c.start, c.end) if where == "left"]
    near = layout.vertical_labels(c.line, c.start, c.end)
    scores = [label_prior(text, concept, spec) for text in left[:1]]
    # 'Raleigh, 2024-03-21', 'Ref.: 2024-03-21': a colon or comma right before the value
    # makes the text on its left its own label, not a cell of a table's row
    own = bool(_OWN_LABEL_END.search(layout.lines[c.line].text[:c.start]))
    if (not scores or scores[0] == 0.0) and near and not own:    # the left may be another cell
        # the nearer of the labels over and under it, unless it says nothing
        said = [label_prior(text, concept, spec) * FAR_LABEL for text, _ in near]
        scores.append(next((x for x in said if x != 0.0), 0.0))
    return max(scores, key=abs, default=0.0)


def priors(candidates: Sequence[Candidate], lines: Sequence[Line], concept: Concept | None,
           spec: Mapping[str, Any], taught: Sequence[Lesson] = ()) -> list[float]:
    """The label prior of each candidate, with what the kind of value adds: the largest
    of the amounts a label speaks for is likelier the total, the first date the issue
    date, a name with a legal form a company; and what the user's examples taught (a
    label their right value had, a vendor they named)."""
    from desktop.extract.names import has_legal_form, looks_like_address

    layout = Layout(lines)
    out = [_label_score(c, layout, concept, spec) + taught_bonus(c, taught) for c in candidates]
    cname = concept.name if concept else ""
    if candidates and candidates[0].kind == "amount":
        # a count ("3 x", "page 2") is no sum of money; a sum has cents or several digits
        out = [p - (1.5 if isinstance(c.value, float) and c.value.is_integer() and abs(c.value) < 100
                    and not any(ch in c.text for ch in ".,") else 0.0)
               for c, p in zip(candidates, out)]
    if candidates and candidates[0].kind == "identifier":
        # an invoice number has a few characters; '1' is a page or a position
        out = [p - (2.0 if len(c.text) < 3 else 0.0) for c, p in zip(candidates, out)]
    if cname == "total":
        liked = [c.value for c, p in zip(candidates, out) if p > 0 and isinstance(c.value, float)]
        top = max(liked, default=None)
        out = [p + (0.75 if top is not None and c.value == top else 0.0)
               for c, p in zip(candidates, out)]
    if cname == "issue_date":
        # "Leipzig, 12. Oktober 2021": a place and a comma before it is a letter's date
        out = [p + (1.5 if _PLACE_COMMA.fullmatch(c.label or "") and c.label_where == "left" else 0.0)
               for c, p in zip(candidates, out)]
        # a document with a single date not labelled as another: that one is its date
        free = {c.value for c, p in zip(candidates, out) if p >= 0}
        if len(free) == 1 and max(out) < MIN_PRIOR:
            out = [p + (MIN_PRIOR if c.value in free else 0.0) for c, p in zip(candidates, out)]
        else:
            out = [p + (0.5 if k == 0 else 0.0) for k, p in enumerate(out)]
    if cname == "vendor" or (candidates and candidates[0].kind == "name"):
        first_line = min((c.line for c in candidates), default=0)
        # the letterhead's first line is the sender's name more often than not; a
        # document's own title ("Invoice", "Rechnung") is no name
        out = [p + (1.5 if has_legal_form(c.text) else 0.0) + (1.0 if c.line == first_line else 0.0)
               - (2.0 if looks_like_address(c.text) else 0.0)
               - (3.0 if _DOC_TITLE.fullmatch(fold(c.text)) else 0.0)
               for c, p in zip(candidates, out)]
    return out


def choose(spec: Mapping[str, Any], candidates: Sequence[Candidate], lines: Sequence[Line],
           question: str, scorer: Scorer | None, *, concept: Concept | None,
           min_confidence: float, taught: Sequence[Lesson] = ()) -> FieldResult:
    """The field's value among its candidates (or none), with its confidence."""
    name = spec["name"]
    if not candidates:
        return FieldResult(name, None, "not_found", 0.0, "candidates",
                           reason="not found in the document")
    # one entry per distinct value: the occurrence with the best label stands for it,
    # and a value printed again under another label gains a little
    prior = priors(candidates, lines, concept, spec, taught)
    best: dict[Any, tuple[float, Candidate, int]] = {}
    for c, p in zip(candidates, prior):
        q, held, n = best.get(c.value, (p, c, 0))
        best[c.value] = (max(p, q), c if p > q else held, n + 1)
    ranked = sorted(((p + (REPEATED if n > 1 else 0.0), c, n) for p, c, n in best.values()),
                    key=lambda t: (-t[0], t[1].line, t[1].start))[:TOP_K]
    answers = [t[1].text for t in ranked] + [NONE_ANSWER]
    logprobs = scorer(question, answers) if scorer else [0.0] * len(answers)
    scores = [PRIOR_WEIGHT * t[0] + MODEL_WEIGHT * lp for t, lp in zip(ranked, logprobs)]
    # a small model hardly ever answers "not stated": its own log-probability would make
    # "none" lose every time, so "none" is scored as an average candidate
    scores.append(PRIOR_WEIGHT * NONE_PRIOR + MODEL_WEIGHT * sum(logprobs[:-1]) / max(1, len(ranked)))
    probs = _softmax([x / TEMPERATURE for x in scores])
    order = sorted(range(len(scores)), key=lambda k: -probs[k])
    top = order[0]
    alternatives = [{"value": ranked[k][1].value, "text": ranked[k][1].text,
                     "page": lines[ranked[k][1].line].page, "line": ranked[k][1].line,
                     "start": ranked[k][1].start, "end": ranked[k][1].end,
                     "label": ranked[k][1].label, "confidence": round(probs[k], 4),
                     "prior": round(ranked[k][0], 3), "model": round(logprobs[k], 3)}
                    for k in order if k != top and k < len(ranked)]
    if top == len(ranked):
        return FieldResult(name, None, "not_found", probs[top], "candidates",
                           reason="none of the values found in the document fits it"
                                  + (f" (likeliest: {alternatives[0]['text']!r})" if alternatives else ""),
                           alternatives=alternatives)
    cand = ranked[top][1]
    result = FieldResult(name, cand.value, "grounded", probs[top], "candidates",
                         alternatives=alternatives, prior=ranked[top][0], model=logprobs[top])
    place(result, lines, cand.line, cand.start, cand.end)
    runner = order[1] if len(order) > 1 else None
    if runner is not None and runner < len(ranked) and probs[runner] >= AMBIGUOUS * probs[top]:
        result.status = "ambiguous"
        result.reason = (f"two values are about as likely: {cand.text!r} ({probs[top]:.2f}) and "
                         f"{ranked[runner][1].text!r} ({probs[runner]:.2f})")
    elif ranked[top][0] < MIN_PRIOR:
        result.status = "low_confidence"
        result.reason = (f"nothing printed near {cand.text!r} says it is the {name.replace('_', ' ')}"
                         + (f" (it is labelled {cand.label!r})" if cand.label else ""))
    elif probs[top] < min_confidence:
        result.status = "low_confidence"
        result.reason = f"low confidence: {probs[top]:.2f} is below {min_confidence:.2f}"
    elif getattr(cand, "ambiguous", False):
        result.status = "ambiguous"
        result.reason = f"{cand.text!r} could be read day-first or month-first"
    return result


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    total = sum(weights)
    return [w / total for w in weights]
