"""Local OCR: recognise text on scanned pages and photos, on this machine, and write a
searchable copy. No Qt; `documents.read` (desktop/steps/documents.py) is the step over it.

    ocr_reason(text, pdf_page) -> why a PDF page needs OCR, or None      (pdf.py)
    read_pdf_page(...), read_image(path, ...) -> recognised pages         (read.py)
    sniff_image(head) -> "png" | "jpeg" | ... | None                     (images.py)
    installed_languages(), check_languages(codes)                        (read.py)
    model_paths() -> the engine's model files, checked by hash            (models.py)

The engine is RapidOCR 3.10 (PP-OCRv6 small) on ONNX Runtime, chosen by measurement
(docs/ocr.md). Its models ship in its wheel; nothing is downloaded.
"""

from __future__ import annotations

import importlib
from typing import Any

# The package is imported when the step list is built (the inspector shows the
# installed languages); the engine, numpy and Pillow load only when a page is read.
_WHERE = {
    "OcrStopped": "engine", "shared_engine": "engine",
    "MAX_PIXELS": "images", "ImageError": "images", "sniff_image": "images",
    "LANGUAGES": "models", "OcrSetupError": "models", "model_paths": "models",
    "garbage_share": "pdf", "ocr_reason": "pdf",
    "OcrFailed": "read", "OcrOptions": "read", "PageText": "read", "check_languages": "read",
    "installed_languages": "read", "read_image": "read", "read_pdf_page": "read",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'desktop.ocr' has no attribute {name!r}")
    return getattr(importlib.import_module(f"desktop.ocr.{_WHERE[name]}"), name)
