from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture
def window(qtbot, isolated_home: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The real main window with its own settings file and data folder; any dialog
    that would block is an error unless the test answers it."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from desktop.app.application import build_window, create_app

    def unexpected(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError(f"an unexpected dialog opened: {args[1:3]}")

    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
    for name in ("getOpenFileName", "getOpenFileNames", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, unexpected)

    create_app()
    qsettings = QSettings(str(isolated_home / "window.ini"), QSettings.Format.IniFormat)
    win = build_window(qsettings)
    win.resize(1300, 820)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.service.close()
    win.editor.undo_stack.setClean()       # closing must not ask about unsaved changes
    win.close()
    win.deleteLater()
