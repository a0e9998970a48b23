"""OCR boxes into the layout lines every reader produces (`desktop.engine.document.Line`).

The engine returns one quadrilateral per run of text, in pixels, at whatever angle the
page was scanned; a row of an invoice ("Total" ... "214.08") comes back as several
boxes. Here the boxes are grouped into the rows the eye sees — after undoing the page's
skew, so a page scanned 3° off does not interleave its rows — and each row is read left
to right, with the same spacing rule as the PDF text layer's lines
(`desktop.extract.layout`): a gap wider than a column gap becomes two spaces or more.
Boxes are turned into PDF points from the page's top left, like every other Line.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import Callable

from desktop.engine.document import Box, Line, Word

Quad = tuple[tuple[float, float], ...]      # four corners in pixels: tl, tr, br, bl

_COLUMN_GAP = 1.2        # as in desktop.extract.layout: times the row's height


@dataclass(frozen=True)
class OcrWord:
    text: str
    confidence: float
    quad: Quad


@dataclass(frozen=True)
class OcrBox:
    """One run of text the engine found: its text, confidence (0..1), corners in pixels
    and, when known, its words."""
    text: str
    confidence: float
    quad: Quad
    words: tuple[OcrWord, ...] = ()


# Latin text fills a line box with about 1.6-2.3 characters per box height of width
# (measured on the bench set: the lowest real line 1.24). A script the model has no
# letters for comes out as a few stray digits and marks: 0.2-1.0.
_MIN_DENSITY = 0.8


def expected_chars(box: OcrBox) -> float:
    """How many characters a line box this shape holds: its width over its height."""
    (x0, y0), (x1, y1), _, (x3, y3) = box.quad
    width = math.hypot(x1 - x0, y1 - y0)
    height = math.hypot(x3 - x0, y3 - y0)
    return width / max(height, 1.0)


def unreadable(box: OcrBox) -> bool:
    """True when the text read in a wide box is far too short for it: the model saw
    writing it has no letters for (another script), and what it returned is debris."""
    expected = expected_chars(box)
    return expected >= 4 and len(box.text.replace(" ", "")) < _MIN_DENSITY * expected


def skew_angle(boxes: list[OcrBox]) -> float:
    """The page's skew in radians: the median slope of the boxes' top edges, over boxes
    clearly wider than tall (a short box's slope is mostly noise)."""
    slopes = []
    for b in boxes:
        (x0, y0), (x1, y1) = b.quad[0], b.quad[1]
        height = math.hypot(b.quad[3][0] - x0, b.quad[3][1] - y0)
        if abs(x1 - x0) > 2 * height:
            slopes.append(math.atan2(y1 - y0, x1 - x0))
    return statistics.median(slopes) if slopes else 0.0


def to_lines(boxes: list[OcrBox], page: int, points_per_pixel: float,
             unturn: Callable[[Quad], Quad] | None = None) -> list[Line]:
    """The boxes of one page as layout lines in reading order. Reading order is decided
    on the boxes as given (the page upright); `unturn` maps each word's corners onto the
    page as it is shown before they become points."""
    if not boxes:
        return []
    angle = skew_angle(boxes)
    cos, sin = math.cos(angle), math.sin(angle)

    def upright(x: float, y: float) -> tuple[float, float]:
        # the point in the page's own frame, skew undone
        return x * cos + y * sin, -x * sin + y * cos

    placed = []
    for b in boxes:
        pts = [upright(x, y) for x, y in b.quad]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        placed.append((min(ys), max(ys), min(xs), max(xs), b))
    placed.sort(key=lambda p: ((p[0] + p[1]) / 2, p[2]))

    rows: list[list[tuple[float, float, float, float, OcrBox]]] = []
    for item in placed:
        top, bottom = item[0], item[1]
        mid, h = (top + bottom) / 2, bottom - top
        if rows:
            last = rows[-1]
            r_top, r_bottom = min(p[0] for p in last), max(p[1] for p in last)
            if abs(mid - (r_top + r_bottom) / 2) < max(min(h, r_bottom - r_top), 1.0) * 0.5:
                last.append(item)
                continue
        rows.append([item])

    lines = []
    for row in rows:
        row.sort(key=lambda p: p[2])
        height = max(1.0, statistics.median(p[1] - p[0] for p in row))
        parts: list[str] = []
        words: list[Word] = []
        pos = 0
        for k, (_t, _b, left, _r, box) in enumerate(row):
            if k:
                gap = left - row[k - 1][3]
                sep = "  " + " " * min(8, int(gap / (height * 2))) if gap > _COLUMN_GAP * height else " "
                parts.append(sep)
                pos += len(sep)
            for offset, word in _word_spans(box):
                words.append(Word(pos + offset, pos + offset + len(word.text),
                                  _points(unturn(word.quad) if unturn else word.quad, points_per_pixel),
                                  round(word.confidence, 4)))
            parts.append(box.text)
            pos += len(box.text)
        text = "".join(parts)
        confidence = _mean_confidence([p[4] for p in row])
        box_all = (min(w.box[0] for w in words), min(w.box[1] for w in words),
                   max(w.box[2] for w in words), max(w.box[3] for w in words))
        lines.append(Line(page=page, text=text, box=box_all, words=tuple(words),
                          confidence=confidence))
    return lines


def _word_spans(box: OcrBox) -> list[tuple[int, OcrWord]]:
    """(offset in box.text, word) for each word of the box. The engine's words are used
    when they spell the box's text; otherwise the box is cut at its spaces, each piece
    given its share of the box's width by its length."""
    spans: list[tuple[int, OcrWord]] = []
    if box.words:
        pos = 0
        for w in box.words:
            at = box.text.find(w.text, pos)
            if at < 0 or not w.text:
                spans = []
                break
            spans.append((at, w))
            pos = at + len(w.text)
        if spans:
            return spans
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = box.quad
    n = max(1, len(box.text))
    pos = 0
    for piece in box.text.split(" "):
        if piece:
            a, b = pos / n, (pos + len(piece)) / n

            def along(t: float, top: bool) -> tuple[float, float]:
                if top:
                    return x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
                return x3 + (x2 - x3) * t, y3 + (y2 - y3) * t

            quad = (along(a, True), along(b, True), along(b, False), along(a, False))
            spans.append((pos, OcrWord(piece, box.confidence, quad)))
        pos += len(piece) + 1
    return spans


def _points(quad: Quad, scale: float) -> Box:
    xs, ys = [p[0] for p in quad], [p[1] for p in quad]
    return (round(min(xs) * scale, 2), round(min(ys) * scale, 2),
            round(max(xs) * scale, 2), round(max(ys) * scale, 2))


def _mean_confidence(boxes: list[OcrBox]) -> float:
    """Mean confidence weighted by length: a long line read at 0.6 weighs more than a
    page number read at 0.99."""
    total = sum(max(1, len(b.text)) for b in boxes)
    return round(sum(b.confidence * max(1, len(b.text)) for b in boxes) / total, 4)


def page_confidence(lines: list[Line]) -> float | None:
    """Mean confidence of a page's recognised text, weighted by length (None: no text)."""
    scored = [(line.confidence, len(line.text)) for line in lines if line.confidence is not None]
    total = sum(n for _c, n in scored)
    if not total:
        return None
    return round(sum(c * n for c, n in scored) / total, 4)
