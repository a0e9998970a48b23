"""Step outputs to JSON and back, so a paused run can resume in another process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.engine.document import Document, Line, Word


def encode_line(line: Line) -> list:
    # a recognised (OCR) line and its words carry a confidence as one more element
    if line.confidence is None:
        return [line.page, line.text, list(line.box) if line.box else None,
                [[w.start, w.end, *w.box] for w in line.words]]
    return [line.page, line.text, list(line.box) if line.box else None,
            [[w.start, w.end, *w.box, w.confidence] for w in line.words], line.confidence]


def decode_line(row: list) -> Line:
    page, text, box, words = row[:4]
    return Line(page, text, tuple(box) if box else None,
                tuple(Word(w[0], w[1], tuple(w[2:6]), w[6] if len(w) > 6 else None) for w in words),
                row[4] if len(row) > 4 else None)


def encode(value: Any) -> Any:
    if isinstance(value, Document):
        d: dict[str, Any] = {"path": str(value.path), "kind": value.kind,
                             "pages": list(value.pages), "metadata": value.metadata}
        if value.lines:     # compact rows: a long PDF has tens of thousands of words
            d["lines"] = [encode_line(line) for line in value.lines]
            d["page_sizes"] = [list(s) for s in value.page_sizes]
        if value.recognised:
            d["recognised"] = [list(r) for r in value.recognised]
        if value.source_pages:
            d["source_pages"] = list(value.source_pages)
        return {"__document__": d}
    if isinstance(value, Path):
        return {"__path__": str(value)}
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)


def decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"__document__"}:
            d = value["__document__"]
            return Document(Path(d["path"]), d["kind"], tuple(d["pages"]), dict(d["metadata"]),
                            tuple(decode_line(r) for r in d.get("lines", ())),
                            tuple(tuple(s) for s in d.get("page_sizes", ())),
                            tuple((r[0], r[1]) for r in d.get("recognised", ())),
                            tuple(d.get("source_pages", ())))
        if set(value) == {"__path__"}:
            return Path(value["__path__"])
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value
