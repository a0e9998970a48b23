"""Which examples resemble a document: a cheap lexical similarity, no model needed.

Each text becomes a bag of lower-case words with the digits taken out (so "INV-2026-0417"
and "INV-2025-0101" are alike, as two invoices from one vendor are) and of word pairs
(which catch a layout's labels: "invoice number", "total due"). Terms are weighted by
TF-IDF over the examples and compared by cosine; equal scores go by example id, so the
order never depends on the file system or on floating-point noise.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Callable, Sequence

from desktop.examples.store import Example

_WORD = re.compile(r"[^\W\d_]{2,}")
_PRECISION = 9


def terms(text: str) -> Counter[str]:
    """The words (letters only, lower case) and neighbouring word pairs of `text`."""
    words = _WORD.findall(text.casefold())
    bag = Counter(words)
    bag.update(f"{a} {b}" for a, b in zip(words, words[1:]))
    return bag


def _vector(bag: Counter[str], idf: dict[str, float], default: float) -> dict[str, float]:
    return {t: (1.0 + math.log(n)) * idf.get(t, default) for t, n in bag.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = math.fsum(w * b[t] for t, w in sorted(a.items()) if t in b)
    norm = math.sqrt(math.fsum(w * w for w in a.values())) * math.sqrt(math.fsum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def similarities(examples: Sequence[Example], text: str,
                 texts: Callable[[Example], str]) -> list[tuple[float, Example]]:
    """Every example with its similarity to `text` (0 to 1), most similar first."""
    bags = [terms(texts(ex)) for ex in examples]
    n = len(bags)
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    idf = {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}
    default = math.log(1 + n) + 1.0                 # a term no example has
    query = _vector(terms(text), idf, default)
    scored = [(round(_cosine(query, _vector(bag, idf, default)), _PRECISION), ex)
              for bag, ex in zip(bags, examples)]
    scored.sort(key=lambda pair: (-pair[0], pair[1].id, pair[1].node_id))
    return scored


def most_similar(examples: Sequence[Example], text: str, k: int,
                 texts: Callable[[Example], str]) -> list[Example]:
    """The `k` examples whose documents are most like `text`, most similar first (ties
    by example id). `texts(example)` gives an example's document text; it is called
    once per example, and what it raises is not caught."""
    if k <= 0 or not examples:
        return []
    return [ex for _, ex in similarities(examples, text, texts)[:k]]
