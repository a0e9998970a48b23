from pathlib import Path

import pytest

from desktop.engine.errors import StepError
from desktop.steps.documents import ReadDocument, parse_pages
from tests.pdfmaker import make_pdf, write_encrypted_pdf, write_pdf


def read(harness, path: Path, **params):
    return harness.run(ReadDocument, params, file=path)["document"]


def test_reads_pdf_pages_and_metadata(harness, samples):
    doc = read(harness, samples / "invoice-northwind.pdf")
    assert doc.kind == "pdf" and len(doc.pages) == 2
    assert "INVOICE  No. 2026-0417" in doc.pages[0]
    assert "Total due GBP 214.08" in doc.pages[0]
    assert doc.pages[1].startswith("Payment terms")
    assert doc.metadata["title"] == "Invoice 2026-0417"
    assert doc.metadata["author"] == "Northwind Office Supplies"
    assert doc.metadata["page_count"] == "2"


def test_page_ranges(harness, tmp_path):
    pdf = write_pdf(tmp_path / "five.pdf", [f"page {i}" for i in range(1, 6)])
    doc = read(harness, pdf, pages="2-3, 5")
    assert [p.strip() for p in doc.pages] == ["page 2", "page 3", "page 5"]
    assert parse_pages("4-", 6) == [3, 4, 5]
    assert parse_pages("", 2) == [0, 1]
    with pytest.raises(StepError, match="not understood"):
        parse_pages("first", 3)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_text_encodings_are_detected(harness, tmp_path, encoding):
    text = "Café Müller — invoice for déjeuner, total 42 €\nSecond line with ñ and ß.\n" * 3
    path = tmp_path / "note.txt"
    path.write_bytes(text.encode(encoding))
    doc = read(harness, path)
    assert doc.kind == "text"
    assert doc.text == text


def test_kind_is_detected_by_content_not_extension(harness, tmp_path):
    disguised = tmp_path / "scan.dat"
    disguised.write_bytes(make_pdf(["hidden pdf"]))
    assert read(harness, disguised).kind == "pdf"


def test_empty_file(harness, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(StepError, match=r"empty\.txt is empty \(0 bytes\)"):
        read(harness, tmp_path / "empty.txt")


def test_binary_junk_named_txt(harness, tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(StepError, match="junk.txt is not a document Runnel can read"):
        read(harness, junk)


def test_corrupt_pdf(harness, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(make_pdf(["some text"])[:300])
    with pytest.raises(StepError, match="broken.pdf is damaged or not a valid PDF"):
        read(harness, broken)


def test_named_pdf_but_not_a_pdf(harness, tmp_path):
    fake = tmp_path / "fake.pdf"
    fake.write_text("hello")
    with pytest.raises(StepError, match="fake.pdf is named .pdf but is not a PDF"):
        read(harness, fake)


def test_encrypted_pdf_with_empty_password_opens(harness, tmp_path):
    pdf = write_encrypted_pdf(tmp_path / "open.pdf", ["readable secret"], user_password="")
    assert "readable secret" in read(harness, pdf).text


def test_password_protected_pdf_is_refused(harness, tmp_path):
    pdf = write_encrypted_pdf(tmp_path / "locked.pdf", ["secret"], user_password="hunter2")
    with pytest.raises(StepError, match="locked.pdf is password-protected"):
        read(harness, pdf)


def test_size_and_page_limits(harness, tmp_path):
    pdf = write_pdf(tmp_path / "long.pdf", ["p"] * 4)
    with pytest.raises(StepError, match="has 4 pages, above the limit of 3"):
        read(harness, pdf, max_pages=3)


def test_a_scan_without_text_is_read_with_a_warning(harness, tmp_path):
    pdf = write_pdf(tmp_path / "scan.pdf", [""])
    doc = read(harness, pdf)
    assert doc.text.strip() == ""
    assert any("no extractable text" in getattr(e, "message", "") for e in harness.events)


def test_file_deleted_before_reading(harness, tmp_path):
    with pytest.raises(StepError, match="disappeared before it could be read"):
        read(harness, tmp_path / "gone.pdf")


def test_utf8_with_a_stray_byte_is_still_text(harness, tmp_path):
    path = tmp_path / "mostly.txt"
    path.write_bytes(("Grüße aus Köln. " * 40).encode() + b"\xff" + b" end of note\n")
    doc = read(harness, path)
    assert doc.text.startswith("Grüße aus Köln.") and "\ufffd" in doc.text


def test_broken_font_maps_do_not_break_the_run(harness, tmp_path):
    from desktop.engine.signature import digest
    from desktop.steps.documents import _clean_text

    assert _clean_text("ok \ud800 text") == "ok ? text"
    doc = read(harness, write_pdf(tmp_path / "x.pdf", ["plain"]))
    assert digest(doc)
