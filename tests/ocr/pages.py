"""Pages to recognise, drawn with Pillow at a known resolution, with where each word was
drawn (so a test can check that OCR's word boxes land on it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")

INVOICE = [
    "Harbour Print Works Ltd",
    "12 Quay Street, Bristol BS1 4DJ",
    "INVOICE   No. HP-2026-0318",
    "Date: 14 March 2026",
    "Bill to: Lindqvist Design AB, Stockholm",
    "Business cards, 500        84.00",
    "Letterheads, 1000        126.50",
    "Subtotal        210.50",
    "VAT 20%        42.10",
    "Total due GBP 252.60",
]


def font(px: int) -> ImageFont.FreeTypeFont:
    for path in FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, px)
    return ImageFont.load_default(size=px)      # Pillow's own scalable font


@dataclass
class Drawn:
    image: Image.Image
    dpi: int
    words: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)  # first place, pixels

    def points(self, word: str) -> tuple[float, float, float, float]:
        s = 72 / self.dpi
        x0, y0, x1, y1 = self.words[word]
        return (x0 * s, y0 * s, x1 * s, y1 * s)


def draw(lines: list[str], *, dpi: int = 200, size_in: tuple[float, float] = (8.27, 11.69),
         px: int | None = None, top: float = 1.0) -> Drawn:
    """An A4 page (by default) with `lines` at 11 pt, one inch from the top and left."""
    w, h = round(size_in[0] * dpi), round(size_in[1] * dpi)
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    f = font(px or round(11 / 72 * dpi * 1.3))
    drawn = Drawn(img, dpi)
    y = round(top * dpi)
    step = round(f.size * 1.8)
    for line in lines:
        x = dpi
        for word in line.split(" "):
            if word:
                box = d.textbbox((x, y), word, font=f)
                d.text((x, y), word, font=f, fill="black")
                drawn.words.setdefault(word, box)
                x = box[2]
            x += round(f.size * 0.3)
        y += step
    return drawn


def save(drawn: Drawn, path: Path, **kw) -> Path:
    drawn.image.save(path, dpi=(drawn.dpi, drawn.dpi), **kw)
    return path
