"""Canvas frame time: a 300-step workflow in the real main window (offscreen unless
DISPLAY is set), panned and zoomed frame by frame. Each frame changes the view
(CanvasView.pan_by or zoom_by) and renders the whole canvas (viewport and overview
map) into a QImage with QWidget.render: a full repaint, the worst case of a frame.

    .venv/bin/python bench/canvas.py [--frames 100] [--nodes 300]

Two views: the overview a user gets on opening (fit, every step visible) and 100%
zoom. Baseline in the same process: the same frames with a 10-step workflow, so the
ratio says what the graph's size costs per frame.
Target (DESIGN.md): median frame <= 16 ms (60 frames a second).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET = 0.016

# which step takes each port type (step type, its input port), used in turn so the
# graph has the mix of steps and port shapes a real one has
CONSUMERS = {
    "document": [("text.template", "document"), ("ai.summarize", "text"), ("text.split", "document")],
    "text": [("text.redact_pii", "text"), ("ai.summarize", "text"), ("text.template", "text"),
             ("ai.translate", "text"), ("text.regex_extract", "text"), ("ai.classify", "text"),
             ("ai.extract_fields", "text")],
    "json": [("guard.validate", "record"), ("files.append_row", "record"), ("text.template", "record")],
    "rows": [("text.join", "rows")],
}
# the output each step passes on
FOLLOW = {"text.template": "text", "ai.summarize": "text", "text.split": "parts",
          "text.redact_pii": "text", "ai.translate": "text", "text.regex_extract": "record",
          "ai.classify": "result", "ai.extract_fields": "record", "guard.validate": "pass",
          "files.append_row": "record", "text.join": "text", "documents.read": "document"}


def big_workflow(n: int, registry, fan_depth: int = 4):  # type: ignore[no-untyped-def]
    """A valid n-step workflow of real step types: input -> read, a tree that forks
    for `fan_depth` levels, then parallel chains; laid out with tidy_positions."""
    from desktop.engine.editing import WorkflowDocument
    from desktop.engine.workflow import Link, Workflow

    doc = WorkflowDocument(Workflow(f"{n}-step bench workflow", folders={"output": "~/Runnel/Output"}),
                           registry)
    doc.add_node("core.input_file", 0, 0, node_id="input")
    doc.add_node("documents.read", 0, 0, node_id="read")
    doc.add_link(Link("input", "file", "read", "file"))
    turn = {kind: 0 for kind in CONSUMERS}
    frontier = deque([("read", 0)])
    while len(doc.workflow.nodes) < n and frontier:
        parent, depth = frontier.popleft()
        step_type = doc.node(parent).type
        port = FOLLOW[step_type]
        kind = next(p for p in doc.outputs(parent) if p.name == port).type.value
        for _ in range(2 if depth < fan_depth else 1):
            if len(doc.workflow.nodes) >= n:
                break
            child_type, child_port = CONSUMERS[kind][turn[kind] % len(CONSUMERS[kind])]
            turn[kind] += 1
            child = doc.add_node(child_type, 0, 0).id
            doc.add_link(Link(parent, port, child, child_port))
            frontier.append((child, depth + 1))
    for node_id, (x, y) in doc.tidy_positions().items():
        doc.move_node(node_id, x, y)
    return doc.workflow


def isolated_qt(tmp: Path):  # type: ignore[no-untyped-def]
    """Offscreen unless there is a display; user data and window layout in `tmp`."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["RUNNEL_HOME"] = str(tmp / "home")
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp / "qsettings.ini"), QSettings.Format.IniFormat)


def frames(window, kind: str, count: int) -> list[float]:  # type: ignore[no-untyped-def]
    """`count` frames of panning or zooming that end where they began."""
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    # nothing is processed between frames, so the shown window does not repaint the
    # same change again (its paint would be the same work, on the same thread)
    view = window.editor.view
    image = QImage(view.size(), QImage.Format.Format_ARGB32_Premultiplied)
    quarter, half = max(1, count // 4), max(1, count // 2)
    if kind == "pan":       # a brisk drag (20 px a frame) left and back, up and back
        steps = [(-20, 0)] * quarter + [(20, 0)] * quarter + [(0, -20)] * quarter + [(0, 20)] * quarter
    else:                   # smooth zoom in to 2.8x, then back out
        f = 2.8 ** (1 / half)
        steps = [f] * half + [1 / f] * half
    times = []
    for step in steps:
        t = time.perf_counter()
        if kind == "pan":
            view.pan_by(*step)
        else:
            view.zoom_by(step)
        painter = QPainter(image)
        view.render(painter)
        painter.end()
        times.append(time.perf_counter() - t)
    QApplication.processEvents()
    return times


def measure(window, workflow, count: int) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    window.editor.load(workflow, None)
    for _ in range(5):
        QApplication.processEvents()         # the fit queued by load, the first paint
        time.sleep(0.01)
    view = window.editor.view
    out: dict[str, list[float]] = {}
    view.fit()
    out["zoom factor fit"] = [view.zoom()]
    frames(window, "pan", 8)                 # warm the item caches
    out["overview (fit)", "pan"] = frames(window, "pan", count)
    out["overview (fit)", "zoom"] = frames(window, "zoom", count)
    view.fit()
    view.reset_zoom()
    frames(window, "pan", 8)
    out["100% zoom", "pan"] = frames(window, "pan", count)
    out["100% zoom", "zoom"] = frames(window, "zoom", count)
    out["visible at 100%"] = [sum(1 for item in window.editor.scene.nodes.values()
                                  if view.mapToScene(view.viewport().rect()).boundingRect()
                                  .intersects(item.sceneBoundingRect()))]
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frames", type=int, default=100, help="frames per pan or zoom series")
    parser.add_argument("--nodes", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        qsettings = isolated_qt(Path(tmp))
        from PySide6.QtWidgets import QApplication

        from desktop.app.application import build_window, create_app

        app = create_app()
        window = build_window(qsettings)
        window.show()
        QApplication.processEvents()
        big = big_workflow(args.nodes, window.registry)
        small = big_workflow(10, window.registry)
        results = {}
        for name, wf in (("small", small), ("big", big)):
            results[name] = measure(window, wf, args.frames)
            results[name]["problems"] = [len(window.editor.problems)]
        view = window.editor.view
        print(f"canvas {view.viewport().width()}x{view.viewport().height()} px "
              f"({app.platformName()}), {args.frames} frames per series; a frame = view change + "
              f"full render of the canvas and its overview map into a QImage")
        print(f"  {args.nodes} steps, {len(big.links)} links ({results['big']['problems'][0]} problems); "
              f"fit zoom {results['big']['zoom factor fit'][0]:.2f}, "
              f"{results['big']['visible at 100%'][0]} steps visible at 100%. "
              f"Baseline: a 10-step workflow, same frames")
        worst = 0.0
        for where in ("overview (fit)", "100% zoom"):
            for kind in ("pan", "zoom"):
                b, s = results["big"][where, kind], results["small"][where, kind]
                med = statistics.median(b)
                worst = max(worst, med)
                print(f"  {where:15} {kind:4}: median {med * 1000:5.1f} ms, p95 {p95(b) * 1000:5.1f} ms "
                      f"(10 steps: median {statistics.median(s) * 1000:4.1f} ms; ratio "
                      f"{med / statistics.median(s):4.1f}x) "
                      f"{'OK' if med <= TARGET else 'ABOVE TARGET'}")
        print(f"  worst median {worst * 1000:.1f} ms (target <= {TARGET * 1000:.0f} ms) "
              f"{'OK' if worst <= TARGET else 'ABOVE TARGET'}")
        window.editor.undo_stack.setClean()
        window.close()
        window.service.close()


if __name__ == "__main__":
    main()
