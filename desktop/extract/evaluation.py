"""How well a workflow's extract steps read its labelled examples: per-field accuracy,
silent errors (a wrong value that was not flagged for review), the review rate and the
time per document. What `runnel eval` prints and `bench/extraction.py` measures
(`desktop.steps.extract_eval` runs the steps and fills one in).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from desktop.extract.grounding import normalise


def same(spec: Mapping[str, Any], got: Any, want: Any) -> bool:
    """Whether an extracted value is the expected one: numbers to the cent, dates
    exactly, identifiers without spacing, text without case, accents or punctuation."""
    if want is None or got is None:
        return want is None and got is None
    kind = spec.get("type", "string")
    if kind in ("number", "integer"):
        try:
            return abs(float(got) - float(want)) < 0.005
        except (TypeError, ValueError):
            return False
    if kind == "list":
        return sorted(normalise(str(v))[0] for v in got) == sorted(normalise(str(v))[0] for v in want) \
            if isinstance(got, list) and isinstance(want, list) else False
    if kind == "date":
        return str(got) == str(want)
    a, b = normalise(str(got))[0], normalise(str(want))[0]
    return a == b or a.replace(" ", "") == b.replace(" ", "")


@dataclass
class FieldTally:
    total: int = 0
    right: int = 0
    silent: int = 0            # wrong, and the record was not sent to review for it
    flagged: int = 0


@dataclass
class Evaluation:
    documents: int = 0
    reviewed: int = 0
    seconds: float = 0.0
    fields: dict[str, FieldTally] = field(default_factory=dict)
    confident: list[int] = field(default_factory=lambda: [0, 0])    # right, all at/above threshold
    unsure: list[int] = field(default_factory=lambda: [0, 0])
    errors: list[str] = field(default_factory=list)                 # silent errors, one line each
    failures: list[str] = field(default_factory=list)               # documents the step failed on

    def add(self, specs: Sequence[Mapping[str, Any]], expected: Mapping[str, Any], out: Mapping[str, Any],
            seconds: float, threshold: float, name: str = "") -> None:
        """One document's result: the step's outputs (`record` or `review`, and
        `provenance`) against its expected record."""
        self.documents += 1
        self.seconds += seconds
        review = out.get("review")
        record = review["record"] if review else out.get("record", {})
        flagged = {r["field"] for r in review["reasons"]} if review else set()
        self.reviewed += bool(review)
        provenance = out.get("provenance", {})
        for spec in specs:
            f = spec["name"]
            if f not in expected:
                continue
            t = self.fields.setdefault(f, FieldTally())
            ok = same(spec, record.get(f), expected[f])
            t.total += 1
            t.right += ok
            t.flagged += f in flagged
            if not ok and f not in flagged:
                t.silent += 1
                self.errors.append(f"{name} {f}: got {record.get(f)!r}, expected {expected[f]!r}")
            conf = provenance.get(f, {}).get("confidence")
            if conf is not None:
                bucket = self.confident if conf >= threshold else self.unsure
                bucket[0] += ok
                bucket[1] += 1

    @classmethod
    def combined(cls, parts: Sequence["Evaluation"]) -> "Evaluation":
        out = cls()
        for r in parts:
            out.documents += r.documents
            out.reviewed += r.reviewed
            out.seconds += r.seconds
            out.errors += r.errors
            out.failures += r.failures
            out.confident = [a + b for a, b in zip(out.confident, r.confident)]
            out.unsure = [a + b for a, b in zip(out.unsure, r.unsure)]
            for f, t in r.fields.items():
                acc = out.fields.setdefault(f, FieldTally())
                acc.total += t.total
                acc.right += t.right
                acc.silent += t.silent
                acc.flagged += t.flagged
        return out

    def summary(self) -> dict[str, Any]:
        n = sum(t.total for t in self.fields.values())
        return {
            "documents": self.documents, "fields": n,
            "accuracy": sum(t.right for t in self.fields.values()) / n if n else None,
            "silent_error_rate": sum(t.silent for t in self.fields.values()) / n if n else None,
            "review_rate": self.reviewed / self.documents if self.documents else None,
            "seconds_per_document": self.seconds / self.documents if self.documents else None,
            "per_field": {f: {"accuracy": t.right / t.total, "silent_errors": t.silent,
                              "flagged": t.flagged, "fields": t.total}
                          for f, t in self.fields.items() if t.total},
            "accuracy_at_or_above_threshold": self.confident[0] / self.confident[1] if self.confident[1] else None,
            "accuracy_below_threshold": self.unsure[0] / self.unsure[1] if self.unsure[1] else None,
            "silent_errors": self.errors, "failed_documents": self.failures,
        }
