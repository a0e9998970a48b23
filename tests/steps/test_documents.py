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


def _slow_page(lines: int) -> bytes:
    """A real one-page PDF with `lines` text operators: small to store, slow to extract."""
    return make_pdf(["\n".join(f"w{i}" for i in range(lines))])


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(harness, tmp_path):
    pdf = tmp_path / "big.pdf"
    pdf.write_bytes(_slow_page(90_000))                    # about 1.3 MB
    size = pdf.stat().st_size
    assert 1.05 * 2**20 < size < 1.45 * 2**20
    with pytest.raises(StepError) as refused:
        read(harness, pdf, max_size_mb=1)
    assert str(refused.value) == (f"big.pdf is {size / 2**20:.1f} MB, above the limit of 1 MB "
                                  "set on this step")


def test_a_pdf_that_takes_too_long_is_stopped_inside_its_page(harness, tmp_path):
    """max_seconds holds within a page: a single page built to be slow (its text takes
    over ten seconds to extract here) is stopped soon after the limit, not after it."""
    import time

    pdf = tmp_path / "slow.pdf"
    pdf.write_bytes(_slow_page(200_000))
    started = time.monotonic()
    with pytest.raises(StepError) as refused:
        read(harness, pdf, max_seconds=1)
    took = time.monotonic() - started
    assert str(refused.value) == ("slow.pdf: extracting its text took longer than 1 s (stopped at "
                                  "page 1 of 1); it may be damaged or built to be slow")
    # reading the content stream before the first operator is most of what is left over
    assert took < 5, f"stopped after {took:.1f} s"


def test_a_blank_page_is_recognised_and_found_empty_with_a_warning(harness, tmp_path):
    pdf = write_pdf(tmp_path / "scan.pdf", [""])
    doc = read(harness, pdf)
    assert doc.text.strip() == ""
    assert doc.recognised == ((0, None),)       # OCR looked, and found nothing
    messages = [getattr(e, "message", "") for e in harness.events]
    assert any("no text found" in m for m in messages), messages


def test_with_ocr_off_a_page_without_text_is_read_empty_with_a_warning(harness, tmp_path):
    pdf = write_pdf(tmp_path / "scan.pdf", [""])
    doc = read(harness, pdf, ocr="never")
    assert doc.text.strip() == "" and doc.recognised == ()
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


def _docx(path, paragraphs, title="Quarterly letter"):
    import zipfile

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(
        f'<w:p><w:r><w:t>{p}</w:t></w:r></w:p>' if p != "<PAGE>" else
        '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' for p in paragraphs)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>')
        z.writestr("docProps/core.xml",
                   '<cp:coreProperties xmlns:cp="urn:cp" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                   f'<dc:title>{title}</dc:title><dc:creator>Ana Ruiz</dc:creator></cp:coreProperties>')
    return path


def test_word_documents(harness, tmp_path):
    path = _docx(tmp_path / "letter.docx", ["Dear Tom,", "the contract is attached.", "<PAGE>", "Regards"])
    doc = read(harness, path)
    assert doc.kind == "docx"
    assert doc.pages == ("Dear Tom,\nthe contract is attached.", "Regards")
    assert doc.metadata["title"] == "Quarterly letter" and doc.metadata["author"] == "Ana Ruiz"
    disguised = tmp_path / "letter.bin"
    disguised.write_bytes(path.read_bytes())
    assert read(harness, disguised).kind == "docx"


def test_a_zip_that_is_not_a_document(harness, tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "photos.zip", "w") as z:
        z.writestr("a.jpg", b"\xff\xd8")
    with pytest.raises(StepError, match="photos.zip is a zip archive, not a document"):
        read(harness, tmp_path / "photos.zip")


def test_web_pages_become_readable_text(harness, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html><html><head><title>Opening hours</title><style>p{color:red}</style>"
                    "<script>alert(1)</script></head><body><h1>Library</h1><p>Open &amp; free.</p>"
                    "<ul><li>Mon 9-17</li><li>Tue 9-17</li></ul></body></html>")
    doc = read(harness, page)
    assert doc.kind == "html" and doc.metadata["title"] == "Opening hours"
    assert doc.text == "Library\n\nOpen & free.\n\n- Mon 9-17\n\n- Tue 9-17"
    assert "alert" not in doc.text and "color" not in doc.text


def test_emails_with_headers_body_and_attachments(harness, tmp_path):
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"] = "Priya <priya@example.org>"
    msg["To"] = "team@example.org"
    msg["Subject"] = "Invoice 2026-0417"
    msg["Date"] = "Mon, 02 Nov 2026 09:30:00 +0000"
    msg.set_content("Hello,\nplease find the invoice attached.\n")
    msg.add_attachment(b"%PDF-1.4 fake", maintype="application", subtype="pdf", filename="inv.pdf")
    path = tmp_path / "mail.eml"
    path.write_bytes(bytes(msg))
    doc = read(harness, path)
    assert doc.kind == "email"
    assert doc.metadata["subject"] == "Invoice 2026-0417"
    assert doc.metadata["attachments"] == "inv.pdf (application/pdf, 13 bytes)"
    assert doc.text.startswith("From: Priya <priya@example.org>\nTo: team@example.org\nSubject: Invoice")
    assert "please find the invoice attached." in doc.text and "- inv.pdf" in doc.text


def test_hostile_pdfs_end_in_a_result_or_a_clear_error(harness, tmp_path):
    good = make_pdf(["recoverable text"])
    broken_xref = tmp_path / "xref.pdf"
    broken_xref.write_bytes(good.replace(b"startxref\n", b"startxref\n9").replace(b"0000000", b"9999999"))
    assert "recoverable text" in read(harness, broken_xref).text      # rebuilt by scanning
    nested = tmp_path / "nested.pdf"
    nested.write_bytes(good.replace(b"/Producer (Runnel tests)",
                                    b"/Producer " + b"[" * 50000 + b"]" * 50000))
    try:
        doc = read(harness, nested)
        assert "recoverable text" in doc.text
    except StepError as e:
        assert "nested.pdf is damaged or not a valid PDF" in str(e)
