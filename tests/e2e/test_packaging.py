"""The installable app: packaging/smoke.sh builds dist/Runnel with PyInstaller and runs
the built app from a path with spaces and non-ASCII characters (CLI, bundled model,
an AI workflow through the frozen worker, OCR of a scanned invoice with the bundled
engine and no network use, the window offscreen). Also the executable's
dispatch (window / CLI / worker) and how the worker is started when frozen."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from desktop.llm.client import worker_command
from tests.conftest import ROOT

SMOKE = ROOT / "packaging" / "smoke.sh"


def load_entry():
    spec = importlib.util.spec_from_file_location("runnel_entry", ROOT / "packaging" / "entry.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("args, expected", [
    ([], "window"),
    (["--minimized"], "window"),
    (["worker"], "worker"),
    (["run", "flow.yaml", "a.pdf"], "cli"),
    (["models", "list"], "cli"),
    (["steps"], "cli"),
    (["--help"], "cli"),
    (["--version"], "cli"),
    (["no-such-command"], "cli"),
])
def test_entry_dispatch(args, expected):
    assert load_entry().mode(args) == expected


def test_entry_opens_existing_files_in_the_window_but_commands_win(tmp_path, monkeypatch):
    entry = load_entry()
    doc = tmp_path / "Rechnung März.pdf"
    doc.write_bytes(b"%PDF-1.4\n")
    assert entry.mode([str(doc)]) == "window"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "run").write_text("a file named like a command")
    assert entry.mode(["run", "x.yaml"]) == "cli"


def test_worker_command_frozen_and_not(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert worker_command() == [sys.executable, "-m", "desktop.llm.worker"]
    assert worker_command("/other/python") == ["/other/python", "-m", "desktop.llm.worker"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert worker_command() == [sys.executable, "worker"]
    assert worker_command("/other/python") == ["/other/python", "-m", "desktop.llm.worker"]


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.timeout(1800)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the smoke script is for Linux")
def test_packaged_app_smoke():
    """About a minute on 2 cores when it has to build (PyInstaller ~30 s), less after."""
    proc = subprocess.run(["bash", str(SMOKE)], cwd=ROOT, capture_output=True, text=True,
                          timeout=1700, stdin=subprocess.DEVNULL)
    report = proc.stdout + proc.stderr
    assert proc.returncode == 0, report[-6000:]
    assert "SMOKE PASS" in proc.stdout, report[-6000:]
    assert "FAIL" not in proc.stdout, report[-6000:]
    for check in ("runnel steps", "runnel models list", "runnel run invoice-to-records.yaml",
                  "record written", "OCR models bundled", "runnel run extract-text.yaml",
                  "OCR text of", "runnel privacy-check extract-text.yaml",
                  "nothing written into the app folder", "window starts and closes"):
        assert f"PASS {check}" in proc.stdout, report[-6000:]
