"""The OCR engine itself (rapidocr, real models): orientation, cancel, time limit, and
its model files checked by hash."""

from __future__ import annotations

import shutil
import threading
import time

import numpy as np
import pytest

from desktop.ocr.engine import OcrStopped, _back, shared_engine
from desktop.ocr.layout import to_lines
from desktop.ocr.models import MODELS, OcrSetupError, model_dir, model_paths
from desktop.ocr.read import OcrOptions, recognise
from tests.ocr.pages import INVOICE, draw


@pytest.fixture(scope="module")
def page():
    return draw(INVOICE)


def read_text(rgb: np.ndarray, dpi: int = 200):
    return recognise(rgb, 0, dpi, OcrOptions(), lambda: False, "page")


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_a_page_turned_any_quarter_is_read_upright_and_its_boxes_land_where_the_words_are(page, turn):
    rgb = np.asarray(page.image)
    turned = np.ascontiguousarray(np.rot90(rgb, k=-turn // 90))   # clockwise by `turn`
    read = read_text(turned)
    assert read.rotation == (360 - turn) % 360        # the turn that made it upright
    assert "Total due GBP 252.60" in read.text
    assert read.text.index("Harbour") < read.text.index("Total")   # top to bottom
    # the word's box is on the turned image, where that word now is
    x0, y0, x1, y1 = page.words["HP-2026-0318"]
    h, w = rgb.shape[:2]
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    for _ in range(turn // 90):          # where a point goes when the image turns 90° clockwise
        corners = [(h - y, x) for x, y in corners]
        h, w = w, h
    want = (min(x for x, _ in corners), min(y for _, y in corners),
            max(x for x, _ in corners), max(y for _, y in corners))
    got = _word_box(read, "HP-2026-0318", 72 / 200)
    assert all(abs(a - b) < 12 for a, b in zip(got, want)), (got, want)


def _word_box(read, word, scale):
    for line in read.lines:
        at = line.text.find(word)
        for wd in line.words:
            if at >= 0 and wd.start <= at < wd.end:
                return tuple(v / scale for v in wd.box)
    raise AssertionError(f"{word} not among the words: {read.text}")


def test_boxes_found_on_a_turned_image_map_back_onto_the_image_as_given():
    # a 100 x 50 image (w x h); turned 90° clockwise it is 50 x 100 and its top-left
    # corner (0, 0) is at (50, 0)
    assert _back([(50, 0)], 90, 100, 50) == ((0.0, 0.0),)
    assert _back([(0, 0)], 180, 100, 50) == ((100.0, 50.0),)
    assert _back([(0, 100)], 270, 100, 50) == ((0.0, 0.0),)


def test_a_skewed_scan_keeps_its_rows_in_order(page):
    from PIL import Image

    skewed = page.image.rotate(2.5, resample=Image.Resampling.BICUBIC, expand=True, fillcolor="white")
    read = read_text(np.asarray(skewed))
    rows = read.text.splitlines()
    assert [r for r in rows if r.startswith("Subtotal")] == ["Subtotal  210.50"] or \
        any(r.startswith("Subtotal") and r.endswith("210.50") for r in rows), rows
    order = [next(i for i, r in enumerate(rows) if key in r)
             for key in ("Harbour", "INVOICE", "Business", "Letterheads", "Subtotal", "VAT", "Total")]
    assert order == sorted(order), rows


def test_a_page_stops_at_its_deadline_inside_a_model_call(page):
    rgb = np.asarray(page.image)
    shared_engine().load()
    started = time.monotonic()
    with pytest.raises(OcrStopped) as stopped:
        shared_engine().read(rgb, deadline=started + 0.15)
    assert stopped.value.reason == "time limit"
    assert time.monotonic() - started < 0.8


def test_cancel_stops_a_page_within_a_second(page):
    rgb = np.asarray(page.image)
    engine = shared_engine()
    engine.load()
    flag = threading.Event()
    result: list = []

    def work():
        try:
            result.append(engine.read(rgb, should_stop=flag.is_set))
        except OcrStopped as e:
            result.append(e)

    worker = threading.Thread(target=work)
    worker.start()
    time.sleep(0.2)        # let it get into the detector (a page takes ~1 s or more here)
    flag.set()
    cancelled_at = time.monotonic()
    worker.join(5)
    assert isinstance(result[0], OcrStopped) and result[0].reason == "cancelled", result
    assert time.monotonic() - cancelled_at < 1.0
    # and the engine reads the next page as usual
    assert "252.60" in " ".join(b.text for b in engine.read(rgb).boxes)


def test_the_shipped_model_files_are_the_ones_whose_hashes_we_pinned():
    paths = model_paths()
    assert {p.name for p in paths.values()} == {m.name for m in MODELS}


@pytest.mark.parametrize("damage", ["missing", "corrupt", "same size, other bytes"])
def test_a_missing_or_damaged_model_file_says_what_to_reinstall(tmp_path, damage):
    folder = tmp_path / "models"
    shutil.copytree(model_dir(), folder)
    victim = folder / MODELS[2].name
    if damage == "missing":
        victim.unlink()
    elif damage == "corrupt":
        victim.write_bytes(b"not a model")
    else:
        data = bytearray(victim.read_bytes())
        data[len(data) // 2] ^= 0xFF
        victim.write_bytes(bytes(data))
    with pytest.raises(OcrSetupError, match=r"reinstall the OCR engine: .*rapidocr==3\.10\.0") as e:
        model_paths(folder)
    assert MODELS[2].name in str(e.value)


def test_rows_come_out_in_reading_order_whatever_order_the_boxes_come_in():
    from desktop.ocr.layout import OcrBox

    def box(text, x, y, w=200, h=20):
        return OcrBox(text, 0.99, ((x, y), (x + w, y), (x + w, y + h), (x, y + h)))

    boxes = [box("214.08", 900, 400), box("Total", 100, 402), box("Invoice", 100, 100, 300)]
    lines = to_lines(boxes, 0, 0.5)
    assert [line.text.split()[0] for line in lines] == ["Invoice", "Total"]
    assert lines[1].text.startswith("Total  ") and lines[1].text.endswith("214.08")  # a column gap
    assert lines[1].words[1].box == (450.0, 200.0, 550.0, 210.0)     # points: pixels x 0.5
    assert lines[1].confidence == 0.99
