"""The searchable copy of a scan, checked on real files made here: Pillow draws words on
a 300 dpi page and the Lines are built from the boxes it drew them at. pdfium (what
Chrome's viewer uses) must find each word over its box, pypdf must extract the text,
and every page must render exactly as before."""

from __future__ import annotations

import ctypes
import io
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageOps
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject, NumberObject, RectangleObject

from desktop.engine.document import Line, Word
from desktop.ocr.searchable import SearchableError, write_searchable_pdf
from tests.pdfmaker import make_pdf, write_encrypted_pdf

DPI = 300
PT = 72 / DPI                    # points per pixel
TOL = 2.0                        # points
TEXT = ["Größe €12,50 Łódź", "Ελλάδα naïve 漢字 𝄞clef", "Invoice 2026-0417 total 214.08"]
WORDS = [w for line in TEXT for w in line.split()]


def _font(size: int = 40) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans.ttf", "Arial.ttf"):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def draw_page(texts: list[str], size: tuple[int, int] = (1200, 700), page: int = 0, mode: str = "L",
              origin: tuple[int, int] = (60, 80), dpi: float = DPI) -> tuple[Image.Image, list[Line]]:
    """A scan with the texts drawn word by word, and the Lines an OCR engine would give
    (boxes in points from the top left, for a scan at `dpi`)."""
    pt = 72 / dpi
    image = Image.new(mode, size, "white")
    draw = ImageDraw.Draw(image)
    font = _font()
    lines = []
    y = origin[1]
    for text in texts:
        x, words, offset = origin[0], [], 0
        for word in text.split():
            left, top, right, bottom = draw.textbbox((x, y), word, font=font)
            draw.text((x, y), word, font=font, fill="black")
            start = text.index(word, offset)
            offset = start + len(word)
            words.append(Word(start, offset, (left * pt, top * pt, right * pt, bottom * pt)))
            x = right + 28
        box = (min(w.box[0] for w in words), min(w.box[1] for w in words),
               max(w.box[2] for w in words), max(w.box[3] for w in words))
        lines.append(Line(page=page, text=text, box=box, words=tuple(words)))
        y += 120
    return image, lines


def size_of(image: Image.Image) -> tuple[float, float]:
    return image.width * PT, image.height * PT


def pdf_of(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PDF", resolution=DPI)
    return out.getvalue()


def render(path: Path) -> list[Image.Image]:
    pdf = pdfium.PdfDocument(path)
    try:
        # a hair under 300/72, so that 216 pt is 900 pixels rather than ceil(900.0000000000001)
        return [pdf[i].render(scale=DPI / 72 - 1e-9).to_pil().convert("RGB") for i in range(len(pdf))]
    finally:
        pdf.close()


def same_pixels(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is None


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    diff = ImageChops.difference(a.convert("L"), b.convert("L"))
    return sum(i * n for i, n in enumerate(diff.histogram())) / (a.width * a.height)


def placed_words(path: Path, index: int) -> dict[str, tuple[float, float, float, float]]:
    """Each word of the page as pdfium finds it, with the box around its characters in
    points from the top left of the page as shown. pdfium's own page-to-device mapping
    turns its page-space boxes into the shown page (rotation and MediaBox origin)."""
    pdf = pdfium.PdfDocument(path)
    try:
        page = pdf[index]
        width, height = page.get_size()
        textpage = page.get_textpage()
        # words from pdfium's characters (UTF-16 code units, so 𝄞 counts two)
        words, current = [], []
        for i in range(textpage.count_chars()):
            unit = pdfium_raw.FPDFText_GetUnicode(textpage.raw, i)
            if chr(unit).isspace() or unit in (0, 0xFFFE):
                words, current = words + [current] * bool(current), []
            else:
                current.append((i, unit))
        words += [current] * bool(current)
        found = {}
        for units in words:
            word = b"".join(u.to_bytes(2, "big") for _, u in units).decode("utf-16-be")
            xs, ys = [], []
            for i, _ in units:
                left, bottom, right, top = textpage.get_charbox(i, loose=True)
                for x, y in ((left, bottom), (right, top)):
                    dx, dy = ctypes.c_int(), ctypes.c_int()
                    pdfium_raw.FPDF_PageToDevice(page.raw, 0, 0, round(width * 100), round(height * 100), 0,
                                                 x, y, ctypes.byref(dx), ctypes.byref(dy))
                    xs.append(dx.value / 100)
                    ys.append(dy.value / 100)
            found[word] = (min(xs), min(ys), max(xs), max(ys))
        return found
    finally:
        pdf.close()


def assert_placed(path: Path, index: int, lines: list[Line], vertical: bool = False) -> None:
    found = placed_words(path, index)
    for line in lines:
        for word in line.words:
            text = line.text[word.start:word.end]
            assert text in found, f"{text!r} not found on page {index + 1}: {sorted(found)}"
            got = found[text]
            # along the word's own box, across the line's (one baseline per line)
            if vertical:
                want = (line.box[0], word.box[1], line.box[2], word.box[3])
            else:
                want = (word.box[0], line.box[1], word.box[2], line.box[3])
            assert all(abs(g - w) <= TOL for g, w in zip(got, want)), (text, got, want)


def render_modes(path: Path, index: int) -> list[int]:
    pdf = pdfium.PdfDocument(path)
    try:
        return [pdfium_raw.FPDFTextObj_GetTextRenderMode(obj.raw)
                for obj in pdf[index].get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_TEXT])]
    finally:
        pdf.close()


def flat(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- images

def test_png_scan_gets_an_invisible_layer_over_each_word(tmp_path: Path) -> None:
    image, lines = draw_page(TEXT)
    source = tmp_path / "scan.png"
    image.save(source, dpi=(DPI, DPI))
    target = tmp_path / "scan.pdf"

    assert write_searchable_pdf(source, target, lines, {0: 0}, [size_of(image)]) == 1

    assert_placed(target, 0, lines)
    reader = PdfReader(target)
    assert len(reader.pages) == 1
    assert [float(v) for v in reader.pages[0].mediabox] == pytest.approx([0, 0, *size_of(image)])
    text = flat(reader.pages[0].extract_text())
    for line in TEXT:
        assert line in text                          # incl. "Größe €12,50 Łódź" and 𝄞 beyond the BMP
    pdf = pdfium.PdfDocument(target)
    textpage = pdf[0].get_textpage()
    assert flat(textpage.get_text_range()) == " ".join(TEXT)
    # the spaces are the layer's own characters, not ones pdfium guessed from the gaps
    spaces = [pdfium_raw.FPDFText_IsGenerated(textpage.raw, i) for i in range(textpage.count_chars())
              if pdfium_raw.FPDFText_GetUnicode(textpage.raw, i) == 32]
    assert len(spaces) == len(WORDS) - len(TEXT) and not any(spaces)
    pdf.close()
    assert set(render_modes(target, 0)) == {3}        # invisible: neither filled nor stroked
    # the page shows the scan, pixel for pixel, with nothing drawn by the text
    shown = render(target)[0]
    assert shown.size == image.size
    assert same_pixels(shown, image)


def test_a_line_without_words_spans_its_box(tmp_path: Path) -> None:
    image, lines = draw_page(["Summe 1.234,56 EUR"])
    wordless = [Line(page=0, text=lines[0].text, box=lines[0].box)]
    source = tmp_path / "scan.png"
    image.save(source)
    target = tmp_path / "out.pdf"
    write_searchable_pdf(source, target, wordless, {0: 0}, [size_of(image)])

    found = placed_words(target, 0)
    box = lines[0].box
    assert found["Summe"][0] == pytest.approx(box[0], abs=TOL)
    assert found["EUR"][2] == pytest.approx(box[2], abs=TOL)
    assert found["1.234,56"][1] == pytest.approx(box[1], abs=TOL)
    assert found["1.234,56"][3] == pytest.approx(box[3], abs=TOL)
    assert flat(PdfReader(target).pages[0].extract_text()) == "Summe 1.234,56 EUR"


def test_decomposed_accents_are_written_composed(tmp_path: Path) -> None:
    # an engine may give "o" + combining diaeresis; a person searches for "ö"
    image, lines = draw_page(["Größe Łódź"])
    line = lines[0]
    nfd = [unicodedata.normalize("NFD", line.text[w.start:w.end]) for w in line.words]
    text = " ".join(nfd)
    words = (Word(0, len(nfd[0]), line.words[0].box), Word(len(nfd[0]) + 1, len(text), line.words[1].box))
    source = tmp_path / "scan.png"
    image.save(source)
    target = tmp_path / "out.pdf"
    write_searchable_pdf(source, target, [Line(0, text, line.box, words)], {0: 0}, [size_of(image)])
    assert flat(PdfReader(target).pages[0].extract_text()) == "Größe Łódź"
    assert_placed(target, 0, lines)


def test_many_different_characters(tmp_path: Path) -> None:
    # 250 distinct CJK characters: the ToUnicode map comes in blocks of at most 100
    image, _ = draw_page([])
    text = "".join(chr(0x4E00 + i) for i in range(250))
    source = tmp_path / "scan.png"
    image.save(source)
    target = tmp_path / "out.pdf"
    write_searchable_pdf(source, target, [Line(0, text, (10, 10, 500, 30))], {0: 0}, [size_of(image)])
    assert PdfReader(target).pages[0].extract_text() == text
    pdf = pdfium.PdfDocument(target)
    assert pdf[0].get_textpage().get_text_range() == text
    pdf.close()


def test_multi_page_tiff_gives_one_page_per_frame(tmp_path: Path) -> None:
    first, lines1 = draw_page(TEXT[:1], page=0)
    second, lines2 = draw_page(TEXT[2:], size=(900, 1300), page=1, mode="1")
    third, _ = draw_page(["not recognised"], size=(600, 400), mode="RGB")
    source = tmp_path / "fax.tif"
    first.save(source, save_all=True, append_images=[second, third], dpi=(DPI, DPI))
    target = tmp_path / "fax.pdf"

    count = write_searchable_pdf(source, target, lines1 + lines2, {0: 0, 1: 1},
                                 [size_of(first), size_of(second)])

    assert count == 3
    reader = PdfReader(target)
    assert [tuple(float(v) for v in p.mediabox[2:]) for p in reader.pages] == [
        pytest.approx(size_of(im)) for im in (first, second, third)]
    assert_placed(target, 0, lines1)
    assert_placed(target, 1, lines2)
    assert "Größe" not in reader.pages[1].extract_text()
    assert reader.pages[2].extract_text() == ""       # a frame with no text gets no layer
    for shown, frame in zip(render(target), (first, second, third)):
        assert same_pixels(shown, frame)


def test_each_frame_is_shown_at_the_size_its_text_was_measured(tmp_path: Path) -> None:
    # a reader that knows each frame's resolution: the second frame was scanned at 200 dpi
    first, lines1 = draw_page(TEXT[:1], page=0)
    second, lines2 = draw_page(TEXT[2:], page=1, dpi=200)
    source = tmp_path / "mixed.tif"
    first.save(source, save_all=True, append_images=[second])
    sizes = [size_of(first), (second.width * 72 / 200, second.height * 72 / 200)]
    target = tmp_path / "out.pdf"
    write_searchable_pdf(source, target, lines1 + lines2, {0: 0, 1: 1}, sizes)

    reader = PdfReader(target)
    assert [tuple(float(v) for v in p.mediabox[2:]) for p in reader.pages] == [pytest.approx(s) for s in sizes]
    assert_placed(target, 0, lines1)
    assert_placed(target, 1, lines2)


def _turned(box, turn: int, w: float, h: float):
    """A box on a w x h page after Pillow turns the page `turn` degrees anticlockwise."""
    x0, top, x1, bottom = box
    return {90: (top, w - x1, bottom, w - x0), 180: (w - x1, h - bottom, w - x0, h - top),
            270: (h - bottom, x0, h - top, x1)}[turn]


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_text_runs_along_the_words_of_a_sideways_or_upside_down_scan(tmp_path: Path, turn: int) -> None:
    # the OCR engine reads a page fed in sideways by turning it; the boxes it gives are
    # on the page as shown, where the words run up, down or right to left
    upright, lines = draw_page(TEXT)
    w, h = size_of(upright)
    turned = [Line(0, ln.text, _turned(ln.box, turn, w, h),
                   tuple(Word(wd.start, wd.end, _turned(wd.box, turn, w, h)) for wd in ln.words))
              for ln in lines]
    image = upright.rotate(turn, expand=True)
    source = tmp_path / "sideways.png"
    image.save(source)
    target = tmp_path / "out.pdf"
    write_searchable_pdf(source, target, turned, {0: 0}, [size_of(image)])

    assert_placed(target, 0, turned, vertical=turn != 180)
    assert "Größe €12,50 Łódź" in flat(PdfReader(target).pages[0].extract_text())
    pdf = pdfium.PdfDocument(target)     # in reading order, so a phrase can be searched for
    assert flat(pdf[0].get_textpage().get_text_range()) == " ".join(TEXT)
    pdf.close()
    assert same_pixels(render(target)[0], image)


def test_jpeg_is_embedded_as_it_is(tmp_path: Path) -> None:
    image, lines = draw_page(TEXT, mode="RGB")
    source = tmp_path / "photo.jpg"
    image.save(source, quality=90, dpi=(DPI, DPI))
    target = tmp_path / "photo.pdf"
    write_searchable_pdf(source, target, lines, {0: 0}, [size_of(image)])

    page = PdfReader(target).pages[0]
    (xobject,) = page["/Resources"]["/XObject"].values()
    xobject = xobject.get_object()
    assert xobject["/Filter"] == "/DCTDecode"
    assert xobject._data == source.read_bytes()       # not re-encoded
    assert_placed(target, 0, lines)
    assert mean_difference(render(target)[0], Image.open(source)) < 1.0


@pytest.mark.parametrize("orientation", range(1, 9))
def test_jpeg_orientation_is_shown_upright_without_re_encoding(tmp_path: Path, orientation: int) -> None:
    # four differently grey quadrants show any turn or mirror
    stored = Image.new("L", (400, 240), 0)
    for n, (x, y) in enumerate(((0, 0), (200, 0), (0, 120), (200, 120))):
        stored.paste(40 + 60 * n, (x, y, x + 200, y + 120))
    exif = Image.Exif()
    exif[0x0112] = orientation
    source = tmp_path / "turned.jpg"
    stored.save(source, exif=exif, quality=95)
    upright = ImageOps.exif_transpose(Image.open(source))
    target = tmp_path / "turned.pdf"
    write_searchable_pdf(source, target, [], {}, [])

    xobject = next(iter(PdfReader(target).pages[0]["/Resources"]["/XObject"].values())).get_object()
    assert xobject._data == source.read_bytes()
    shown = render(target)[0]
    assert shown.size == upright.size
    assert mean_difference(shown, upright) < 2.0


@pytest.mark.parametrize("mode", ["RGBA", "P", "LA", "I;16"])
def test_other_image_modes_are_shown_as_they_look(tmp_path: Path, mode: str) -> None:
    image, lines = draw_page(TEXT[:1], mode="RGB")
    if mode == "RGBA":
        source_image = image.convert("RGBA")
        source_image.putalpha(Image.new("L", image.size, 255))
    elif mode == "LA":
        source_image = image.convert("LA")
    elif mode == "I;16":
        source_image = image.convert("L").convert("I").point(lambda v: v * 257).convert("I;16")
    else:
        source_image = image.convert("P")
    source = tmp_path / "scan.png"
    source_image.save(source)
    target = tmp_path / "scan.pdf"
    write_searchable_pdf(source, target, lines, {0: 0}, [size_of(image)])

    assert_placed(target, 0, lines)
    assert mean_difference(render(target)[0], image) < 1.0


def test_webp_scan(tmp_path: Path) -> None:
    image, lines = draw_page(TEXT[:2], mode="RGB")
    source = tmp_path / "scan.webp"
    image.save(source, lossless=True)
    target = tmp_path / "scan.pdf"
    write_searchable_pdf(source, target, lines, {0: 0}, [size_of(image)])
    assert_placed(target, 0, lines)
    assert same_pixels(render(target)[0], image)


# ---------------------------------------------------------------- PDF sources

def test_pdf_made_from_a_scan(tmp_path: Path) -> None:
    image, lines = draw_page(TEXT, mode="RGB")
    source = tmp_path / "scan.pdf"
    source.write_bytes(pdf_of(image))
    target = tmp_path / "searchable.pdf"

    assert write_searchable_pdf(source, target, lines, {0: 0}, [size_of(image)]) == 1

    assert_placed(target, 0, lines)
    assert "Größe €12,50 Łódź" in flat(PdfReader(target).pages[0].extract_text())
    assert same_pixels(render(target)[0], render(source)[0])


def test_two_page_pdf_keeps_its_real_text_layer(tmp_path: Path) -> None:
    image, lines = draw_page(TEXT, page=1)
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(make_pdf(["Cover letter from Northwind Ltd.\nPlease see the scan."]))))
    writer.append(PdfReader(io.BytesIO(pdf_of(image))))
    source = tmp_path / "mixed.pdf"
    with source.open("wb") as f:
        writer.write(f)
    # the reader's lines for page 1 come from its real text layer: not ours to place
    real = [Line(page=0, text="Cover letter from Northwind Ltd.", box=(72, 10, 300, 22),
                 words=(Word(0, 5, (72, 10, 100, 22)),))]
    target = tmp_path / "searchable.pdf"

    count = write_searchable_pdf(source, target, real + lines, {1: 1}, [(612, 792), size_of(image)])

    assert count == 2
    before, after = PdfReader(source), PdfReader(target)
    assert after.pages[0].get_contents().get_data() == before.pages[0].get_contents().get_data()
    assert after.pages[0].extract_text() == before.pages[0].extract_text()
    assert "/FRunnelOCR" not in after.pages[0]["/Resources"]["/Font"]
    assert_placed(target, 1, lines)
    assert "Größe €12,50 Łódź" in flat(after.pages[1].extract_text())
    assert all(same_pixels(a, b) for a, b in zip(render(target), render(source)))


def _turned_pdf(tmp_path: Path, rotate: int, offset: tuple[float, float],
                crop: tuple[float, float, float, float] | None = None):
    """A scan stored turned by -rotate and shown upright by /Rotate, its MediaBox moved
    to `offset`, optionally cropped by (left, bottom, right, top) insets (rotate 0)."""
    upright, lines = draw_page(TEXT)
    stored = upright.rotate(rotate, expand=True)          # Pillow turns anticlockwise
    page_writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_of(stored))))
    page = page_writer.pages[0]
    w, h = (float(v) for v in page.mediabox[2:])
    page.add_transformation(Transformation().translate(*offset))
    page.mediabox = RectangleObject([offset[0], offset[1], offset[0] + w, offset[1] + h])
    if rotate:
        page.rotate(rotate)
    size = size_of(upright)
    if crop:
        left, bottom, right, top = crop
        page.cropbox = RectangleObject([offset[0] + left, offset[1] + bottom,
                                        offset[0] + w - right, offset[1] + h - top])
        size = (size[0] - left - right, size[1] - bottom - top)
        lines = [Line(page=0, text=ln.text, box=_moved(ln.box, left, top),
                      words=tuple(Word(wd.start, wd.end, _moved(wd.box, left, top)) for wd in ln.words))
                 for ln in lines]
    source = tmp_path / f"turned{rotate}.pdf"
    with source.open("wb") as f:
        page_writer.write(f)
    return source, upright, lines, size


def _moved(box, dx, dy):
    return (box[0] - dx, box[1] - dy, box[2] - dx, box[3] - dy)


@pytest.mark.parametrize("rotate,offset,crop", [
    (90, (0, 0), None), (180, (0, 0), None), (270, (0, 0), None),
    (0, (100, -50), None), (90, (-30, 200), None),
    (0, (40, 60), (20.5, 30, 10, 15.25)),
])
def test_turned_and_moved_pages_get_text_where_it_is_shown(tmp_path: Path, rotate, offset, crop) -> None:
    source, upright, lines, size = _turned_pdf(tmp_path, rotate, offset, crop)
    pdf = pdfium.PdfDocument(source)
    assert pdf[0].get_size() == pytest.approx(size, abs=0.01)    # what a reader would pass
    pdf.close()
    if not crop:        # the test's own premise: the page shows the upright scan
        assert mean_difference(render(source)[0], upright) < 0.5
    target = tmp_path / "out.pdf"

    write_searchable_pdf(source, target, lines, {0: 0}, [size])

    assert_placed(target, 0, lines)
    assert "Größe €12,50 Łódź" in flat(PdfReader(target).pages[0].extract_text())
    assert same_pixels(render(target)[0], render(source)[0])


def test_content_that_leaves_its_transformation_changed(tmp_path: Path) -> None:
    # some producers scale the page and never restore it; the layer must not inherit that
    image, lines = draw_page(TEXT)
    w, h = size_of(image)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_of(image))))
    page = writer.pages[0]
    (name,) = page["/Resources"]["/XObject"].keys()
    content = page.get_contents()
    content.set_data(f"0.5 0 0 0.5 0 0 cm {2 * w} 0 0 {2 * h} 0 0 cm {name} Do".encode())
    page.replace_contents(content)
    source = tmp_path / "unbalanced.pdf"
    with source.open("wb") as f:
        writer.write(f)
    target = tmp_path / "out.pdf"
    write_searchable_pdf(source, target, lines, {0: 0}, [(w, h)])
    assert_placed(target, 0, lines)
    assert same_pixels(render(target)[0], render(source)[0])


def _raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given objects (numbered from 1, the first the catalog)."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        if body.startswith(b"stream:"):
            data = body[7:]
            body = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_attributes_inherited_from_the_page_tree(tmp_path: Path) -> None:
    # MediaBox, /Rotate and the Resources (whose /Font is a reference) sit on the Pages
    # node and are shared by both pages; only the first page is recognised
    source = tmp_path / "inherited.pdf"
    source.write_bytes(_raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [10 20 410 320] /Rotate 90 "
        b"/Resources 5 0 R >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 7 0 R >>",
        b"<< /Font 8 0 R >>",
        b"stream:0 0 1 rg 60 60 100 40 re f BT /F1 12 Tf 40 40 Td (Printed) Tj ET",
        b"stream:BT /F1 12 Tf 40 40 Td (Second) Tj ET",
        b"<< /F1 9 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]))
    words = (Word(0, 5, (130, 240, 180, 260)), Word(6, 10, (200, 240, 250, 260)))
    lines = [Line(page=0, text="Größe Łódź", box=(130, 240, 250, 260), words=words)]
    target = tmp_path / "out.pdf"

    assert write_searchable_pdf(source, target, lines, {0: 0}, [(300, 400), (300, 400)]) == 2

    assert_placed(target, 0, lines)
    reader = PdfReader(target)
    first = reader.pages[0].extract_text()
    assert "Printed" in first and "Größe Łódź" in flat(first)
    assert "/FRunnelOCR" not in reader.pages[1]["/Resources"]["/Font"]
    assert reader.pages[1].extract_text() == "Second"
    assert all(same_pixels(a, b) for a, b in zip(render(target), render(source)))


# ---------------------------------------------------------------- writing safely, refusing clearly

def _sentence(error: pytest.ExceptionInfo) -> str:
    message = str(error.value)
    assert message.endswith(".") and "\n" not in message and "Traceback" not in message
    return message


def test_a_failed_write_leaves_no_target_and_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    image, lines = draw_page(TEXT[:1])
    source = tmp_path / "scan.png"
    image.save(source)
    target = tmp_path / "out" / "scan.pdf"
    target.parent.mkdir()

    def write_half(self, stream):
        stream.write(b"%PDF-1.7\n% half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(PdfWriter, "write", write_half)
    with pytest.raises(SearchableError) as error:
        write_searchable_pdf(source, target, lines, {0: 0}, [size_of(image)])
    assert "No space left" in _sentence(error)
    assert list(target.parent.iterdir()) == []

    target.write_bytes(b"the previous copy")           # an older copy is kept whole
    with pytest.raises(SearchableError):
        write_searchable_pdf(source, target, lines, {0: 0}, [size_of(image)])
    assert target.read_bytes() == b"the previous copy"
    assert list(target.parent.iterdir()) == [target]


def test_refusals_are_sentences_and_write_nothing(tmp_path: Path) -> None:
    image, lines = draw_page(TEXT[:1])
    png = tmp_path / "scan.png"
    image.save(png)
    target = tmp_path / "out.pdf"
    encrypted = write_encrypted_pdf(tmp_path / "locked.pdf", ["secret"], user_password="")
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ngarbage")
    truncated = tmp_path / "cut.png"
    truncated.write_bytes(png.read_bytes()[:300])
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(pdf_of(image))
    notes = tmp_path / "notes.txt"
    notes.write_text("just words")
    size = [size_of(image)]
    cases = [
        (encrypted, lines, {0: 0}, [(612, 792)], "encrypted"),
        (damaged, lines, {0: 0}, size, "damaged"),
        (truncated, lines, {0: 0}, size, "damaged"),
        (notes, lines, {0: 0}, size, "neither a PDF nor an image"),
        (tmp_path / "missing.png", lines, {0: 0}, size, "not found"),
        (png, lines, {0: 3}, size, "has 1 page"),
        (png, lines, {0: 0}, [(612, 792)], "another shape"),
        (pdf, lines, {0: 0}, [(612, 792)], "cannot be placed"),
        (png, lines, {0: 0}, [], "size of page 1 is not known"),
    ]
    for source, case_lines, pages, sizes, words in cases:
        with pytest.raises(SearchableError) as error:
            write_searchable_pdf(source, target, case_lines, pages, sizes)
        assert words in _sentence(error), (source.name, str(error.value))
        assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["scan.png", "scan.pdf", "locked.pdf", "damaged.pdf", "cut.png", "notes.txt"])


def test_pages_turned_by_an_odd_angle_are_refused(tmp_path: Path) -> None:
    image, lines = draw_page(TEXT[:1])
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_of(image))))
    writer.pages[0][NameObject("/Rotate")] = NumberObject(45)
    source = tmp_path / "odd.pdf"
    with source.open("wb") as f:
        writer.write(f)
    with pytest.raises(SearchableError) as error:
        write_searchable_pdf(source, tmp_path / "out.pdf", lines, {0: 0}, [size_of(image)])
    assert "quarter turn" in _sentence(error)
