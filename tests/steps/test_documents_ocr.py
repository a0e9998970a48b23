"""documents.read on scans and photos: OCR with the real engine, on pages drawn in the
test (tests/ocr/pages.py), and every bad input the issue names."""

from __future__ import annotations

import io
import shutil
import struct
import threading
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image

from desktop.engine.codec import decode, encode
from desktop.engine.context import CancelToken, Cancelled, StepContext
from desktop.engine.errors import StepError
from desktop.engine.events import EventBus, StepLog, StepProgress
from desktop.ocr.read import LOADING
from desktop.steps.documents import ReadDocument
from tests.ocr.pages import INVOICE, draw, save
from tests.pdfmaker import make_pdf


def read(harness, path: Path, **params):
    return harness.run(ReadDocument, params, file=path)["document"]


def messages(harness) -> list[str]:
    return [e.message for e in harness.events if isinstance(e, StepLog)]


@pytest.fixture(scope="module")
def invoice():
    return draw(INVOICE)


def scanned_pdf(path: Path, images: list[Image.Image], dpi: int = 200) -> Path:
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return path


def test_a_photo_of_an_invoice_is_read_with_its_words_where_they_are(harness, tmp_path, invoice):
    doc = read(harness, save(invoice, tmp_path / "invoice.png"))
    assert doc.kind == "image"
    for line in ("INVOICE No. HP-2026-0318", "Date: 14 March 2026", "Total due GBP 252.60"):
        assert line in doc.text, doc.text
    assert doc.page_sizes == ((595.44, 841.68),)         # A4 at the recorded 200 dpi, in points
    assert len(doc.recognised) == 1 and doc.recognised[0][0] == 0 and doc.recognised[0][1] > 0.9
    assert doc.metadata["ocr_pages"] == "1" and float(doc.metadata["ocr_confidence"]) > 0.9
    line = next(ln for ln in doc.lines if "HP-2026-0318" in ln.text)
    at = line.text.index("HP-2026-0318")
    box = line.span_box(at, at + len("HP-2026-0318"))
    want = invoice.points("HP-2026-0318")
    assert all(abs(a - b) < 4 for a, b in zip(box, want)), (box, want)
    assert all(w.confidence is not None and 0 < w.confidence <= 1 for w in line.words)


def test_what_ocr_read_survives_a_paused_run(harness, tmp_path, invoice):
    doc = read(harness, save(invoice, tmp_path / "invoice.png"))
    back = decode(encode(doc))
    assert back == doc


@pytest.mark.parametrize("fmt", ["jpeg", "webp", "tiff", "heif"])
def test_images_in_each_format_are_read(harness, tmp_path, invoice, fmt):
    if fmt == "heif":
        import pillow_heif
        pillow_heif.register_heif_opener()
    path = tmp_path / f"invoice.{fmt}"
    invoice.image.save(path, fmt.upper(), quality=90) if fmt != "tiff" else save(invoice, path)
    doc = read(harness, path)
    assert "Total due GBP 252.60" in doc.text, doc.text
    assert doc.metadata["format"] == {"heif": "heic"}.get(fmt, fmt)


def test_a_camera_photo_is_turned_as_its_exif_orientation_says(harness, tmp_path, invoice):
    # the sensor's pixels lie on their side; EXIF orientation 6 says "turn 90° clockwise"
    sideways = invoice.image.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "photo.jpg"
    sideways.save(path, quality=90, exif=exif)
    doc = read(harness, path)
    assert "Total due GBP 252.60" in doc.text
    assert doc.page_sizes[0][0] < doc.page_sizes[0][1]          # upright: taller than wide
    assert not any("was turned" in m for m in messages(harness))   # EXIF did it, not OCR


def test_a_scanned_page_in_a_pdf_is_recognised_and_a_text_page_keeps_its_layer(harness, tmp_path, invoice):
    from pypdf import PdfReader, PdfWriter

    text_pdf = tmp_path / "text.pdf"
    text_pdf.write_bytes(make_pdf(["Cover letter from Harbour Print Works"]))
    scan = scanned_pdf(tmp_path / "scan.pdf", [invoice.image])
    writer = PdfWriter()
    for src in (text_pdf, scan):
        writer.append(PdfReader(src))
    mixed = tmp_path / "mixed.pdf"
    with mixed.open("wb") as f:
        writer.write(f)
    doc = read(harness, mixed)
    assert doc.pages[0].strip() == "Cover letter from Harbour Print Works"
    assert "Total due GBP 252.60" in doc.pages[1]
    assert [n for n, _c in doc.recognised] == [1]
    assert doc.metadata["ocr_pages"] == "2"
    assert {ln.page for ln in doc.lines} == {0, 1} and len(doc.page_sizes) == 2
    progress = [e.message for e in harness.events if isinstance(e, StepProgress)]
    assert "OCR: page 2 of 2 (no text layer)" in progress


def test_a_few_words_stamped_over_a_scan_do_not_hide_the_scan(harness, tmp_path, invoice):
    from pypdf import PdfReader, PdfWriter

    scan = scanned_pdf(tmp_path / "scan.pdf", [invoice.image])
    stamp = tmp_path / "stamp.pdf"
    stamp.write_bytes(make_pdf(["Scanned 2026-03-15"]))
    writer = PdfWriter(clone_from=scan)
    writer.pages[0].merge_page(PdfReader(stamp).pages[0])
    stamped = tmp_path / "stamped.pdf"
    with stamped.open("wb") as f:
        writer.write(f)
    assert "Scanned" in PdfReader(stamped).pages[0].extract_text()
    doc = read(harness, stamped)
    assert "Total due GBP 252.60" in doc.text
    assert doc.recognised and doc.recognised[0][0] == 0


def test_a_text_layer_of_unmapped_glyphs_is_replaced_by_ocr(tmp_path, invoice):
    import pypdfium2 as pdfium

    from desktop.ocr.pdf import garbage_share, ocr_reason

    scan = scanned_pdf(tmp_path / "scan.pdf", [invoice.image])
    pdf = pdfium.PdfDocument(scan)
    try:
        page = pdf[0]
        assert ocr_reason("In\x01\x02\x03\x04 \x05\x06\x07 \ufffd\ufffd", page) == \
            "its text layer is mostly unreadable characters"
        assert ocr_reason("Invoice HP-2026-0318 from Harbour Print Works, total due GBP 252.60", page) is None
        assert ocr_reason("Page 1", page) == "a few words over a scanned image"
        assert ocr_reason("", page) == "no text layer"
    finally:
        pdf.close()
    assert garbage_share("ab\x01") == pytest.approx(1 / 3)


def test_ocr_never_and_always(harness, tmp_path, invoice):
    path = save(invoice, tmp_path / "invoice.png")
    with pytest.raises(StepError, match="invoice.png is an image: its text can only be read by OCR"):
        read(harness, path, ocr="never")
    text_pdf = tmp_path / "text.pdf"
    text_pdf.write_bytes(make_pdf(["Plain text page"]))
    assert read(harness, text_pdf).recognised == ()
    doc = read(harness, text_pdf, ocr="always")
    assert [n for n, _c in doc.recognised] == [0] and "Plain text page" in doc.text


def _context(params: dict, on_event) -> StepContext:
    return StepContext(run_id="r" * 32, node_id="n", cancel=CancelToken(), dry_run=False,
                       params=ReadDocument.spec.resolve_params(params), roots={},
                       bus=EventBus([on_event]))


def test_a_300_page_scan_shows_progress_per_page_cancels_within_a_second_and_has_limits(tmp_path):
    pages = [draw([f"Ledger sheet {n} of 300", "Carried forward 1,204.50"], size_in=(5.8, 4.1)).image
             for n in range(1, 301)]
    pdf = scanned_pdf(tmp_path / "ledger.pdf", pages)
    with pytest.raises(StepError, match="ledger.pdf has 300 pages, above the limit of 100"):
        ReadDocument().run(_context({"max_pages": 100}, lambda e: None), file=pdf)

    seen: list[str] = []
    cancelled_at: list[float] = []

    def on_event(e):
        if isinstance(e, StepProgress):
            seen.append(e.message)
            if e.message.startswith("OCR: page 4 of 300"):
                # cancel while page 4 is being read, from another thread as the window does
                threading.Timer(0.15, lambda: (cancelled_at.append(time.monotonic()), ctx.cancel.cancel())).start()

    ctx = _context({}, on_event)
    with pytest.raises(Cancelled):
        ReadDocument().run(ctx, file=pdf)
    stopped = time.monotonic()
    assert cancelled_at and stopped - cancelled_at[0] < 1.0
    ocr = [m for m in seen if m.startswith("OCR: page")]
    assert ocr == [f"OCR: page {n} of 300 (no text layer)" for n in (1, 2, 3, 4)]


def test_a_50_page_tiff_is_read_page_by_page(harness, tmp_path):
    frames = [draw([f"Delivery note {n}"], size_in=(4.1, 2.9)).image for n in range(1, 51)]
    path = tmp_path / "notes.tiff"
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(200, 200), compression="tiff_lzw")
    doc = read(harness, path)
    assert len(doc.pages) == 50 and doc.metadata["page_count"] == "50"
    assert [p.strip() for p in doc.pages] == [f"Delivery note {n}" for n in range(1, 51)]
    assert {ln.page for ln in doc.lines} == set(range(50))
    progress = [e.message for e in harness.events if isinstance(e, StepProgress) and e.message != LOADING]
    assert progress[:2] == ["OCR: page 1 of 50", "OCR: page 2 of 50"] and len(progress) == 50


def _png_header_only(path: Path, width: int, height: int) -> Path:
    """A valid PNG of width x height (1-bit, all black) without building it in memory."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    z = zlib.compressobj(9)
    body = b"".join(z.compress(row) for _ in range(height)) + z.flush()
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
                     + chunk(b"IDAT", body) + chunk(b"IEND", b""))
    return path


def test_a_decompression_bomb_is_refused_with_a_sentence(harness, tmp_path):
    bomb = _png_header_only(tmp_path / "poster.png", 20_000, 20_000)
    assert bomb.stat().st_size < 2_000_000
    with pytest.raises(StepError, match=r"poster.png is 20,000 x 20,000 pixels \(400 megapixels\), "
                                        r"above the 80-megapixel limit"):
        read(harness, bomb)


def test_a_blank_page_and_a_landscape_give_no_text_and_invent_none(harness, tmp_path):
    import numpy as np

    blank = tmp_path / "blank.png"
    Image.new("RGB", (1654, 2339), "white").save(blank, dpi=(200, 200))
    rng = np.random.default_rng(7)
    h, w = 1200, 1800
    y = np.linspace(0, 1, h)[:, None, None]
    img = np.broadcast_to(np.array([120, 170, 240]) + y * np.array([100, 60, -40]), (h, w, 3)).copy()
    xs = np.arange(w)
    for k, (amp, base, colour) in enumerate([(80, 700, (60, 120, 50)), (120, 850, (40, 90, 30))]):
        ridge = base + amp * np.sin(xs / (150 + 50 * k) + k) + 30 * np.sin(xs / 37.0)
        img[np.arange(h)[:, None] > ridge[None, :]] = colour
    img += rng.normal(0, 12, img.shape)
    landscape = tmp_path / "holiday.jpg"
    Image.fromarray(img.clip(0, 255).astype(np.uint8)).save(landscape, quality=85)
    for path in (blank, landscape):
        doc = read(harness, path)
        assert doc.text == "" and doc.lines == () and doc.recognised == ((0, None),)
        assert any(m == f"{path.name}: no text found" for m in messages(harness)), messages(harness)


def test_a_corrupt_png_is_refused_with_a_sentence(harness, tmp_path, invoice):
    buf = io.BytesIO()
    invoice.image.save(buf, "PNG")
    broken = tmp_path / "broken.png"
    broken.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 3])
    with pytest.raises(StepError, match="broken.png is damaged and cannot be read"):
        read(harness, broken)
    fake = tmp_path / "fake.png"
    fake.write_bytes(b"\x00\x01" * 500)
    with pytest.raises(StepError, match="fake.png is named .png but is not an image"):
        read(harness, fake)


def test_a_script_no_installed_language_covers_is_left_out_and_named(harness, tmp_path):
    page = draw(["Счёт-фактура № 1842 от 12 марта", "Покупатель: ООО Ромашка, Москва",
                 "Итого к оплате: 15 400 руб."])
    doc = read(harness, save(page, tmp_path / "schet.png"))
    assert doc.text == ""          # nothing invented from letters it does not know
    note = next(m for m in messages(harness) if "could not read" in m)
    assert "schet.png: OCR found 3 text region(s) and could not read any of them" in note
    assert "It reads: zh, zh-tw, en, ja" in note and ", de, " in note


def test_the_languages_option_is_checked_against_what_is_installed():
    assert ReadDocument.check_params(ReadDocument.spec.resolve_params({"ocr_languages": "de, en"})) == []
    problems = ReadDocument.check_params(ReadDocument.spec.resolve_params({"ocr_languages": "de, ru"}))
    assert problems and problems[0].startswith("option 'ocr_languages': OCR cannot read ru: the "
                                               "installed model reads zh, zh-tw, en")


def test_damaged_engine_files_end_in_a_sentence_naming_what_to_reinstall(harness, tmp_path, invoice,
                                                                         monkeypatch):
    import desktop.ocr.engine as engine
    import desktop.ocr.models as models

    folder = tmp_path / "models"
    shutil.copytree(models.model_dir(), folder)
    (folder / "PP-OCRv6_rec_small.onnx").write_bytes(b"truncated")
    monkeypatch.setattr(models, "model_dir", lambda: folder)
    monkeypatch.setattr(engine, "_shared", None)        # a process that has not loaded it yet
    with pytest.raises(StepError, match=r"the OCR model file .*PP-OCRv6_rec_small.onnx is damaged .*"
                                        r"reinstall the OCR engine"):
        read(harness, save(invoice, tmp_path / "invoice.png"))
    # a PDF with a text layer does not need the engine at all
    text_pdf = tmp_path / "text.pdf"
    text_pdf.write_bytes(make_pdf(["Plain text page"]))
    assert "Plain text page" in read(harness, text_pdf).text


def test_runnel_steps_lists_the_installed_ocr_languages(capsys):
    from desktop.cli import main

    assert main(["steps"]) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if "ocr_languages" in ln)
    assert "Installed: zh, zh-tw, en, ja" in line and ", fr, " in line


def test_the_first_page_of_a_session_says_the_engine_is_loading(harness, tmp_path, invoice, monkeypatch):
    import desktop.ocr.engine as engine

    monkeypatch.setattr(engine, "_shared", None)        # a process that has not loaded it yet
    read(harness, save(invoice, tmp_path / "invoice.png"))
    read(harness, save(invoice, tmp_path / "again.png"))
    progress = [e.message for e in harness.events if isinstance(e, StepProgress)]
    assert progress == [LOADING, "OCR: page 1 of 1", "OCR: page 1 of 1"]      # once a session
