"""The label next to a value: on its left in the same line, else over or under it
(by word boxes when the lines have them, else by character columns), kept short and
lower-cased; and the vocabulary of identifier labels (Invoice No., Rechnungsnummer,
N° facture, Nº factura, ...)."""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from desktop.engine.document import Line
from desktop.extract import numbers

_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]+")
_SEGMENT = re.compile(r"\S+(?:[ \u00a0\u202f]\S+)*")
_LABEL_WORDS = 6
_LABEL_CHARS = 50
ABOVE_LINES = 8           # how far up a label is looked for past rows of values
_CAPTION_WORDS = 8        # a label over or under a value is a caption, not a sentence

_NOUN_ALONE = (
    r"invoice|rechnung|facture|factuur|factura|order|bestellung|commande|pedido|bestelling|"
    r"receipt|beleg|bon|quittung|kassenbon|reçu|recu|recibo|kassabon|ticket|po|p\.o\.|"
    r"purchase order|reference|ref|referenz|référence|referentie|referencia|kenmerk|auftrag|"
    r"lieferschein|contract|vertrag|booking|buchung|reservation|reservierung|policy|police|"
    r"polis|póliza|poliza|aktenzeichen|vorgang|gutschrift|credit note|avoir|creditnota|angebot|"
    r"devis|offerte|presupuesto|quote|quotation|albarán|albaran|pakbon")
_NOUN_NUM = _NOUN_ALONE + (
    r"|rechnungs|rg|re|fact|inv|bestell|best|auftrags|cde|cmd|bestel|customer|cust|client|kunde|"
    r"kunden|kd|klant|cliente|document|doc|dokument|documento|delivery|liefer|lief|livraison|"
    r"levering|vertrags|contrat|contrato|account|acct|konto|compte|rekening|cuenta|transaction|"
    r"transaktion|tax|steuer|vat|tva|btw|iva|mwst|ust|ust-id|member|mitglieds|case|serial|serie|"
    r"tracking|sendungs|shipment|item|artikel|article|artículo|beleg")
_NUM_WORD = r"no|nr|num|núm|number|nummer|numéro|numero|número|n°|nº|n\.º|n\.°|no°|#|id|nb|ident"
ID_LABEL = re.compile(
    r"(?:^|(?<=[\s(/,;\-]))(?:"
    rf"(?:{_NOUN_NUM})s?[\s.\-]*(?:{_NUM_WORD})\.?"
    rf"|(?:{_NUM_WORD})\.?\s*(?:(?:de|du|d'|del|van|of)\s*(?:la\s+|le\s+|l')?)?(?:{_NOUN_NUM})"
    rf"|(?:{_NOUN_ALONE})|(?:{_NUM_WORD})|\w*nummer|\w*nr"
    # 'Nº fact. simplificada', 'Facture simplifiée n°': the simplified invoice of a till
    r")(?:\.?\s+(?:simplificada|simplifiée|simplifiee|rectificativa|rectificative|corrigée))?"
    r"[\s:.#°º\-]*$")
ID_WORD_SET = {w for w in re.split(r"[|\\. ]+", _NOUN_NUM + "|" + _NUM_WORD) if w.isalpha()} - {"o", "p"}


def id_words(text: str) -> bool:
    """Whether a line may hold an identifier's label (a cheap test before the labels)."""
    if "#" in text or "°" in text or "º" in text:
        return True
    return any(w in ID_WORD_SET or w.endswith(("nummer", "nr"))
               for w in _WORD.findall(text.lower()))


def is_value_token(tok: str) -> bool:
    """A token that is a value rather than label text (a percentage is label text)."""
    return bool(_DIGIT.search(tok)) and "%" not in tok


def nearest(text: str) -> str:
    """The part of a label text nearest the value: after the last value in it, at most
    six words and fifty characters, lower-cased and whitespace collapsed."""
    toks = text.split()
    for k in range(len(toks) - 1, -1, -1):
        if is_value_token(toks[k]) and not (k + 1 < len(toks) and toks[k + 1].startswith("%")):
            toks = toks[k + 1:]
            break
    while toks and numbers.currency_code(toks[0]):
        toks = toks[1:]             # '56,02 € pour ...': the € belongs to the value before
    label = " ".join(toks[-_LABEL_WORDS:]).lower()
    while len(label) > _LABEL_CHARS and " " in label:
        label = label.split(" ", 1)[1]
    return label[-_LABEL_CHARS:]


def labelish(label: str) -> bool:
    """Text that can label a value: mostly letters (or an identifier label such as 'n°'),
    not a currency."""
    if not label:
        return False
    if ID_LABEL.search(label):
        return True
    if numbers.currency_code(label):
        return False
    letters = sum(c.isalpha() for c in label)
    return letters >= 2 and letters * 3 >= sum(not c.isspace() for c in label)


class Layout:
    """Segments of lines and the lines above and below a value, computed on demand."""

    def __init__(self, lines: Sequence[Line]):
        self.lines = lines
        self._segments: dict[int, list[tuple[int, int]]] = {}
        self._pages: dict[int, list[int]] | None = None

    def segments(self, i: int) -> list[tuple[int, int]]:
        segs = self._segments.get(i)
        if segs is None:
            segs = [m.span() for m in _SEGMENT.finditer(self.lines[i].text)]
            self._segments[i] = segs
        return segs

    def page_lines(self, page: int) -> list[int]:
        if self._pages is None:
            self._pages = {}
            for k, line in enumerate(self.lines):
                if line.box is not None:
                    self._pages.setdefault(line.page, []).append(k)
        return self._pages.get(page, [])

    def labels(self, i: int, s: int, e: int) -> Iterator[tuple[str, str]]:
        """The label texts for the value at lines[i].text[s:e], best first: at most one
        on the left, then one above, then one below. None when the value follows another
        in its segment with no label text between them."""
        text = self.lines[i].text
        segs = self.segments(i)
        k = next((n for n, (a, b) in enumerate(segs) if a <= s < b), None)
        if k is not None:
            before = text[segs[k][0]:s]
            label = nearest(before)
            if labelish(label):
                yield label, "left"
                return
            if any(is_value_token(t) for t in before.split()):
                return      # 'GB 123 4567 89', '2 x 15,00': one of a run of values, no label
            for a, b in reversed(segs[:k]):
                piece = text[a:b]
                if numbers.currency_code(piece):
                    continue                  # 'Total   EUR   12,50': the currency is no label
                label = nearest(piece)
                if labelish(label):
                    yield label, "left"
                    return
                break
        label = self._vertical(i, s, e, -1)
        if label:
            yield label, "above"
        label = self._vertical(i, s, e, +1)
        if label:
            yield label, "below"

    def vertical_labels(self, i: int, s: int, e: int) -> list[tuple[str, str]]:
        """The labels over and under the value, even when it has one on its left (a row of
        cells under a row of column headings has both), the nearer one first."""
        found = [(gap, label, where) for (label, gap), where in
                 ((self._vertical_at(i, s, e, -1), "above"), (self._vertical_at(i, s, e, +1), "below"))
                 if label]
        return [(label, where) for _, label, where in sorted(found, key=lambda t: t[0])]

    def label(self, i: int, s: int, e: int) -> tuple[str, str]:
        return next(self.labels(i, s, e), ("", ""))

    def _vertical(self, i: int, s: int, e: int, direction: int) -> str:
        return self._vertical_at(i, s, e, direction)[0]

    def _vertical_at(self, i: int, s: int, e: int, direction: int) -> tuple[str, float]:
        """The label over (direction -1) or under (+1) the value, and how far away it is
        (points with positions, else lines)."""
        line = self.lines[i]
        steps = ABOVE_LINES if direction < 0 else 1
        vbox = line.span_box(s, e) if line.box is not None else None
        # the value begins its line: the line above may be a sentence running on into it
        wraps = direction < 0 and all(numbers.currency_code(t) for t in line.text[:s].split())
        if vbox is not None:
            top, bottom = vbox[1], vbox[3]
            near = []
            for j in self.page_lines(line.page):
                box = self.lines[j].box
                if j == i or box[0] >= vbox[2] or box[2] <= vbox[0]:
                    continue
                mid = (box[1] + box[3]) / 2
                if (direction < 0 and mid < top) or (direction > 0 and mid > bottom):
                    near.append((-mid if direction < 0 else mid, j))
            near.sort()
            for k, (_, j) in enumerate(near[:steps]):
                label, values_only = self._segment_label(j, s, e, vbox, wraps=wraps and k == 0)
                if labelish(label):
                    box = self.lines[j].box
                    return label, (top - box[3]) if direction < 0 else (box[1] - bottom)
                if not values_only:
                    break
            return "", 0.0
        j = i + direction
        for step in range(steps):
            if not 0 <= j < len(self.lines) or self.lines[j].page != line.page:
                break
            label, values_only = self._segment_label(j, s, e, None, adjacent=step == 0,
                                                     wraps=wraps and step == 0)
            if labelish(label):
                return label, float(step + 1)
            if not values_only:
                break
            j += direction
        return "", 0.0

    def _segment_label(self, j: int, s: int, e: int, vbox,
                       adjacent: bool = True, wraps: bool = False) -> tuple[str, bool]:
        """The label text in line j over (or under) the value: the segment overlapping it,
        by box when both have word boxes, else by character column; on the adjacent line
        of plain text the nearest segment when none overlaps. And whether that segment
        holds values only (a table row, so the search may go on past it)."""
        other = self.lines[j]
        segs = self.segments(j)
        if not segs:
            return "", False
        best = None
        if vbox is not None and other.words:
            overlap = []
            for a, b in segs:
                sb = other.span_box(a, b)
                overlap.append((min(sb[2], vbox[2]) - max(sb[0], vbox[0]), (a, b)))
            width, seg = max(overlap)
            best = seg if width > 0 else None
            if best is None:
                return "", True
        if best is None:        # by character columns, as plain text lays them out
            best = max(segs, key=lambda ab: (min(ab[1], e) - max(ab[0], s),
                                              -abs((ab[0] + ab[1]) - (s + e))))
            if not adjacent and min(best[1], e) <= max(best[0], s):
                return "", False
        piece = other.text[best[0]:best[1]]
        words = piece.split()
        if len(words) > _CAPTION_WORDS and not wraps:
            # a sentence over or under a value is no caption of it, unless it runs on
            # into the value ('... ergibt einen Rechnungsbetrag von' / 'CHF 2'037.21.')
            return "", False
        values_only = all(is_value_token(t) or numbers.currency_code(t) for t in words)
        return nearest(piece), values_only
