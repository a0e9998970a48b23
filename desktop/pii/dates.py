"""Calendar dates in text, in the ways Europeans and Americans print them: numeric with
/ . or -, ISO, month names and their abbreviations in a dozen languages, ordinals,
Roman-numeral months, two-digit years. Which of them are dates of birth is decided in
desktop/pii/births.py; the phone rules use them too (a date is never a phone number).
No Qt."""

from __future__ import annotations

import re
from dataclasses import dataclass

# month names and abbreviations, by month, in English, German, French, Spanish, Dutch,
# Italian, Portuguese, the Nordic languages, Polish, Czech, Finnish, Romanian, Catalan,
# Slovene and Turkish; a name may be shared between languages ("mar", "mai", "jun"):
# the number is the same wherever it is
_MONTH_NAMES = {
    1: "january jan januar jänner jän januari janvier janv enero ene gennaio gen janeiro "
       "stycznia styczeń ledna tammikuuta ianuarie ian gener ocak",
    2: "february feb februar feber febr februari février fevrier févr fevr fév fev febrero "
       "febbraio fevereiro lutego luty února helmikuuta februarie febrer şubat",
    3: "march mar märz maerz mär mrz maart mrt mars marzo março marco marts marca marzec března "
       "maaliskuuta martie març marec mart",
    4: "april apr avril avr abril abr aprile kwietnia kwiecień dubna huhtikuuta aprilie nisan",
    5: "may mai mei mayo maggio mag maio maj maja květen května toukokuuta maig mayıs",
    6: "june jun juni juin junio giugno giu junho czerwca czerwiec června kesäkuuta iunie iun "
       "juny junij haziran",
    7: "july jul juli juillet juil julio luglio lug julho lipca lipiec července heinäkuuta iulie "
       "iul juliol julij temmuz",
    8: "august aug augustus août aout agosto ago augusti sierpnia sierpień srpna elokuuta agost "
       "avgust ağustos",
    9: "september sep sept septembre septiembre setiembre set settembre sett setembro "
       "września wrzesień září syyskuuta septembrie setembre eylül",
    10: "october oct oktober okt octobre octubre ottobre ott outubro out października "
        "październik října lokakuuta octombrie ekim",
    11: "november nov novembre noviembre novembro listopada listopad listopadu marraskuuta "
        "noiembrie kasım",
    12: "december dec dezember dez décembre decembre déc diciembre dicembre dic dezembro "
        "desember des grudnia grudzień prosince joulukuuta decembrie desembre aralık",
}
MONTHS: dict[str, int] = {name: n for n, names in _MONTH_NAMES.items() for name in names.split()}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
          "X": 10, "XI": 11, "XII": 12}

# a word where a month's name goes; whether it is one is looked up in MONTHS (a regex
# alternation of every name would be tried at every letter of a long text)
_MONTH = r"[^\W\d_]{3,12}\.?"
_YEAR4 = r"(?:1[6-9]|20)\d{2}"
# after a month name a year may be two digits, with an apostrophe ("4 aprile '83"),
# after Spanish "del" ("3 de junio del 34") or a hyphen ("02-Nov-47")
_YEAR_AFTER_NAME = rf"(?:{_YEAR4}|['’]\d{{2}}|(?<=del )\d{{2}}|(?<=[-/])\d{{2}}|\d{{2}}(?![\d.,:]))"
# 1st, 2nd, 1er, 1re, 1°, 1º, 1.
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|re|ère|°|º|ª|\.)?"
# a date starts a token: not inside a longer number, a code or a version
_START = r"(?<![\w./])"
_END = r"(?![\w]|[./]\d)"

_FORMS = (
    # 05/03/1985, 5.3.85, 05-03-1985, 12. 03. 1985 (one separator throughout)
    ("numeric", rf"{_START}(?P<a>[0-3]?\d)(?P<s>\.\s?|/|-)(?P<b>[0-3]?\d)(?P=s)"
                rf"(?P<y>{_YEAR4}|\d{{2}}){_END}"),
    # 1985-03-05, 1985/03/05, 1985.03.05
    ("iso", rf"{_START}(?P<y>{_YEAR4})(?P<s>[-/.])(?P<b>[01]?\d)(?P=s)(?P<a>[0-3]?\d){_END}"),
    # 5 March 1985, 5th of March, 1985, 1er mars 1985, 5 de marzo de 1985, 5. März 1985,
    # 02-Nov-1947, 30-ene-1986, 5 giu 82, 3 de junio del 34
    ("named", rf"{_START}{_DAY}(?:\s*(?:of|de|di)\s+|\s*|[-/.])(?P<m>{_MONTH})"
              rf"(?:,?\s*(?:de|del|of)?\s+|\s*,\s*|[-/.]\s?)(?P<y>{_YEAR_AFTER_NAME}){_END}"),
    # March 5, 1985; Jan. 28 1866; March 3rd, 2024
    ("month_first", rf"{_START}(?P<m>{_MONTH})\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+"
                    rf"(?P<y>{_YEAR4}|['’]\d{{2}}){_END}"),
    # 12.IV.1985, 3-X-1941, 12 IV 1985 (Roman numerals are upper case in practice)
    ("roman", rf"{_START}(?P<d>[0-3]?\d)(?P<s>[-./ ]\s?)(?P<r>(?-i:XII|XI|IX|X|VIII|VII|VI|IV|V|"
              rf"III|II|I))(?P=s)(?P<y>{_YEAR4}){_END}"),
)
_PATTERNS = [(kind, re.compile(p, re.I)) for kind, p in _FORMS]
# forms too loose to be dates anywhere, and so read only right after a birth label:
# yyyymmdd as lab systems and exports print it, ddmmyyyy, and a form's boxes "12 03 1985"
_LOOSE = (re.compile(rf"(?P<y>{_YEAR4})(?P<b>[01]\d)(?P<a>[0-3]\d)(?!\d)"),
          re.compile(rf"(?P<a>[0-3]\d)(?P<b>[01]\d)(?P<y>{_YEAR4})(?!\d)"),
          re.compile(rf"(?P<a>[0-3]?\d) (?P<b>[01]?\d) (?P<y>{_YEAR4})(?!\d)"))


@dataclass(frozen=True)
class Date:
    start: int
    end: int
    year: int          # four digits; a two-digit year is read as 19yy (and marked short)
    month: int
    day: int
    short_year: bool   # printed with two digits: too vague to compare across a range


def _year(text: str) -> tuple[int, bool]:
    digits = re.sub(r"\D", "", text)
    if len(digits) == 4:
        return int(digits), False
    return 1900 + int(digits), True


def _valid(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)


def _read(kind: str, m: re.Match[str]) -> Date | None:
    year, short = _year(m.group("y"))
    if kind in ("numeric", "iso"):
        a, b = int(m.group("a")), int(m.group("b"))
        # day first in Europe, month first in the US: either reading makes it a date
        if _valid(a, b):
            day, month = a, b
        elif kind == "numeric" and _valid(b, a):
            day, month = b, a
        else:
            return None
    else:
        day = int(m.group("d"))
        month = _ROMAN[m.group("r").upper()] if kind == "roman" else \
            MONTHS.get(m.group("m").rstrip(".").lower(), 0)
        if not _valid(day, month):
            return None
    return Date(m.start(), m.end(), year, month, day, short)


def find_dates(text: str) -> list[Date]:
    """Every date in the text, left to right; where two readings overlap the longer
    one wins ("5 March 1985" over a numeric one inside it)."""
    found = []
    for kind, pattern in _PATTERNS:
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            d = _read(kind, m)
            if d is not None:
                found.append(d)
            # a match that is no date ("5 foo 1985") may hide one that starts inside it
            pos = m.end() if d is not None else m.start() + 1
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[Date] = []
    for d in found:
        if kept and d.start < kept[-1].end:
            continue
        kept.append(d)
    return kept


def loose_date(text: str, pos: int) -> Date | None:
    """A date in one of the loose forms starting at pos, if there is one."""
    if pos > 0 and text[pos - 1].isdigit():
        return None
    for pattern in _LOOSE:
        m = pattern.match(text, pos)
        if m is not None and _valid(int(m.group("a")), int(m.group("b"))):
            return Date(m.start(), m.end(), int(m.group("y")), int(m.group("b")), int(m.group("a")), False)
    return None
