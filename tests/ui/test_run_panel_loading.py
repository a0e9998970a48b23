"""The first AI step of a session waits while the model loads: the run panel and the
status bar say why (the real model, the real window)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.model]


def test_the_first_ai_step_says_the_model_is_loading(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.llm import catalog

    win = window
    name = catalog.default_model().name
    hello = tmp_path / "hello.yaml"
    hello.write_text("schema_version: 1\nname: Hello\nnodes:\n- {id: ai, type: ai.prompt, params: "
                     "{prompt: 'Say hello.', max_tokens: 4}}\n", encoding="utf-8")
    assert win.open(hello)
    seen: list[tuple[bool, str, str]] = []
    # connected after the window: sees what the window shows at each announcement
    win.service.loadingChanged.connect(
        lambda l: seen.append((l.done, win.run_panel.status.text(), win.model_label.text())))
    with qtbot.waitSignal(win.runFinished, timeout=120_000) as done:
        assert win.run(inputs=[])
    assert done.args[0].ok, done.args[0].error
    qtbot.waitUntil(lambda: len(seen) == 2)
    loading = f"Loading the model {name} (first use: it loads once, then stays loaded)…"
    assert seen[0] == (False, loading, loading)
    assert seen[1][0] and not seen[1][1].startswith("Loading")      # the status went back
    log = win.run_panel.output.toPlainText()
    assert loading in log and f"{name} loaded in " in log
    assert win.model_label.text() == f"Model {name} loaded"

    # the model stays loaded: a second run has nothing to announce
    with qtbot.waitSignal(win.runFinished, timeout=120_000):
        assert win.run(inputs=[], confirm=False)
    assert len(seen) == 2 and "Loading the model" not in win.run_panel.output.toPlainText()
