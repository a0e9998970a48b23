"""What a sentence asks of a workflow, read without the model: the steps its words
point at, the fields to extract, the labels to sort into, what to file by, the
folder named, and whether a person approves. No Qt.

The model names the draft; these words decide what is in it, so a draft holds what
the sentence says and nothing the sentence does not (a sentence with no action in it
is refused rather than guessed at)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# words in the sentence that point at a step
HINTS = [
    (r"extract|pull out|capture|\bfields?\b|\bread (?:out|the|its|their)\b|\bget (?:the|its|their)\b",
     "ai.extract_fields"),
    (r"summar|digest|gist|overview|tl;?dr", "ai.summarize"),
    (r"classif|categor|\bsort\b|triage|kind of|type of|separate", "ai.classify"),
    (r"translat", "ai.translate"),
    (r"redact|anonymi|personal data|\bpii\b|gdpr|black out|mask|\b(?:remove|strip|hide) (?:the |all |any )?"
     r"(?:phone|e-?mail|names?|addresses|iban|card|personal|dates? of birth)", "text.redact_pii"),
    (r"\bcheck\b|validat|verify|\brules?\b|plausib", "guard.validate"),
    (r"\brenam|\bfil(?:e|ed|es|ing) (?:it|them|each|the|away|under|in|into|by)\b|\barchiv|\bmov(?:e|ed|es|ing)\b"
     r"|\bfile (?:\w+ )?(?:by|into|under|away)\b|\b(?:is|are|be|gets?) filed\b"
     r"|\bput (?:it|them) (?:in|into) (?:the |a |my )?\w+ folder", "files.move_file"),
    (r"\bcopy (?:it|them|(?:each|every|the|all)(?: \w+)?) (?:to|into|in)\b|\bback (?:it|them) up\b",
     "files.copy_file"),
    (r"ledger|spreadsheet|\bcsv\b|\btable\b|append|log (?:it|them)|\bregister\b", "files.append_row"),
    (r"\breport\b|\bsave\b|\bwrite\b|export|markdown|\bnote\b", "files.write_text"),
]
APPROVAL = re.compile(r"(?i)approv|sign[ -]?off|ask me|check with me|let me (?:check|review|decide|"
                      r"confirm|see)|\bconfirm|human|a person|\breview (?:it|them|each|the)|"
                      r"before (?:it is|they are|anything is) (?:filed|moved|saved)")
DOCUMENT_WORDS = re.compile(r"(?i)\b(?:documents?|pdfs?|files?|invoices?|receipts?|contracts?|letters?|"
                            r"e-?mails?|scans?|reports?|notes?|minutes|statements?|forms?|bills?|"
                            r"papers?|cvs?|résumés?|resumes?|orders?|quotes?|texts?|pages?)\b")

_NUMBER = re.compile(r"total|amount|sum\b|price|cost|\bnet\b|vat|tax|fee|balance|gross|subtotal")
_DATE = re.compile(r"date|deadline|\bdue\b|expir|\bday\b|\bmonth\b|\byear\b|period")
# where a list of fields or labels ends
_STOP = (r"(?=\s*(?:,\s*)?(?:\b(?:and|then)\s+)?\b(?:then|file|files|move|rename|save|put|copy|"
         r"append|add|write|send|sort|classify|route|ask|if|when|so|into|to|from|before|after|"
         r"for|by|redact|summari[sz]e|translate|check|validate|log|keep|store)\b|[.;:!?]|$)")
_FIELDS = re.compile(r"(?i)\b(?:extract|pull out|capture|read(?: out)?|get|take|find|record)\s+"
                     r"(?:out\s+)?(?:the\s+|its\s+|their\s+|all\s+)?(?P<list>[a-z][\w '\-,&/]*?)" + _STOP)
_LABELS = re.compile(r"(?i)\b(?:classify|sort|categori[sz]e|triage|separate|split)\b[^.;]*?\b"
                     r"(?:into|as|between)\s+(?P<list>[\w '\-,&/]+?)" + _STOP.replace("|by|", "|"))
_BY = re.compile(r"(?i)\b(?:file|files|filed|move|rename|named?|organi[sz]e|sort|put|store|keep)\b"
                 r"[^.;]*?\bby\s+(?:the\s+|its\s+|their\s+)?(?P<list>[a-z][\w '\-,&]*?)" + _STOP.replace("|by|", "|"))
_FOLDER = re.compile(r"""(?ix)(?:folder|directory)\s+(?:called|named)\s+["']?(?P<a>[\w -]+?)["']?(?=\s*(?:[.,;!?]|$|\band\b|\bthen\b))
                         |\b(?:into|to|in)\s+(?:the\s+|my\s+|a\s+)?["']?(?P<b>(?!(?:a|an|the|my)\b)[\w-]+)["']?\s+(?:folder|directory)\b
                         |\b(?:into|to|in)\s+["'](?P<c>[\w -]+)["']""")
_NOISE = {"the", "a", "an", "its", "their", "all", "fields", "field", "data", "details", "values",
          "information", "info", "text", "it", "them", "document", "documents", "each", "one"}


@dataclass
class Intent:
    steps: list[str] = field(default_factory=list)     # step ids, in the sentence's order
    fields: list[dict] = field(default_factory=list)   # [{name, type, description}]
    labels: list[str] = field(default_factory=list)
    file_by: list[str] = field(default_factory=list)   # field names the file is named by
    folder: str | None = None                          # a folder the sentence names
    approval: bool = False
    about_documents: bool = False


def _items(text: str) -> list[str]:
    parts = re.split(r"\s*(?:,|;|&|/|\band\b|\bor\b|\bplus\b)\s*", text.strip(), flags=re.I)
    out = []
    for part in parts:
        # "the total of each bill", "the date on the invoice": the field, not where it is
        part = re.split(r"\s+\b(?:of|on|in|from|for|at)\b\s+", part, maxsplit=1, flags=re.I)[0]
        words = [w for w in part.lower().split() if w not in _NOISE]
        if words:
            out.append(" ".join(words))
    return out


def field_name(phrase: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", phrase.lower()).strip("_")


def field_type(name: str) -> str:
    if _NUMBER.search(name):
        return "number"
    if _DATE.search(name):
        return "date"
    return "string"


def _field(phrase: str) -> dict:
    name = field_name(phrase)
    return {"name": name, "type": field_type(name), "description": f"the {phrase}"}


def read_sentence(sentence: str, choices: list[str]) -> Intent:
    intent = Intent()
    for pattern, step in HINTS:
        if step in choices and step not in intent.steps and re.search(pattern, sentence, re.I):
            intent.steps.append(step)
    # the sentence's order: each step where its words first appear
    firsts = {step: min((m.start() for p, s in HINTS if s == step
                         for m in re.finditer(p, sentence, re.I)), default=len(sentence))
              for step in intent.steps}
    intent.steps.sort(key=lambda s: firsts[s])
    m = _FIELDS.search(sentence)
    if m:
        intent.fields = [_field(p) for p in _items(m.group("list"))]
    m = _LABELS.search(sentence)
    if m:
        # a label names an output port: lower-case words joined by '_'
        intent.labels = [field_name(label) for label in _items(m.group("list"))]
    m = _BY.search(sentence)
    if m:
        intent.file_by = [field_name(p) for p in _items(m.group("list"))]
    m = _FOLDER.search(sentence)
    if m:
        intent.folder = (m.group("a") or m.group("b") or m.group("c")).strip()
    intent.approval = APPROVAL.search(sentence) is not None
    intent.about_documents = DOCUMENT_WORDS.search(sentence) is not None
    # what the file is named by must be extracted: "file it by vendor" needs a vendor
    names = {f["name"] for f in intent.fields}
    for key in intent.file_by:
        if key == "month" or key == "year":
            key = "date"
        if key not in names and key != "label":
            intent.fields.append(_field(key.replace("_", " ")))
            names.add(key)
    if (intent.fields or intent.file_by) and "ai.extract_fields" not in intent.steps and \
            "ai.extract_fields" in choices and not (intent.file_by == ["label"]):
        intent.steps.insert(0, "ai.extract_fields")
    if intent.labels and "ai.classify" not in intent.steps and "ai.classify" in choices:
        intent.steps.insert(0, "ai.classify")
    return intent
