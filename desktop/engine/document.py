"""The value a `document` port carries: text per page, metadata, and the layout lines
that let a value be pointed at on its page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

Box = tuple[float, float, float, float]     # x0, top, x1, bottom in points from the page's top left


@dataclass(frozen=True)
class Word:
    start: int                      # character offsets into the line's text
    end: int
    box: Box
    confidence: float | None = None     # 0..1 for recognised (OCR) words, None for a text layer


@dataclass(frozen=True)
class Line:
    """One visual line of a page, in reading order. Words far apart on the line are
    separated by at least two spaces, so a label and its value stay on one line but a
    column gap can still be told from a space."""
    page: int                       # 0-based
    text: str
    box: Box | None = None          # None when the reader knows no positions (plain text)
    words: tuple[Word, ...] = ()
    confidence: float | None = None # 0..1 when the line was recognised by OCR

    def span_box(self, start: int, end: int) -> Box | None:
        """The box around text[start:end]: the words it overlaps, a word it covers only
        in part cut to that part by its share of the word's characters (OCR can run
        "No.2026-0417" together; the number alone is what is pointed at)."""
        boxes = []
        for w in self.words:
            if not (w.start < end and w.end > start):
                continue
            x0, top, x1, bottom = w.box
            n = max(1, w.end - w.start)
            a, b = max(start, w.start) - w.start, min(end, w.end) - w.start
            boxes.append((x0 + (x1 - x0) * a / n, top, x0 + (x1 - x0) * b / n, bottom))
        if not boxes:
            return self.box
        return (min(b[0] for b in boxes), min(b[1] for b in boxes),
                max(b[2] for b in boxes), max(b[3] for b in boxes))


@dataclass(frozen=True)
class Document:
    path: Path
    kind: str                      # "pdf", "text", ...
    pages: tuple[str, ...]         # text per page (one page for plain text)
    metadata: dict[str, str] = field(default_factory=dict)
    # Layout-aware lines (all pages, in order); empty when the reader kept none, in
    # which case `layout_lines()` derives them from the page text.
    lines: tuple[Line, ...] = ()
    page_sizes: tuple[tuple[float, float], ...] = ()    # (width, height) in points, per page
    # Pages whose text was recognised by OCR: (index into `pages`, mean confidence 0..1,
    # or None when OCR found no text on it).
    recognised: tuple[tuple[int, float | None], ...] = ()
    # the page (or image frame) of the file each of `pages` is, 0-based; empty: the same
    # numbering (a PDF read with `pages: '2, 5'` has (1, 4))
    source_pages: tuple[int, ...] = ()

    def source_page(self, index: int) -> int:
        return self.source_pages[index] if index < len(self.source_pages) else index

    @property
    def text(self) -> str:
        return "\n\n".join(self.pages)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def stem(self) -> str:
        return self.path.stem

    def layout_lines(self) -> tuple[Line, ...]:
        """The layout lines, or the page text's own lines when there are none."""
        if self.lines:
            return self.lines
        return tuple(Line(page=i, text=t) for i, page in enumerate(self.pages)
                     for t in page.split("\n") if t.strip())


def text_lines(text: str) -> tuple[Line, ...]:
    """Plain text as layout lines without positions (page breaks are form feeds)."""
    return tuple(Line(page=i, text=t) for i, page in enumerate(text.split("\f"))
                 for t in page.split("\n") if t.strip())
