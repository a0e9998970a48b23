"""Personal data in text: e-mail addresses, phone numbers, IBANs (checksum), card
numbers (Luhn), dates of birth, and the user's own patterns. Finds where they are;
`text.redact_pii` (desktop/steps/redact.py) is the step over it, and
desktop/pii/evaluate.py scores it on labelled sets. No Qt.

    find_pii(text) -> [Finding(category, start, end)]
    redact(text, findings) -> text with [CATEGORY] in their place
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.pii.births import birth_dates
from desktop.pii.dates import find_dates
from desktop.pii.patterns import (CARD, CARD_GROUPS, CARD_ISSUER, EMAIL, EMAIL_SPELLED, IBAN, IBAN_LENGTHS,
                                  IBAN_SHAPED, NOT_A_CARD)
from desktop.pii.phones import find_phones

CATEGORIES = ("email", "phone", "iban", "credit_card", "date_of_birth")
# overlaps: the earlier category in this order wins (an IBAN is not also a phone)
_RANK = {c: i for i, c in enumerate(("email", "iban", "credit_card", "date_of_birth", "phone"))}


@dataclass(frozen=True)
class Finding:
    category: str
    start: int
    end: int


def luhn(digits: str) -> bool:
    total, alt = 0, False
    for d in reversed(digits):
        n = int(d)
        if alt:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
        alt = not alt
    return total % 10 == 0


def iban_valid(text: str) -> bool:
    s = text.replace(" ", "").upper()
    if not 15 <= len(s) <= 34 or not s.isalnum():
        return False
    if IBAN_LENGTHS.get(s[:2], len(s)) != len(s):
        return False           # a known country's IBANs have one length
    moved = s[4:] + s[:4]
    digits = "".join(str(int(c, 36)) for c in moved)
    return int(digits) % 97 == 1


def _ibans(text: str) -> list[Finding]:
    """Valid IBANs; a candidate that ran on into the next word ("... 4663 ab") is
    tried shorter, a group at a time."""
    found = []
    for m in IBAN.finditer(text):
        value = m.group()
        while value and not iban_valid(value):
            cut = value.rfind(" ")
            value = value[:cut] if cut > 4 else ""
        if value:
            found.append(Finding("iban", m.start(), m.start() + len(value)))
    return found


def _cards(text: str) -> list[Finding]:
    found = []
    for m in CARD.finditer(text):
        value = m.group().strip()
        digits = re.sub(r"\D", "", value)
        groups = tuple(len(g) for g in re.findall(r"\d+", value))
        if (13 <= len(digits) <= 19 and len(set(digits)) > 1 and luhn(digits)
                and groups in CARD_GROUPS and CARD_ISSUER.match(digits)
                and NOT_A_CARD.search(text[max(0, m.start() - 30):m.start()]) is None):
            found.append(Finding("credit_card", m.start(), m.start() + len(value)))
    return found


def find_pii(text: str, categories: tuple[str, ...] = CATEGORIES,
             custom: list[dict] | None = None) -> list[Finding]:
    found: list[Finding] = []
    if "email" in categories:
        found += [Finding("email", m.start(), m.end()) for m in EMAIL.finditer(text)]
        found += [Finding("email", m.start(), m.end()) for m in EMAIL_SPELLED.finditer(text)]
    if "iban" in categories:
        found += _ibans(text)
    # numbers inside an IBAN-shaped string, valid or not, are no phone or card numbers
    shaped = [(m.start(), m.end()) for m in IBAN_SHAPED.finditer(text)]

    def inside_iban(f: Finding) -> bool:
        return any(a <= f.start and f.end <= b for a, b in shaped)

    if "credit_card" in categories:
        found += [f for f in _cards(text) if not inside_iban(f)]
    dates = find_dates(text) if {"date_of_birth", "phone"} & set(categories) else []
    if "date_of_birth" in categories:
        found += [Finding("date_of_birth", a, b) for a, b in birth_dates(text, dates)]
    if "phone" in categories:
        phones = [Finding("phone", a, b) for a, b in find_phones(text, [(d.start, d.end) for d in dates])]
        found += [f for f in phones if not inside_iban(f)]
    for item in custom or []:
        found += [Finding(item["label"], m.start(), m.end())
                  for m in re.finditer(item["pattern"], text)]
    found.sort(key=lambda f: (f.start, _RANK.get(f.category, 99), -(f.end - f.start)))
    kept: list[Finding] = []
    for f in found:
        if kept and f.start < kept[-1].end:
            continue
        kept.append(f)
    return kept


def redact(text: str, findings: list[Finding]) -> str:
    out, pos = [], 0
    for f in findings:
        out.append(text[pos:f.start])
        out.append(f"[{f.category.upper()}]")
        pos = f.end
    out.append(text[pos:])
    return "".join(out)
