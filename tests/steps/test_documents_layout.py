"""documents.read keeps each word's position and lays lines out as the eye reads them."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.engine.codec import decode, encode
from desktop.engine.document import Document, Line, Word, text_lines
from desktop.engine.signature import digest
from desktop.steps.documents import ReadDocument
from tests.pdfmaker import write_layout_pdf, write_pdf


def read(harness, path: Path) -> Document:
    return harness.run(ReadDocument, {}, file=path)["document"]


def two_column_invoice(path: Path) -> Path:
    # drawn in an order unlike reading order: the values first, then their labels
    items = [(400, 100, "2026-0417", 10, False), (400, 115, "02.11.2026", 10, False),
             (60, 80, "Brightwater Stationery GmbH", 14, True),
             (300, 100, "Rechnungsnr.:", 10, False), (300, 115, "Datum:", 10, False),
             (60, 100, "Hafenstraße 12", 10, False), (60, 115, "20457 Hamburg", 10, False),
             (300, 400, "Gesamtbetrag", 10, True), (480, 400, "1.234,56 €", 10, True),
             (300, 385, "Zwischensumme", 10, False), (480, 385, "1.037,44 €", 10, False)]
    return write_layout_pdf(path, [items])


def test_a_label_and_its_value_share_a_line_with_boxes(harness, tmp_path):
    doc = read(harness, two_column_invoice(tmp_path / "r.pdf"))
    texts = [line.text for line in doc.lines]
    assert texts[0] == "Brightwater Stationery GmbH"
    number = next(line for line in doc.lines if "Rechnungsnr.:" in line.text)
    # the sender's street and the invoice number are one visual row, told apart by a wide gap
    assert number.text.startswith("Hafenstraße 12") and "  Rechnungsnr.:" in number.text
    assert re.search(r"Rechnungsnr\.:\s+2026-0417$", number.text)
    total = next(line for line in doc.lines if "Gesamtbetrag" in line.text)
    assert total.text.split()[-2:] == ["1.234,56", "€"]
    assert texts.index(total.text) > texts.index(next(t for t in texts if "Zwischensumme" in t))
    # positions: points from the page's top left; the value's box is where it was drawn
    start = number.text.index("2026-0417")
    x0, top, x1, bottom = number.span_box(start, start + len("2026-0417"))
    assert 399 <= x0 <= 401 and 90 < top < 100 < bottom < 104 and x1 > x0 + 30
    assert doc.page_sizes == ((595.0, 842.0),)
    # plain text stays available, as pypdf reads it
    assert "Rechnungsnr." in doc.pages[0] and doc.text


def test_every_page_is_laid_out(harness, samples):
    doc = read(harness, samples / "invoice-northwind.pdf")
    assert {line.page for line in doc.lines} == {0, 1}
    assert any(line.text.endswith("Total due GBP 214.08") for line in doc.lines)
    # a comma's glyph sits low, yet it stays on its word's row
    assert "Northwind Office Supplies Ltd., 12 Harbour Street, Bristol" in [l.text for l in doc.lines]
    assert all(any(c.isalnum() for c in line.text) for line in doc.lines)
    assert all(line.box is not None and line.words for line in doc.lines)


def test_lines_survive_a_paused_run_and_change_the_digest(harness, tmp_path):
    doc = read(harness, two_column_invoice(tmp_path / "r.pdf"))
    back = decode(encode(doc))
    assert back == doc
    moved = Document(doc.path, doc.kind, doc.pages, doc.metadata,
                     (Line(0, "x", (0, 0, 1, 1), (Word(0, 1, (0, 0, 1, 1)),)),), doc.page_sizes)
    assert digest(moved) != digest(doc)


def test_plain_text_has_lines_without_positions(harness, tmp_path):
    path = tmp_path / "n.txt"
    path.write_text("Invoice 12\n\nTotal: 5.00 EUR\n")
    doc = read(harness, path)
    assert [line.text for line in doc.layout_lines()] == ["Invoice 12", "Total: 5.00 EUR"]
    assert all(line.box is None for line in doc.layout_lines())
    assert [line.page for line in text_lines("a\fb")] == [0, 1]


def test_a_pdf_without_text_has_no_lines(harness, tmp_path):
    doc = read(harness, write_pdf(tmp_path / "blank.pdf", [""]))
    assert doc.lines == ()
