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

from desktop.pii.patterns import (CARD, CARD_GROUPS, CODE_BEFORE, DATE, DOB, EMAIL, IBAN,
                                  IBAN_LENGTHS, IBAN_SHAPED, NATIONAL_NO_TRUNK, NUMBERED_BY_NOUN,
                                  NUMBERED_BY_SIGN, PHONE,
                                  PHONE_WORDS)

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
                and groups in CARD_GROUPS):
            found.append(Finding("credit_card", m.start(), m.start() + len(value)))
    return found


def _phones(text: str) -> list[Finding]:
    found = []
    for m in PHONE.finditer(text):
        number = m.group()
        digits = re.sub(r"\D", "", number)
        groups = len(re.findall(r"\d+", number))
        before = text[max(0, m.start() - 40):m.start()]
        said = PHONE_WORDS.search(before) is not None
        # a phone number starts with +, ( or a trunk 0, or has three or more groups of
        # ten digits or more, or is in a national format without a trunk 0, or follows
        # a word that says it is one; invoice numbers and amounts do not
        looks = (number[0] in "+(0" and len(digits) >= 7 or groups >= 3 and len(digits) >= 10
                 or NATIONAL_NO_TRUNK.fullmatch(number) is not None or said and len(digits) >= 7)
        numbered = (NUMBERED_BY_NOUN.search(before) is not None
                    or NUMBERED_BY_SIGN.search(before) is not None and not said)
        coded = CODE_BEFORE.search(before) is not None
        # a date with its time ("11.05.2024 10:41") is neither
        timed = text[m.end():m.end() + 1] == ":"
        if (looks and not numbered and not coded and not timed and len(digits) <= 15
                and not re.fullmatch(DATE, number.strip())):
            found.append(Finding("phone", m.start(), m.end()))
    return found


def find_pii(text: str, categories: tuple[str, ...] = CATEGORIES,
             custom: list[dict] | None = None) -> list[Finding]:
    found: list[Finding] = []
    if "email" in categories:
        found += [Finding("email", m.start(), m.end()) for m in EMAIL.finditer(text)]
    if "iban" in categories:
        found += _ibans(text)
    # numbers inside an IBAN-shaped string, valid or not, are no phone or card numbers
    shaped = [(m.start(), m.end()) for m in IBAN_SHAPED.finditer(text)]

    def inside_iban(f: Finding) -> bool:
        return any(a <= f.start and f.end <= b for a, b in shaped)

    if "credit_card" in categories:
        found += [f for f in _cards(text) if not inside_iban(f)]
    if "date_of_birth" in categories:
        for m in DOB.finditer(text):
            group = next(g for g in range(1, (m.lastindex or 1) + 1) if m.group(g))
            found.append(Finding("date_of_birth", m.start(group), m.end(group)))
    if "phone" in categories:
        found += [f for f in _phones(text) if not inside_iban(f)]
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
