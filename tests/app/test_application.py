"""Starting the real app as a user would, in its own process."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.gui


def start(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "desktop.app", *args, "--quit-when-shown"],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)


def test_the_app_starts_on_the_invoice_example_and_quits_cleanly() -> None:
    proc = start()
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


def test_an_unreadable_workflow_given_on_the_command_line_does_not_stop_the_start(tmp_path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("nodes: [", encoding="utf-8")
    proc = start(str(broken))
    assert proc.returncode == 0, proc.stderr
    assert "broken.yaml" in proc.stderr           # the reason is told, not a traceback
    assert "Traceback" not in proc.stderr


def test_quitting_with_steps_on_the_clipboard_exits_cleanly(tmp_path) -> None:
    """Copied steps live on the clipboard as a QMimeData made in Python; quitting must
    not crash when Qt tears the clipboard down."""
    script = tmp_path / "copy_then_quit.py"
    script.write_text("""
from PySide6.QtCore import QTimer
from desktop.app.application import build_window, create_app
app = create_app()
window = build_window()
window.new_workflow()
window.editor.select_all()
assert window.editor.copy()
QTimer.singleShot(0, app.quit)
app.exec()
window.service.close()
""", encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=60)
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])
