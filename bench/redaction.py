"""Recall and precision per category of text.redact_pii's rules (desktop/pii) on the
six labelled sets in tests/data/:

- pii_samples.jsonl   the development set the rules were written against;
- pii_heldout.jsonl   a second set written without reading the rules; studied after
                      its first scoring, so a development set too;
- pii_final.jsonl     a third, written the same way and studied the same way;
- pii_fresh.jsonl     a fourth, written the same way, scored for the README's
                      held-out figures, then studied when the date and phone
                      rules were rewritten, so a development set too;
- pii_dev2.jsonl      a fifth, written as a development set for that rewrite;
- pii_fresh2.jsonl    the held-out set: a sixth, written by someone who did not read
                      the rules (make_pii_fresh2.py says how), scored once after
                      the rewrite and not studied.

    .venv/bin/python bench/redaction.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.pii.evaluate import evaluate  # noqa: E402

SETS = (("development", "pii_samples.jsonl"), ("second (studied)", "pii_heldout.jsonl"),
        ("third (studied)", "pii_final.jsonl"), ("fourth (studied)", "pii_fresh.jsonl"),
        ("fifth (development)", "pii_dev2.jsonl"), ("HELD-OUT", "pii_fresh2.jsonl"))


def main() -> None:
    for title, name in SETS:
        path = ROOT / "tests" / "data" / name
        if not path.exists():
            continue
        texts = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        print(f"\n{title}: {name} ({texts} texts)")
        print(f"{'category':<15} {'expected':>8} {'found':>6} {'recall':>7} {'precision':>9}")
        for category, s in evaluate(path).items():
            print(f"{category:<15} {s['expected']:>8} {s['found']:>6} {s['recall']:>7.2f} "
                  f"{s['precision']:>9.2f}")


if __name__ == "__main__":
    main()
