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
