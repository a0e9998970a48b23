"""Starting the window: the Qt application, our theme, the run service, the main
window on the last workflow (or the invoice example on a first start). The model is
not loaded here: the worker starts on the first AI step, so the window comes up fast."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Sequence

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop import settings
from desktop.engine.errors import WorkflowFileError
from desktop.engine.fileformat import load_workflow
from desktop.paths import CHECKOUT, DataFolderError, examples_dir

FIRST_EXAMPLE = "invoice-intake.yaml"


def create_app(argv: Sequence[str] = ()) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName("Runnel")
    app.setOrganizationName("Runnel")
    app.setApplicationDisplayName("Runnel")
    app.setDesktopFileName("runnel")        # Wayland/GNOME match windows to the launcher by it
    icon = CHECKOUT / "resources" / "icons" / "runnel.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    from desktop.ui import theme
    from desktop.ui.editor import release_clipboard

    if not getattr(app, "_runnel_ready", False):
        app.aboutToQuit.connect(release_clipboard)
        app._runnel_ready = True  # type: ignore[attr-defined]
    theme.apply_theme(app, str(settings.get("theme", "light")))  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def build_window(qsettings: QSettings | None = None):  # type: ignore[no-untyped-def]
    from desktop.app.run_service import RunService
    from desktop.engine.registry import default_registry
    from desktop.ui.main_window import MainWindow

    registry = default_registry()
    service = RunService(registry)
    window = MainWindow(registry, service, qsettings)
    return window


def first_workflow(window, files: list[Path]) -> Path | None:  # type: ignore[no-untyped-def]
    workflows = [f for f in files if f.suffix in (".yaml", ".yml")]
    if workflows:
        return workflows[0]
    recent = [Path(p) for p in window.recent_files() if Path(p).exists()]
    return recent[0] if recent else examples_dir() / FIRST_EXAMPLE


def main(argv: Sequence[str] | None = None) -> int:
    """`--minimized` starts without showing the window (start at login);
    `--quit-when-shown` exits as soon as the window is up (the packaged app's smoke
    test); other arguments are a workflow to open and/or files to run. A second
    launch hands its arguments to the Runnel already running and exits."""
    from desktop.app.qt_platform import xcb_only, xcb_problem
    from desktop.app.single_instance import AlreadyRunning, hand_over_or_claim

    problem = xcb_problem()        # before Qt loads its xcb plugin and aborts with its own message
    if problem:
        print(problem, file=sys.stderr)
        if xcb_only(os.environ):
            return 1
    args = list(sys.argv[1:] if argv is None else argv)
    minimized = "--minimized" in args
    quit_when_shown = "--quit-when-shown" in args
    files = [Path(a) for a in args if not a.startswith("-")]
    instance = None
    try:
        app = create_app([a for a in args if a.startswith("-")])
        if not quit_when_shown:        # a smoke test must start its own window, never hand over
            instance = hand_over_or_claim(args)
            if instance is None:
                return 0               # the running Runnel took the files
        window = build_window()
    except (DataFolderError, AlreadyRunning) as e:
        print(f"runnel: {e}", file=sys.stderr)
        return 1
    if instance is not None:
        instance.messageReceived.connect(lambda received: handle_launch(window, received))
    tray = attach_tray(app, window)
    if not quit_when_shown:
        restore_watching(window)
    start = first_workflow(window, files)
    if start is not None:
        try:
            load_workflow(start)
        except WorkflowFileError as e:
            # said once on the terminal and in the status bar; the window opens anyway
            print(f"runnel: {e}", file=sys.stderr)
            window.statusBar().showMessage(f"Could not open {start.name}: {e}", 15000)
            start = examples_dir() / FIRST_EXAMPLE
        window.open(start)
    if not minimized:
        window.show()
        if not quit_when_shown:
            from desktop.ui.welcome import show_welcome

            show_welcome(window)          # the first start only
    inputs = [f for f in files if f.suffix not in (".yaml", ".yml") and f.is_file()]
    if inputs:     # files given on the command line are run once the window is up
        QTimer.singleShot(0, lambda: window.run(inputs=inputs))
    if quit_when_shown:
        QTimer.singleShot(0, app.quit)
    code = app.exec()
    tray.close()
    window.service.close()
    if instance is not None:
        instance.close()
    return code


def attach_tray(app: QApplication, window):  # type: ignore[no-untyped-def]
    """The tray icon and background notifications. With a tray, closing the window
    keeps Runnel (and its watched folders) running; without one, closing quits and
    the same actions live in the window's menus."""
    from desktop.app.notifications import Notifier
    from desktop.app.tray import Tray

    notifier = Notifier(window)
    notifier.attach(window.service)
    notifier.set_window(window)
    tray = Tray(window.service, window.show_from_tray, notifier, on_quit=window.quit_app, parent=app)
    tray.watch_window(window)
    notifier.activated.connect(lambda run_id: window.show_from_tray("history", run_id))
    window.tray = tray
    app.setQuitOnLastWindowClosed(not tray.available)
    if not tray.available:
        window.statusBar().showMessage(tray.fallback_text(), 20000)
    return tray


def restore_watching(window) -> bool:  # type: ignore[no-untyped-def]
    """Watching as it was left: Runnel started at login, minimised, goes on
    processing the folders its workflows watch."""
    if not settings.get("watching"):
        return False
    window.toggle_watch(True)
    return True


def handle_launch(window, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Another launch (`runnel open FILE`, a file dropped on the launcher icon) handed
    us its arguments: open a workflow, run files, and come to the front."""
    paths = [Path(a) for a in args if not a.startswith("-")]
    workflows = [p for p in paths if p.suffix in (".yaml", ".yml")]
    inputs = [p for p in paths if p.suffix not in (".yaml", ".yml") and p.is_file()]
    if workflows:
        window.open(workflows[0])
    if inputs:
        window.run(inputs=inputs)
    if "--minimized" not in args:
        window.showNormal()
        window.raise_()
        window.activateWindow()
