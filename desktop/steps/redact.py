"""Redaction of personal data: e-mail addresses, phone numbers, IBANs, card numbers
(Luhn-checked), dates of birth, the user's own patterns, and optionally names and
addresses found by the local model. Outputs the redacted text and a report of what
was removed and where (category and position, never the removed text itself)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from desktop.engine.context import StepContext
from desktop.engine.errors import StepError
from desktop.engine.spec import Param, Port, Step, StepSpec
from desktop.engine.types import PortType

# the local part may hold an apostrophe (o'neil) but not start with one (a quote)
EMAIL = re.compile(r"(?<![\w.+-])[\w%+-][\w.%+'-]*@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
IBAN = re.compile(r"(?i)\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
CARD = re.compile(r"(?<![\w-])(?:\d[ -]?){12,18}\d(?!\d)")
# a number right after one of these words is a document's number, not a phone's, in the
# languages of the date names below: "order number 0123 456 7890", "Kundennr. 030 1234"
_NUMBERED = (r"ISSN|ISBN|invoice|rechnung\w*|factur[ae]|fattura|factuur|order|bestell\w*|commande"
             r"|pedido|ordine|ref(?:erence|erenz|erencia|erentie)?|customer|client[e]?|kunden\w*"
             r"|klant\w*|account|konto|tracking|parcel|shipment|sendung\w*|ticket|case|contract"
             r"|vertrag\w*|policy|serial|article|artikel\w*|item|sku|ean|vat|ust|tva|iva|btw|po")
NOT_PHONE = re.compile(rf"(?i)(?:\b(?:{_NUMBERED})\b[\s.:#-]*(?:number|num(?:mer|éro|ero)?|n[or]"
                       r"|n[°º]|#|id|code)?|\bno\.?|\bnr\.?|#)[\s.:#-]*$")
PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{8,15}"
    # international: +33 1 23 45 67 89, 0044 20 7946 0958, +49 (0)30 123456, +1 (415) 555-0199
    r"|(?:\+|00)\d{1,3}[ .-]?(?:\(0?\d{0,4}\)[ .-]?)?\d{1,5}(?:[ ./-]\d{1,8}){1,5}"
    # national: 030 1234567, (555) 123-4567, 06 12 34 56 78, 0151/12345678
    r"|(?:\(\d{1,5}\)[ .-]?)?\d{2,5}(?:[ ./-]\d{2,8}){1,4})(?![\w-])")
PHONE_WORDS = re.compile(r"(?i)(?:phone|tel|mobile|mobil|cell|fax|call|telefon|téléphone|portable"
                         r"|teléfono|móvil|telefoon|mobiel|telefono|cellulare|handy)\b[^\n]{0,12}$")
# month names and their abbreviations in English, German, French, Spanish, Dutch, Italian
_MONTH = (r"(?:jan(?:uary|uar|uari|vier)?|feb(?:ruary|ruar|ruari|brai?o|rero)?|f[ée]v(?:rier)?"
          r"|mar(?:ch|s|zo)?|m[äa]rz|maart|apr(?:il|ile)?|avr(?:il)?|abr(?:il)?|ma[iy]|mayo|mei"
          r"|maggio|jun[ei]?|juin|junio|giugno|jul[iy]?|juillet|julio|luglio|aug(?:ust|ustus)?"
          r"|ao[uû]t|agosto|sep(?:t|tember|tembre|tiembre)?|set(?:iembre|tembre)?"
          r"|o[ck]t(?:ober|obre|ubre)?|ottobre|nov(?:ember|embre)?|de[cz](?:ember)?|d[ée]c(?:embre)?"
          r"|dic(?:iembre|embre)?|ene(?:ro)?|gen(?:naio)?)\.?")
_YEAR = r"(?:19|20)\d{2}"
DATE = (rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-](?:{_YEAR}|\d{{2}})|{_YEAR}[-/.]\d{{1,2}}[-/.]\d{{1,2}}"
        # 5 March 1985, 5th of March, 1985, 1er mars 1985, 3 de mayo de 1990, 1. Mai 1980
        rf"|\d{{1,2}}(?:st|nd|rd|th|er|\.|º|°)?(?: of)? (?:de )?{_MONTH},?(?: de)? {_YEAR}"
        rf"|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? {_YEAR})")
_BORN = (r"born(?: on)?|birth(?: ?date|day)|date of birth|d\.?o\.?b\.?"
         r"|geb(?:oren(?: am| op)?|urtsdatum|urtstag|\.)|geboortedatum"
         r"|date de naissance|n[ée]e? le|fecha de nacimiento|nacid[oa] el|f\. de nac\.?"
         r"|data di nascita|nat[oa] il")
# the label, a colon, perhaps a format hint "(DD/MM/YYYY)", then the date
DOB = re.compile(rf"(?i)(?<!\w)(?:{_BORN})[:\s]*(?:\([^)\n]{{0,20}}\)[:\s]*)?({DATE})(?!\d)")
CATEGORIES = ("email", "phone", "iban", "credit_card", "date_of_birth")


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
    s = text.replace(" ", "")
    if not 15 <= len(s) <= 34:
        return False
    moved = s[4:] + s[:4]
    digits = "".join(str(int(c, 36)) for c in moved)
    return int(digits) % 97 == 1


@dataclass(frozen=True)
class Finding:
    category: str
    start: int
    end: int


def find_pii(text: str, categories: tuple[str, ...] = CATEGORIES,
             custom: list[dict] | None = None) -> list[Finding]:
    found: list[Finding] = []
    if "email" in categories:
        found += [Finding("email", m.start(), m.end()) for m in EMAIL.finditer(text)]
    if "iban" in categories:
        found += [Finding("iban", m.start(), m.end()) for m in IBAN.finditer(text)
                  if iban_valid(m.group().upper())]
    if "credit_card" in categories:
        for m in CARD.finditer(text):
            digits = re.sub(r"\D", "", m.group())
            if 13 <= len(digits) <= 19 and len(set(digits)) > 1 and luhn(digits):
                found.append(Finding("credit_card", m.start(), m.end()))
    if "date_of_birth" in categories:
        found += [Finding("date_of_birth", m.start(1), m.end(1)) for m in DOB.finditer(text)]
    if "phone" in categories:
        for m in PHONE.finditer(text):
            number = m.group()
            digits = re.sub(r"\D", "", number)
            groups = len(re.findall(r"\d+", number))
            # a phone number starts with +, ( or a trunk 0, or has three or more groups
            # of ten digits or more; invoice numbers and amounts do not
            looks = number[0] in "+(0" and len(digits) >= 7 or groups >= 3 and len(digits) >= 10
            before = text[max(0, m.start() - 40):m.start()]
            labelled = NOT_PHONE.search(before) and not PHONE_WORDS.search(before[-24:])
            if looks and not labelled and len(digits) <= 15 and not re.fullmatch(DATE, number.strip()):
                found.append(Finding("phone", m.start(), m.end()))
    for item in custom or []:
        found += [Finding(item["label"], m.start(), m.end())
                  for m in re.finditer(item["pattern"], text)]
    # overlaps: the earlier category in this order wins (an IBAN is not also a phone)
    rank = {c: i for i, c in enumerate(("email", "iban", "credit_card", "date_of_birth", "phone"))}
    found.sort(key=lambda f: (f.start, rank.get(f.category, 99), -(f.end - f.start)))
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


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


class RedactPII(Step):
    spec = StepSpec(
        id="text.redact_pii",
        title="Redact personal data",
        category="Text",
        description="Replaces e-mail addresses, phone numbers, IBANs, card numbers and dates of "
                    "birth (and your own patterns; names and addresses with the AI pass) with "
                    "[CATEGORY]; the report says what was removed where.",
        inputs=(Port("text", PortType.TEXT, help="text or a document"),),
        outputs=(Port("text", PortType.TEXT, help="the redacted text"),
                 Port("report", PortType.JSON, help="what was removed, where")),
        params=(
            Param("categories", "json", list(CATEGORIES), help="which of: " + ", ".join(CATEGORIES)),
            Param("patterns", "json", [], help="your own: list of {label, pattern} (regular expressions)"),
            Param("ai_names", "bool", False, help="also ask the local model for names and addresses"),
            Param("model", "string", "", help="model for the AI pass; empty uses the default"),
            Param("max_tokens", "int", 240, min=64, max=1024,
                  help="the most the AI pass may write; its lists hold as many names and "
                       "addresses as fit (6 at 240)"),
        ),
        uses_model=True,
    )

    @classmethod
    def check_params(cls, params: Mapping[str, Any]) -> list[str]:
        problems = []
        cats = params["categories"]
        if not isinstance(cats, list) or any(c not in CATEGORIES for c in cats):
            problems.append(f"option 'categories' must list some of {', '.join(CATEGORIES)}")
        pats = params["patterns"]
        if not isinstance(pats, list):
            return problems + ["option 'patterns' must be a list of {label, pattern}"]
        for i, p in enumerate(pats, 1):
            if not isinstance(p, dict) or not isinstance(p.get("label"), str) or not isinstance(p.get("pattern"), str):
                problems.append(f"pattern {i} needs a 'label' and a 'pattern'")
                continue
            try:
                re.compile(p["pattern"])
            except re.error as e:
                problems.append(f"pattern {i} ('{p['label']}') is not a valid regular expression ({e})")
        return problems

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        text = inputs["text"]
        findings = find_pii(text, tuple(ctx.params["categories"]), ctx.params["patterns"])
        if ctx.params["ai_names"]:
            findings = self._ai_pass(ctx, text, findings)
        report = []
        for f in findings:
            line, col = _line_col(text, f.start)
            report.append({"category": f.category, "start": f.start, "end": f.end,
                           "line": line, "column": col, "length": f.end - f.start})
        counts: dict[str, int] = {}
        for f in findings:
            counts[f.category] = counts.get(f.category, 0) + 1
        ctx.log("redacted " + (", ".join(f"{n} {c}" for c, n in counts.items()) or "nothing"))
        return {"text": redact(text, findings), "report": {"removed": report, "counts": counts}}

    def _ai_pass(self, ctx: StepContext, text: str, findings: list[Finding]) -> list[Finding]:
        from desktop.steps.aibase import AIStep, structured
        from desktop.steps.extract import ExtractFields

        if ctx.llm is None:
            raise StepError("the AI pass for names needs the local model, which is not available")
        fields = [{"name": "names", "type": "list", "description": "full names of people, each once"},
                  {"name": "addresses", "type": "list", "description": "postal addresses, each once"}]
        # a small model repeats one name until it runs out of room, and a grammar cannot
        # make a list unique: so each list holds only as many entries as fit, repeated
        # at their longest, in the step's max_tokens (the answer always ends in time)
        budget = ctx.params["max_tokens"]
        longest = {"names": _NAME_CHARS, "addresses": _ADDRESS_CHARS}
        per_item = sum(n // _CHARS_PER_TOKEN + 3 for n in longest.values())
        most = max(1, min(_AI_MAX_ITEMS, (budget - _JSON_TOKENS) // per_item))
        schema = {"type": "object", "required": ["names", "addresses"],
                  "properties": {k: {"type": "array", "maxItems": most,
                                     "items": {"type": "string", "maxLength": n}}
                                 for k, n in longest.items()}}
        sub = StepContext(**{**ctx.__dict__, "params": {**ExtractFields.spec.defaults(),
                                                        "max_tokens": ctx.params["max_tokens"],
                                                        "fields": fields, "model": ctx.params["model"]}})
        step = AIStep()
        record, _ = structured(step, sub, step.model(sub), ExtractFields.instruction(fields, ""), text, schema)
        ctx.tokens_in, ctx.tokens_out, ctx.model = sub.tokens_in, sub.tokens_out, sub.model
        extra = []
        for category, key in (("name", "names"), ("address", "addresses")):
            # each value once: the grammar bounds the list but cannot make it unique
            values = {v.strip().casefold(): v.strip() for v in record.get(key) or []}
            for value in values.values():
                if len(value) >= 3:
                    extra += [Finding(category, m.start(), m.end())
                              for m in re.finditer(re.escape(value), text)]
        merged = sorted(findings + extra, key=lambda f: (f.start, -(f.end - f.start)))
        kept: list[Finding] = []
        for f in merged:
            if not kept or f.start >= kept[-1].end:
                kept.append(f)
        return kept


_AI_MAX_ITEMS = 8
_NAME_CHARS, _ADDRESS_CHARS = 40, 80   # longest entry of each list
_CHARS_PER_TOKEN = 4                    # a cautious average for names and addresses
_JSON_TOKENS = 24                       # the braces, keys and brackets around the lists


STEPS = [RedactPII]
