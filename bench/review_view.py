"""The Review window's document and queue: how soon a 20-page PDF's first page shows,
how fast pages turn, how long a frame of the waiting list takes to paint while it
scrolls, and how long the event loop stalls while pages render (offscreen unless
DISPLAY is set).

    .venv/bin/python bench/review_view.py [--rounds 5] [--busy]

Baseline in the same run: pdfium drawing the same page at the same size, bare (no
word boxes, no QImage, no thread): the ratio says what the view adds. `--busy` runs a
process spinning on every core meanwhile, as a user's machine is never idle.
Targets (issue 13): first page <= 300 ms, a page turn <= 100 ms, a frame of a
500-item queue <= 16 ms, no stall over 50 ms while a page renders.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.canvas import isolated_qt  # noqa: E402

PAGES = 20
TICK_MS = 5


def spin(stop) -> None:  # type: ignore[no-untyped-def]
    while not stop.is_set():
        sum(i * i for i in range(10_000))


def twenty_pages(path: Path) -> Path:
    """A 20-page invoice-like PDF: a letterhead, then tables of lines on every page."""
    from tests.pdfmaker import make_layout_pdf

    pages = []
    for p in range(PAGES):
        items: list[tuple] = [(60, 60, "Cobalt Cleaning Ltd", 16, True),
                              (60, 80, f"Invoice CC-2026-200  page {p + 1} of {PAGES}", 10, False)]
        for row in range(40):
            y = 120 + row * 17
            items += [(60, y, f"Item {p * 40 + row:04d}  Office cleaning, floor {row % 9 + 1}", 9, False),
                      (420, y, f"{(row % 9 + 1) * 45.0:.2f}", 9, False)]
        pages.append(items)
    path.write_bytes(make_layout_pdf(pages))
    return path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--busy", action="store_true", help="a process spinning on every core meanwhile")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="runnel-review-bench-"))
    isolated_qt(tmp)

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    import pypdfium2 as pdfium

    from desktop.ui.review import QueueModel, ReviewWindow
    from desktop.ui.review.page_view import PageView

    app = QApplication.instance() or QApplication([])
    pdf = twenty_pages(tmp / "twenty.pdf")
    stop = multiprocessing.Event()
    spinners = [multiprocessing.Process(target=spin, args=(stop,), daemon=True)
                for _ in range(os.cpu_count() or 1)] if args.busy else []
    for s in spinners:
        s.start()

    view = PageView()
    view.resize(700, 900)
    view.show()
    ticks: list[float] = []
    probe = QTimer(interval=TICK_MS)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    probe.start()

    def shown(action) -> float:  # type: ignore[no-untyped-def]
        loop = QEventLoop()
        view.pageShown.connect(loop.quit)
        started = time.perf_counter()
        action()
        QTimer.singleShot(10_000, loop.quit)
        loop.exec()
        view.pageShown.disconnect(loop.quit)
        return time.perf_counter() - started

    opens, turns, bare = [], [], []
    for _ in range(args.rounds):
        opens.append(shown(lambda: view.show_document(pdf, "")))
        for i in range(1, PAGES):
            turns.append(shown(lambda i=i: view.go_to(i)))
        page = view.rendered
        doc = pdfium.PdfDocument(pdf)
        t = time.perf_counter()
        doc[0].render(scale=page.scale)
        bare.append(time.perf_counter() - t)
        doc.close()
    probe.stop()
    stall = max((b - a for a, b in zip(ticks, ticks[1:])), default=0.0) - TICK_MS / 1000
    view.close()

    # a frame of the waiting list: 500 items, scrolled a row at a time, painted to an image
    from PySide6.QtGui import QImage

    from desktop.review.items import ReviewItem

    window = ReviewWindow(store=None, decide=lambda *a: True)        # the queue alone
    window.poll.stop()
    model: QueueModel = window.model
    model.set_items([ReviewItem(i, "r", "ask", f"/w/flow-{i % 7}.yaml", f"/in/{i:04d}.pdf",
                                "Please check", float(i), {"record": {"total": i}, "provenance": {},
                                                           "reasons": [{"field": "total",
                                                                        "reason": "low confidence"}]})
                     for i in range(500)])
    queue = window.queue
    queue.resize(300, 700)
    image = QImage(queue.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    frames = []
    bar = queue.verticalScrollBar()
    for step in range(200):
        bar.setValue(step * 3)
        t = time.perf_counter()
        queue.viewport().render(image)
        frames.append(time.perf_counter() - t)
    stop.set()
    for s in spinners:
        s.join(timeout=2)

    def ms(x: float) -> str:
        return f"{x * 1000:.1f} ms"

    base = statistics.median(bare)
    print(f"{'busy' if args.busy else 'idle'} machine, {args.rounds} rounds, {PAGES}-page PDF, "
          f"{os.cpu_count()} cores ({time.strftime('%Y-%m-%d')})")
    print(f"bare pdfium render of page 1 (baseline): {ms(base)}")
    print(f"first page shown:  median {ms(statistics.median(opens))}, max {ms(max(opens))} "
          f"({statistics.median(opens) / base:.1f}x the baseline; target <= 300 ms)")
    print(f"page turn:         median {ms(statistics.median(turns))}, max {ms(max(turns))} "
          f"({statistics.median(turns) / base:.1f}x; target <= 100 ms)")
    print(f"queue frame (500): median {ms(statistics.median(frames))}, max {ms(max(frames))} "
          "(target <= 16 ms)")
    print(f"largest event-loop stall while rendering: {ms(stall)} (target <= 50 ms)")
    app.quit()


if __name__ == "__main__":
    main()
