#!/usr/bin/env python3
"""OCR engines compared on our own labelled page set: character error rate and seconds per page.

    python bench/ocr.py                       # makes the set in a temp dir, runs every engine
    python bench/ocr.py --set DIR             # reuse a set made by bench/ocr_data/make_set.py DIR
    python bench/ocr.py --engines tesseract --limit 6 --no-busy     # a quick look

One run gives all the figures: for each engine, CER and seconds per page on the clean and on
the degraded pages, first on the machine as it is ("idle") and then beside a busy process (a
subprocess burning one core, pinned to CPU 0 where the OS allows). Engines are limited to 2
threads (ONNX Runtime intra-op threads = 2; tesseract OMP_THREAD_LIMIT=2). Pages are visited
in the same order for every engine, engines alternating page by page, so a change of
background load hits both alike.

CER = Levenshtein distance / reference length, on text with whitespace collapsed to single
spaces (and curly quotes/dashes folded to ASCII); the figure per group is the total distance
over the total reference length (pages weighted by their length), with the worst page beside
it, and again with every space removed ("CER no-space": recognition errors without lost or
extra spaces). CPU s/page is this process's and its children's CPU time, which moves less
than wall time when other work shares the machine.

RapidOCR runs in two releases, each with the models its wheel ships: rapidocr_onnxruntime 1.4.4
(PP-OCRv4, Chinese+English dictionary) and rapidocr 3.10 (PP-OCRv6 small, multilingual),
the latter also with pages scaled to 1600 px instead of 2000 px ("rapidocr-v6-1600", faster).
Tesseract runs twice: told the page's language, and with all six language packs at once
(eng+deu+fra+spa+nld+ita: what a default must do when the user has set none).
"tesseract-1t" is tesseract with OMP_THREAD_LIMIT=1: its OpenMP threads spin-wait, and when
the two cores are not both free a 2-thread tesseract can take 10-100x longer on a page. All engines'
outputs become text the same way: their line boxes are put in reading order by one routine
(de-skewed by the median text angle, grouped into rows, left to right), since documents.read
keeps positions and orders them itself.

Targets (the issue): <= 2 s per A4 page on 2 cores; CER <= 2% clean, <= 6% degraded.
Nothing is downloaded: RapidOCR's models ship in its wheel, tesseract's in Debian packages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

THREADS = 2
os.environ.setdefault("OMP_NUM_THREADS", str(THREADS))
os.environ.setdefault("OMP_THREAD_LIMIT", str(THREADS))

HERE = Path(__file__).resolve().parent
TESS_LANG = {"en": "eng", "de": "deu", "fr": "fra", "es": "spa", "nl": "nld", "it": "ita"}
TARGET_S, TARGET_CLEAN, TARGET_DEGRADED = 2.0, 0.02, 0.06


# ---------------------------------------------------------------- text and error rate

_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                       "\u00a0": " "})


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).translate(_FOLD).split())


def edit_distance(a: str, b: str) -> int:
    try:
        from rapidfuzz.distance import Levenshtein
        return Levenshtein.distance(a, b)
    except ImportError:  # plain dynamic programming, two rows
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        return prev[-1]


def reading_order(frags: list[tuple[float, float, float, float, str]], angle: float) -> str:
    """frags: (x_left, x_centre, y_centre, height, text). Rows by de-skewed centre, then x."""
    if not frags:
        return ""
    t = math.tan(angle)
    items = sorted(((cy - t * cx, xl, h, s) for xl, cx, cy, h, s in frags), key=lambda f: f[0])
    tol = 0.5 * statistics.median(f[2] for f in items)
    rows, cur, cur_y = [], [], None
    for y, xl, h, s in items:
        if cur and abs(y - cur_y) > tol:
            rows.append(cur)
            cur = []
        cur.append((xl, s))
        cur_y = y if len(cur) == 1 else (cur_y * (len(cur) - 1) + y) / len(cur)
    rows.append(cur)
    return "\n".join(" ".join(s for _x, s in sorted(r)) for r in rows)


# ---------------------------------------------------------------- engines

class RapidOCREngine:
    name = "rapidocr"

    def __init__(self):
        t0 = time.perf_counter()
        from rapidocr_onnxruntime import RapidOCR
        self.ocr = RapidOCR(intra_op_num_threads=THREADS, inter_op_num_threads=1)
        self.init_s = time.perf_counter() - t0
        import onnxruntime
        import rapidocr_onnxruntime
        self.version = f"rapidocr_onnxruntime {_dist_version('rapidocr_onnxruntime')}, onnxruntime {onnxruntime.__version__}"
        self.models = sorted(str(p) for p in (Path(rapidocr_onnxruntime.__file__).parent / "models").glob("*.onnx"))

    def warm_up(self, path: Path) -> None:
        self.ocr(str(path))

    def run(self, path: Path, lang: str) -> str:
        res, _ = self.ocr(str(path))
        return self._assemble(res or [])

    @staticmethod
    def _assemble(res) -> str:
        frags, angles = [], []
        for box, text, _score in res:
            (x0, y0), (x1, y1), (x2, y2), (x3, y3) = box
            if abs(x1 - x0) > 2 * abs(y3 - y0):
                angles.append(math.atan2(y1 - y0, x1 - x0))
            h = math.hypot(x3 - x0, y3 - y0)
            frags.append((min(x0, x3), (x0 + x1 + x2 + x3) / 4, (y0 + y1 + y2 + y3) / 4, h, text))
        return reading_order(frags, statistics.median(angles) if angles else 0.0)


class RapidOCRv3Engine(RapidOCREngine):
    """rapidocr 3.x: PP-OCRv6 small det/rec (multilingual Latin + CJK) shipped in its wheel."""

    def __init__(self, max_side: int = 2000):
        # max_side: the page is scaled down so that its longer side is at most this many
        # pixels before detection (rapidocr's Global.max_side_len, 2000 by default).
        self.name = "rapidocr-v6" if max_side == 2000 else f"rapidocr-v6-{max_side}"
        t0 = time.perf_counter()
        from rapidocr import RapidOCR
        self.ocr = RapidOCR(params={"Global.log_level": "warning", "Global.max_side_len": max_side,
                                    "EngineConfig.onnxruntime.intra_op_num_threads": THREADS,
                                    "EngineConfig.onnxruntime.inter_op_num_threads": 1})
        self.init_s = time.perf_counter() - t0
        import onnxruntime
        import rapidocr
        self.version = f"rapidocr {_dist_version('rapidocr')}, onnxruntime {onnxruntime.__version__}"
        self.models = sorted(str(p) for p in (Path(rapidocr.__file__).parent / "models").glob("*.onnx"))

    def run(self, path: Path, lang: str) -> str:
        out = self.ocr(str(path))
        boxes = [[tuple(map(float, pt)) for pt in b] for b in (out.boxes if out.boxes is not None else [])]
        return self._assemble(zip(boxes, out.txts or (), out.scores or ()))


class RunnelEngine:
    """What documents.read does: desktop.ocr's engine (rapidocr 3.10 with Runnel's settings:
    hash-checked models, threads that do not spin, orientation, a second look at sparse
    pages) and its reading order, with optional rapidocr settings over it."""

    def __init__(self, name: str = "runnel", settings: dict | None = None):
        sys.path.insert(0, str(HERE.parent))
        from desktop.ocr.engine import OcrEngine

        self.name = name
        t0 = time.perf_counter()
        self.engine = OcrEngine(settings)
        self.engine.load()
        self.init_s = time.perf_counter() - t0
        import onnxruntime
        import rapidocr
        self.version = (f"Runnel desktop.ocr over rapidocr {_dist_version('rapidocr')}, onnxruntime "
                        f"{onnxruntime.__version__}" + (f", {settings}" if settings else ""))
        self.models = sorted(str(p) for p in (Path(rapidocr.__file__).parent / "models").glob("*.onnx"))

    def warm_up(self, path: Path) -> None:
        self.run(path, "en")

    def run(self, path: Path, lang: str) -> str:
        from desktop.ocr.images import frames
        from desktop.ocr.layout import to_lines, unreadable

        frame = next(frames(path))
        raw = self.engine.read(frame.rgb)
        return "\n".join(line.text for line in to_lines([b for b in raw.boxes if not unreadable(b)], 0, 1.0))


class TesseractEngine:
    """Tesseract told the page's language (the user set it), or all six at once (nobody did)."""

    def __init__(self, all_langs: bool = False, psm: int = 3, threads: int = THREADS):
        self.name = ("tesseract-all" if all_langs else "tesseract") + ("" if threads == THREADS else f"-{threads}t")
        self.threads = threads
        self.langs = "+".join(TESS_LANG.values()) if all_langs else None
        self.psm = psm
        out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=True)
        self.version = (out.stdout or out.stderr).splitlines()[0]
        self.init_s = 0.0
        tessdata = Path("/usr/share/tesseract-ocr/5/tessdata")
        self.models = sorted(str(p) for p in tessdata.glob("*.traineddata"))

    def warm_up(self, path: Path) -> None:
        self.run(path, "en")

    def run(self, path: Path, lang: str) -> str:
        env = dict(os.environ, OMP_THREAD_LIMIT=str(self.threads))
        out = subprocess.run(["tesseract", str(path), "stdout", "-l", self.langs or TESS_LANG[lang], "--psm", str(self.psm), "tsv"],
                             capture_output=True, text=True, env=env, check=True).stdout
        lines: dict[tuple, list] = {}
        for row in out.splitlines()[1:]:
            f = row.split("\t")
            if len(f) < 12 or f[0] != "5" or not f[11].strip():
                continue
            key = (int(f[2]), int(f[3]), int(f[4]))  # block, paragraph, line
            left, top, w, h = map(int, f[6:10])
            lines.setdefault(key, []).append((left, top, w, h, f[11]))
        frags, slopes = [], []
        for words in lines.values():
            words.sort()
            xs = [l + w / 2 for l, _t, w, _h, _s in words]
            ys = [t + h / 2 for _l, t, _w, h, _s in words]
            if len(words) >= 3 and xs[-1] - xs[0] > 300:
                slopes.append(math.atan2(ys[-1] - ys[0], xs[-1] - xs[0]))
            heights = sorted(h for *_x, h, _s in words)
            frags.append((words[0][0], sum(xs) / len(xs), sum(ys) / len(ys), heights[len(heights) // 2],
                          " ".join(s for *_x, s in words)))
        return reading_order(frags, statistics.median(slopes) if slopes else 0.0)


ENGINES = {"rapidocr": RapidOCREngine, "rapidocr-v6": RapidOCRv3Engine,
           "rapidocr-v6-1600": lambda: RapidOCRv3Engine(max_side=1600), "tesseract": TesseractEngine,
           "tesseract-1t": lambda: TesseractEngine(threads=1),
           "tesseract-all": lambda: TesseractEngine(all_langs=True),
           "runnel": RunnelEngine,
           "runnel-det1280": lambda: RunnelEngine("runnel-det1280", {"Det.limit_side_len": 1280,
                                                                    "Det.limit_type": "max"}),
           "runnel-det1600": lambda: RunnelEngine("runnel-det1600", {"Det.limit_side_len": 1600,
                                                                    "Det.limit_type": "max"})}


def _dist_version(name: str) -> str:
    from importlib.metadata import version
    return version(name)


# ---------------------------------------------------------------- busy process

BURN = """
import os
try:
    os.sched_setaffinity(0, {0})
except (AttributeError, OSError):
    pass
while True:
    pass
"""


def start_burner() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", BURN])


# ---------------------------------------------------------------- the run

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", type=Path, help="folder made by bench/ocr_data/make_set.py (default: make one)")
    ap.add_argument("--engines", default="rapidocr,rapidocr-v6,rapidocr-v6-1600,tesseract,tesseract-1t,tesseract-all")
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages")
    ap.add_argument("--no-busy", action="store_true", help="skip the 'beside a busy process' pass")
    ap.add_argument("--json", type=Path, help="write per-page results here")
    args = ap.parse_args()

    set_dir = args.set
    if set_dir is None or not (set_dir / "truth.jsonl").exists():
        sys.path.insert(0, str(HERE / "ocr_data"))
        import make_set
        set_dir = make_set.main([str(set_dir)] if set_dir else [str(Path(tempfile.mkdtemp(prefix="runnel-ocr-set-")))])
    pages = [json.loads(line) for line in (set_dir / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    if args.limit:
        pages = pages[: args.limit]

    engines = [ENGINES[n]() for n in args.engines.split(",")]
    for e in engines:  # first call of a session allocates; not counted
        e.warm_up(set_dir / pages[0]["file"])

    started = dt.datetime.now(dt.timezone.utc)
    load = {"start": os.getloadavg()}
    results = []
    phases = ["idle"] + ([] if args.no_busy else ["busy"])
    for phase in phases:
        burner = start_burner() if phase == "busy" else None
        try:
            if burner:
                time.sleep(1.0)
            load[f"{phase}_begin"] = os.getloadavg()
            for page in pages:
                ref = normalise(page["text"])
                for e in engines:
                    c0 = _cpu()
                    t0 = time.perf_counter()
                    text = e.run(set_dir / page["file"], page["lang"])
                    secs = time.perf_counter() - t0
                    cpu = _cpu() - c0
                    hyp = normalise(text)
                    dist = edit_distance(hyp, ref)
                    # The same pair with every space removed: tells recognition errors from lost spaces.
                    dist_ns = edit_distance(hyp.replace(" ", ""), ref.replace(" ", ""))
                    results.append({"engine": e.name, "phase": phase, "id": page["id"], "lang": page["lang"],
                                    "variant": page["variant"], "seconds": secs, "cpu": cpu, "dist": dist,
                                    "ref_len": len(ref), "dist_nospace": dist_ns,
                                    "ref_len_nospace": len(ref.replace(" ", "")), "text": text})
                    if args.json:  # kept as it goes, so an interrupted run still leaves its pages
                        with open(args.json.with_suffix(".partial.jsonl"), "a", encoding="utf-8") as fh:
                            fh.write(json.dumps(results[-1], ensure_ascii=False) + "\n")
                    print(f"  {phase:4} {e.name:9} {page['id']:24} {secs:6.2f} s  CER {dist / len(ref):6.2%}",
                          file=sys.stderr, flush=True)
            load[f"{phase}_end"] = os.getloadavg()
        finally:
            if burner:
                burner.kill()
                burner.wait()

    report(engines, pages, results, phases, started, load)
    if args.json:
        args.json.write_text(json.dumps({"started": started.isoformat(), "load": load, "results": results},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _cpu() -> float:
    """CPU seconds of this process and of its waited-for children (tesseract runs)."""
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + ch.ru_utime + ch.ru_stime


def _agg(rows):
    if not rows:
        return None
    cer = sum(r["dist"] for r in rows) / sum(r["ref_len"] for r in rows)
    worst = max(r["dist"] / r["ref_len"] for r in rows)
    cer_ns = sum(r["dist_nospace"] for r in rows) / sum(r["ref_len_nospace"] for r in rows)
    secs = [r["seconds"] for r in rows]
    return cer, worst, statistics.mean(secs), max(secs), cer_ns, statistics.mean(r["cpu"] for r in rows)


def report(engines, pages, results, phases, started, load) -> None:
    from tabulate import tabulate
    cpu = platform.processor() or platform.machine()
    try:
        model = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        model = cpu
    avail = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    fmt = lambda la: " ".join(f"{x:.2f}" for x in la)  # noqa: E731
    print(f"\nOCR benchmark, {started:%Y-%m-%d %H:%M} UTC, {platform.system()} {platform.release()}, "
          f"{os.cpu_count()} cores ({avail} usable), {model}")
    print("load average (1/5/15 min): " + "; ".join(f"{k} {fmt(v)}" for k, v in load.items()))
    n_clean = sum(p["variant"] == "clean" for p in pages)
    print(f"{len(pages)} pages: {n_clean} clean, {len(pages) - n_clean} degraded; "
          f"languages {', '.join(sorted({p['lang'] for p in pages}))}; {THREADS} threads per engine")
    print(f"targets: <= {TARGET_S:.0f} s/page, CER <= {TARGET_CLEAN:.0%} clean, <= {TARGET_DEGRADED:.0%} degraded\n")
    for e in engines:
        print(f"== {e.name}: {e.version} (start-up {e.init_s:.2f} s, not counted)")
        table = []
        for group in ("clean", "degraded"):
            line = [group]
            for phase in phases:
                rows = [r for r in results if r["engine"] == e.name and r["phase"] == phase
                        and (r["variant"] == "clean") == (group == "clean")]
                a = _agg(rows)
                line += [f"{a[0]:.2%}", f"{a[1]:.1%}", f"{a[2]:.2f}", f"{a[3]:.2f}"] if a else ["-"] * 4
                if phase == "idle":
                    line += [f"{a[4]:.2%}", f"{a[5]:.2f}"] if a else ["-"] * 2
            table.append(line)
        heads = ["pages"]
        for phase in phases:
            tag = "" if phase == "idle" else " busy"
            heads += [f"CER{tag}", f"worst{tag}", f"s/page{tag}", f"max s{tag}"]
            if phase == "idle":
                heads += ["CER no-space", "CPU s/page"]
        print(tabulate(table, heads, disable_numparse=True))
        # Breakdown from the idle pass: by degradation and by language.
        idle = [r for r in results if r["engine"] == e.name and r["phase"] == "idle"]
        by_v = [[v, f"{_agg([r for r in idle if r['variant'] == v])[0]:.2%}",
                 f"{_agg([r for r in idle if r['variant'] == v])[2]:.2f}"]
                for v in sorted({r["variant"] for r in idle})]
        by_l = [[g, f"{_agg([r for r in idle if r['lang'] == g])[0]:.2%}"] for g in sorted({r["lang"] for r in idle})]
        print("  by variant (idle): " + ", ".join(f"{v} {c} / {s} s" for v, c, s in by_v))
        print("  by language (idle, all variants): " + ", ".join(f"{g} {c}" for g, c in by_l))
        print()


if __name__ == "__main__":
    sys.exit(main())
