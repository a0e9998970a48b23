"""Layout-aware reading of PDF pages with pdfium: words with their boxes, grouped into
visual lines in reading order.

pypdf's plain text keeps the content stream's order, which on many invoices puts a
label and its value far apart ("Total" ... twenty lines later "214.08"). Here a line is
what the eye sees: the words whose vertical extents overlap, left to right. Words
separated by more than a wide gap (a column or a tab stop) are joined with at least two
spaces, so "Invoice No.:  2026-0417" keeps its label beside its value while a column
gap can still be told from a space.
"""

from __future__ import annotations

from typing import Any, Callable

from desktop.engine.document import Box, Line, Word

# a gap wider than this many times the line's height is a column gap (two spaces or more)
_COLUMN_GAP = 1.2
# pdfium puts a space between words itself; a gap wider than this many times the
# character height still separates words it ran together
_WORD_GAP = 0.6


def page_lines(page: Any, index: int) -> tuple[list[Line], tuple[float, float]]:
    """The visual lines of one pdfium page (a `pypdfium2.PdfPage`), and its size."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        words = _words(textpage, height)
    finally:
        textpage.close()
    return _lines(words, index), (width, height)


def _words(textpage: Any, height: float) -> list[tuple[str, Box]]:
    """(text, box) of each word, in the content stream's order. Boxes have their origin
    at the page's top left."""
    n = textpage.count_chars()
    if n <= 0:
        return []
    text = textpage.get_text_range(0, n, errors="replace")
    char_at: Callable[[int], str]
    if len(text) == n:
        char_at = text.__getitem__
    else:       # surrogate pairs or generated characters: ask character by character
        import pypdfium2.raw as raw

        char_at = lambda i: chr(raw.FPDFText_GetUnicode(textpage.raw, i) or 32)  # noqa: E731
    words: list[tuple[str, Box]] = []
    chars: list[str] = []
    box: list[float] = []

    def flush() -> None:
        if chars:
            words.append(("".join(chars), (box[0], box[1], box[2], box[3])))
            chars.clear()

    for i in range(n):
        ch = char_at(i)
        if ch.isspace() or ch == "\x00" or ch == "\ufffe":
            flush()
            continue
        # loose boxes span the font's full height, so a comma sits on its word's row
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        if right <= left and top <= bottom:      # a generated character without a glyph
            flush()
            continue
        b = (left, height - top, right, height - bottom)
        if chars:
            h = max(box[3] - box[1], b[3] - b[1], 1.0)
            same_row = abs((box[1] + box[3]) / 2 - (b[1] + b[3]) / 2) < h / 2
            gap = b[0] - box[2]
            if not same_row or gap > _WORD_GAP * h or gap < -h:
                flush()
        if chars:
            box = [min(box[0], b[0]), min(box[1], b[1]), max(box[2], b[2]), max(box[3], b[3])]
        else:
            box = list(b)
        chars.append(ch)
    flush()
    return words


def _lines(words: list[tuple[str, Box]], page: int) -> list[Line]:
    """Words grouped into rows by vertical overlap, each row read left to right."""
    rows: list[list[tuple[str, Box]]] = []
    for word in sorted(words, key=lambda w: ((w[1][1] + w[1][3]) / 2, w[1][0])):
        _, b = word
        mid, h = (b[1] + b[3]) / 2, b[3] - b[1]
        if rows:
            last = rows[-1]
            top = min(w[1][1] for w in last)
            bottom = max(w[1][3] for w in last)
            row_mid, row_h = (top + bottom) / 2, bottom - top
            if abs(mid - row_mid) < max(min(h, row_h), 1.0) * 0.5:
                last.append(word)
                continue
        rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w[1][0])
        height = max(1.0, sorted(w[1][3] - w[1][1] for w in row)[len(row) // 2])
        parts: list[str] = []
        spans: list[Word] = []
        pos = 0
        for k, (text, b) in enumerate(row):
            if k:
                gap = b[0] - row[k - 1][1][2]
                sep = "  " + " " * min(8, int(gap / (height * 2))) if gap > _COLUMN_GAP * height else " "
                parts.append(sep)
                pos += len(sep)
            parts.append(text)
            spans.append(Word(pos, pos + len(text), b))
            pos += len(text)
        box = (min(w.box[0] for w in spans), min(w.box[1] for w in spans),
               max(w.box[2] for w in spans), max(w.box[3] for w in spans))
        lines.append(Line(page=page, text="".join(parts), box=box, words=tuple(spans)))
    return lines
