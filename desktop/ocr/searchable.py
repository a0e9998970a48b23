"""A searchable copy of a scanned document: every page looks exactly as it did, and an
invisible text layer sits over each recognised word, so any PDF viewer can search and
select the text (what OCRmyPDF calls a "sandwich" PDF).

How the layer is built (the approach of Tesseract's PDF renderer and OCRmyPDF's hOCR
transform): one glyphless font for the whole file, a Type0 font over a CIDFontType2
whose embedded TrueType program has one plain rectangle glyph, half an em wide, that
every character shows. Text is written in rendering mode 3 (neither filled nor
stroked), so nothing is ever drawn. Identity-H makes every character one two-byte code,
and a ToUnicode CMap maps each code back to its character, so é, ß, €, ł, Greek, CJK
and characters beyond the BMP come out of search and copy as they went in. Each word
is stretched (Tz) so that its invisible glyphs span exactly the word's box.

Coordinates: a Line's boxes are in points from the top left of the page *as displayed*
(inside the CropBox, after /Rotate), which is how pdfium renders a page for OCR. A
transformation at the start of the layer maps that frame onto the page's own space.
Text on a page scanned sideways or upside down (the OCR engine turns such pages to
read them) runs along its words: down, up or right to left.
"""

from __future__ import annotations

import io
import os
import struct
import tempfile
import unicodedata
import zlib
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Callable

from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, IndirectObject, NameObject,
                           NumberObject, TextStringObject)

from desktop.engine.document import Box, Line

_FONT = "GlyphLessFont"
_ADVANCE = 500          # glyph advance in 1/1000 em: a code is half as wide as the font is tall
_SIZE_SLACK = 1.0       # points a caller's page size may differ from the page's own
_MIN_WIDTH = 0.01       # points: a word or gap never gets zero width (a singular text matrix)

# what a damaged PDF or image raises from pypdf and Pillow, while reading or copying it
_READ_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
                RecursionError, OSError, zlib.error, EOFError, SyntaxError, struct.error)


class SearchableError(Exception):
    """The copy could not be written; the message is one sentence for a person."""


def write_searchable_pdf(source: Path, target: Path, lines: Sequence[Line], ocr_pages: Mapping[int, int],
                         page_sizes: Sequence[tuple[float, float]], image_dpi: float = 300.0) -> int:
    """source: a PDF or an image file (PNG/JPEG/TIFF incl. multi-page/WebP). ocr_pages maps a
    Line.page value (index into the read document's pages) -> the 0-based page (or TIFF frame)
    index in `source`. Only those pages get an invisible layer; other pages of a PDF source are
    copied unchanged (they have a real text layer). page_sizes[line.page] is that page's size in
    points (for an image: pixels*72/image_dpi, the box coordinates use the same scale).
    For an image source, every frame becomes a PDF page of that size showing the image
    (JPEG embedded without re-encoding where possible). Writes to a temp file beside target then
    os.replace (never a half-written target). Returns the number of pages written."""
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise SearchableError(f"{source.name} was not found, so no searchable copy could be made.")
    if not image_dpi > 0:
        raise SearchableError(f"An image resolution of {image_dpi} dpi cannot be used for a PDF page.")
    with open(source, "rb") as f:
        is_pdf = b"%PDF-" in f.read(1024)
    try:
        if is_pdf:
            writer = _pdf_writer(source)
        else:
            # a recognised frame is shown at the size its text was measured on (a reader
            # may know each frame's own resolution); the others at image_dpi
            sizes = {frame: page_sizes[read] for read, frame in ocr_pages.items()
                     if 0 <= read < len(page_sizes)}
            writer = _image_writer(source, image_dpi, sizes)
        count = len(writer.pages)
        # the lines of each source page; lines of pages that were not recognised (they
        # have a real text layer) are not ours to place
        by_page: dict[int, list[Line]] = {}
        for src_page in ocr_pages.values():
            if not 0 <= src_page < count:
                raise SearchableError(f"{source.name} has {count} page{'s' * (count != 1)}, so its page "
                                      f"{src_page + 1} cannot be given a text layer.")
            by_page.setdefault(src_page, [])
        for line in lines:
            if line.page in ocr_pages:
                by_page[ocr_pages[line.page]].append(line)
        font: _GlyphlessFont | None = None     # made with the first layer: no text, no font
        for src_page, page_lines in sorted(by_page.items()):
            if page_lines:
                font = font or _GlyphlessFont(writer)
                _add_layer(writer, writer.pages[src_page], src_page, page_lines, page_sizes, font)
        if font:
            font.finish()
    except SearchableError:
        raise
    except _READ_ERRORS as e:
        raise SearchableError(f"{source.name} is damaged or not a document Runnel can read "
                              f"({type(e).__name__}: {e}).") from None
    _write_atomic(writer, target, source.name)
    return count


def _write_atomic(writer: PdfWriter, target: Path, source_name: str) -> None:
    """Write beside the target and rename over it in one step, so a failure never leaves
    a half-written target (nor a previous copy half overwritten)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise SearchableError(f"The searchable copy cannot be written into {target.parent} "
                              f"({e.strerror or e}).") from None
    try:
        with os.fdopen(fd, "wb") as f:
            writer.write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise SearchableError(f"{target.name} could not be written ({e.strerror or e}).") from None
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, _READ_ERRORS):     # pypdf reads parts of the source lazily, while writing
            raise SearchableError(f"{source_name} is damaged and could not be copied "
                                  f"({type(e).__name__}: {e}).") from None
        raise


# ---------------------------------------------------------------- the source documents

def _pdf_writer(source: Path) -> PdfWriter:
    """A writer holding a full copy of the PDF (outline, forms, metadata and all)."""
    reader = PdfReader(source, strict=False)
    if reader.is_encrypted:
        # decrypting and writing an open copy would drop the owner's restrictions
        raise SearchableError(f"{source.name} is encrypted; remove its password or protection "
                              "to make a searchable copy.")
    return PdfWriter(clone_from=reader)


def _image_writer(source: Path, dpi: float, sizes: Mapping[int, tuple[float, float]]) -> PdfWriter:
    """A new PDF with one page per frame of the image, the first frame turned upright as
    its EXIF orientation says (as desktop/ocr/images.py reads it)."""
    try:
        from pillow_heif import register_heif_opener     # optional: HEIC phone photos
        register_heif_opener()
    except ImportError:
        pass
    try:
        image = Image.open(source)
    except UnidentifiedImageError:
        raise SearchableError(f"{source.name} is neither a PDF nor an image Runnel can read.") from None
    except Image.DecompressionBombError:
        raise SearchableError(f"{source.name} has too many pixels to be a scanned page.") from None
    writer = PdfWriter()
    with image:
        # an MPO (a camera's JPEG with a second, depth or preview, image) is one page
        for index in range(1 if image.format == "MPO" else getattr(image, "n_frames", 1)):
            image.seek(index)
            _add_image_page(writer, image, index, source, dpi, sizes.get(index))
    return writer


# EXIF orientation -> where the image's unit square goes on a page of the displayed
# width w and height h (PDF images have their first row at the top of the unit square)
_ORIENTED: dict[int, Callable[[float, float], tuple[float, ...]]] = {
    1: lambda w, h: (w, 0, 0, h, 0, 0),       2: lambda w, h: (-w, 0, 0, h, w, 0),
    3: lambda w, h: (-w, 0, 0, -h, w, h),     4: lambda w, h: (w, 0, 0, -h, 0, h),
    5: lambda w, h: (0, -h, -w, 0, w, h),     6: lambda w, h: (0, -h, w, 0, 0, h),
    7: lambda w, h: (0, h, w, 0, 0, 0),       8: lambda w, h: (0, h, -w, 0, w, 0),
}


def _add_image_page(writer: PdfWriter, image: Any, index: int, source: Path, dpi: float,
                    size: tuple[float, float] | None) -> None:
    orientation = image.getexif().get(0x0112, 1) if index == 0 else 1
    orientation = orientation if orientation in _ORIENTED else 1
    xobject = DecodedStreamObject()
    if image.format == "JPEG" and image.mode in ("L", "RGB"):
        # the file's own bytes: a PDF viewer decodes JPEG itself, re-encoding would lose
        # quality; the orientation is applied by the drawing matrix instead
        xobject.set_data(source.read_bytes())
        xobject[NameObject("/Filter")] = NameObject("/DCTDecode")
        mode, pixels, icc = image.mode, image.size, image.info.get("icc_profile")
    else:
        frame = ImageOps.exif_transpose(image) if orientation != 1 else image
        orientation, icc = 1, frame.info.get("icc_profile") if frame.mode in ("1", "L", "RGB") else None
        frame = _plain_mode(frame)
        mode, pixels = frame.mode, frame.size
        # PNG's compressed rows are exactly a FlateDecode stream with PNG predictors:
        # lossless, and about as small as the PNG itself
        xobject.set_data(_png_idat(frame))
        xobject[NameObject("/Filter")] = NameObject("/FlateDecode")
        xobject[NameObject("/DecodeParms")] = _dict(
            Predictor=NumberObject(15), Columns=NumberObject(pixels[0]),
            Colors=NumberObject(3 if mode == "RGB" else 1),
            BitsPerComponent=NumberObject(1 if mode == "1" else 8))
    space: Any = NameObject("/DeviceRGB" if mode == "RGB" else "/DeviceGray")
    if icc:             # the colours the scanner or camera meant
        profile = _stream(icc)
        profile[NameObject("/N")] = NumberObject(3 if mode == "RGB" else 1)
        space = ArrayObject([NameObject("/ICCBased"), writer._add_object(profile.flate_encode())])
    xobject.update(_dict(Type=NameObject("/XObject"), Subtype=NameObject("/Image"),
                         Width=NumberObject(pixels[0]), Height=NumberObject(pixels[1]), ColorSpace=space,
                         BitsPerComponent=NumberObject(1 if mode == "1" else 8)))
    shown = pixels if orientation < 5 else pixels[::-1]
    # rounded: 900 px at 300 dpi is 216 pt, not 216.00000000000003
    width, height = round(shown[0] * 72.0 / dpi, 4), round(shown[1] * 72.0 / dpi, 4)
    if size is not None:
        if abs(size[0] * shown[1] - size[1] * shown[0]) > 0.01 * size[0] * shown[1]:
            raise SearchableError(
                f"Page {index + 1} of {source.name} is {shown[0]} by {shown[1]} pixels, but its text was read "
                f"on a page of {size[0]:.0f} by {size[1]:.0f} points, another shape.")
        width, height = round(size[0], 4), round(size[1], 4)
    page = writer.add_blank_page(width, height)
    page[NameObject("/Resources")] = _dict(XObject=_dict(Im0=writer._add_object(xobject)))
    matrix = " ".join(_num(v) for v in _ORIENTED[orientation](width, height))
    page[NameObject("/Contents")] = writer._add_object(_stream(f"q {matrix} cm /Im0 Do Q".encode()))


def _plain_mode(frame: Any) -> Any:
    """The frame as bilevel, grey or RGB pixels, the kinds a PDF image holds plainly.
    Transparency is laid on white paper, 16-bit grey is scaled to 8 bits."""
    if frame.mode in ("1", "L", "RGB"):
        return frame
    if frame.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):
        top = 65535 if frame.mode.startswith("I;16") else max(1, frame.getextrema()[1])
        return frame.convert("I").point(lambda v: v * (255 / top)).convert("L")
    if frame.mode == "P" and "transparency" not in frame.info:
        return frame.convert("RGB")
    if "A" in frame.mode or frame.mode in ("P", "PA") or "transparency" in frame.info:
        rgba = frame.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("L" if frame.mode.startswith("L") else "RGB")
    return frame.convert("L" if frame.mode == "F" else "RGB")


def _png_idat(frame: Any) -> bytes:
    """The zlib stream of the frame's PNG encoding (its IDAT chunks joined)."""
    buffer = io.BytesIO()
    frame.save(buffer, "PNG", compress_level=6)
    data, pos, chunks = buffer.getvalue(), 8, []
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        if kind == b"IDAT":
            chunks.append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    return b"".join(chunks)


# ---------------------------------------------------------------- the text layer

def _add_layer(writer: PdfWriter, page: PageObject, index: int, lines: list[Line],
               page_sizes: Sequence[tuple[float, float]], font: _GlyphlessFont) -> None:
    """Put the lines over one page: the original content is wrapped in q/Q (a content
    stream may leave its transformation changed), then the layer follows."""
    matrix, shown_w, shown_h = _display_frame(page, index)
    for read_page in sorted({line.page for line in lines}):
        if read_page >= len(page_sizes):
            raise SearchableError(f"The size of page {read_page + 1} is not known, so its text "
                                  "cannot be placed.")
        w, h = page_sizes[read_page]
        if abs(w - shown_w) > _SIZE_SLACK or abs(h - shown_h) > _SIZE_SLACK:
            raise SearchableError(
                f"Page {index + 1} is {shown_w:.0f} by {shown_h:.0f} points but its text was read on a page "
                f"of {w:.0f} by {h:.0f}, so the text cannot be placed over it.")

    # this page's own resources: a dictionary shared with other pages stays as it was
    resources = DictionaryObject(_inherited(page, "/Resources") or {})
    fonts = DictionaryObject(resources["/Font"] if "/Font" in resources else {})   # [] resolves a reference
    name = "/FRunnelOCR"
    while name in fonts:
        name += "x"
    fonts[NameObject(name)] = font.ref
    resources[NameObject("/Font")] = fonts
    page[NameObject("/Resources")] = resources

    ops = ["q", " ".join(_num(v) for v in matrix) + " cm", "3 Tr"]
    reading = _READING[_direction(lines)]
    for line in lines:
        ops += _line_ops(line, font, name, shown_h, reading)
    ops.append("Q")
    raw = page.raw_get("/Contents") if "/Contents" in page else None
    content = None if raw is None else raw.get_object()
    if content is None:
        original = []
    elif isinstance(content, ArrayObject):
        original = list(content)
    else:                       # a stream, which must be an indirect object in an array
        original = [raw if isinstance(raw, IndirectObject) else writer._add_object(content)]
    layer = _stream(("\nQ\n" + "\n".join(ops) + "\n").encode()).flate_encode()
    page[NameObject("/Contents")] = ArrayObject([font.save_state, *original, writer._add_object(layer)])


def _display_frame(page: PageObject, index: int) -> tuple[tuple[float, ...], float, float]:
    """The matrix from the displayed page (origin bottom left, y up) to the page's own
    space, and the displayed width and height. Like pdfium, the displayed page is the
    CropBox within the MediaBox, turned clockwise by /Rotate."""
    media = _rect(_inherited(page, "/MediaBox")) or (0.0, 0.0, 612.0, 792.0)
    crop = _rect(_inherited(page, "/CropBox")) or media
    x0, y0 = max(crop[0], media[0]), max(crop[1], media[1])
    x1, y1 = min(crop[2], media[2]), min(crop[3], media[3])
    if x1 <= x0 or y1 <= y0:
        x0, y0, x1, y1 = media
    rotate = _inherited(page, "/Rotate") or 0
    if not isinstance(rotate, (int, float)) or rotate % 90:
        raise SearchableError(f"Page {index + 1} is turned by {rotate} degrees, which is not a quarter turn.")
    rotate = int(rotate) % 360
    matrix = {0: (1, 0, 0, 1, x0, y0), 90: (0, 1, -1, 0, x1, y0),
              180: (-1, 0, 0, -1, x1, y1), 270: (0, -1, 1, 0, x0, y1)}[rotate]
    w, h = x1 - x0, y1 - y0
    return (matrix, w, h) if rotate in (0, 180) else (matrix, h, w)


def _direction(lines: list[Line]) -> str:
    """Which way the page's text runs on the displayed page: the way most lines go from
    their first word to their last ("right" when no line has two words)."""
    votes: Counter[str] = Counter()
    for line in lines:
        words = sorted(line.words, key=lambda w: w.start)
        if len(words) >= 2:
            a, b = words[0].box, words[-1].box
            dx, dy = (b[0] + b[2] - a[0] - a[2]) / 2, (b[1] + b[3] - a[1] - a[3]) / 2
            votes[("right" if dx > 0 else "left") if abs(dx) >= abs(dy) else ("down" if dy > 0 else "up")] += 1
    return votes.most_common(1)[0][0] if votes else "right"


# For each direction text runs in: a box's extent along the reading direction (as an
# increasing pair), the line's font size (its extent across), the text matrix's turn,
# and where text starting at reading position p sits (page coordinates, y up) given
# the line's box and the page height. "left" is a page upside down, "down" a page
# turned clockwise (tops of letters to the right), "up" anticlockwise.
_Reading = tuple[Callable[[Box], tuple[float, float]], Callable[[Box], float], tuple[int, int, int, int],
                 Callable[[float, Box, float], tuple[float, float]]]
_READING: dict[str, _Reading] = {
    "right": (lambda b: (b[0], b[2]), lambda b: b[3] - b[1], (1, 0, 0, 1), lambda p, b, h: (p, h - b[3])),
    "left": (lambda b: (-b[2], -b[0]), lambda b: b[3] - b[1], (-1, 0, 0, -1), lambda p, b, h: (-p, h - b[1])),
    "down": (lambda b: (b[1], b[3]), lambda b: b[2] - b[0], (0, -1, 1, 0), lambda p, b, h: (b[0], h - p)),
    "up": (lambda b: (-b[3], -b[1]), lambda b: b[2] - b[0], (0, 1, -1, 0), lambda p, b, h: (b[2], h + p)),
}


def _line_ops(line: Line, font: _GlyphlessFont, name: str, page_h: float, reading: _Reading) -> list[str]:
    """The text operators of one line: one baseline and font size for the whole line
    (the edge and extent of its box, as OCRmyPDF does), each word stretched along its
    own box and the text between words (a space, or more at a column gap) along the gap."""
    extent, across, turn, origin = reading
    box = line.box
    if box is None and line.words:
        boxes = [w.box for w in line.words]
        box = (min(b[0] for b in boxes), min(b[1] for b in boxes),
               max(b[2] for b in boxes), max(b[3] for b in boxes))
    if box is None or across(box) < _MIN_WIDTH:
        return []                                   # no position (or no height): nothing to place
    size = across(box)
    segments: list[tuple[str, float, float]] = []   # text, start and end along the line
    words = sorted((w for w in line.words if w.end > w.start), key=lambda w: w.start)
    if not words:
        segments.append((line.text.strip(), *extent(box)))
    done, end_at = 0, 0.0
    for n, word in enumerate(words):
        start = 0 if n == 0 else max(word.start, done)   # text before the first word joins it
        end = len(line.text) if n == len(words) - 1 else word.end
        if end <= start:
            continue
        begin_at, word_end = extent(word.box)
        if segments:
            segments.append((line.text[done:start], end_at, begin_at))
        segments.append((line.text[start:end].strip(), begin_at, word_end))
        done, end_at = end, word_end
    pieces: list[tuple[str, float, float]] = []     # text, start, length
    for text, begin, finish in segments:
        # composed as a person types it (o + combining diaeresis is searched for as ö)
        text = unicodedata.normalize("NFC", text)
        text = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
        if text:
            pieces.append((text, begin, max(finish - begin, _MIN_WIDTH)))
    if not pieces:
        return []

    def moved(at: float) -> str:
        return " ".join(_num(v) for v in (*turn, *origin(at, box, page_h))) + " Tm"

    ops = ["BT", f"{name} {_num(size)} Tf"]
    if turn[0] < 0:
        # upside down: pdfium puts the text objects of a line in the order of their x,
        # backwards here, so the line is one TJ with each glyph where its word puts it
        places = [(c, begin + k * length / len(text)) for text, begin, length in pieces
                  for k, c in enumerate(text)]
        glyph = max((pieces[-1][1] + pieces[-1][2] - places[0][1]) / len(places), _MIN_WIDTH)
        scale = glyph / (size * _ADVANCE / 1000)          # Tz / 100
        run = []
        for (c, at), (_, after) in zip(places, places[1:] + [("", places[-1][1] + glyph)]):
            run.append(f"<{font.encode(c)}>")
            shift = (glyph - (after - at)) * 1000 / (size * scale)   # TJ counts in 1/1000 em
            if abs(shift) > 0.01:
                run.append(_num(shift))
        return ops + [moved(places[0][1]), f"{_num(100 * scale)} Tz [{' '.join(run)}] TJ", "ET"]
    at: float | None = None
    for text, begin, length in pieces:
        if at is None or abs(begin - at) > _MIN_WIDTH:   # words run on without a jump where they touch
            ops.append(moved(begin))
        stretch = 100.0 * length / (len(text) * size * _ADVANCE / 1000)
        ops.append(f"{_num(stretch)} Tz <{font.encode(text)}> Tj")
        at = begin + length
    return ops + ["ET"]


class _GlyphlessFont:
    """The one invisible font of the file. Codes are handed out per character as the
    text is written (so characters beyond the BMP get a code too); the ToUnicode CMap
    that maps them back is written by `finish`."""

    def __init__(self, writer: PdfWriter) -> None:
        self._writer = writer
        self._codes: dict[str, int] = {}
        truetype = _glyphless_truetype()
        program = _stream(truetype)
        program[NameObject("/Length1")] = NumberObject(len(truetype))   # FontFile2 wants its plain length
        descriptor = _dict(
            Type=NameObject("/FontDescriptor"), FontName=NameObject("/" + _FONT), Flags=NumberObject(5),
            FontBBox=ArrayObject([NumberObject(v) for v in (0, 0, _ADVANCE, 1000)]),
            ItalicAngle=NumberObject(0),
            Ascent=NumberObject(1000), Descent=NumberObject(0), CapHeight=NumberObject(1000),
            StemV=NumberObject(80), FontFile2=writer._add_object(program.flate_encode()))
        # every CID shows glyph 1: Acrobat refuses a font whose text all maps to .notdef
        gids = _stream(b"\x00\x00" + b"\x00\x01" * 65535).flate_encode()
        cidfont = _dict(
            Type=NameObject("/Font"), Subtype=NameObject("/CIDFontType2"), BaseFont=NameObject("/" + _FONT),
            CIDSystemInfo=_dict(Registry=TextStringObject("Adobe"), Ordering=TextStringObject("Identity"),
                                Supplement=NumberObject(0)),
            FontDescriptor=writer._add_object(descriptor), DW=NumberObject(_ADVANCE),
            CIDToGIDMap=writer._add_object(gids))
        self._type0 = _dict(
            Type=NameObject("/Font"), Subtype=NameObject("/Type0"), BaseFont=NameObject("/" + _FONT),
            Encoding=NameObject("/Identity-H"), DescendantFonts=ArrayObject([writer._add_object(cidfont)]))
        self.ref = writer._add_object(self._type0)
        self.save_state = writer._add_object(_stream(b"q\n"))   # opens each page's wrapped content

    def encode(self, text: str) -> str:
        """The hex string of two-byte codes for the text."""
        codes = self._codes
        return "".join(f"{codes.setdefault(c, len(codes) + 1):04X}" for c in text)

    def finish(self) -> None:
        entries = [f"<{code:04X}> <{c.encode('utf-16-be').hex().upper()}>" for c, code in self._codes.items()]
        blocks = [f"{len(entries[i:i + 100])} beginbfchar\n" + "\n".join(entries[i:i + 100]) + "\nendbfchar"
                  for i in range(0, len(entries), 100)]       # a CMap block holds at most 100
        cmap = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" + "\n".join(blocks) +
                "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
        stream = _stream(cmap.encode("ascii")).flate_encode()
        self._type0[NameObject("/ToUnicode")] = self._writer._add_object(stream)


def _glyphless_truetype() -> bytes:
    """A TrueType font program with two glyphs half an em wide: an empty .notdef and a
    plain rectangle from the baseline to the em's top (as in Tesseract's glyphless font).
    The rectangle gives each character a box a viewer can hit when selecting; text
    rendering mode 3 keeps it from ever being drawn."""
    units, glyphs = 1000, 2
    # one contour, four on-curve points clockwise, coordinates as deltas
    rectangle = (struct.pack(">hhhhhHH4B", 1, 0, 0, _ADVANCE, units, 3, 0, 1, 1, 1, 1)
                 + struct.pack(">4h", 0, 0, _ADVANCE, 0) + struct.pack(">4h", 0, units, 0, -units))
    tables = {
        b"OS/2": struct.pack(">HhHHHhhhhhhhhhhh10s4I4sHHHhhhHH2I", 1, _ADVANCE, 400, 5, 0, *(0,) * 10, 0,
                             bytes(10), 0, 0, 0, 0, b"RNNL", 0x40, 0x20, 0xFFFF, units, 0, 0, units, 0, 1, 0),
        b"cmap": struct.pack(">HHHHIHHHHHHHHHHH", 0, 1, 3, 1, 12, 4, 24, 0, 2, 2, 0, 0, 0xFFFF, 0, 0xFFFF, 1)
                 + struct.pack(">H", 0),
        b"glyf": rectangle,
        b"head": struct.pack(">IIIIHHqqhhhhHHhhh", 0x00010000, 0x00010000, 0, 0x5F0F3CF5, 0b1011, units,
                             0, 0, 0, 0, _ADVANCE, units, 0, 8, 2, 0, 0),
        b"hhea": struct.pack(">IhhhHhhhhhh4hhH", 0x00010000, units, 0, 0, _ADVANCE, 0, 0, _ADVANCE, 1, 0, 0,
                             0, 0, 0, 0, 0, glyphs),
        b"hmtx": struct.pack(">HhHh", _ADVANCE, 0, _ADVANCE, 0),
        b"loca": struct.pack(">HHH", 0, 0, len(rectangle) // 2),
        b"maxp": struct.pack(">IH13H", 0x00010000, glyphs, 4, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0),
        b"name": _name_table({1: _FONT, 2: "Regular", 4: _FONT, 6: _FONT}),
        b"post": struct.pack(">IIhhIIIII", 0x00030000, 0, 0, 0, 1, 0, 0, 0, 0),
    }

    def checksum(data: bytes) -> int:
        data += b"\0" * (-len(data) % 4)
        return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF

    count = len(tables)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, (count - power) * 16)
    offset, records, body = 12 + 16 * count, b"", b""
    for tag in sorted(tables):
        data = tables[tag]
        records += struct.pack(">4sIII", tag, checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    font = bytearray(header + records + body)
    # the head table's checkSumAdjustment makes the whole file sum to a fixed value
    head_at = offset + sum(len(d) + (-len(d) % 4) for t, d in sorted(tables.items()) if t < b"head")
    struct.pack_into(">I", font, head_at + 8, (0xB1B0AFBA - checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)


def _name_table(names: dict[int, str]) -> bytes:
    records, strings = b"", b""
    for name_id, text in names.items():
        data = text.encode("utf-16-be")
        records += struct.pack(">6H", 3, 1, 0x409, name_id, len(data), len(strings))
        strings += data
    return struct.pack(">3H", 0, len(names), 6 + 12 * len(names)) + records + strings


# ---------------------------------------------------------------- small helpers
# (pypdf has no public call that adds an object to a writer; `_add_object` is the one
# its own page and annotation code uses)

def _stream(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


def _dict(**entries: Any) -> DictionaryObject:
    return DictionaryObject({NameObject("/" + k): v for k, v in entries.items()})


def _inherited(page: Any, key: str) -> Any:
    """A page attribute, looked up the page tree as the PDF format says (/Resources,
    /MediaBox, /CropBox and /Rotate may sit on a parent; pypdf's reader usually copies
    them onto each page already)."""
    node = page
    for _ in range(64):             # a tree deeper than this is a loop in a damaged file
        if key in node:
            return node[key]        # DictionaryObject's [] resolves references
        parent = node.get("/Parent")
        if parent is None:
            return None
        node = parent.get_object()
    return None


def _rect(value: Any) -> tuple[float, float, float, float] | None:
    try:
        a, b, c, d = (float(v) for v in value)
    except (TypeError, ValueError):
        return None
    return (min(a, c), min(b, d), max(a, c), max(b, d)) if a != c and b != d else None


def _num(value: float) -> str:
    """A number as a PDF content stream wants it: no exponent, three decimals at most."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
