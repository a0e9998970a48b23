"""Candidates for a name field (the vendor, the customer): the parts of lines that
look like an organisation's name, with the label beside or above them.

A name is a free string, but on a business document it is printed somewhere: in the
letterhead, after "From:" or "Issued by", in the footer. So its candidates are spans
too, and the model chooses among them like it chooses among amounts.
"""

from __future__ import annotations

import re
from typing import Sequence

from desktop.engine.document import Line
from desktop.extract.candidates import Candidate

LEGAL_FORM = re.compile(
    r"(?<![\w])(ltd|limited|plc|llc|llp|inc|corp|corporation|company|co|gmbh|mbh|ag|kg|ohg|ug|"
    r"e\.\s?k|e\.v|bv|b\.v|nv|n\.v|vof|cv|sarl|s\.a\.r\.l|sas|sasu|eurl|sa|s\.a|sl|s\.l|slu|"
    r"s\.l\.u|sau|s\.a\.u|srl|s\.r\.l|spa|s\.p\.a|oy|ab|as|aps|bvba|scs|sprl|gbr)\.?(?![\w])",
    re.IGNORECASE)
_SPLIT = re.compile(r"\s{2,}|\s[·|•–—]\s")
_LABEL = re.compile(r"^(?P<label>[^:]{1,40}):\s*(?P<rest>.+)$")
_NOT_NAME = re.compile(r"@|www\.|https?:|^\W*$|\d{3,}.*\d{3,}", re.IGNORECASE)
_HEAD_LINES = 12
_FOOT_LINES = 6
_MAX_CHARS = 70


def name_candidates(lines: Sequence[Line], max_candidates: int = 60) -> list[Candidate]:
    """Name-like spans of the first lines of the first page, the last lines of every
    page, and any line with a "label: value" shape."""
    chosen = _interesting_lines(lines)
    out: list[Candidate] = []
    seen: set[tuple[int, int, int]] = set()
    for i in chosen:
        line = lines[i]
        for start, end, label in _segments(line.text):
            for s, e in _name_spans(line.text, start, end):
                if (i, s, e) in seen:
                    continue
                seen.add((i, s, e))
                where = "left" if label else ""
                if not label:
                    label = _label_above(lines, i, s, e)
                    where = "above" if label else ""
                text = line.text[s:e]
                out.append(Candidate(kind="name", value=text, text=text, line=i, start=s, end=e,
                                     label=" ".join(label.lower().split()), label_where=where))
                if len(out) >= max_candidates:
                    return out
    return out


_ADDRESS = re.compile(
    r"\d|(?<![\w])(street|st|road|rd|lane|ln|avenue|ave|way|drive|square|place|str|strasse|"
    r"straße|gasse|weg|platz|allee|ring|damm|ufer|rue|chemin|avenue|boulevard|bd|quai|place|"
    r"impasse|allee|straat|laan|plein|gracht|kade|singel|dreef|calle|avenida|paseo|plaza|"
    r"carrer|camino|ronda|travesia|postfach|po box|bp|apartado)(?![\w])", re.IGNORECASE)


def looks_like_address(text: str) -> bool:
    """A street or a postcode: the words of an address, or a house number."""
    if _ADDRESS.search(text) is None:
        return False
    # "Acme Ltd., 12 High Street": a name followed by its address is an address too
    return not has_legal_form(text) or re.search(r",\s*\d", text) is not None


def has_legal_form(text: str) -> bool:
    return LEGAL_FORM.search(text) is not None


def _interesting_lines(lines: Sequence[Line]) -> list[int]:
    by_page: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        by_page.setdefault(line.page, []).append(i)
    picked: list[int] = []
    for page, idx in sorted(by_page.items()):
        head = idx[:_HEAD_LINES] if page == min(by_page) else []
        picked.extend(head + idx[-_FOOT_LINES:])
    picked.extend(i for i, line in enumerate(lines) if ":" in line.text or has_legal_form(line.text))
    return sorted(set(picked))


def _segments(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of each part of the line between wide gaps; a "label:" at the
    start of a part is taken off it."""
    out = []
    pos = 0
    for m in list(_SPLIT.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        part = text[pos:end]
        if part.strip():
            start = pos + len(part) - len(part.lstrip())
            stop = pos + len(part.rstrip())
            label = ""
            lm = _LABEL.match(text[start:stop])
            if lm:
                label = lm.group("label")
                start += lm.start("rest")
            out.append((start, stop, label))
        pos = m.end() if m else len(text)
    return out


def _name_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The part itself, and its beginning up to a comma that starts an address."""
    part = text[start:end]
    spans = []
    cut = re.search(r",\s*(?=\d|[A-Z][a-z]+\s\d)", part)
    if cut:
        spans.append((start, start + cut.start()))
    spans.append((start, end))
    # a name ends at its last letter or digit: "Ltd.," -> "Ltd"
    spans = [(s, s + len(text[s:e].rstrip(" ,.;:-–"))) for s, e in spans]
    return [(s, e) for s, e in spans if _plausible(text[s:e])]


def _plausible(text: str) -> bool:
    t = text.strip(" ,.;")
    if not (2 <= len(t) <= _MAX_CHARS) or _NOT_NAME.search(t):
        return False
    letters = sum(c.isalpha() for c in t)
    digits = sum(c.isdigit() for c in t)
    return letters >= 3 and digits <= letters / 4


def _label_above(lines: Sequence[Line], i: int, start: int, end: int) -> str:
    """The short line just above on the same page, over the span when positions are known."""
    if i == 0 or lines[i - 1].page != lines[i].page:
        return ""
    above = lines[i - 1]
    box = lines[i].span_box(start, end)
    if box is not None and above.box is not None:
        parts = [above.text[w.start:w.end] for w in above.words
                 if w.box[2] > box[0] and w.box[0] < box[2]]
        text = " ".join(parts)
    else:
        text = above.text
    text = text.strip()
    return text if 0 < len(text) <= 40 and not has_legal_form(text) else ""
