"""E-mail addresses, URLs, IBANs (with the ISO 13616 check) and EU/Swiss VAT ids."""

from __future__ import annotations

import re

EMAIL = re.compile(r"(?<![\w.+'’%-])[A-Za-z0-9][A-Za-z0-9._%+'’-]*@"
                   r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?![\w-])")
URL = re.compile(r"(?i)(?<![\w@])(?:https?://|www\.)[^\s]+")
IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]{4}){2,7}"
                  r"(?:[ \u00a0]?[A-Z0-9]{1,3})?(?![A-Za-z0-9])")
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20,
    "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18,
    "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IS": 26, "IT": 27, "JO": 30,
    "KW": 30, "KZ": 20, "LB": 28, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24,
    "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28,
    "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19,
    "SK": 24, "SM": 27, "TN": 24, "TR": 26, "UA": 29, "VG": 24, "XK": 20,
}


def _d(n: int) -> str:
    """n digits, optionally grouped by single spaces or dots."""
    return r"\d(?:[ .]?\d){%d}" % (n - 1)


VAT = re.compile(
    r"(?<![A-Za-z0-9])(?:"
    rf"DE ?{_d(9)}|ATU ?{_d(8)}|BE ?[01](?:[ .]?\d){{9}}|NL ?{_d(9)} ?B ?\d{{2}}"
    rf"|FR ?[0-9A-HJ-NP-Z]{{2}} ?{_d(9)}|ES ?[A-Z0-9][ -]?\d{{7}}[ -]?[A-Z0-9]"
    r"|GB ?\d{3} ?\d{4} ?\d{2}(?: ?\d{3})?|GB ?(?:GD|HA)\d{3}"
    rf"|IT ?{_d(11)}|CHE[- ]?\d{{3}}\.?\d{{3}}\.?\d{{3}}|LU ?{_d(8)}|DK ?{_d(8)}|FI ?{_d(8)}"
    rf"|PL ?{_d(10)}|SE ?{_d(12)}|PT ?{_d(9)}|CZ ?\d{{8,10}}|IE ?\d[A-Z0-9+*]\d{{5}}[A-Z]{{1,2}}"
    r")(?![A-Za-z0-9]|[ .]?\d)")


def iban_valid(text: str) -> bool:
    """The ISO 13616 check: length for the country and the mod-97 checksum."""
    s = re.sub(r"\s", "", text).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", s):
        return False
    if IBAN_LENGTHS.get(s[:2], len(s)) != len(s):
        return False
    return int("".join(str(int(c, 36)) for c in s[4:] + s[:4])) % 97 == 1


def iban_span(text: str, m: re.Match) -> tuple[int, int] | None:
    """The valid IBAN in a match, which may have run on into a following group of digits."""
    s, e = m.span()
    if iban_valid(text[s:e]):
        return s, e
    want = IBAN_LENGTHS.get(text[s:s + 2])
    if want:
        n = 0
        for k in range(s, e):
            if not text[k].isspace():
                n += 1
            if n == want:
                if (k + 1 == e or text[k + 1].isspace()) and iban_valid(text[s:k + 1]):
                    return s, k + 1
                break
    return None
