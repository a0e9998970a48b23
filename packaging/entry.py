"""The one executable of the packaged app (`runnel`, built by packaging/runnel.spec).

    runnel                        the window (on the last workflow, or the first example)
    runnel FILE... | --minimized  the window, opening/running the files given
    runnel COMMAND ...            the command line: run, validate, models, steps, ...
    runnel worker                 internal: the inference worker (started by the app
                                  itself, see desktop.llm.client.worker_command)

RUNNEL_QUIT_AFTER_SHOW=MS (for the smoke test) closes the window MS milliseconds
after the event loop started, exiting 0 if a window was shown and 1 otherwise;
RUNNEL_SMOKE_GRAB=FILE.png then saves a picture of it.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

WORKER = "worker"
_CLI_OPTIONS = ("-h", "--help", "--version")


def cli_commands() -> set[str]:
    """The `runnel` subcommands, read from the CLI's own parser."""
    import argparse

    from desktop.cli import _parser

    for action in _parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def mode(args: list[str]) -> str:
    """'worker', 'window' or 'cli' for the arguments after the program name."""
    if not args:
        return "window"
    first = args[0]
    if first == WORKER:
        return "worker"
    if first in _CLI_OPTIONS:
        return "cli"
    if first.startswith("-"):          # --minimized, Qt's own options (-style ...)
        return "window"
    if first in cli_commands():
        return "cli"
    if Path(first).exists():           # a workflow or documents to open
        return "window"
    return "cli"                       # a typo: the CLI says what the commands are


def _window(args: list[str]) -> int:
    from desktop.app import application

    delay = os.environ.get("RUNNEL_QUIT_AFTER_SHOW", "")
    if delay.isdigit():
        from PySide6.QtCore import QTimer

        from desktop.paths import DataFolderError

        try:
            app = application.create_app(args)
        except DataFolderError:
            return application.main(args)      # reports it

        def check() -> None:
            shown = [w for w in app.topLevelWidgets() if w.isVisible() and w.isWindow()
                     and w.windowTitle()]
            for w in shown:
                print(f"window shown: {w.windowTitle()!r} {w.width()}x{w.height()}", flush=True)
            grab = os.environ.get("RUNNEL_SMOKE_GRAB")
            if grab and shown:
                shown[0].grab().save(grab)
            app.exit(0 if shown else 1)

        QTimer.singleShot(int(delay), check)
    return application.main(args)


def main() -> int:
    multiprocessing.freeze_support()
    args = sys.argv[1:]
    chosen = mode(args)
    if chosen == "worker":
        from desktop.llm.worker import main as worker_main

        return worker_main()
    if chosen == "window":
        return _window(args)
    from desktop.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
