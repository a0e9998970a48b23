"""What the Run action says: the file a re-run uses ("Run on invoice.pdf", the full
path in its tooltip), "Run…" when it will ask for one, plain "Run" for a workflow
that takes no input file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence

MAX_NAME = 32        # longer names are shortened in the middle (the toolbar stays calm)


def label_run_action(action: QAction, paths: list[Path], needs_input: bool) -> None:
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    if paths and needs_input:
        name = paths[0].name if len(paths) == 1 else f"{len(paths)} files"
        if len(name) > MAX_NAME:
            name = name[:20] + "…" + name[-11:]
        shown = name.replace("&", "&&")          # an & in a file name is not a mnemonic
        action.setText(f"&Run on {shown}")
        action.setIconText(f"Run on {shown}")
        listed = "\n".join(str(p) for p in paths[:5]) + (
            f"\n…and {len(paths) - 5} more" if len(paths) > 5 else "")
        action.setToolTip(f"Run again on\n{listed}\n({keys}; Run on File… chooses another)")
        action.setStatusTip(f"run the workflow again on {paths[0] if len(paths) == 1 else name}")
    elif needs_input:
        action.setText("&Run…")
        action.setIconText("Run…")           # the toolbar keeps the …: it will ask for a file
        action.setToolTip(f"Run: choose a file and run the workflow on it ({keys})")
        action.setStatusTip("choose a file and run the workflow on it (or drop files on the window)")
    else:
        action.setText("&Run")
        action.setIconText("Run")
        action.setToolTip(f"Run: this workflow takes no input file ({keys})")
        action.setStatusTip("run the workflow (it takes no input file)")
