"""Image files as pages to recognise: PNG, JPEG, TIFF (every frame), WebP, BMP, GIF, and
HEIC/HEIF (phone photos) through pillow-heif.

Each frame comes out upright as its camera saw it (EXIF orientation applied), as 8-bit
RGB, with the resolution it was scanned at. What cannot be read ends in an `ImageError`
with a sentence; nothing is decoded before its size is known, so a decompression bomb
is refused from its header.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import numpy as np

# A4 at 600 dpi is 35 megapixels, A3 at 600 dpi 70; beyond this an "image" is either a
# poster-sized scan or built to exhaust memory (a 20,000 x 20,000 PNG is 1.2 GB decoded)
MAX_PIXELS = 80_000_000
A4_LONG_SIDE_INCHES = 11.69
SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".bmp", ".gif", ".heic", ".heif"}


class ImageError(Exception):
    """The image cannot be read; the message says why, for a person."""


@dataclass(frozen=True)
class Frame:
    index: int                 # 0-based frame (page) of the file
    count: int                 # frames in the file
    rgb: np.ndarray            # height x width x 3, uint8, upright
    dpi: float                 # pixels per inch (guessed from an A4 page when not recorded)

    @property
    def size_points(self) -> tuple[float, float]:
        h, w = self.rgb.shape[:2]
        return (round(w * 72 / self.dpi, 2), round(h * 72 / self.dpi, 2))


def sniff_image(head: bytes) -> str | None:
    """The image format of a file's first bytes, or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")):
        return "tiff"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"BM") and len(head) > 14:
        return "bmp"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1", b"hevc"):
        return "heic"
    return None


def frame_count(path: Path) -> int:
    with _open(path) as img:
        return getattr(img, "n_frames", 1)


def frames(path: Path, first: int = 0, last: int | None = None) -> Iterator[Frame]:
    """The frames `first`..`last` (inclusive; all by default) of the image at `path`."""
    from PIL import Image, ImageOps

    with _open(path) as img:
        count = getattr(img, "n_frames", 1)
        last = count - 1 if last is None else min(last, count - 1)
        for index in range(first, last + 1):
            try:
                img.seek(index)
                _check_size(path, img.size, index, count)
                frame = ImageOps.exif_transpose(img) if index == 0 else img.copy()
                dpi = _dpi(frame.info.get("dpi") or img.info.get("dpi"), frame.size)
                rgb = _rgb(frame)
            except ImageError:
                raise
            except Image.DecompressionBombError:
                raise ImageError(_too_big(path, img.size)) from None
            except (OSError, ValueError, SyntaxError, EOFError) as e:
                where = f" (page {index + 1} of {count})" if count > 1 else ""
                raise ImageError(f"{path.name} is damaged and cannot be read{where}: {e}") from None
            yield Frame(index, count, rgb, dpi)


def _open(path: Path):
    from PIL import Image, UnidentifiedImageError

    _register_heif()
    try:
        with _bomb_lock:
            # Pillow's own guard refuses a bomb with a figure but not its size; ours
            # (below, before anything is decoded: open reads the header only) names both
            saved, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
            try:
                img = Image.open(path)
            finally:
                Image.MAX_IMAGE_PIXELS = saved
    except UnidentifiedImageError:
        raise ImageError(f"{path.name} is not an image Runnel can read (damaged, or a format "
                         "other than PNG, JPEG, TIFF, WebP, BMP, GIF or HEIC)") from None
    except Image.DecompressionBombError as e:
        raise ImageError(f"{path.name} is too large an image to read safely ({e})") from None
    except (OSError, ValueError, SyntaxError) as e:
        raise ImageError(f"{path.name} is damaged and cannot be read: {e}") from None
    _check_size(path, img.size, 0, getattr(img, "n_frames", 1))
    return img


_bomb_lock = threading.Lock()


def _check_size(path: Path, size: tuple[int, int], index: int, count: int) -> None:
    w, h = size
    if w <= 0 or h <= 0:
        raise ImageError(f"{path.name} has no pixels ({w} x {h})")
    if w * h > MAX_PIXELS:
        raise ImageError(_too_big(path, size, index, count))


def _too_big(path: Path, size: tuple[int, int], index: int = 0, count: int = 1) -> str:
    w, h = size
    where = f" (page {index + 1} of {count})" if count > 1 else ""
    return (f"{path.name}{where} is {w:,} x {h:,} pixels ({w * h / 1e6:.0f} megapixels), above the "
            f"{MAX_PIXELS // 1_000_000}-megapixel limit for an image to read: it would take "
            f"{w * h * 3 / 2**30:.1f} GB of memory. Scale it down (300 dpi is plenty for text) "
            "and try again")


def _dpi(recorded: object, size: tuple[int, int]) -> float:
    """The scan's resolution. Cameras and many tools record 72 dpi (or nothing), which
    would make a phone photo a page a metre wide; then the page is taken to be A4."""
    try:
        x = float(recorded[0]) if isinstance(recorded, tuple) else float(recorded)  # type: ignore[arg-type]
    except (TypeError, ValueError, IndexError):
        x = 0.0
    if 100 <= x <= 2400:
        return x
    return max(size) / A4_LONG_SIDE_INCHES


def _rgb(img) -> np.ndarray:
    """8-bit RGB; transparency is laid on white paper, 16-bit greys scaled down."""
    from PIL import Image

    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(img, dtype=np.float64)
        top = arr.max() or 1.0
        return np.repeat((arr * (255.0 / (65535.0 if top > 255 else 255.0))).clip(0, 255)
                         .astype(np.uint8)[..., None], 3, axis=2)
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(paper, rgba)
    return np.ascontiguousarray(np.asarray(img.convert("RGB"), dtype=np.uint8))


_heif_done = False


def _register_heif() -> None:
    global _heif_done
    if _heif_done:
        return
    _heif_done = True
    try:
        from pillow_heif import register_heif_opener
    except ImportError:     # HEIC is then "not an image Runnel can read"
        return
    register_heif_opener()
