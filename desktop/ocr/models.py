"""The OCR engine's model files: where they are and whether they are the ones we tested.

rapidocr 3.x downloads a model from the internet when the file it expects is missing or
its hash does not match. Runnel never lets it: the three files that ship in the
`rapidocr` wheel are checked here against the hashes of the release we pinned, and their
paths are given to the engine explicitly (with an explicit path its download code is
never reached). A missing or damaged file is an `OcrSetupError` naming what to reinstall.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from desktop.engine.hashing import sha256_file

RAPIDOCR_VERSION = "3.10.0"


@dataclass(frozen=True)
class ModelFile:
    role: str          # "det", "cls" or "rec"
    name: str
    size: int
    sha256: str


# The files of rapidocr 3.10.0's wheel (its default_models.yaml lists the same hashes).
MODELS = (
    ModelFile("det", "PP-OCRv6_det_small.onnx", 9929594,
              "090f04abcd9d9a7498bc4ebf677e4cb9bdce1fe4197ddb7e529f1ef44e1ff94f"),
    ModelFile("cls", "ch_ppocr_mobile_v2.0_cls_mobile.onnx", 585532,
              "e47acedf663230f8863ff1ab0e64dd2d82b838fceb5957146dab185a89d6215c"),
    ModelFile("rec", "PP-OCRv6_rec_small.onnx", 21234383,
              "6f327246b50388f3c176ae304bd95767ea6dc0c9ae92153ef8cbe210b3c14884"),
)

# The languages the PP-OCRv6 small models read at once (rapidocr's default_models.yaml,
# `ppocrv6_langs`, with "ch", "chinese_cht", "japan" and "rs_latin" written as
# ISO codes). One model for
# all of them: there is nothing to choose per page.
LANGUAGES = (
    "zh", "zh-tw", "en", "ja", "af", "az", "bs", "ca", "cs", "cy", "da", "de", "es", "et",
    "eu", "fi", "fr", "ga", "gl", "hr", "hu", "id", "is", "it", "ku", "la", "lb", "lt",
    "lv", "mi", "ms", "mt", "nl", "no", "oc", "pl", "pt", "qu", "rm", "ro", "sr-latn",
    "sk", "sl", "sq", "sv", "sw", "tl", "tr", "uz", "vi",
)

REINSTALL = (f"reinstall the OCR engine: .venv/bin/pip install --force-reinstall "
             f"rapidocr=={RAPIDOCR_VERSION} (or run the README's set-up command again)")


class OcrSetupError(Exception):
    """The OCR engine or its model files are missing or damaged; the message says what
    to reinstall."""


_checked: dict[tuple[str, int, int], str] = {}
_lock = threading.Lock()


def model_dir() -> Path:
    try:
        import rapidocr
    except ImportError as e:
        raise OcrSetupError(f"the OCR engine is not installed ({e}); {REINSTALL}") from None
    return Path(rapidocr.__file__).parent / "models"


def model_paths(folder: Path | None = None) -> dict[str, Path]:
    """{"det": path, "cls": path, "rec": path}, each checked by size and SHA-256 (once per
    file version in a process)."""
    folder = folder or model_dir()
    paths = {}
    for m in MODELS:
        path = folder / m.name
        try:
            st = path.stat()
        except OSError:
            raise OcrSetupError(f"the OCR model file {m.name} is missing from {folder}; "
                                f"{REINSTALL}") from None
        key = (str(path), st.st_size, st.st_mtime_ns)
        with _lock:
            known = _checked.get(key)
        if known is None:
            known = sha256_file(path) if st.st_size == m.size else "size"
            with _lock:
                _checked[key] = known
        if known != m.sha256:
            raise OcrSetupError(f"the OCR model file {path} is damaged or not the one Runnel was "
                                f"tested with (its {'size' if known == 'size' else 'SHA-256'} "
                                f"differs); {REINSTALL}")
        paths[m.role] = path
    return paths
