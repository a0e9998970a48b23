"""The labelled extraction set in bench/extraction_data: every document opens, its labels are
self-consistent, and every labelled value is really printed in the PDF's text layer.
Needs no model; runs in a couple of seconds."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest

ROOT = Path(__file__).resolve().parents[2]
SET_DIR = ROOT / "bench" / "extraction_data"
DOCS = SET_DIR / "docs"
MANIFEST = json.loads((SET_DIR / "manifest.json").read_text(encoding="utf-8"))
ENTRIES = MANIFEST["documents"]
IDS = [e["id"] for e in ENTRIES]

LANGUAGES = {"en", "de", "fr", "nl", "es"}
LAYOUTS = {"label_value", "table", "two_columns", "label_below", "label_above", "multi_page", "receipt",
           "no_tax", "with_tax", "footer_vendor", "letter"}
DOC_TYPES = {"invoice", "receipt", "order_confirmation", "credit_note"}
CURRENCIES = {"EUR", "USD", "GBP", "CHF"}


def record(doc_id: str) -> dict:
    return json.loads((DOCS / f"{doc_id}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def pdfium_text(doc_id: str) -> str:
    pdf = pdfium.PdfDocument(str(DOCS / f"{doc_id}.pdf"))
    try:
        return " ".join(collapse(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf)))
    finally:
        pdf.close()


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- independent readers for the printed forms (not the generator's code) ----------------------

MONTHS = {}
for names in (
    "january february march april may june july august september october november december",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "januari februari maart april mei juni juli augustus september oktober november december",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
):
    for n, name in enumerate(names.split(), start=1):
        MONTHS.setdefault(name, n)
        MONTHS.setdefault(name[:3], n)
MONTHS["jänner"] = 1


def read_date(text: str, region: str) -> dt.date:
    t = text.lower().strip()
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t):
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", t):
        a, b = int(m[1]), int(m[2])
        month, day = (a, b) if region == "US" else (b, a)
        return dt.date(int(m[3]), month, day)
    t = re.sub(r"(\d+)(st|nd|rd|th|er)\b", r"\1", t).replace(",", " ").replace(" de ", " ").replace(".", " ")
    words = t.split()
    if len(words) == 3:
        if words[0].isdigit():
            return dt.date(int(words[2]), MONTHS[words[1]], int(words[0]))
        return dt.date(int(words[2]), MONTHS[words[0]], int(words[1]))
    raise ValueError(f"unreadable date {text!r}")


def read_amount(text: str) -> float:
    t = re.sub(r"[^\d.,' ]", "", text).strip()
    m = re.search(r"[.,](\d{2})$", t)
    assert m, f"no decimals in {text!r}"
    whole = re.sub(r"\D", "", t[: m.start()])
    return round(int(whole or "0") + int(m[1]) / 100, 2)


# --- the set as a whole ---------------------------------------------------------------------------


def test_counts_and_coverage():
    assert len(ENTRIES) >= 60
    assert len(set(IDS)) == len(IDS)
    languages = Counter(e["language"] for e in ENTRIES)
    assert set(languages) == LANGUAGES and min(languages.values()) >= 10, languages
    layouts = Counter(e["layout"] for e in ENTRIES)
    assert set(layouts) <= LAYOUTS and len(layouts) >= 8, layouts
    assert min(layouts.values()) >= 3, layouts
    assert {e["doc_type"] for e in ENTRIES} == DOC_TYPES
    holdout = Counter(e["language"] for e in ENTRIES if e["split"] == "holdout")
    assert all(holdout[lang] >= 2 for lang in LANGUAGES), holdout
    share = sum(holdout.values()) / len(ENTRIES)
    assert 0.25 <= share <= 0.4, share


def test_manifest_matches_files():
    on_disk = {p.name for p in DOCS.iterdir()}
    listed = {e["file"] for e in ENTRIES} | {e["json"] for e in ENTRIES}
    assert on_disk == listed
    for e in ENTRIES:
        r = record(e["id"])
        for key in ("id", "file", "language", "layout", "doc_type", "split"):
            assert r[key] == e[key], (e["id"], key)


def test_holdout_is_disjoint_from_dev():
    records = [record(i) for i in IDS]
    for field in ("vendor", "invoice_number", "date"):
        dev = {r["expected"][field] for r in records if r["split"] == "dev"} - {None}
        hold = {r["expected"][field] for r in records if r["split"] == "holdout"} - {None}
        assert not dev & hold, (field, dev & hold)


def test_files_are_small():
    for e in ENTRIES:
        assert (DOCS / e["file"]).stat().st_size < 40_000, e["file"]


def test_generator_reproduces_the_committed_files(tmp_path):
    spec = importlib.util.spec_from_file_location("make_extraction_set", SET_DIR / "make_set.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(tmp_path)
    for e in ENTRIES:
        for name in (e["file"], e["json"]):
            assert (tmp_path / "docs" / name).read_bytes() == (DOCS / name).read_bytes(), name
    assert (tmp_path / "manifest.json").read_bytes() == (SET_DIR / "manifest.json").read_bytes()


# --- each document --------------------------------------------------------------------------------


@pytest.mark.parametrize("doc_id", IDS)
def test_record_is_well_formed(doc_id):
    r = record(doc_id)
    assert r["language"] in LANGUAGES and r["layout"] in LAYOUTS and r["doc_type"] in DOC_TYPES
    assert r["split"] in ("dev", "holdout")
    exp, printed = r["expected"], r["printed"]
    assert set(exp) == {"vendor", "invoice_number", "date", "total", "currency"}
    assert set(printed) == {"vendor", "invoice_number", "date", "total"}
    assert exp["currency"] in CURRENCIES
    assert isinstance(exp["vendor"], str) and exp["vendor"] == printed["vendor"]
    assert exp["invoice_number"] == printed["invoice_number"]
    if exp["invoice_number"] is None:
        assert r["doc_type"] == "receipt"
    issue = dt.date.fromisoformat(exp["date"])
    assert dt.date(2019, 1, 1) <= issue <= dt.date(2026, 11, 30)
    assert read_date(printed["date"], r["region"]) == issue, printed["date"]
    assert isinstance(exp["total"], (int, float)) and exp["total"] > 0
    assert read_amount(printed["total"]) == exp["total"], printed["total"]
    assert isinstance(r["notes"], str) and r["notes"]


@pytest.mark.parametrize("doc_id", IDS)
def test_amounts_add_up(doc_id):
    r = record(doc_id)
    extra, total = r.get("extra", {}), r["expected"]["total"]
    if "subtotal" in extra and "tax" in extra:
        assert round(extra["subtotal"] + extra["tax"], 2) == total
    if extra.get("tax_included"):
        assert 0 < extra["tax"] < total
    for key in ("due_date", "delivery_date", "order_date"):
        if key in extra:
            dt.date.fromisoformat(extra[key])
    if "due_date" in extra:
        assert extra["due_date"] > r["expected"]["date"]


@pytest.mark.parametrize("doc_id", IDS)
def test_opens_with_pypdf_and_pdfium(doc_id):
    r = record(doc_id)
    reader = pypdf.PdfReader(str(DOCS / r["file"]))
    assert len(reader.pages) == r["pages"]
    assert r["expected"]["vendor"] in collapse(" ".join(p.extract_text() for p in reader.pages))
    pdf = pdfium.PdfDocument(str(DOCS / r["file"]))
    try:
        assert len(pdf) == r["pages"]
        for i in range(len(pdf)):
            assert tuple(round(v) for v in pdf[i].get_size()) == (595, 842)
    finally:
        pdf.close()


@pytest.mark.parametrize("doc_id", IDS)
def test_printed_values_are_in_the_text_layer(doc_id):
    r = record(doc_id)
    text = pdfium_text(doc_id)
    for field, value in r["printed"].items():
        if value is not None:
            assert collapse(value) in text, (field, value)
    for key in ("iban", "vat_id", "email", "customer", "customer_number", "order_number"):
        if key in r.get("extra", {}):
            assert collapse(r["extra"][key]) in text, (key, r["extra"][key])
