"""Few-shot choice: the examples most like a document, by a cheap lexical similarity
that needs no model and never changes its order."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from desktop.examples import Example, add_example, list_examples, most_similar
from desktop.examples.similarity import similarities, terms
from tests.conftest import SAMPLES
from tests.pdfmaker import write_pdf

INVOICE_A = """Northwind Traders
Invoice number INV-2026-0417   Date 2026-04-17
Description  Qty  Unit price
Ergonomic chairs  4  250.00
Total due EUR 1,234.50"""
INVOICE_B = """Contoso Ltd
Invoice number C-88812   Date 2025-11-02
Description  Qty  Unit price
Printer paper  20  4.10
Total due EUR 82.00"""
CONTRACT = """SERVICE AGREEMENT
This agreement is made between the Client and the Provider.
The term of this agreement is twelve months. Either party may terminate it
with thirty days written notice. Governing law: the laws of Ireland."""
MINUTES = """Meeting notes, project kickoff
Attendees: Ana, Bo, Chen
Action items: Ana drafts the plan; Bo books the room; Chen reviews the budget."""


def ex(id: str, text: str) -> tuple[Example, str]:
    return Example(id, "fields", Path(f"/nowhere/{id}/document.txt"), {}, f"{id}.txt",
                   id * 5, "2026-01-01T00:00:00+00:00", "cli"), text


def pool(*pairs: tuple[Example, str]):  # type: ignore[no-untyped-def]
    texts = {e.id: t for e, t in pairs}
    return [e for e, _ in pairs], (lambda e: texts[e.id])


def test_an_invoice_is_closest_to_the_other_invoice():
    examples, texts = pool(ex("aaaaaaaaaaaa", CONTRACT), ex("bbbbbbbbbbbb", INVOICE_B),
                           ex("cccccccccccc", MINUTES))
    query = INVOICE_A.replace("Northwind Traders", "Fabrikam").replace("0417", "0999")
    assert [e.id for e in most_similar(examples, query, 1, texts)] == ["bbbbbbbbbbbb"]
    assert most_similar(examples, CONTRACT.upper(), 1, texts)[0].id == "aaaaaaaaaaaa"
    ranked = most_similar(examples, MINUTES, 3, texts)
    assert ranked[0].id == "cccccccccccc" and len(ranked) == 3


def test_digits_are_stripped_so_numbers_do_not_decide():
    assert terms("INV-2026-0417 total 99.00") == terms("INV-2025-0001 total 1,234.50")
    assert "invoice number" in terms("Invoice  Number: 7")           # word pairs too
    assert terms("12 34 5") == {}


def test_ties_go_by_example_id_whatever_the_input_order():
    same = [ex(i, INVOICE_A) for i in ("0c0c0c0c0c0c", "0a0a0a0a0a0a", "0b0b0b0b0b0b")]
    for order in itertools.permutations(same):
        examples, texts = pool(*order)
        assert [e.id for e in most_similar(examples, INVOICE_A, 3, texts)] == \
            ["0a0a0a0a0a0a", "0b0b0b0b0b0b", "0c0c0c0c0c0c"]
    examples, texts = pool(*same)
    assert [e.id for e in most_similar(examples, "", 2, texts)] == ["0a0a0a0a0a0a", "0b0b0b0b0b0b"]


def test_the_order_is_stable_across_calls_and_orders():
    pairs = [ex(f"{i:012x}", t) for i, t in enumerate([INVOICE_A, INVOICE_B, CONTRACT, MINUTES] * 3)]
    examples, texts = pool(*pairs)
    first = [e.id for e in most_similar(examples, INVOICE_A, 12, texts)]
    assert first == [e.id for e in most_similar(list(reversed(examples)), INVOICE_A, 12, texts)]
    scores = [s for s, _ in similarities(examples, INVOICE_A, texts)]
    assert scores == sorted(scores, reverse=True) and scores[0] == pytest.approx(1.0)
    assert all(0.0 <= s <= 1.0 for s in scores)


def test_k_and_empty_inputs():
    examples, texts = pool(ex("aaaaaaaaaaaa", INVOICE_A), ex("bbbbbbbbbbbb", CONTRACT))
    assert most_similar(examples, INVOICE_A, 0, texts) == []
    assert most_similar(examples, INVOICE_A, -1, texts) == []
    assert len(most_similar(examples, INVOICE_A, 10, texts)) == 2
    assert most_similar([], INVOICE_A, 3, texts) == []


def test_texts_is_called_once_per_example():
    examples, texts = pool(ex("aaaaaaaaaaaa", INVOICE_A), ex("bbbbbbbbbbbb", CONTRACT))
    calls: list[str] = []
    most_similar(examples, INVOICE_A, 1, lambda e: calls.append(e.id) or texts(e))
    assert sorted(calls) == ["aaaaaaaaaaaa", "bbbbbbbbbbbb"]


def test_on_stored_examples_with_real_documents(tmp_path):
    """The caller reads the documents (here a plain read of the text files and of the PDF
    maker's own text); the store gives Examples, the similarity ranks them."""
    d = tmp_path / "ex"
    originals = {}
    for name, text in [("a.txt", INVOICE_B), ("b.txt", CONTRACT)]:
        (tmp_path / name).write_text(text)
        originals[add_example(d, "fields", tmp_path / name, {}).id] = text
    notes = add_example(d, "fields", SAMPLES / "meeting-notes.md", {})
    originals[notes.id] = (SAMPLES / "meeting-notes.md").read_text()
    pdf = write_pdf(tmp_path / "inv.pdf", [INVOICE_A])
    originals[add_example(d, "fields", pdf, {}).id] = INVOICE_A
    stored = list_examples(d, "fields")
    assert len(stored) == 4
    best = most_similar(stored, INVOICE_A.replace("Northwind", "Tailspin"), 2, lambda e: originals[e.id])
    assert [e.source for e in best] == ["inv.pdf", "a.txt"]
