"""Scores the redactor on a labelled sample set: recall and precision per category.
Used by tests/pii/ and bench/redaction.py."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.pii import CATEGORIES, find_pii


def evaluate(samples_file: Path) -> dict[str, dict[str, float]]:
    tp = {c: 0 for c in CATEGORIES}
    fp = dict(tp)
    fn = dict(tp)
    for line in samples_file.read_text(encoding="utf-8").splitlines():
        sample = json.loads(line)
        text = sample["text"]
        expected = set()
        for span in sample["spans"]:
            start = text.index(span["value"])
            expected.add((span["category"], start, start + len(span["value"])))
        found = {(f.category, f.start, f.end) for f in find_pii(text)}
        for item in found:
            (tp if item in expected else fp)[item[0]] += 1
        for item in expected - found:
            fn[item[0]] += 1
    out = {}
    for c in CATEGORIES:
        recall = tp[c] / (tp[c] + fn[c]) if tp[c] + fn[c] else 1.0
        precision = tp[c] / (tp[c] + fp[c]) if tp[c] + fp[c] else 1.0
        out[c] = {"recall": recall, "precision": precision, "expected": tp[c] + fn[c],
                  "found": tp[c] + fp[c]}
    return out
