"""Reading pages with OCR: a scanned PDF's pages (those that need it) and image files,
page by page, with progress, cancel and a time limit per page.

The result is what `documents.read` puts in a Document: text per page, layout lines
with word boxes and confidences in points from the page's top left, page sizes, and
which pages were recognised with their mean confidence.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from desktop.engine.document import Line
from desktop.ocr.engine import OcrStopped, shared_engine
from desktop.ocr.layout import expected_chars, page_confidence, to_lines, unreadable
from desktop.ocr.models import LANGUAGES

# a page rendered larger than this is scaled down to it (rapidocr reads at 2000 px anyway)
MAX_RENDER_PIXELS = 40_000_000

Progress = Callable[[float, str], None]      # may raise to cancel (StepContext.progress does)


@dataclass(frozen=True)
class OcrOptions:
    dpi: int = 200                    # PDF pages are rendered at this resolution
    page_seconds: float = 60.0        # time limit per page
    languages: tuple[str, ...] = ()   # what the user expects; () = any installed


@dataclass
class PageText:
    text: str
    lines: list[Line]
    size: tuple[float, float]          # points
    confidence: float | None           # None: no text found
    rotation: int = 0
    note: str = ""                     # why nothing was read, for the run's log


@dataclass
class Recognised:
    pages: list[PageText] = field(default_factory=list)


class OcrFailed(Exception):
    """A page could not be recognised; the message is a sentence for a person."""


def installed_languages() -> tuple[str, ...]:
    return LANGUAGES


def check_languages(languages: tuple[str, ...]) -> str | None:
    """A sentence when a wanted language is not one the installed model reads."""
    missing = [code for code in languages if code not in LANGUAGES]
    if not missing:
        return None
    return (f"OCR cannot read {', '.join(missing)}: the installed model reads "
            f"{', '.join(LANGUAGES)}")


LOADING = "OCR: loading the engine (once a session)"


def prepare(progress: Progress, fraction: float) -> None:
    """Load the engine before the first page, saying so: it takes a second or two, and a
    page that seems to take that long would look stuck."""
    engine = shared_engine()
    if not engine.loaded:
        progress(fraction, LOADING)
        engine.load()


def recognise(rgb: np.ndarray, page: int, dpi: float, options: OcrOptions,
              should_stop: Callable[[], bool], label: str) -> PageText:
    """The text on one page image (RGB). `label` names the page in messages."""
    height, width = rgb.shape[:2]
    size = (round(width * 72 / dpi, 2), round(height * 72 / dpi, 2))
    try:
        raw = shared_engine().read(rgb, should_stop=should_stop,
                                   deadline=time.monotonic() + options.page_seconds)
    except OcrStopped as e:
        if e.reason == "time limit":
            raise OcrFailed(f"{label}: OCR took longer than the step's limit of "
                            f"{options.page_seconds:g} s per page") from None
        raise
    readable = [b for b in raw.boxes if not unreadable(b)]
    # debris: boxes read as far too few characters for their size (writing the model has
    # no letters for). Regions it read at too low a confidence to keep are specks and
    # shadows as often as text, so they alone are not reported.
    debris = [b for b in raw.boxes if unreadable(b)]
    lines = to_lines(readable, page, 72 / dpi, raw.unturn)
    text = "\n".join(line.text for line in lines)
    confidence = page_confidence(lines)
    note = ""
    if debris:
        # what could not be read is left out of the text (it would be invented), and
        # the page's confidence says how much of it there was
        read_chars = sum(len(b.text) for b in readable)
        missing = sum(expected_chars(b) for b in debris)
        confidence = round((confidence or 0.0) * read_chars / (read_chars + missing), 4)
        note = (f"{label}: OCR found {raw.found_text} text region(s) and could not read "
                f"{'any' if not readable else len(debris)} of them, left out of the text; the "
                "writing may be in a script the installed model does not read. It reads: "
                + ", ".join(LANGUAGES))
    elif not lines:
        note = f"{label}: no text found"
    return PageText(text, lines, size, confidence if lines else None, raw.rotation, note)


def read_image(path: Path, options: OcrOptions, progress: Progress,
               should_stop: Callable[[], bool], max_pages: int) -> Recognised:
    """Every frame of the image file at `path`, recognised."""
    from desktop.ocr.images import frame_count, frames

    count = frame_count(path)
    if count > max_pages:
        raise OcrFailed(f"{path.name} has {count} pages, above the limit of {max_pages} set on "
                        "this step")
    out = Recognised()
    prepare(progress, 0.0)
    for frame in frames(path):
        label = f"{path.name}, page {frame.index + 1} of {count}" if count > 1 else path.name
        progress(frame.index / count, f"OCR: page {frame.index + 1} of {count}")
        page = recognise(frame.rgb, frame.index, frame.dpi, options, should_stop, label)
        page.size = frame.size_points
        out.pages.append(page)
    return out


def read_pdf_page(pdf_page: object, index: int, number: int, count: int, name: str,
                  options: OcrOptions, should_stop: Callable[[], bool]) -> PageText:
    """PDF page `number` (0-based; `index` is its place among the pages read) rendered at
    the options' dpi and recognised. Its size is the PDF page's, in points."""
    from desktop.ocr.pdf import render

    rgb, dpi = render(pdf_page, options.dpi, MAX_RENDER_PIXELS)
    page = recognise(rgb, index, dpi, options, should_stop, f"{name}, page {number + 1} of {count}")
    width, height = pdf_page.get_size()        # type: ignore[attr-defined]
    page.size = (width, height)
    return page
