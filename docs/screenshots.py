"""Screenshots of the app for the README: the main window (new workflow, the invoice
example open, during a run), history and the model manager.

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python docs/screenshots.py

Without a display it re-runs itself under xvfb-run when that exists, else renders
offscreen. Everything it runs uses a temporary data folder and home."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZE = (1440, 880)


def _ensure_display() -> None:
    if os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if shutil.which("xvfb-run"):
        code = subprocess.call(["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, *sys.argv])
        sys.exit(code)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"


def main() -> int:
    _ensure_display()
    tmp = Path(tempfile.mkdtemp(prefix="runnel-shots-"))
    os.environ["RUNNEL_HOME"] = str(tmp / "runnel")
    os.environ["HOME"] = str(tmp)
    sys.path.insert(0, str(ROOT))

    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app.application import build_window, create_app
    from desktop.paths import examples_dir

    app = create_app()
    window = build_window(QSettings(str(tmp / "window.ini"), QSettings.Format.IniFormat))
    window.resize(*SIZE)
    window.show()
    OUT.mkdir(parents=True, exist_ok=True)

    def settle(ms: int = 250) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_for(signal, timeout_ms: int = 180_000) -> None:  # type: ignore[no-untyped-def]
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)

    def shoot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        settle()
        path = OUT / name
        widget.grab().save(str(path))
        print(f"wrote {path.relative_to(ROOT)}")

    # the first start: the welcome, once the model check has answered
    from desktop.ui.welcome import show_welcome

    welcome = show_welcome(window)
    if welcome is not None:
        wait_for(welcome.modelChecked, 120_000)
        shoot(welcome, "welcome.png")
        welcome.reject()

    window.new_workflow()
    window.editor.view.fit()
    shoot(window, "main-new.png")

    window.open(examples_dir() / "invoice-intake.yaml")
    settle()
    window.editor.view.fit()
    window.editor.focus_node("fields")
    shoot(window, "main-example.png")

    # during a run: the summary example, shot once the model has streamed some words
    samples = ROOT / "resources" / "samples"
    window.open(examples_dir() / "report-summary.yaml")
    settle()
    window.editor.view.fit()
    streamed: list[str] = []
    loop = QEventLoop()

    def on_tokens(run_id: str, node_id: str, text: str) -> None:
        streamed.append(text)
        if sum(len(t) for t in streamed) > 160:
            loop.quit()

    window.service.bridge.tokens.connect(on_tokens)
    window.run(inputs=[samples / "field-study-report.md"])
    QTimer.singleShot(180_000, loop.quit)
    loop.exec()
    window.service.bridge.tokens.disconnect(on_tokens)
    shoot(window, "main-running.png")
    window.service.stop()
    if window.service.busy:
        wait_for(window.runFinished)

    # after a run: each step's status, and what the AI step produced
    window.open(examples_dir() / "invoice-intake.yaml")
    settle()
    window.editor.view.fit()
    window.run(inputs=[samples / "invoice-northwind.pdf"])
    wait_for(window.runFinished)
    window.editor.focus_node("fields")
    window.run_panel.tabs.setCurrentIndex(1)
    shoot(window, "main-after-run.png")

    # a receipt with no number waits for review: the Review window, light and dark
    window.run(inputs=[samples / "receipt-harbour-coffee.pdf"])
    wait_for(window.runFinished)
    from desktop.ui import theme

    window.show_review()
    review = window.review_window
    review.resize(1280, 760)
    settle(1500)                   # the page renders off the GUI thread
    shoot(review, "review.png")
    theme.apply_theme(app, "dark")
    review.form.editors["total"].setFocus()      # its source outlined on the page
    settle(800)
    shoot(review, "review-dark.png")
    theme.apply_theme(app, "light")
    review.close()

    window.show_history()
    history = window.history_window
    history.resize(1200, 720)
    shoot(history, "history.png")
    history.close()

    # the tray menu (drawn by Qt even where this display has no tray to hold it)
    from desktop.app.application import attach_tray

    tray = attach_tray(app, window)
    tray.rebuild_menu()
    tray.menu.adjustSize()
    shoot(tray.menu, "tray-menu.png")
    tray.close()

    window.show_models()
    shoot(window.models_dialog, "models.png")
    window.models_dialog.close()

    window.editor.undo_stack.setClean()
    window.close()
    window.service.close()
    QApplication.processEvents()
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
