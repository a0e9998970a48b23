"""The OCR engine: RapidOCR 3.10 (PP-OCRv6 small) on ONNX Runtime, the default chosen by
measurement (docs/ocr.md). One engine per process, loaded on the first page that needs
it, one page at a time.

What Runnel adds around rapidocr:
- the model files are checked by hash and passed explicitly (desktop/ocr/models.py), so
  its download code is never reached;
- ONNX Runtime gets 2 threads that do not spin-wait: on a busy laptop a spinning thread
  burns a core waiting for one the other program holds (tesseract's OpenMP did the same,
  docs/ocr.md; measured here: 2.9 s a page beside a busy process without spinning, 3.1 s
  with it);
- every model call of a page runs under one `RunOptions`, whose `terminate` flag is set
  from a watcher thread when the run is cancelled or the page's time limit passes, so
  a page stops within a fraction of a second, not at its end;
- a page's orientation is found (90/270° from the shape of the text boxes, 180° from the
  line classifier's vote) and the page recognised upright; boxes are mapped back to the
  page as it is shown.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from desktop.ocr.layout import OcrBox, OcrWord, Quad
from desktop.ocr.models import REINSTALL, OcrSetupError, model_paths

THREADS = 2
_SPARSE = 5                 # a page with fewer text regions than this gets a second look
_SECOND_LOOK_SIDE = 1000    # at this many pixels on its longer side


class OcrStopped(Exception):
    """The page was stopped before its end: `reason` is "cancelled" or "time limit"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class RawPage:
    """What the engine read on one image. The boxes are in the pixels of the image as
    turned upright (reading order is decided there); `unturn` maps a box back onto the
    image as given, which is where it is shown."""
    boxes: tuple[OcrBox, ...]
    rotation: int              # 0, 90, 180 or 270: clockwise turn that made it upright
    found_text: int            # text regions detected, read or not
    seconds: float
    width: int                 # the image as given
    height: int

    def unturn(self, quad: Quad) -> Quad:
        return _back(quad, self.rotation, self.width, self.height)


class _Session:
    """An ONNX Runtime session whose every run uses the engine's current RunOptions."""

    def __init__(self, session: Any, engine: "OcrEngine") -> None:
        self._session = session
        self._engine = engine

    def run(self, outputs: Any, feeds: Any, run_options: Any = None) -> Any:
        return self._session.run(outputs, feeds, self._engine._run_options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)


def _no_spinning() -> None:
    """Make rapidocr's ONNX Runtime sessions wait without spinning (see the module's
    docstring). rapidocr builds its SessionOptions in one static method; it is wrapped
    once per process (rapidocr is pinned, so the hook cannot move under us)."""
    from rapidocr.inference_engine.onnxruntime.main import OrtInferSession

    if getattr(OrtInferSession, "_runnel_no_spin", False):
        return
    original = OrtInferSession._init_sess_opts

    def init_sess_opts(cfg: Any) -> Any:
        opts = original(cfg)
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        opts.add_session_config_entry("session.inter_op.allow_spinning", "0")
        return opts

    OrtInferSession._init_sess_opts = staticmethod(init_sess_opts)
    OrtInferSession._runnel_no_spin = True


class OcrEngine:
    """Reads text on images (BGR or RGB `numpy` arrays). Thread-safe: pages queue on a
    lock, as two pages at once would only share the same two cores."""

    def __init__(self, settings: dict[str, Any] | None = None) -> None:
        self._lock = threading.Lock()
        self._ocr: Any = None
        self._run_options: Any = None
        self._settings = dict(settings or {})    # rapidocr parameters over ours (bench/ocr.py)

    def _load(self) -> Any:
        if self._ocr is not None:
            return self._ocr
        paths = model_paths()
        try:
            import onnxruntime
            from rapidocr import RapidOCR
        except ImportError as e:
            raise OcrSetupError(f"the OCR engine cannot be loaded ({e}); {REINSTALL}") from None
        _no_spinning()
        logging.getLogger("RapidOCR").setLevel(logging.WARNING)
        self._run_options = onnxruntime.RunOptions()
        try:
            ocr = RapidOCR(params={
                "Global.log_level": "warning",
                "Global.return_word_box": True,
                "Det.model_path": str(paths["det"]),
                "Cls.model_path": str(paths["cls"]),
                "Rec.model_path": str(paths["rec"]),
                "EngineConfig.onnxruntime.intra_op_num_threads": THREADS,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
                # lines are recognised 3 at a time (sorted by width) and padded to at least
                # 160 px, not 6 at a time to 320 px: short words ("3", "€ 89,00") no longer
                # carry a wide blank, a quarter less recognition time for the same text
                # (bench/ocr.py, docs/ocr.md)
                "Rec.rec_batch_num": 3,
                "Rec.rec_img_shape": [3, 48, 160],
                **self._settings,
            })
            # rapidocr loads each model on its first use; load them now, so a damaged file
            # is reported here, once, and the first page's time limit is the page's own
            for model in (ocr._load_det_model(), ocr._load_cls_model(), ocr._load_rec_model()):
                model.session.session = _Session(model.session.session, self)
        except OcrSetupError:
            raise
        except Exception as e:      # a model ONNX Runtime cannot parse, a missing library
            raise OcrSetupError(f"the OCR engine could not load its models ({type(e).__name__}: "
                                f"{str(e).strip().splitlines()[-1][:200] if str(e).strip() else ''}); "
                                f"{REINSTALL}") from None
        self._ocr = ocr
        return ocr

    @property
    def loaded(self) -> bool:
        return self._ocr is not None

    def load(self) -> None:
        """Load the models now (they load on the first page otherwise)."""
        with self._lock:
            self._load()

    def read(self, image: np.ndarray, *, rgb: bool = True,
             should_stop: Callable[[], bool] | None = None,
             deadline: float | None = None) -> RawPage:
        """The text on `image`. Raises OcrStopped when `should_stop()` turns true or the
        monotonic `deadline` passes (checked every 50 ms, also inside a model call)."""
        import cv2
        import onnxruntime

        bgr = cv2.cvtColor(image, cv2.COLOR_RGB2BGR) if rgb and image.ndim == 3 else image
        if bgr.ndim == 2:
            bgr = cv2.cvtColor(bgr, cv2.COLOR_GRAY2BGR)
        with self._lock:
            ocr = self._load()
            self._run_options = onnxruntime.RunOptions()
            watch = _Watch(self._run_options, should_stop, deadline)
            started = time.monotonic()
            try:
                boxes, rotation, found = self._read(ocr, bgr, watch)
            except Exception:
                if watch.reason:
                    raise OcrStopped(watch.reason) from None
                raise
            finally:
                watch.stop()
            if watch.reason:
                raise OcrStopped(watch.reason)
            return RawPage(tuple(boxes), rotation, found, time.monotonic() - started,
                           width=bgr.shape[1], height=bgr.shape[0])

    # ------------------------------------------------------------ the page's stages

    def _read(self, ocr: Any, image: np.ndarray, watch: "_Watch") -> tuple[list[OcrBox], int, int]:
        rotation = 0
        turned = image
        for _attempt in range(3):
            img, op_record = ocr.preprocess_img(turned)
            crops, det = self._detect(ocr, img, op_record)
            watch.check()
            if not crops or det is None:
                return [], rotation, 0
            if rotation == 0 and _mostly_tall(det.boxes):
                rotation, turned = 90, _turn(image, 90)
                continue
            upright, cls = ocr.cls_and_rotate(crops)
            watch.check()
            if rotation in (0, 90) and _mostly_upside_down(cls.cls_res, det.boxes):
                rotation += 180
                turned = _turn(image, rotation)
                continue
            rec = ocr.recognize_txt(upright)
            watch.check()
            out = ocr.build_final_output(turned, det, cls, rec, crops, op_record)
            return self._boxes(out), rotation, len(crops)
        return [], rotation, 0

    @staticmethod
    def _detect(ocr: Any, img: np.ndarray, op_record: dict) -> tuple[list, Any]:
        """Text regions and their crops. A page with almost no text gets a second look
        at a smaller scale: PP-OCRv6's detector misses a short line alone on a large,
        white page ("Hello world" on A4 at 200 dpi; found at 100 dpi), so what it finds
        there is added where the first look found nothing."""
        import cv2
        from rapidocr.ch_ppocr_det.utils import TextDetOutput
        from rapidocr.main import RapidOCRError
        from rapidocr.utils.process_img import get_rotate_crop_image

        try:
            crops, det = ocr.detect_and_crop(img, op_record)
        except RapidOCRError:          # "the text detection result is empty"
            crops, det = [], TextDetOutput()
        found = 0 if det.boxes is None else len(det.boxes)
        side = max(img.shape[:2])
        if found >= _SPARSE or side <= _SECOND_LOOK_SIDE:
            return crops, (det if found else None)
        scale = _SECOND_LOOK_SIDE / side
        small = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        extra = ocr._load_det_model()(small)
        if extra.boxes is None:
            return crops, (det if found else None)
        pad = op_record.get("padding_1", {"top": 0, "left": 0})
        shift = np.array([pad.get("left", 0), pad.get("top", 0)], dtype=np.float32)
        boxes = [] if det.boxes is None else list(det.boxes)
        scores = [] if det.scores is None else list(det.scores)
        for box, score in zip(extra.boxes, extra.scores):
            box = (box / scale).astype(np.float32)          # in `img`, before any padding
            if any(_overlap(box, b - shift) for b in boxes):
                continue
            crops.append(get_rotate_crop_image(img, box.copy()))
            boxes.append(box + shift)
            scores.append(score)
        if not boxes:
            return [], None
        return crops, TextDetOutput(img=det.img, boxes=np.array(boxes, dtype=np.float32), scores=scores)

    @staticmethod
    def _boxes(out: Any) -> list[OcrBox]:
        if getattr(out, "txts", None) is None or getattr(out, "boxes", None) is None:
            return []
        words_of = list(out.word_results or ())
        boxes = []
        for i, (quad, text, score) in enumerate(zip(out.boxes, out.txts, out.scores)):
            words = ()
            if i < len(words_of) and words_of[i]:
                words = tuple(OcrWord(str(w[0]), float(w[1]), _quad(w[2]))
                              for w in words_of[i] if w[2] is not None and str(w[0]).strip())
            boxes.append(OcrBox(str(text), float(score), _quad(quad), words))
        return boxes


class _Watch:
    """Sets `run_options.terminate` when the run is cancelled or its deadline passes."""

    def __init__(self, run_options: Any, should_stop: Callable[[], bool] | None,
                 deadline: float | None) -> None:
        self.reason = ""
        self._options = run_options
        self._should_stop = should_stop
        self._deadline = deadline
        self._done = threading.Event()
        self._thread = None
        if should_stop or deadline:
            self._thread = threading.Thread(target=self._loop, name="ocr-watch", daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        while not self._done.wait(0.05):
            if self._look():
                self._options.terminate = True
                return

    def _look(self) -> bool:
        if self._should_stop and self._should_stop():
            self.reason = "cancelled"
        elif self._deadline is not None and time.monotonic() > self._deadline:
            self.reason = "time limit"
        return bool(self.reason)

    def check(self) -> None:
        if self.reason or self._look():
            raise OcrStopped(self.reason)

    def stop(self) -> None:
        self._done.set()
        if self._thread:
            self._thread.join()


def _overlap(a: np.ndarray, b: np.ndarray) -> bool:
    """True when the axis-aligned boxes around two quads overlap."""
    return not (a[:, 0].max() < b[:, 0].min() or b[:, 0].max() < a[:, 0].min()
                or a[:, 1].max() < b[:, 1].min() or b[:, 1].max() < a[:, 1].min())


def _mostly_tall(boxes: Any) -> bool:
    """True when most text boxes that have a clear direction are taller than wide: the
    page is turned by 90° (a word on an upright page is wider than tall)."""
    if boxes is None:
        return False
    tall = wide = 0
    for q in boxes:
        w = float(np.hypot(*(q[1] - q[0])))
        h = float(np.hypot(*(q[3] - q[0])))
        if w > 2 * h:
            wide += 1
        elif h > 2 * w:
            tall += 1
    return tall >= 3 and tall > 2 * wide


def _mostly_upside_down(cls_res: Any, boxes: Any) -> bool:
    """True when the line classifier finds most of the text (weighted by box width)
    upside down."""
    if not cls_res or boxes is None:
        return False
    down = total = 0.0
    for (label, score), q in zip(cls_res, boxes):
        w = float(np.hypot(*(q[1] - q[0])))
        total += w
        if str(label) == "180" and float(score) >= 0.9:
            down += w
    return total > 0 and down > 0.6 * total


def _quad(points: Any) -> Quad:
    return tuple((float(x), float(y)) for x, y in points)


def _turn(image: np.ndarray, rotation: int) -> np.ndarray:
    """The image turned clockwise by `rotation` degrees."""
    return np.ascontiguousarray(np.rot90(image, k=-(rotation // 90)))


def _back(quad: Any, rotation: int, width: int, height: int) -> Quad:
    """A quad found on the image turned by `rotation` (clockwise), in the unturned
    image's pixels (`width` x `height`)."""
    pts = []
    for x, y in quad:
        x, y = float(x), float(y)
        if rotation == 90:       # turned: W' = height; a point (x, y) came from (y, height - x)
            x, y = y, height - x
        elif rotation == 180:
            x, y = width - x, height - y
        elif rotation == 270:    # W' = height; (x, y) came from (width - y, x)
            x, y = width - y, x
        pts.append((x, y))
    return tuple(pts)


_shared: OcrEngine | None = None
_shared_lock = threading.Lock()


def shared_engine() -> OcrEngine:
    """The process's engine (models load on its first page)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = OcrEngine()
        return _shared
