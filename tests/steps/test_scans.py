"""documents.searchable_pdf end to end: a scan read by OCR, then its searchable copy,
checked by what other PDF readers find in it (pypdf's text, pdfium's word boxes)."""

from __future__ import annotations

import pytest
from PIL import Image

from desktop.engine.errors import StepError
from desktop.steps.documents import ReadDocument
from desktop.steps.scans import SearchablePdf
from tests.ocr.pages import INVOICE, draw, save
from tests.pdfmaker import make_pdf


@pytest.fixture(scope="module")
def invoice():
    return draw(INVOICE)


def copy(harness, tmp_path, doc, **params):
    return harness.run(SearchablePdf, {"folder": "out", **params}, roots={"out": tmp_path / "out"},
                       document=doc)["file"]


def test_a_scanned_invoice_becomes_a_pdf_whose_words_can_be_found_where_they_are(harness, tmp_path, invoice):
    import pypdfium2 as pdfium
    from pypdf import PdfReader

    scan = save(invoice, tmp_path / "invoice.png")
    doc = harness.run(ReadDocument, {}, file=scan)["document"]
    out = copy(harness, tmp_path, doc)
    assert out == tmp_path / "out" / "invoice (searchable).pdf"
    text = PdfReader(out).pages[0].extract_text()
    assert "HP-2026-0318" in text and "252.60" in text
    pdf = pdfium.PdfDocument(out)
    try:
        page = pdf[0]
        width, height = page.get_size()
        assert (round(width, 1), round(height, 1)) == (595.4, 841.7)
        textpage = page.get_textpage()
        x0, top, x1, bottom = invoice.points("HP-2026-0318")
        # pdfium's origin is the bottom left
        found = textpage.get_text_bounded(left=x0 - 2, bottom=height - bottom - 2, right=x1 + 2,
                                          top=height - top + 2)
        assert "HP-2026-0318" in found
    finally:
        pdf.close()
    again = copy(harness, tmp_path, doc)
    assert again.name == "invoice (searchable) (2).pdf"      # never replaces a file


def test_a_dry_run_writes_nothing(harness, tmp_path, invoice):
    doc = harness.run(ReadDocument, {}, file=save(invoice, tmp_path / "invoice.png"))["document"]
    out = harness.run(SearchablePdf, {"folder": "out"}, roots={"out": tmp_path / "out"},
                      dry_run=True, document=doc)["file"]
    assert out.name == "invoice (searchable).pdf" and not (tmp_path / "out").exists()


def test_a_born_digital_pdf_is_copied_as_it_is(harness, tmp_path):
    from pypdf import PdfReader

    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(make_pdf(["A letter with its own text layer"]))
    doc = harness.run(ReadDocument, {}, file=pdf)["document"]
    out = copy(harness, tmp_path, doc, filename="{stem}.pdf")
    assert PdfReader(out).pages[0].extract_text().strip() == "A letter with its own text layer"


def test_what_cannot_be_made_searchable_says_why(harness, tmp_path, invoice):
    note = tmp_path / "note.txt"
    note.write_text("plain text")
    text_doc = harness.run(ReadDocument, {}, file=note)["document"]
    with pytest.raises(StepError, match="made from a PDF or an image; this is text"):
        copy(harness, tmp_path, text_doc)
    scan = save(invoice, tmp_path / "gone.png")
    doc = harness.run(ReadDocument, {}, file=scan)["document"]
    scan.unlink()
    with pytest.raises(StepError, match="gone.png is no longer at"):
        copy(harness, tmp_path, doc)
    # the file changed after it was read: its size no longer matches what was read
    Image.new("RGB", (300, 300), "white").save(scan)
    with pytest.raises(StepError):
        copy(harness, tmp_path, doc)
    assert not list((tmp_path / "out").glob(".runnel-*.part"))       # no half-made copy left
