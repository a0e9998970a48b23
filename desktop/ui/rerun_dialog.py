"""Asked before a run on content the workflow has already processed: running it again
may file a second copy and add a second ledger row, so the person chooses (run again,
open the earlier run in History, skip those files, or cancel)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from desktop.store.processed import EarlierRun, describe_when

RUN_AGAIN, SKIP, OPEN, CANCEL = "run again", "skip", "open", "cancel"
MAX_LISTED = 10


class AlreadyRunDialog(QMessageBox):
    """`repeats`: the files of this run (of `total`) whose content was run before,
    each with the newest such run. `choice()` after exec(): one of the constants."""

    def __init__(self, repeats: list[tuple[Path, EarlierRun]], total: int,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("Already run")
        self.repeats = repeats
        self._choice = CANCEL
        self._buttons: dict[QPushButton, str] = {}
        if total == 1 and len(repeats) == 1:
            path, before = repeats[0]
            self.setText(f"This file was already run {describe_when(before.started_at)}.")
            same = "" if before.input_path is None or Path(before.input_path).name == path.name else (
                f" (it has the same content as {Path(before.input_path).name}, run then)")
            self.setInformativeText(
                f"This workflow has processed {path.name}{same}. Running it again may file a "
                "second copy and add a second row to a ledger.")
            self.run_button = self._add("Run Again", QMessageBox.ButtonRole.AcceptRole, RUN_AGAIN)
            self.open_button = self._add("Open That Run", QMessageBox.ButtonRole.ActionRole, OPEN)
            self.skip_button = None
        else:
            n = len(repeats)
            self.setText(f"{'All' if n == total else n} of these {total} files "
                         f"{'were' if n != 1 else 'was'} already run by this workflow.")
            listed = "\n".join(f"• {p.name}: {describe_when(b.started_at)}" for p, b in repeats[:MAX_LISTED])
            more = f"\n…and {n - MAX_LISTED} more" if n > MAX_LISTED else ""
            self.setInformativeText(f"{listed}{more}\n\nRunning them again may file second copies "
                                    "and add second rows to a ledger.")
            self.run_button = self._add("Run All Again", QMessageBox.ButtonRole.AcceptRole, RUN_AGAIN)
            # with nothing new among them, skipping would run nothing: Cancel says that
            self.skip_button = (self._add(f"Skip {'It' if n == 1 else 'Those'}",
                                          QMessageBox.ButtonRole.ActionRole, SKIP) if n < total else None)
            self.open_button = (self._add("Open That Run", QMessageBox.ButtonRole.ActionRole, OPEN)
                                if n == 1 else None)
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setEscapeButton(self.cancel_button)
        # Return does no harm: it shows the earlier run (or skips), never files again
        self.setDefaultButton(self.open_button or self.skip_button or self.cancel_button)
        self.buttonClicked.connect(lambda b: setattr(self, "_choice", self._buttons.get(b, CANCEL)))

    def _add(self, text: str, role: QMessageBox.ButtonRole, choice: str) -> QPushButton:
        button = self.addButton(text, role)
        self._buttons[button] = choice
        return button

    def choice(self) -> str:
        return self._choice


def ask_about_repeats(parent: QWidget | None, repeats: list[tuple[Path, EarlierRun]],
                      total: int) -> str:
    dialog = AlreadyRunDialog(repeats, total, parent)
    dialog.exec()
    return dialog.choice()


def confirm_repeats(parent: QWidget | None, repeats: list[tuple[Path, EarlierRun]],
                    inputs: list[Path], open_run: Callable[[str], None]) -> list[Path] | None:
    """The files to run after asking about `repeats` (None: run nothing); Open That
    Run calls `open_run` with the earlier run's id."""
    if not repeats:
        return inputs
    choice = ask_about_repeats(parent, repeats, len(inputs))
    if choice == RUN_AGAIN:
        return inputs
    if choice == SKIP:
        done = {p for p, _ in repeats}
        return [p for p in inputs if p not in done] or None
    if choice == OPEN:
        open_run(repeats[0][1].run_id)
    return None
