"""A long step says how far it is: OCR of a three-page scan in the real window shows
"OCR: page 2 of 3" in the run panel's status and fills its bar."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.ocr.read import LOADING
from tests.conftest import WORKFLOWS
from tests.ocr.pages import draw

pytestmark = pytest.mark.gui


def test_a_scan_being_read_shows_its_page_and_fills_the_bar(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    frames = [draw([f"Delivery note {n} of 3", "Received in good order"], size_in=(5.8, 4.1)).image
              for n in (1, 2, 3)]
    scan = tmp_path / "notes.tiff"
    frames[0].save(scan, save_all=True, append_images=frames[1:], dpi=(200, 200))
    assert win.open(WORKFLOWS / "extract-text.yaml")
    panel = win.run_panel
    seen: list[tuple[str, int, int]] = []
    # connected after the window's own handler: sees what the window shows for each report
    win.service.bridge.stepProgress.connect(
        lambda e: seen.append((panel.status.text(), panel.progress.maximum(), panel.progress.value())))
    with qtbot.waitSignal(win.runFinished, timeout=120_000) as done:
        assert win.run(inputs=[scan])
    assert done.args[0].ok, done.args[0].error
    node = next(n.id for n in win.editor.workflow.nodes if n.type == "documents.read")
    pages = [s for s in seen if s[0] != f"Running {node}: {LOADING}"]   # once a session
    assert [s[0] for s in pages] == [f"Running {node}: OCR: page {n} of 3" for n in (1, 2, 3)]
    assert [s[1:] for s in pages] == [(1000, 0), (1000, 333), (1000, 666)]
