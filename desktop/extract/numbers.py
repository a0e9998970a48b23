"""Numbers and amounts in every common locale (1.234,56  1,234.56  1 234,56  1'234.50
12,50  -12,50  1234  12.5) and the currency symbol or code attached to them.

A number is read in two steps: `split_run` decides where the numbers in a run of digits
and separators are (independent of locale), and `parse` reads one of them once the
document's decimal separator is known, because only that settles `1.234` (1234 in a
German document, 1.234 in an English one)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_GROUP_SEPS = " \u00a0\u202f\u2009'’"      # thousands only
_SPACES = " \u00a0\u202f\u2009"
# digits joined by single separators; spaces included, so "1 234,56" is one run
RUN = re.compile(r"\d(?:[.,'’\u00a0\u202f\u2009 ]?\d)*")
_MAX_PLAIN_DIGITS = 7          # 12345678 without separators is an account or order number

CODES = ("EUR USD GBP CHF SEK NOK DKK PLN CZK HUF JPY CNY AUD CAD NZD INR BRL MXN ZAR TRY RUB "
         "SGD HKD ISK RON BGN KRW ILS AED SAR THB").split()
_SYMBOLS = {
    "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB", "₺": "TRY", "₩": "KRW", "₪": "ILS",
    "$": "USD", "US$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD",
    "HK$": "HKD", "S$": "SGD", "R$": "BRL", "MX$": "MXN",
}
_WORDS = {"fr.": "CHF", "sfr.": "CHF", "sfr": "CHF", "kr": "SEK", "kr.": "SEK", "kč": "CZK",
          "zł": "PLN", "euro": "EUR", "euros": "EUR"}
_SYM = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
_CODE = "|".join(CODES)
_WORD = r"S?Fr\.|sFr\.?|[Kk]r\.?|Kč|zł|[Ee]uros?"
_CUR = rf"(?:(?<![^\W\d_])(?:{_SYM})|€|£|¥|₹|₽|₺|₩|₪|(?<![^\W\d_])(?:{_CODE}|{_WORD})(?![^\W\d_]))"
PREFIX = re.compile(rf"(?P<sign>[-−]?)(?P<cur>{_CUR})[ \u00a0\u202f]?$")
SUFFIX = re.compile(rf"[ \u00a0\u202f]?(?P<cur>(?:{_SYM})|(?:{_CODE}|{_WORD})(?![^\W\d_]))")
AFFIX = rf"(?:{_SYM}|{_CODE}|{_WORD})"        # a currency written onto a number: EUR56.02
LINE_CURRENCY = re.compile(rf"(?:{_SYM})|(?<![^\W\d_])(?:{_CODE}|[Ee]uros?)(?![^\W\d_])")


def currency_code(token: str) -> str | None:
    t = token.strip()
    if t in _SYMBOLS:
        return _SYMBOLS[t]
    if t in CODES:
        return t
    return _WORDS.get(t.lower())


def _grouped(groups: list[str]) -> bool:
    """1 234 567: a first group of one to three digits (no leading zero), then threes."""
    first = groups[0]
    return (1 <= len(first) <= 3 and not (first.startswith("0"))
            and all(len(g) == 3 for g in groups[1:]))


def _plain_int(s: str) -> bool:
    return len(s) <= _MAX_PLAIN_DIGITS and (s == "0" or not s.startswith("0"))


def parse(s: str, comma_decimal: bool | None) -> tuple[float, str | None] | None:
    """The value of one number written without sign, and how it votes for the document's
    decimal separator ("," or "." or None when it cannot tell). None when `s` is no
    number (1.234.56, 12 34, 0815)."""
    seps = [c for c in s if not c.isdigit()]
    if not seps:
        return (float(s), None) if _plain_int(s) else None
    kinds = list(dict.fromkeys(seps))
    if len(kinds) == 1:
        c = kinds[0]
        groups = s.split(c)
        if len(groups) > 2 or c in _GROUP_SEPS:
            if not _grouped(groups):
                return None
            return float("".join(groups)), ("," if c == "." else "." if c == "," else None)
        left, right = groups
        if left != "0" and left.startswith("0"):
            return None
        if len(right) == 3 and _grouped(groups):
            # 1.234 or 1,234: thousands unless the document writes decimals with this mark
            decimal = (c == ",") if comma_decimal is True else (c == ".") if comma_decimal is False else False
            return (float(f"{left}.{right}") if decimal else float(left + right)), None
        return float(f"{left}.{right}"), c
    if len(kinds) == 2:
        group, dec = kinds
        if dec not in ".," or group == dec or s.count(dec) != 1 or not s.rstrip("0123456789").endswith(dec):
            return None
        whole, frac = s.rsplit(dec, 1)
        if not _grouped(whole.split(group)):
            return None
        return float(whole.replace(group, "") + "." + frac), dec
    return None


def split_run(run: str) -> list[tuple[int, int]] | None:
    """Where the numbers are in one RUN match: the whole run when it reads as one number,
    else its space-separated pieces when each does; None when it is a phone, account or
    card number (three or more bare digit groups) or a piece reads as nothing."""
    if parse(run, None) is not None:
        return [(0, len(run))]
    pieces = [(m.start(), m.end()) for m in re.finditer(r"[^ \u00a0\u202f\u2009]+", run)]
    if len(pieces) < 2:
        return None
    if len(pieces) >= 3 and all(run[s:e].isdigit() for s, e in pieces):
        return None
    if any(parse(run[s:e], None) is None for s, e in pieces):
        return None
    return pieces


@dataclass
class Number:
    line: int
    start: int                  # the span: the number with its sign
    end: int
    digits: int                 # where the number itself starts
    ext_start: int              # with an attached currency too
    ext_end: int
    negative: bool
    currency: str | None
    attached: bool              # the currency is written next to the number


def find_numbers(masked: str, i: int, line_currency: str | None,
                 votes: dict[str, int]) -> list[Number]:
    """The numbers in one line whose look-alikes are masked (\\x00), each with its sign
    and currency; counts in `votes` how they write decimals."""
    found = []
    n = len(masked)
    for m in RUN.finditer(masked):
        rs, re_ = m.span()
        before = masked[rs - 1] if rs else " "
        after = masked[re_] if re_ < n else " "
        if before in ".,_\x00" or before.isdigit():
            continue
        if before.isalpha() and not PREFIX.search(masked, max(0, rs - 8), rs):
            continue
        if (after.isalpha() or after in "_\x00") and not SUFFIX.match(masked, re_):
            continue
        pieces = split_run(m.group())
        if pieces is None:
            continue
        for ps, pe in pieces:
            s, e = rs + ps, rs + pe
            parsed = parse(masked[s:e], None)
            if parsed is None:
                continue
            if parsed[1]:
                votes[parsed[1]] += 1
            ext_s, ext_e, negative, currency = s, e, False, None
            pre = PREFIX.search(masked, max(0, s - 8), s)
            if pre:
                ext_s, currency = pre.start("cur"), currency_code(pre["cur"])
                if pre["sign"]:
                    ext_s, negative = pre.start("sign"), True
            suf = SUFFIX.match(masked, e)
            if suf:
                ext_e = suf.end()
                currency = currency or currency_code(suf["cur"])
            if not negative and ext_s > 0 and masked[ext_s - 1] in "-−" and (
                    ext_s == 1 or not masked[ext_s - 2].isalnum()):
                ext_s, negative = ext_s - 1, True
                if pre is None and ext_s > 0:
                    pre2 = PREFIX.search(masked, max(0, ext_s - 8), ext_s)
                    if pre2 and not pre2["sign"]:
                        ext_s, currency = pre2.start("cur"), currency_code(pre2["cur"])
            digits = s
            if negative:         # the span starts at the sign: '-12,50', '-€12.50'
                s = ext_s if masked[ext_s] in "-−" else s - 1
            found.append(Number(i, s, e, digits, ext_s, ext_e, negative,
                                currency or line_currency, currency is not None))
    return found


def line_currency(text: str) -> str | None:
    codes = {currency_code(m.group()) for m in LINE_CURRENCY.finditer(text)}
    codes.discard(None)
    return codes.pop() if len(codes) == 1 else None
