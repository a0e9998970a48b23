"""Makes resources/samples/invoice-northwind-scan.pdf: the sample invoice as a scanner
would give it back — both pages printed, scanned at 200 dpi in grey, a little crooked
(1.2° and -0.8°), with paper grain, toner specks, a soft focus and JPEG compression, and
no text layer. Fixed seeds: the same pages on every run (bytes may differ between
Pillow or pdfium versions).

    python bench/ocr_data/make_sample_scan.py [OUT.pdf]
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "resources" / "samples" / "invoice-northwind.pdf"
OUT = ROOT / "resources" / "samples" / "invoice-northwind-scan.pdf"
DPI = 200


def scan(page: Image.Image, angle: float, seed: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    grey = page.convert("L").rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    a = np.asarray(grey, dtype=np.float32)
    a = 40 + a * (222 - 40) / 255                        # toner never black, paper never white
    a += rng.normal(0, 9, a.shape)                       # grain
    specks = rng.random(a.shape) < 0.0004
    a[specks] = rng.uniform(30, 120, specks.sum())
    img = Image.fromarray(a.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))
    return img


def main(out: Path = OUT) -> Path:
    pdf = pdfium.PdfDocument(SOURCE)
    pages = []
    try:
        for i, angle in enumerate((1.2, -0.8)):
            bitmap = pdf[i].render(scale=DPI / 72, rev_byteorder=True)
            pages.append(scan(bitmap.to_pil(), angle, seed=14 + i))
    finally:
        pdf.close()
    jpegs = []
    for p in pages:      # JPEG at quality 60, as office scanners save
        from io import BytesIO
        buf = BytesIO()
        p.save(buf, "JPEG", quality=60)
        jpegs.append(Image.open(BytesIO(buf.getvalue())))
    jpegs[0].save(out, "PDF", resolution=DPI, save_all=True, append_images=jpegs[1:],
                  title="Invoice 2026-0417 (scan)", producer="Runnel sample scanner")
    return out


if __name__ == "__main__":
    print(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
