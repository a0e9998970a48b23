"""Dates in a line of text, numeric (07.05.2014, 03/20/2023, 2024-03-05, 05.03.24) and
with month names or abbreviations in English, German, French, Dutch and Spanish
(7. Mai 2014, le 5 mars 2024, 12 de marzo de 2024, March 5th, 2024), and the day/month
order a document uses for the numeric ones it leaves open."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Sequence

from desktop.engine.document import Line
from desktop.extract.language import language

_MONTH_NAMES = {
    1: "january jan janvier janv januar jänner jaenner janner jän januari enero ene",
    2: "february feb février fevrier févr fevr fév fev februar februari febrero",
    3: "march mar mars märz maerz marz mär mrz maart mrt marzo",
    4: "april apr avril avr abril abr",
    5: "may mai mei mayo",
    6: "june jun juin juni junio",
    7: "july jul juillet juil juli julio",
    8: "august aug août aout augustus agosto ago",
    9: "september sep sept septembre septiembre setiembre set",
    10: "october oct octobre oktober okt octubre",
    11: "november nov novembre noviembre",
    12: "december dec décembre decembre déc dezember dez diciembre dic",
}
MONTHS: dict[str, int] = {name: n for n, names in _MONTH_NAMES.items() for name in names.split()}
_MON = "(?:" + "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True)) + r")(?![^\W\d_])"

_ORDINAL = r"(?:st|nd|rd|th|er|re|e|º|°|ª)?"
# 7. Mai 2014 / 18 april 2014 / 12 de marzo de 2024 / 5th of March 2024 / 05-Mar-24
_DAY_MONTH_YEAR = re.compile(
    rf"(?<![\w.])(?P<d>\d{{1,2}}){_ORDINAL}(?:\.?\s*(?:(?:de|of)\s+)?|\s*[-/]\s*)(?P<m>{_MON})"
    r"(?:\.?,?\s*(?:(?:de|del)\s+)?(?P<y>\d{4})|\.?\s*[-/']\s*(?P<y2>\d{4}|\d{2}))(?!\w)",
    re.IGNORECASE)
# Mar 5, 2024 / March 5th, 2024
_MONTH_DAY_YEAR = re.compile(
    rf"(?<!\w)(?P<m>{_MON})\.?\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<y>\d{{4}})(?!\w)",
    re.IGNORECASE)
# März 2024: a month, not a date, but its year is no amount either
_MONTH_YEAR = re.compile(rf"(?<!\w){_MON}\.?,?\s*(?:(?:de|del)\s+)?\d{{4}}(?!\w)", re.IGNORECASE)
_ISO = re.compile(r"(?<![\w./-])(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})"
                  r"(?:(?=T\d)|(?![\w]|[./-]\d))")
_NUMERIC = re.compile(r"(?<![\w./-])(?P<a>\d{1,2})(?P<s>[-/.])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})"
                      r"(?![\w]|[./-]?\d)")

_WORD = re.compile(r"[^\W\d_]+")
_US_CUE = re.compile(r"\$|\bUSD\b|, [A-Z]{2} \d{5}(?:-\d{4})?\b")
_NON_US_CUE = re.compile(r"[€£]|\b(?:EUR|GBP|CHF|VAT Reg)")
_CUE_LINES = 3000


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    value: str                   # YYYY-MM-DD
    ambiguous: bool = False


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        return 2000 + y if y < 70 else 1900 + y
    return y


def _iso(y: int, m: int, d: int) -> str | None:
    if not 1800 <= y <= 2199:
        return None
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def date_order(lines: Sequence[Line]) -> str | None:
    """"DMY" or "MDY" as the document itself settles it: by its numeric dates that can be
    read only one way (a day above 12), else by its language (English with dollar cues and
    no euro/pound cues is MDY; German, French, Dutch, Spanish and British English are DMY);
    None when nothing settles it."""
    return order_for(lines, language(lines))


def order_for(lines: Sequence[Line], lang: str | None) -> str | None:
    """`date_order` with the document's language already known."""
    dmy = mdy = 0
    for line in lines:
        text = line.text
        if "." not in text and "/" not in text and "-" not in text:
            continue
        for m in _NUMERIC.finditer(text):
            a, b, y = int(m["a"]), int(m["b"]), _year(m["y"])
            if a > 12 and b <= 12 and _iso(y, b, a):
                dmy += 1
            elif b > 12 and a <= 12 and _iso(y, a, b):
                mdy += 1
    if dmy != mdy:
        return "DMY" if dmy > mdy else "MDY"
    if lang in ("de", "fr", "nl", "es"):
        return "DMY"
    if lang == "en":
        head = "\n".join(line.text for line in lines[:_CUE_LINES])
        us, other = bool(_US_CUE.search(head)), bool(_NON_US_CUE.search(head))
        if us != other:
            return "MDY" if us else "DMY"
    return None


def find_dates(text: str, order: str | None) -> list[FoundDate]:
    """The dates in one line, in order, none overlapping another."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= ts or s >= te for ts, te in taken)

    def add(s: int, e: int, value: str | None, ambiguous: bool = False) -> None:
        if value and free(s, e):
            found.append(FoundDate(s, e, value, ambiguous))
            taken.append((s, e))

    if has_month(text):
        for m in _DAY_MONTH_YEAR.finditer(text):
            y = _year(m["y"] or m["y2"])
            add(m.start(), m.end(), _iso(y, MONTHS[m["m"].lower()], int(m["d"])))
        for m in _MONTH_DAY_YEAR.finditer(text):
            add(m.start(), m.end(), _iso(int(m["y"]), MONTHS[m["m"].lower()], int(m["d"])))
    for m in _ISO.finditer(text):
        add(m.start(), m.end(), _iso(int(m["y"]), int(m["m"]), int(m["d"])))
    for m in _NUMERIC.finditer(text):
        if len(m["y"]) == 2 and m["s"] == "." and (len(m["a"]) < 2 or len(m["b"]) < 2):
            continue                 # 1.2.34 is a version number more often than a date
        a, b, y = int(m["a"]), int(m["b"]), _year(m["y"])
        dmy, mdy = _iso(y, b, a), _iso(y, a, b)
        if dmy and mdy and dmy != mdy:
            if order == "MDY":
                add(m.start(), m.end(), mdy)
            else:
                add(m.start(), m.end(), dmy, ambiguous=order != "DMY")
        else:
            add(m.start(), m.end(), dmy or mdy)
    found.sort(key=lambda f: f.start)
    return found


def month_year_spans(text: str) -> list[tuple[int, int]]:
    """'März 2024', 'Mar 2024': periods whose year must not be read as an amount."""
    if not has_month(text):
        return []
    return [m.span() for m in _MONTH_YEAR.finditer(text)]


def has_month(text: str) -> bool:
    """Whether a month name or abbreviation is among the words: a cheap test before the
    month patterns, which would otherwise be tried at every position."""
    return any(w in MONTHS for w in _WORD.findall(text.lower()))
