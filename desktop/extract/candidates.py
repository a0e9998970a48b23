"""Candidate values for grounded extraction: every amount, date, identifier, e-mail
address, IBAN and VAT id that deterministic parsers find in a document's layout lines,
each an exact span of one line with the label next to it. For typed fields the model
only chooses among these, so a number, date or identifier it returns is always text of
the document.

Per line the finders run from the most specific to the least: e-mail addresses, URLs,
IBANs and VAT ids first, then dates, then the look-alikes that are no amount (phone
numbers, times, percentages, page numbers, postcodes, street numbers, pieces of
identifiers) are set aside, and what is left is read as numbers. Identifiers are the
tokens with a digit whose label says they are one (invoice no., Kundennummer, ...)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from desktop.engine.document import Line
from desktop.extract import numbers
from desktop.extract.codes import EMAIL, IBAN, URL, VAT, iban_span, iban_valid
from desktop.extract.dates import date_order, find_dates, month_year_spans, order_for
from desktop.extract.labels import ABOVE_LINES, ID_LABEL, Layout, id_words
from desktop.extract.language import language
from desktop.extract.lookalikes import (PHONE, PHONE_LABELLED, PHONE_WORD_SET, TIME, mask,
                                        not_amounts, overlaps)

__all__ = ["KINDS", "Candidate", "find_candidates", "date_order", "language", "iban_valid"]

KINDS = ("amount", "date", "identifier", "email", "iban", "vat")


@dataclass(frozen=True)
class Candidate:
    kind: str              # "amount" | "date" | "identifier" | "email" | "iban" | "vat"
    value: str | float     # amount -> float (cents); date -> "YYYY-MM-DD"; iban, vat -> upper
                           # case without spaces (vat without dots either); email -> domain
                           # lower-cased; identifier -> as written
    text: str              # exactly lines[line].text[start:end]
    line: int              # index into the lines passed in
    start: int
    end: int
    label: str             # the label next to the value, lower-cased ('' if none)
    label_where: str       # "left", "above", "below" or ""
    currency: str | None = None   # ISO 4217 code of an amount
    ambiguous: bool = False       # a date whose day/month order could not be settled


# --- the finder ----------------------------------------------------------------------------

ID_TOKEN = re.compile(r"(?<![\w/.-])(?<!\d,)[A-Za-z0-9](?:[A-Za-z0-9_./-]*[A-Za-z0-9])?(?!\w|,\d)")
_ID_PREFIX = re.compile(r"(?i)(?:nr|no|n)\.(?=\d)")
_MAX_ID_LEN = 40

_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]+")


def _id_label(layout: Layout, i: int, s: int, e: int) -> tuple[str, str] | None:
    # a label on the left ends the search, so 'Date: 12345' under 'Invoice No.' is none
    for label, where in layout.labels(i, s, e):
        if ID_LABEL.search(label):
            return label, where
    # a row of cells under a row of headings: 'Stadtwerke Hohenmoor   RE-2024-26588' under
    # 'Rechnungsempfänger   Rechnung Nr.'; only for a value that is a cell of its own
    if not any(a == s for a, _ in layout.segments(i)):
        return None
    for label, where in layout.vertical_labels(i, s, e):
        if len(label.split()) <= 3 and ID_LABEL.search(label):     # a heading, not a sentence
            return label, where
    return None


def find_candidates(lines: Sequence[Line], kinds: Iterable[str] | None = None, *,
                    max_per_kind: int = 300) -> list[Candidate]:
    """Every candidate of the given kinds (all when None), at most `max_per_kind` of each
    (the first in document order), sorted by line and position."""
    wanted = KINDS if kinds is None else tuple(dict.fromkeys(kinds))
    unknown = [k for k in wanted if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown candidate kinds: {', '.join(unknown)}")
    return _Finder(lines, wanted, max_per_kind).run()


class _Finder:
    def __init__(self, lines: Sequence[Line], wanted: tuple[str, ...], cap: int):
        self.lines = lines
        self.wanted = wanted
        self.cap = cap
        self.layout = Layout(lines)
        self.lang = language(lines)
        self.order = order_for(lines, self.lang) if "date" in wanted else None
        self.out: dict[str, list[Candidate]] = {k: [] for k in wanted}
        self.pending: list[numbers.Number] = []
        self.votes = {",": 0, ".": 0}
        self.id_near: list[bool] = []
        if "identifier" in wanted:
            flags = [id_words(line.text) for line in lines]
            pages = {line.page for line, f in zip(lines, flags) if f and line.box is not None}
            for i, line in enumerate(lines):
                self.id_near.append(line.page in pages if line.box is not None else
                                    any(flags[max(0, i - ABOVE_LINES):i + 2]))

    def run(self) -> list[Candidate]:
        n, i = len(self.lines), 0
        others = [k for k in self.wanted if k != "amount"]
        # once every other kind is full, numbers are read only as far as the amounts need
        enough = 2 * self.cap + 20 if "amount" in self.wanted else 0
        while i < n:
            self.scan(i)
            i += 1
            if all(len(self.out[k]) >= self.cap for k in others) and len(self.pending) >= enough:
                break
        if "amount" in self.wanted:
            if self.votes[","] != self.votes["."]:
                comma = self.votes[","] > self.votes["."]
            else:
                comma = {"de": True, "fr": True, "nl": True, "es": True, "en": False}.get(self.lang)
            self.amounts(comma)
            while i < n and len(self.out["amount"]) < self.cap:
                self.scan(i)
                i += 1
                self.amounts(comma)
        result = [c for k in self.wanted for c in self.out[k]]
        result.sort(key=lambda c: (c.line, c.start, KINDS.index(c.kind)))
        return result

    def emit(self, kind: str, i: int, s: int, e: int, value, *, label: tuple[str, str] | None = None,
             currency: str | None = None, ambiguous: bool = False) -> None:
        bucket = self.out.get(kind)
        if bucket is None or len(bucket) >= self.cap:
            return
        if label is None:
            label = self.layout.label(i, s, e)
        bucket.append(Candidate(kind, value, self.lines[i].text[s:e], i, s, e, label[0], label[1],
                                currency, ambiguous))

    def amounts(self, comma: bool | None) -> None:
        """Reads the numbers found so far, now that the decimal separator is settled."""
        for num in self.pending:
            if len(self.out["amount"]) >= self.cap:
                break
            text = self.lines[num.line].text
            value = numbers.parse(text[num.digits:num.end], comma)[0]
            value = round(-value if num.negative else value, 2)
            label = self.layout.label(num.line, num.ext_start, num.ext_end)
            if label[1] == "left" and not num.attached and ID_LABEL.search(label[0]) and \
                    not num.negative and text[num.digits:num.end].isdigit():
                continue                    # 'Kundennummer: 12345' is an identifier only
            self.emit("amount", num.line, num.start, num.end, value, label=label,
                      currency=num.currency)
        self.pending = []

    def scan(self, i: int) -> None:
        """Finds the candidates of line i (amounts only as numbers still to be read)."""
        text = self.lines[i].text
        has_digit = bool(_DIGIT.search(text))
        if not has_digit and "@" not in text:
            return
        found: list[tuple] = []             # (start, kind, end, value, extra)
        hard: list[tuple[int, int]] = []    # e-mail, URL, IBAN, phone: never an identifier
        claims: list[tuple[int, int]] = []  # and dates, VAT ids, times: never an amount
        if "@" in text:
            for m in EMAIL.finditer(text):
                hard.append(m.span())
                local, domain = m.group().rsplit("@", 1)
                found.append((m.start(), "email", m.end(), f"{local}@{domain.lower()}", {}))
        if has_digit:
            hard += [m.span() for m in URL.finditer(text)]
            shapes = []                     # IBAN-shaped but invalid: no amounts either
            for m in IBAN.finditer(text):
                if overlaps(*m.span(), hard):
                    continue
                span = iban_span(text, m)
                if span:
                    hard.append(m.span())
                    found.append((span[0], "iban", span[1],
                                  re.sub(r"\s", "", text[span[0]:span[1]]), {}))
                else:
                    shapes.append(m.span())
            claims += hard
            for m in VAT.finditer(text):
                if not overlaps(*m.span(), claims):
                    claims.append(m.span())
                    found.append((m.start(), "vat", m.end(), re.sub(r"[\s.\-]", "", m.group()), {}))
            claims += [sp for sp in shapes if not overlaps(*sp, claims)]
            masked = mask(text, claims)
            dates = find_dates(masked, self.order)
            for d in dates:
                claims.append((d.start, d.end))
                found.append((d.start, "date", d.end, d.value, {"ambiguous": d.ambiguous}))
            claims += month_year_spans(masked)
            masked = mask(text, claims)
            low = text.lower()
            words = set(_WORD.findall(low))
            phones = list(PHONE.finditer(masked))
            if words & PHONE_WORD_SET:
                phones += PHONE_LABELLED.finditer(masked)
            for m in phones:
                key = next(g for g in ("num", "intl", "area", "us") if g in m.re.groupindex and m[g])
                if sum(c.isdigit() for c in m[key]) >= (5 if key == "num" else 7):
                    hard.append(m.span(key))
                    claims.append(m.span(key))
            times = [m.span() for m in TIME.finditer(masked)]
            claims += times
            if "identifier" in self.wanted and self.id_near[i] and len(self.out["identifier"]) < self.cap:
                spans = [(f[0], f[2]) for f in found if f[1] == "date"]
                found += self.identifiers(i, mask(text, hard + times), spans)
            if "amount" in self.wanted:
                masked = mask(text, claims)
                masked = mask(masked, not_amounts(masked, self.layout.segments(i), low, words))
                self.pending += numbers.find_numbers(masked, i, numbers.line_currency(text), self.votes)
        found.sort(key=lambda f: (f[0], KINDS.index(f[1])))
        for s, kind, e, value, extra in found:
            self.emit(kind, i, s, e, value, label=extra.get("label"),
                      ambiguous=extra.get("ambiguous", False))

    def identifiers(self, i: int, masked: str, spans: list[tuple[int, int]]) -> list[tuple]:
        """The tokens with a digit whose label is an identifier's; none that is a piece of
        one of the dates at `spans`, though a whole date may be one."""
        found = []
        for m in ID_TOKEN.finditer(masked):
            s, e = m.span()
            p = _ID_PREFIX.match(masked, s)
            if p:
                s = p.end()             # 'Nr.12345'
            token = masked[s:e]
            if not _DIGIT.search(token) or len(token) > _MAX_ID_LEN:
                continue
            if any(s < de and e > ds and not (s <= ds and e >= de) for ds, de in spans):
                continue                # '2024' of 'Mar 5, 2024' is no identifier
            label = _id_label(self.layout, i, s, e)
            if label:
                found.append((s, "identifier", e, token, {"label": label}))
        return found
