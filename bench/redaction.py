"""Recall and precision per category of text.redact_pii on the labelled sample set
in tests/data/pii_samples.jsonl.

    .venv/bin/python bench/redaction.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.steps.redact_eval import evaluate  # noqa: E402


def main() -> None:
    scores = evaluate(ROOT / "tests" / "data" / "pii_samples.jsonl")
    print(f"{'category':<15} {'expected':>8} {'found':>6} {'recall':>7} {'precision':>9}")
    for category, s in scores.items():
        print(f"{category:<15} {s['expected']:>8} {s['found']:>6} {s['recall']:>7.2f} {s['precision']:>9.2f}")


if __name__ == "__main__":
    main()
