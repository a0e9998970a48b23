"""Spans whose digits are no amount: phone numbers, times, percentages, page numbers,
postcodes before a city, street numbers, masked card numbers, the year of a period and
the pieces of identifiers (INV-2024-0417 holds no 2024)."""

from __future__ import annotations

import re
from typing import Iterable

from desktop.extract import numbers

_DIGIT = re.compile(r"\d")

_NUMPART = r"\d(?:(?: ?[./()\-]{1,2} ?| )?\d)*"
_PHONE_WORDS = (r"tel|tél|telefon|telefonnummer|rufnummer|telephone|téléphone|telefoon|teléfono|"
                r"telefono|phone|fax|telefax|faxnummer|mobile|mobil|handy|gsm|móvil|movil|"
                r"portable|cell|mob")
PHONE_LABELLED = re.compile(
    rf"(?i)(?<![^\W\d_])(?:{_PHONE_WORDS})(?![^\W\d_])\.?(?:\s?[-.]?\s?(?:nr|no|n°|number)\.?)?"
    rf"\s?[:.]?\s?(?P<num>[+(]?{_NUMPART})")
PHONE_WORD_SET = set(_PHONE_WORDS.split("|"))
PHONE = re.compile(
    rf"(?<![\w+])(?P<intl>\+\d{{1,3}}(?:(?: ?[./()\-]{{1,2}} ?| )?\d)+)"
    rf"|(?<![\w)])(?P<area>\(\d{{2,5}}\) ?{_NUMPART})"
    r"|(?<![\w.,/-])(?P<us>\d{3}[-.]\d{3}[-.]\d{4})(?![\w]|[.,/-]\d)")
TIME = re.compile(r"(?i)(?<![\w:.,])\d{1,2}(?::\d{2}(?::\d{2})?(?:\s?(?:[ap]\.?m\.?|uhr|h)(?![^\W\d_]))?"
                  r"|h\d{2}|\.\d{2}\s?(?:uhr|h)(?![^\W\d_])|\s?[ap]\.?m\.?(?![^\W\d_]))(?![\d:])")
PERCENT = re.compile(r"(?i)(?<![\w.,])[-+]?\d(?:[.,'\u00a0\u202f ]?\d)*\s?"
                     r"(?:%|‰|(?:prozent|percent|per cent|pour cent|procent|por ciento)(?![^\W\d_]))")
PAGE = re.compile(r"(?i)(?<!\w)(?:page|seite|pagina|página|blatt|pág|pag)\.?\s*\d+"
                  r"(?:\s*(?:of|von|de|van|sur|di|/)\s*\d+)?(?!\w)")
POSTCODE = re.compile(r"(?<![\w.,'’/-])(?P<cc>[A-Z]{1,2}-)?(?P<code>\d{4} ?[A-Z]{2}|\d{4,5})[ \u00a0]+"
                      r"(?=(?P<city>[A-ZÄÖÜÉÈÀÂÎÔÛÇÑÁÍÓÚ][^\W\d_]{2,}))")
US_ZIP = re.compile(r"(?<=, )[A-Z]{2} \d{5}(?:-\d{4})?(?!\d)")
_STREET_SUFFIXES = ("straße", "strasse", "str", "weg", "gasse", "platz", "allee", "damm", "ring",
                    "straat", "laan", "plein", "kade", "gracht", "singel", "dijk", "street", "road",
                    "avenue", "lane", "drive")
STREET_WORD_NUMBER = re.compile(r"(?<![^\W\d_])(?P<word>[^\W\d_]+)\.?\s+\d{1,4}(?:\s?[a-z])?"
                                r"(?![\w,.]\d|\w)")
_STREET_BEFORE_WORDS = {"rue", "avenue", "av", "boulevard", "bd", "place", "chemin", "allée",
                        "impasse", "quai", "route", "calle", "avenida", "avda", "plaza", "paseo", "c"}
STREET_NUMBER_WORD = re.compile(
    r"(?i)(?<![\w.,])\d{1,5}[a-z]?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|chemin|allée|impasse|"
    r"quai|route)(?![^\W\d_])"
    r"|(?:calle|c/|avenida|avda\.|plaza|paseo)\s+[^\d,]{2,40}?,?\s*\d{1,4}(?!\d)")
STREET_EN = re.compile(r"(?<![\w.,])\d{1,5}[A-Za-z]?\s+(?:[A-Z][\w'’-]*\.?\s+){1,3}"
                       r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|"
                       r"Court|Ct|Place|Pl|Square|Sq|Terrace|Close|Crescent)(?![^\W\d_])")
_PAGE_WORDS = {"page", "seite", "pagina", "página", "blatt", "pág", "pag"}
_YEAR_WORDS = {"jahr", "year", "année", "annee", "jaar", "año", "ano", "fy", "gj", "geschäftsjahr",
               "boekjaar", "exercice", "ejercicio", "copyright"}
YEAR = re.compile(r"(?i)(?:(?<![^\W\d_])(?:jahr|year|année|annee|jaar|año|ano|fy|gj|geschäftsjahr|"
                  r"boekjaar|exercice|ejercicio|copyright)(?![^\W\d_])|©|\(c\))\s*:?\s*(?:19|20)\d{2}(?!\d)")
MASKED_DIGITS = re.compile(r"(?:[*xX•·]{2,}[ -]?){1,4}\d{2,4}(?!\d)")
_CLAIM_TOKEN = re.compile(r"[^\s:=;]+")
_NUMBERISH = re.compile(rf"[-+−]?{numbers.AFFIX}?[-+−]?\d[\d.,'’]*(?:-|\.[-–])?{numbers.AFFIX}?")
_LEAD_PUNCT = "([{<\"'«„“‘*"
_TRAIL_PUNCT = ")]}>\"'»“”’,;*!?."


def mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        chars[s:e] = "\x00" * (e - s)
    return "".join(chars)


def overlaps(s: int, e: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < te and e > ts for ts, te in spans)


def not_amounts(masked: str, segs: list[tuple[int, int]], low: str,
                 words: set[str]) -> list[tuple[int, int]]:
    """Spans of a line (dates and the like already masked) whose digits are no amount:
    percentages, page numbers, postcodes, street numbers, masked card numbers, years of
    a period and the digits inside identifiers. `low` and `words` are the line lower-cased
    and its words, for cheap tests that skip a pattern."""
    rxs = [STREET_EN]
    if "%" in masked or "‰" in masked or "cent" in low or "prozent" in low:
        rxs.append(PERCENT)
    if words & _PAGE_WORDS:
        rxs.append(PAGE)
    if ", " in masked:
        rxs.append(US_ZIP)
    if words & _STREET_BEFORE_WORDS:
        rxs.append(STREET_NUMBER_WORD)
    if "**" in masked or "xx" in low or "••" in masked or "··" in masked:
        rxs.append(MASKED_DIGITS)
    if words & _YEAR_WORDS or "©" in masked or "(c)" in low:
        rxs.append(YEAR)
    spans = []
    for rx in rxs:
        spans += [m.span() for m in rx.finditer(masked)]
    for m in STREET_WORD_NUMBER.finditer(masked):
        if m["word"].lower().endswith(_STREET_SUFFIXES):
            spans.append(m.span())
    for m in POSTCODE.finditer(masked):
        if _postcode(masked, m, segs):
            spans.append(m.span("code") if not m["cc"] else (m.start(), m.end("code")))
    return spans + _identifier_pieces(mask(masked, spans))


def _postcode(masked: str, m: re.Match, segs: list[tuple[int, int]]) -> bool:
    """A postcode before a city name: at the start of its segment, after a comma or with
    a country prefix (D-10115), and the word after it no currency code."""
    if numbers.currency_code(m["city"]) or m["city"].isupper() and len(m["city"]) <= 3:
        return False
    if m["cc"]:
        return True
    s = m.start()
    seg_start = next((a for a, b in segs if a <= s < b), s)
    before = masked[seg_start:s].rstrip()
    return not before or before.endswith(",")


def _identifier_pieces(masked: str) -> list[tuple[int, int]]:
    """Tokens with a digit that are no number: INV-2024-0417, F2024-031, 1/3, A4, #12."""
    spans = []
    for m in _CLAIM_TOKEN.finditer(masked):
        tok = m.group()
        if "\x00" in tok or not _DIGIT.search(tok):
            continue
        s, e = m.span()
        while s < e and masked[s] in _LEAD_PUNCT:
            s += 1
        while e > s and masked[e - 1] in _TRAIL_PUNCT:
            e -= 1
        if not _NUMBERISH.fullmatch(masked[s:e]):
            spans.append(m.span())
    return spans
