"""Which PDF pages need OCR, and those pages as pixels (pdfium).

A page needs OCR when its text layer does not hold its text: no text at all (a scan), a
few words over a page-sized image (a scanner's stamp or page number over the scan), or
text that is mostly garbage (fonts without a Unicode map give control characters, the
replacement character or private-use code points). Mixed documents are decided page by
page.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np

# a text layer with fewer letters or digits than this over a page that is mostly image
# is a stamp or a page number on a scan, not the page's text
_FEW_CHARS = 40
_IMAGE_COVER = 0.5
_GARBAGE = 0.3


def garbage_share(text: str) -> float:
    """The share of a text layer's visible characters that cannot be real text: control
    characters, U+FFFD, private-use and unassigned code points."""
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return 0.0
    bad = sum(1 for ch in visible if ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs"))
    return bad / len(visible)


def ocr_reason(text: str, page: Any) -> str | None:
    """Why the pdfium `page` whose text layer reads `text` needs OCR, or None."""
    if garbage_share(text) > _GARBAGE:
        return "its text layer is mostly unreadable characters"
    letters = sum(ch.isalnum() for ch in text)
    if letters == 0:
        return "no text layer"
    if letters < _FEW_CHARS and image_cover(page) > _IMAGE_COVER:
        return "a few words over a scanned image"
    return None


def image_cover(page: Any) -> float:
    """The share of the page's area that its image objects cover (their bounding boxes;
    overlaps counted once per object, so it is an upper bound, capped at 1)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    width, height = page.get_size()
    if width <= 0 or height <= 0:
        return 0.0
    area = 0.0
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        # pypdfium2 5 calls it get_bounds, 4 get_pos
        bounds = obj.get_bounds if hasattr(obj, "get_bounds") else obj.get_pos
        try:
            left, bottom, right, top = bounds()
        except pdfium.PdfiumError:      # an object pdfium cannot place covers nothing
            continue
        w = max(0.0, min(right, width) - max(left, 0.0))
        h = max(0.0, min(top, height) - max(bottom, 0.0))
        area += w * h
    return min(1.0, area / (width * height))


def render(page: Any, dpi: float, max_pixels: int) -> tuple[np.ndarray, float]:
    """The page as an RGB array at `dpi` (lowered when the page would exceed
    `max_pixels`), and the dpi used."""
    width, height = page.get_size()
    scale = dpi / 72
    if width * height * scale * scale > max_pixels:
        scale = (max_pixels / (width * height)) ** 0.5
    bitmap = page.render(scale=scale, rev_byteorder=True, may_draw_forms=True)
    try:
        arr = bitmap.to_numpy()
        rgb = np.ascontiguousarray(arr[..., :3])
    finally:
        bitmap.close()
    return rgb, scale * 72
