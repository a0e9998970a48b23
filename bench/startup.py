"""Launch to main window shown: each run is a fresh Python process that starts the
app the way `python -m desktop.app` does (create_app, build_window, open the
invoice example, show) and reports, once the window's first paint is done, the time
since its parent launched it (wall clock, handed over in an environment variable),
interpreter start and imports included. Offscreen unless DISPLAY is set; user data
and the window's layout in a temporary folder.

    .venv/bin/python bench/startup.py [--runs 5]

Baseline in the same bench, launched the same way: a bare PySide6 QApplication with
an empty QMainWindow. Runs alternate between the two after one unmeasured warm-up of
each (it creates the data folder and warms the disk cache). Each app run also checks
that no inference worker process was started (the model loads lazily).
Target (DESIGN.md): median <= 1.5 s.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.5
ENV_START = "RUNNEL_BENCH_LAUNCHED_AT"


def child(kind: str, qsettings_path: str) -> None:
    """Runs in the launched process: start, show, report at the first paint, quit."""
    launched = float(os.environ[ENV_START])
    marks: dict[str, float] = {"interpreter": time.time() - launched}
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    marks["Qt imported"] = time.time() - launched
    if kind == "app":
        from desktop.app.application import FIRST_EXAMPLE, build_window, create_app
        from desktop.paths import examples_dir

        app = create_app()
        marks["application"] = time.time() - launched
        window = build_window(QSettings(qsettings_path, QSettings.Format.IniFormat))
        marks["window built"] = time.time() - launched
        window.open(examples_dir() / FIRST_EXAMPLE)
        marks["workflow opened"] = time.time() - launched
    else:
        app = QApplication([sys.argv[0]])
        window = QMainWindow()
        window.resize(1360, 840)

    def done() -> None:
        import psutil

        marks["first paint done"] = time.time() - launched
        workers = [p.pid for p in psutil.Process().children(recursive=True)]
        llm = getattr(getattr(window, "service", None), "llm", None)
        print(json.dumps({"elapsed": marks["first paint done"], "marks": marks,
                          "worker": (llm.pid if llm is not None else None), "children": workers}),
              flush=True)
        app.quit()

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                QTimer.singleShot(0, done)        # after this paint pass (children included)
            return False

    first_paint = FirstPaint()
    window.installEventFilter(first_paint)
    window.show()
    marks["shown"] = time.time() - launched
    app.exec()
    if hasattr(window, "service"):
        window.editor.undo_stack.setClean()
        window.service.close()


def launch(kind: str, home: Path, qsettings: Path) -> dict:
    env = dict(os.environ, RUNNEL_HOME=str(home))
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env[ENV_START] = repr(time.time())
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", kind, str(qsettings)],
                         env=env, capture_output=True, text=True, timeout=120, cwd=str(ROOT), check=False)
    for line in out.stdout.splitlines():
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"the {kind} run printed no result (exit {out.returncode}): "
                       f"{out.stderr.strip()[-800:]}")


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        home, qsettings = Path(tmp) / "home", Path(tmp) / "qsettings.ini"
        launch("app", home, qsettings)          # warm-up: data folder, database, disk cache
        launch("bare", home, qsettings)
        results: dict[str, list[dict]] = {"app": [], "bare": []}
        for _ in range(args.runs):
            for kind in ("app", "bare"):
                results[kind].append(launch(kind, home, qsettings))
    app_times = [r["elapsed"] for r in results["app"]]
    bare_times = [r["elapsed"] for r in results["bare"]]
    app_med, bare_med = statistics.median(app_times), statistics.median(bare_times)
    workers = [r for r in results["app"] if r["worker"] is not None or r["children"]]
    print(f"launch -> main window shown and painted, {args.runs} fresh processes each "
          f"({'offscreen' if not os.environ.get('DISPLAY') else 'on ' + os.environ['DISPLAY']})")
    print(f"  Runnel (invoice example open): median {app_med:.2f} s "
          f"(min {min(app_times):.2f}, max {max(app_times):.2f})")
    print(f"  bare QApplication + empty QMainWindow: median {bare_med:.2f} s "
          f"(min {min(bare_times):.2f}, max {max(bare_times):.2f})")
    print(f"  ratio {app_med / bare_med:.2f}x; Runnel's own share {app_med - bare_med:.2f} s")
    mid = sorted(results["app"], key=lambda r: r["elapsed"])[len(app_times) // 2]["marks"]
    steps, last = [], 0.0
    for name, at in mid.items():
        steps.append(f"{name} {(at - last) * 1000:.0f}")
        last = at
    print(f"  median run, ms per stage: {', '.join(steps)}")
    print(f"  inference worker started: {'YES in ' + str(len(workers)) + ' runs' if workers else 'no (lazy)'}")
    print(f"  median {app_med:.2f} s (target <= {TARGET} s) {'OK' if app_med <= TARGET else 'ABOVE TARGET'}")


if __name__ == "__main__":
    main()
