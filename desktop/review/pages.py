"""A document's pages as pixels for the Review view: PDFs rendered by pdfium, images
(scans, phone photos; every frame of a TIFF) by Pillow, upright as OCR read them. No Qt:
the window wraps the bytes in a QImage, off its GUI thread. A page that cannot be
rendered raises `PageError` with a sentence; the view then shows the text instead."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from desktop.engine.document import Line
from desktop.extract.layout import page_lines

MAX_PIXELS = 40_000_000          # a page at a silly zoom must not take the memory


class PageError(Exception):
    """The page cannot be rendered; the message says why, for a person."""


@dataclass(frozen=True)
class RenderedPage:
    index: int
    count: int                   # pages in the document
    width: int                   # pixels
    height: int
    stride: int                  # bytes per row
    rgb: bytes                   # 8-bit RGB rows, `stride` bytes each
    scale: float                 # pixels per PDF point
    size: tuple[float, float]    # the page in points (what the word boxes are in)
    lines: tuple[Line, ...] = () # the page's words with their boxes, for clicks on it


_lock = threading.Lock()         # pdfium is not thread-safe: one render at a time


def is_image(path: Path | str) -> bool:
    from desktop.ocr.images import sniff_image

    try:
        with Path(path).open("rb") as f:
            return sniff_image(f.read(64)) is not None
    except OSError:
        return False


def page_count(path: Path | str) -> int:
    if is_image(path):
        from desktop.ocr.images import ImageError, frame_count

        try:
            return frame_count(Path(path))
        except ImageError as e:
            raise PageError(str(e)) from None
    with _lock:
        pdf = _open(Path(path))
        try:
            return len(pdf)
        finally:
            pdf.close()


def render_page(path: Path | str, index: int, scale: float = 1.5,
                fit_width: int | None = None) -> RenderedPage:
    """Page `index` (from 0) of the PDF at `path`, `scale` pixels per point; with
    `fit_width`, `scale` times what makes the page that many pixels wide."""
    import pypdfium2 as pdfium

    path = Path(path)
    if is_image(path):
        return _render_image(path, index, scale, fit_width)
    with _lock:
        pdf = _open(path)
        try:
            count = len(pdf)
            if not 0 <= index < count:
                raise PageError(f"{path.name} has {count} page(s); there is no page {index + 1}")
            page = pdf[index]
            w, h = page.get_size()
            if fit_width:
                scale *= fit_width / w
            if w * h * scale * scale > MAX_PIXELS:
                scale = (MAX_PIXELS / (w * h)) ** 0.5
            try:
                bitmap = page.render(scale=scale, rev_byteorder=True, may_draw_forms=False)
                lines, _ = page_lines(page, index)
                out = RenderedPage(index, count, bitmap.width, bitmap.height, bitmap.stride,
                                   bytes(bitmap.buffer), scale, (w, h), tuple(lines))
            except pdfium.PdfiumError as e:
                raise PageError(f"page {index + 1} of {path.name} cannot be drawn ({e})") from None
            finally:
                page.close()
        finally:
            pdf.close()
    return out


def _render_image(path: Path, index: int, scale: float, fit_width: int | None) -> RenderedPage:
    """Frame `index` of an image file, its size in points as `documents.read` gave it
    (pixels at the scan's dpi), so the boxes OCR found land on it."""
    from PIL import Image

    from desktop.ocr.images import ImageError, frame_count, frames

    try:
        count = frame_count(path)
        if not 0 <= index < count:
            raise PageError(f"{path.name} has {count} page(s); there is no page {index + 1}")
        frame = next(frames(path, index, index))
    except ImageError as e:
        raise PageError(str(e)) from None
    w, h = frame.size_points
    if fit_width:
        scale *= fit_width / w
    if w * h * scale * scale > MAX_PIXELS:
        scale = (MAX_PIXELS / (w * h)) ** 0.5
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    shown = Image.fromarray(frame.rgb).resize(size, Image.Resampling.LANCZOS)
    return RenderedPage(index, count, size[0], size[1], size[0] * 3, shown.tobytes(), scale, (w, h))


def _open(path: Path):
    import pypdfium2 as pdfium

    if not path.is_file():
        raise PageError(f"{path.name} is no longer at {path.parent}: it was moved or deleted "
                        "after the run paused")
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as e:
        raise PageError(f"{path.name} cannot be shown as a PDF ({e})") from None
    except OSError as e:
        raise PageError(f"{path.name} cannot be read ({e.strerror or e})") from None
