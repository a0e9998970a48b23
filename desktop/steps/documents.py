"""Reading documents: PDF (pypdf, text per page and metadata), images, Word, web pages,
e-mail and plain text with encoding detection. The kind is decided by content, not only
by the extension. Scanned PDF pages and images are read by OCR (desktop/ocr), page by
page: a PDF page is recognised when its text layer does not hold its text."""

from __future__ import annotations

import re
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Mapping

from desktop.engine.context import Cancelled, StepContext
from desktop.engine.document import Document, Line
from desktop.engine.errors import StepError
from desktop.engine.spec import Param, Port, Step, StepSpec
from desktop.engine.types import PortType
from desktop.ocr.models import LANGUAGES as OCR_LANGUAGES
from desktop.steps.readers import html_to_text, read_docx, read_email, sniff

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".csv", ".log"}
_SNIFF = 64 * 1024
_TEXT_SHARE = 0.1           # of a PDF's progress bar: its text layer, then layout or OCR


def detect_kind(path: Path, head: bytes) -> str:
    """'pdf', 'image', 'docx', 'html', 'email' or 'text', by content (the extension only
    breaks ties); raises StepError for anything else."""
    from desktop.ocr.images import SUFFIXES, sniff_image

    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if path.suffix.lower() == ".pdf":
        raise StepError(f"{path.name} is named .pdf but is not a PDF (it does not start with %PDF-)")
    if sniff_image(head):
        return "image"
    if path.suffix.lower() in SUFFIXES and not _looks_like_text(head):
        raise StepError(f"{path.name} is named {path.suffix} but is not an image Runnel can read "
                        "(damaged, or not the format its name says)")
    kind = sniff(head)
    if kind:
        return kind
    if head.startswith(b"PK\x03\x04"):
        raise StepError(f"{path.name} is a zip archive, not a document Runnel can read")
    if _looks_like_text(head):
        return "html" if path.suffix.lower() in (".html", ".htm") else "text"
    raise StepError(f"{path.name} is not a document Runnel can read: it looks like binary data, "
                    "not text, PDF, an image, Word, HTML or e-mail")


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    if b"\x00" in head:
        return False
    decoded = _decode(head, partial=True)
    if decoded is None:
        return False
    printable = sum(ch.isprintable() or ch in "\n\r\t\f" for ch in decoded)
    return printable >= 0.95 * max(1, len(decoded))


def _decode(raw: bytes, partial: bool = False) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        if partial and e.start >= len(raw) - 3:   # a character cut at the sniff boundary
            return raw[: e.start].decode("utf-8")
        lenient = raw.decode("utf-8", "replace")
        if lenient.count("\ufffd") * 200 < len(lenient):   # UTF-8 with a few stray bytes
            return lenient
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw))
    if not matches:
        return None
    # Short texts fit many 8-bit code pages equally well; when Windows-1252 is among
    # them it is by far the likeliest on a desk (as browsers assume), so it wins.
    if any("cp1252" in m.could_be_from_charset for m in matches):
        return raw.decode("cp1252", errors="replace")
    return str(matches[0])


def _clean_text(text: str) -> str:
    """Lone surrogates (from broken font maps) become U+FFFD: they cannot be stored or
    written as UTF-8."""
    return text.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(text) else text


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def parse_pages(spec: str, count: int) -> list[int]:
    """'1-3, 5' -> [0, 1, 2, 4] (0-based), clipped to the document. '' -> all pages."""
    if not spec.strip():
        return list(range(count))
    chosen: list[int] = []
    for part in spec.split(","):
        part = part.strip()
        m = re.fullmatch(r"(\d+)\s*(?:-\s*(\d*))?", part)
        if not m:
            raise StepError(f"page range '{spec}' is not understood; write e.g. '1-3, 5' or '2-'")
        first = int(m.group(1))
        last = first if m.group(2) is None else (int(m.group(2)) if m.group(2) else count)
        if first < 1 or last < first:
            raise StepError(f"page range '{part}' is empty or starts before page 1")
        chosen.extend(i - 1 for i in range(first, min(last, count) + 1) if i - 1 not in chosen)
    return chosen


class _TooSlow(Exception):
    """The time limit of documents.read passed while pypdf was inside a page."""


class ReadDocument(Step):
    spec = StepSpec(
        id="documents.read",
        title="Read document",
        category="Documents",
        description="Reads a PDF (text of each page and its metadata), an image (PNG, JPEG, "
                    "TIFF, WebP, HEIC), a Word document, a web page, an e-mail (headers, body, "
                    "attachments listed) or a text file (the encoding is detected). The kind is "
                    "recognised by content. Scanned pages and images are read by OCR on this "
                    "computer.",
        inputs=(Port("file", PortType.FILE, help="the file to read"),),
        outputs=(Port("document", PortType.DOCUMENT, help="text per page and metadata"),),
        params=(
            Param("pages", "string", "", help="PDF pages to read, e.g. '1-3, 5'; empty reads all"),
            Param("max_size_mb", "int", 100, min=1, max=2000,
                  help="refuse files larger than this (MB)"),
            Param("max_pages", "int", 2000, min=1, max=100000,
                  help="refuse PDFs with more pages than this"),
            Param("max_seconds", "int", 120, min=1, max=3600,
                  help="give up on a PDF whose text layer takes longer than this to extract "
                       "(OCR has its own limit per page)"),
            Param("ocr", "choice", "auto", choices=("auto", "always", "never"),
                  help="recognise text on scans: auto = images, and PDF pages without a usable "
                       "text layer; always = every page; never = text layers only"),
            Param("ocr_languages", "string", "",
                  help="languages the scans are in, e.g. 'de, en' (empty: any). Installed: "
                       + ", ".join(OCR_LANGUAGES)),
            Param("ocr_dpi", "int", 200, min=100, max=600,
                  help="resolution PDF pages are rendered at for OCR (dots per inch)"),
            Param("ocr_page_seconds", "int", 60, min=5, max=3600,
                  help="give up on a page whose OCR takes longer than this (seconds)"),
        ),
    )

    @classmethod
    def check_params(cls, params: Mapping[str, Any]) -> list[str]:
        from desktop.ocr.read import check_languages

        problems = []
        try:
            parse_pages(params["pages"], 1)
        except StepError as e:
            problems.append(f"option 'pages': {e}")
        wrong = check_languages(_languages(params.get("ocr_languages", "")))
        if wrong:
            problems.append(f"option 'ocr_languages': {wrong}")
        return problems

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        path = Path(inputs["file"])
        p = ctx.params
        try:
            size = path.stat().st_size
            if size == 0:
                raise StepError(f"{path.name} is empty (0 bytes); there is nothing to read")
            if size > p["max_size_mb"] * 1024 * 1024:
                # one decimal: 1.4 MB must not read as "1 MB, above the limit of 1 MB"
                raise StepError(f"{path.name} is {size / 1048576:.1f} MB, above the limit of "
                                f"{p['max_size_mb']} MB set on this step")
            with path.open("rb") as f:
                head = f.read(_SNIFF)
        except FileNotFoundError:
            raise StepError(f"{path} disappeared before it could be read") from None
        except OSError as e:
            raise StepError(f"{path} cannot be read: {e.strerror}") from None
        kind = detect_kind(path, head)
        if kind == "pdf":
            return {"document": self._read_pdf(ctx, path)}
        if kind == "image":
            return {"document": self._read_image(ctx, path)}
        if kind == "text":
            return {"document": self._read_text(path)}
        raw = path.read_bytes()
        try:
            if kind == "docx":
                pages, meta = read_docx(path.name, raw)
            elif kind == "email":
                pages, meta = read_email(path.name, raw)
            else:
                text = _decode(raw)
                if text is None:
                    raise StepError(f"{path.name}: the text encoding could not be recognised")
                body, title = html_to_text(text)
                pages, meta = [body], ({"title": title} if title else {})
        except StepError:
            raise
        except Exception as e:      # odd inputs must end in a sentence, not a traceback
            label = {"docx": "a Word document", "email": "an e-mail", "html": "a web page"}[kind]
            raise StepError(f"{path.name} could not be read as {label} ({type(e).__name__}: {e})") from None
        if not any(p.strip() for p in pages):
            ctx.log(f"{path.name} contains no readable text", "warning")
        return {"document": Document(path=path, kind=kind, pages=tuple(_clean_text(p) for p in pages),
                                     metadata={**meta, "format": kind})}

    def _read_text(self, path: Path) -> Document:
        raw = path.read_bytes()
        text = _decode(raw)
        if text is None:
            raise StepError(f"{path.name}: the text encoding could not be recognised")
        text = text.lstrip("\ufeff").replace("\r\n", "\n")
        if not text.strip():
            raise StepError(f"{path.name} contains only whitespace; there is nothing to read")
        return Document(path=path, kind="text", pages=(text,),
                        metadata={"format": path.suffix.lower().lstrip(".") or "txt"})

    def _read_pdf(self, ctx: StepContext, path: Path) -> Document:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

        try:
            reader = PdfReader(path, strict=False)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except (NotImplementedError, DependencyError) as e:
                    raise StepError(f"{path.name} is encrypted in a way Runnel cannot open ({e})") from None
                if not opened:
                    raise StepError(f"{path.name} is password-protected; remove the password "
                                    "(or save an unprotected copy) and try again")
            count = len(reader.pages)
            if count > ctx.params["max_pages"]:
                raise StepError(f"{path.name} has {count} pages, above the limit of "
                                f"{ctx.params['max_pages']} set on this step")
            wanted = parse_pages(ctx.params["pages"], count)
            pages = []
            deadline = time.monotonic() + ctx.params["max_seconds"]

            def in_time(*_: Any) -> None:
                # called by pypdf before each drawing operator: one page built to be slow
                # (millions of operators) is stopped inside it, not after it
                if time.monotonic() > deadline:
                    raise _TooSlow()

            for n, index in enumerate(wanted):
                # the text layer is the first tenth of the work: OCR, if any, the rest
                ctx.progress(_TEXT_SHARE * n / max(1, len(wanted)), f"page {index + 1} of {count}")
                try:
                    in_time()
                    text = reader.pages[index].extract_text(visitor_operand_before=in_time)
                except _TooSlow:
                    raise StepError(f"{path.name}: extracting its text took longer than "
                                    f"{ctx.params['max_seconds']} s (stopped at page {index + 1} of "
                                    f"{count}); it may be damaged or built to be slow") from None
                pages.append(_clean_text(text or ""))
            info = reader.metadata or {}
            metadata = {k.lstrip("/").lower(): _clean_text(str(v)) for k, v in info.items()
                        if isinstance(k, str) and v is not None}
        except StepError:
            raise
        except FileNotDecryptedError:
            raise StepError(f"{path.name} is password-protected; remove the password and try again") from None
        except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
                RecursionError, OSError) as e:
            raise StepError(f"{path.name} is damaged or not a valid PDF ({type(e).__name__}: {e})") from None
        metadata["page_count"] = str(count)
        mode = ctx.params.get("ocr", "auto")
        if mode == "never" and not any(p.strip() for p in pages):
            ctx.log(f"{path.name} has no extractable text (a scan? OCR is off on this step)", "warning")
            return Document(path=path, kind="pdf", pages=tuple(pages), metadata=metadata,
                            source_pages=tuple(wanted))
        lines, sizes, recognised = self._pdf_layout(ctx, path, wanted, pages, count, deadline)
        _note_recognised(metadata, recognised, wanted)
        if not any(p.strip() for p in pages):
            ctx.log(f"{path.name}: no text found, neither in a text layer nor by OCR", "warning")
        return Document(path=path, kind="pdf", pages=tuple(pages), metadata=metadata,
                        lines=lines, page_sizes=sizes, recognised=recognised,
                        source_pages=tuple(wanted))

    def _pdf_layout(self, ctx: StepContext, path: Path, wanted: list[int], pages: list[str],
                    count: int, deadline: float) -> tuple[tuple[Line, ...], tuple[tuple[float, float], ...],
                                                          tuple[tuple[int, float | None], ...]]:
        """Positions of the words of each page (pdfium), for grounding; pages whose text
        layer does not hold their text are recognised by OCR instead, and `pages` gets
        their text. A PDF pypdf read but pdfium cannot lay out still gives its plain
        text, with a note."""
        import pypdfium2 as pdfium

        from desktop.extract.layout import page_lines
        from desktop.ocr.pdf import ocr_reason
        from desktop.ocr.read import prepare, read_pdf_page

        mode = ctx.params.get("ocr", "auto")
        lines: list[Line] = []
        sizes: list[tuple[float, float]] = []
        recognised: list[tuple[int, float | None]] = []
        try:
            pdf = pdfium.PdfDocument(path, password="")
        except (pdfium.PdfiumError, OSError) as e:
            ctx.log(f"{path.name}: word positions are not available ({e}); plain text only"
                    + ("" if any(p.strip() for p in pages) else "; its pages could not be rendered for OCR"),
                    "warning")
            return (), (), ()
        try:
            for n, index in enumerate(wanted):
                if time.monotonic() > deadline:
                    raise StepError(f"{path.name}: laying out its text took longer than "
                                    f"{ctx.params['max_seconds']} s (stopped at page {index + 1})")
                page = pdf[index]
                try:
                    reason = ("OCR is set to always" if mode == "always" else
                              ocr_reason(pages[n], page) if mode == "auto" else None)
                    done = _TEXT_SHARE + (1 - _TEXT_SHARE) * n / max(1, len(wanted))
                    if reason:
                        with _ocr_errors(path):
                            prepare(ctx.progress, done)
                        ctx.progress(done,
                                     f"OCR: page {index + 1} of {count} ({reason})")
                        began = time.monotonic()
                        with _ocr_errors(path):
                            read = read_pdf_page(page, n, index, count, path.name, _ocr_options(ctx),
                                                 lambda: ctx.cancel.cancelled)
                        deadline += time.monotonic() - began     # OCR has its own limit
                        pages[n] = read.text
                        lines.extend(read.lines)
                        sizes.append(read.size)
                        recognised.append((n, read.confidence))
                        if read.note:
                            ctx.log(read.note, "warning")
                        continue
                    ctx.progress(done, f"laying out page {index + 1}")
                    page_rows, size = page_lines(page, n)
                finally:
                    page.close()
                lines.extend(Line(r.page, _clean_text(r.text), r.box, r.words) for r in page_rows)
                sizes.append(size)
        except pdfium.PdfiumError as e:
            if recognised:
                raise StepError(f"{path.name} could not be rendered for OCR ({e})") from None
            ctx.log(f"{path.name}: word positions are not available ({e}); plain text only", "warning")
            return (), (), ()
        finally:
            pdf.close()
        return tuple(lines), tuple(sizes), tuple(recognised)

    def _read_image(self, ctx: StepContext, path: Path) -> Document:
        from desktop.ocr.images import sniff_image
        from desktop.ocr.read import read_image

        with path.open("rb") as f:
            fmt = sniff_image(f.read(64)) or path.suffix.lower().lstrip(".")
        if ctx.params.get("ocr", "auto") == "never":
            raise StepError(f"{path.name} is an image: its text can only be read by OCR, which "
                            "this step has turned off (option 'ocr' is 'never')")
        with _ocr_errors(path):
            read = read_image(path, _ocr_options(ctx), ctx.progress, lambda: ctx.cancel.cancelled,
                              ctx.params["max_pages"])
        pages = tuple(p.text for p in read.pages)
        recognised = tuple((n, p.confidence) for n, p in enumerate(read.pages))
        metadata = {"format": fmt, "page_count": str(len(pages))}
        _note_recognised(metadata, recognised, list(range(len(pages))))
        for p in read.pages:
            if p.note:
                ctx.log(p.note, "warning")
            if p.rotation:
                ctx.log(f"{path.name}: page {read.pages.index(p) + 1} was turned by {p.rotation}° to be read")
        return Document(path=path, kind="image", pages=pages, metadata=metadata,
                        lines=tuple(line for p in read.pages for line in p.lines),
                        page_sizes=tuple(p.size for p in read.pages), recognised=recognised)


def _languages(value: str) -> tuple[str, ...]:
    return tuple(code.strip().lower() for code in re.split(r"[,;\s]+", value or "") if code.strip())


def _ocr_options(ctx: StepContext) -> Any:
    from desktop.ocr.read import OcrOptions

    p = ctx.params
    return OcrOptions(dpi=p.get("ocr_dpi", 200), page_seconds=p.get("ocr_page_seconds", 60),
                      languages=_languages(p.get("ocr_languages", "")))


def _note_recognised(metadata: dict[str, str], recognised: tuple[tuple[int, float | None], ...],
                     wanted: list[int]) -> None:
    """Which pages OCR read (as the document numbers them) and its mean confidence, for
    templates and the run's record."""
    if not recognised:
        return
    metadata["ocr_pages"] = ", ".join(str(wanted[n] + 1) for n, _c in recognised)
    scores = [c for _n, c in recognised if c is not None]
    if scores:
        metadata["ocr_confidence"] = f"{sum(scores) / len(scores):.2f}"


@contextmanager
def _ocr_errors(path: Path) -> Iterator[None]:
    """OCR's failures as the step's: a sentence (StepError), or Cancelled."""
    from desktop.ocr.engine import OcrStopped
    from desktop.ocr.images import ImageError
    from desktop.ocr.models import OcrSetupError
    from desktop.ocr.read import OcrFailed

    try:
        yield
    except OcrStopped:
        raise Cancelled() from None
    except (ImageError, OcrFailed, OcrSetupError) as e:
        raise StepError(str(e)) from None
    except MemoryError:
        raise StepError(f"{path.name}: not enough memory to recognise its text") from None


STEPS = [ReadDocument]
