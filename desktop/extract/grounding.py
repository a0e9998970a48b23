"""Is a free string (a vendor, a subject) in the document? A value is grounded when,
normalised, it is a substring of a normalised line: case, accents, punctuation
and runs of spaces are ignored, so "NORTHWIND office-supplies" matches
"Northwind Office Supplies". The match is given back as a span of the line, so it can be
pointed at."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Sequence

from desktop.engine.document import Line

_MIN_CHARS = 2


@dataclass(frozen=True)
class Span:
    line: int           # index into the lines searched
    start: int          # offsets into that line's text
    end: int


def normalise(text: str) -> tuple[str, list[int]]:
    """Lower case, accents dropped, every run of non-alphanumerics one space; with the
    index in `text` of each character of the result (to map a match back)."""
    out: list[str] = []
    where: list[int] = []
    space = True
    for i, ch in enumerate(text):
        base = unicodedata.normalize("NFKD", ch)
        letters = "".join(c for c in base if not unicodedata.combining(c)).lower()
        if letters and all(c.isalnum() for c in letters):
            out.extend(letters)
            where.extend([i] * len(letters))
            space = False
        elif not space:
            out.append(" ")
            where.append(i)
            space = True
    while out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def find_span(value: str, lines: Sequence[Line]) -> Span | None:
    """The first place `value` occurs in the lines (normalised), at word boundaries;
    None if nowhere."""
    needle, _ = normalise(value)
    if len(needle.replace(" ", "")) < _MIN_CHARS:
        return None
    pattern = re.compile(r"(?<![a-z0-9])" + re.escape(needle) + r"(?![a-z0-9])")
    for i, line in enumerate(lines):
        hay, where = normalise(line.text)
        m = pattern.search(hay)
        if m:
            return Span(i, where[m.start()], where[m.end() - 1] + 1)
    return None


def find_words(value: str, lines: Sequence[Line], share: float = 2 / 3) -> Span | None:
    """The line holding most of `value`'s words (at least `share` of those of three
    letters or more, and two of them): a short list item written in the model's own
    words ("Anna: send the report") is grounded by the line it restates ("Anna will
    send the report by Friday"). The span is that whole line."""
    words = {w for w in normalise(value)[0].split() if len(w) >= 3}
    if len(words) < 2:
        return find_span(value, lines)
    need = max(2, math.ceil(len(words) * share))
    for i, line in enumerate(lines):
        have = set(normalise(line.text)[0].split())
        if len(words & have) >= need:
            return Span(i, 0, len(line.text))
    return None


# A value read by OCR is only as good as the reading: a word OCR was unsure of, or a page
# it read poorly, sends the record to a person even when the value is grounded (its
# text may be the misreading). Correct words on our scans score 0.95-1.0; the misread
# ones we saw 0.5-0.8 (docs/ocr.md).
LOW_OCR_WORD = 0.80
LOW_OCR_PAGE = 0.85


def ocr_doubts(found: Sequence[tuple[str, int | None, int | None, int | None]], lines: Sequence[Line],
               recognised: Sequence[tuple[int, float | None]],
               file_page: Callable[[int], int] = lambda index: index) -> list[tuple[str, str]]:
    """(field, reason) for each value taken from words OCR read with low confidence, and
    ("", reason) for each recognised page read poorly. `found`: (field, line, start, end)
    of each value's source span; `file_page` numbers a page as its file does."""
    doubts: list[tuple[str, str]] = []
    for field, index, start, end in found:
        if index is None or start is None or end is None or not 0 <= index < len(lines):
            continue
        line = lines[index]
        scores = [w.confidence for w in line.words
                  if w.confidence is not None and w.start < end and w.end > start]
        if scores and min(scores) < LOW_OCR_WORD:
            doubts.append((field, f"OCR was unsure of it ({min(scores):.2f}) on page "
                                  f"{file_page(line.page) + 1}"))
    for page, confidence in recognised:
        if confidence is not None and confidence < LOW_OCR_PAGE:
            doubts.append(("", f"page {file_page(page) + 1} was read by OCR with low confidence "
                                   f"({confidence:.2f})"))
    return doubts
