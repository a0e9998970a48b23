"""What a labelled example teaches about reading a new document like it.

A user's documents recur: the same vendor's invoice every month, the same shop's
receipt. An example (a document and its correct record) shows, for each field, where
its right value was printed: the label beside it ("Rechnungsbetrag", "Total TTC") and
the line that held it. Two uses follow, both deterministic in what they add:

* **Taught priors.** In a new document, a candidate with the label an example's
  right value had gets `TAUGHT_LABEL` added to its prior, and a name printed as an
  example's vendor was gets `TAUGHT_NAME`: a label the lexicon does not know, or a
  vendor without a legal form, is then no longer "nothing says it is the field". An
  example counts only when its document resembles the new one (`MIN_SIMILARITY`).
* **Taught readings.** An identifier whose label no lexicon knows ("Slip 00417") is
  looked for after the label the example had; a date like 02/11/2026 that the document
  alone cannot settle is read in the order the example's person confirmed.
* **Demonstrations** for the model: the lines of the example that hold its values,
  each with the question and its answer, put before the document in the prompt
  (`prompt_block`). They are the same for every question about one document, so they
  stay in the prefix the worker reuses.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from dataclasses import replace as dc_replace
from typing import Any, Mapping, Sequence

from desktop.engine.document import Line
from desktop.extract.candidates import ID_TOKEN, Candidate, find_candidates
from desktop.extract.concepts import field_kind, fold
from desktop.extract.evaluation import same
from desktop.extract.grounding import find_span, normalise
from desktop.extract.labels import labelish, nearest
from desktop.extract.names import name_candidates

TAUGHT_LABEL = 1.5        # added to a candidate labelled as an example's right value was
TAUGHT_NAME = 2.0         # added to a name printed as an example's vendor was
MIN_SIMILARITY = 0.35     # an example less like the document than this teaches nothing
MAX_LINE = 120            # characters of an example's line shown to the model
_SPAN_KINDS = ("amount", "date", "identifier", "email", "iban", "vat")
_WHERE_RANK = {"left": 0, "above": 1, "below": 2, "": 3}


@dataclass(frozen=True)
class Lesson:
    """Where one example printed the right value of one field."""
    field: str
    answer: str            # the value as printed in the example (or as recorded)
    label: str             # the label beside it, folded ('' when none)
    where: str             # "left", "above", "below" or ""
    line: str              # the example's line that holds it ('' when not found)
    kind: str
    similarity: float = 1.0      # of the example's document to the one being read
    rank: int = 0                # 0 for the most similar example, 1 for the next...
    order: str = ""              # a date's confirmed day/month order: "DMY", "MDY" or ""

    @property
    def counts(self) -> bool:
        return self.similarity >= MIN_SIMILARITY


def label_key(label: str) -> str:
    """A label compared across documents: folded, without '#' or '%' marks."""
    return " ".join(w for w in fold(label).split() if w not in ("#", "%"))


def lessons(specs: Sequence[Mapping[str, Any]], lines: Sequence[Line], record: Mapping[str, Any],
            similarity: float = 1.0, rank: int = 0) -> list[Lesson]:
    """What the example `lines` (its document) and `record` (its right values) teach,
    one lesson per field whose value is printed in it."""
    kinds = sorted({field_kind(s) for s in specs} & set(_SPAN_KINDS))
    found = find_candidates(lines, kinds) if kinds else []
    names = None
    out: list[Lesson] = []
    for spec in specs:
        want = record.get(spec["name"])
        if want in (None, "", []):
            continue
        kind = field_kind(spec)
        if kind in _SPAN_KINDS or kind == "name":
            if kind == "name":
                names = names if names is not None else name_candidates(lines)
                pool = [c for c in names if same({"type": "string"}, c.text, want)]
            else:
                pool = [c for c in found if c.kind == kind and (
                    same(spec, c.value, want) or (c.ambiguous and _swapped(str(c.value)) == want))]
            if not pool:
                if kind == "identifier":
                    out += _unlabelled_identifier(spec["name"], str(want), lines, similarity, rank)
                continue
            # the occurrence with a label on its left says most; then above, below
            c = min(pool, key=lambda c: (_WHERE_RANK.get(c.label_where, 3) if c.label else 3,
                                         c.line, c.start))
            order = ("DMY" if same(spec, c.value, want) else "MDY") if c.ambiguous else ""
            shown = excerpt(lines[c.line].text, c.start, c.end)
            if c.label and c.label_where == "above" and c.line > 0:     # its label's line too
                shown = lines[c.line - 1].text.strip()[-MAX_LINE:] + "\n" + shown
            out.append(Lesson(spec["name"], c.text, label_key(c.label), c.label_where if c.label else "",
                              shown, kind, similarity, rank, order))
        elif not isinstance(want, (list, dict)):
            span = find_span(str(want), lines)
            out.append(Lesson(spec["name"], str(want), "", "",
                              excerpt(lines[span.line].text, span.start, span.end) if span else "",
                              kind, similarity, rank))
    return out


def excerpt(text: str, start: int, end: int) -> str:
    """The part of a line shown for a value at text[start:end]: what leads up to it (its
    label) and the value itself, at most MAX_LINE characters, cut at a word."""
    head = max(0, end - MAX_LINE)
    if head > 0:
        space = text.find(" ", head, start)
        head = space + 1 if space != -1 else head
    return text[head:end].strip()


def _unlabelled_identifier(name: str, want: str, lines: Sequence[Line], similarity: float,
                           rank: int) -> list[Lesson]:
    """An identifier the finders missed, its label unknown to them: the words printed
    before it in the example become its label."""
    span = find_span(want, lines)
    if span is None:
        return []
    text = lines[span.line].text
    label = nearest(text[:span.start])
    if not labelish(label) or not label_key(label):
        return []
    return [Lesson(name, text[span.start:span.end], label_key(label), "left",
                   excerpt(text, span.start, span.end), "identifier", similarity, rank)]


def _swapped(iso: str) -> str | None:
    """2026-02-11 read the other way round: 2026-11-02 (None if that is no date)."""
    try:
        y, m, d = (int(p) for p in iso.split("-"))
        return dt.date(y, d, m).isoformat()
    except ValueError:
        return None


def taught_identifiers(lines: Sequence[Line], taught: Sequence[Lesson]) -> list[Candidate]:
    """Identifiers printed after a label the examples taught (one the finders do not
    know): the token right after the label's words on the same line."""
    keys = {t.label for t in taught if t.counts and t.kind == "identifier" and t.label}
    out: list[Candidate] = []
    for key in sorted(keys):
        for i, line in enumerate(lines):
            norm, where = normalise(line.text)
            for m in re.finditer(rf"(?<![\w]){re.escape(key)}(?![\w])", norm):
                after = where[m.end() - 1] + 1
                gap = re.match(r"[\s:#.°º-]*", line.text[after:])
                tok = ID_TOKEN.match(line.text, after + gap.end())
                if tok and any(ch.isdigit() for ch in tok.group()):
                    out.append(Candidate("identifier", tok.group(), tok.group(), i, tok.start(),
                                         tok.end(), key, "left"))
    return out


def settle_dates(candidates: Sequence[Candidate], taught: Sequence[Lesson]) -> list[Candidate]:
    """Dates whose day/month order the document could not settle, read in the order a
    person confirmed in a similar document (when the examples agree on one)."""
    orders = {t.order for t in taught if t.counts and t.order}
    if len(orders) != 1:
        return list(candidates)
    order = orders.pop()
    out = []
    for c in candidates:
        if c.kind == "date" and c.ambiguous:
            value = c.value if order == "DMY" else _swapped(str(c.value))
            c = dc_replace(c, value=value, ambiguous=False) if value else c
        out.append(c)
    return out


def taught_bonus(candidate: Any, taught: Sequence[Lesson]) -> float:
    """What the lessons about a field add to one candidate's prior."""
    if not taught:
        return 0.0
    if candidate.kind == "name":
        text = normalise(candidate.text)[0]
        return TAUGHT_NAME if any(normalise(t.answer)[0] == text for t in taught) else 0.0
    key = label_key(candidate.label)
    if not key:
        return 0.0
    return TAUGHT_LABEL if any(t.label == key and t.where == candidate.label_where for t in taught) else 0.0


def by_field(taught: Sequence[Lesson]) -> dict[str, list[Lesson]]:
    out: dict[str, list[Lesson]] = {}
    for t in taught:
        if t.counts:
            out.setdefault(t.field, []).append(t)
    return out


def prompt_block(taught: Sequence[Lesson], questions: Mapping[str, str]) -> str:
    """The demonstrations as text for the model: each lesson's line, the question and
    the answer, most similar example first. '' without lessons."""
    shown = [t for t in taught if t.line and t.counts and t.field in questions]
    if not shown:
        return ""
    parts = ["How similar documents were read (an excerpt, the question, the answer):"]
    for t in shown:
        parts.append(f"{t.line}\nQuestion: {questions[t.field]}\nAnswer: {t.answer}")
    return "\n\n".join(parts)
