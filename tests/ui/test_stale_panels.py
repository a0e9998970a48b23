"""Every panel follows the workflow that is open and the step that is selected:
nothing of the last workflow, of a deleted step or of a decided approval stays on
screen (issue 15, item 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.ui.run_panel import NO_STEP_TEXT

pytestmark = pytest.mark.gui


def run_and_wait(qtbot, win, **kwargs):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(win.runFinished, timeout=120_000) as blocker:
        assert win.run(**kwargs)
    return blocker.args[0]


def step_data(win) -> str:  # type: ignore[no-untyped-def]
    return win.run_panel.node_label.text()


def test_new_shows_nothing_of_the_last_workflows_run(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    note = tmp_path / "note.txt"
    note.write_text("one two three", encoding="utf-8")
    result = run_and_wait(qtbot, win, inputs=[note])
    assert result.ok, result.error
    win.editor.scene.select_nodes(["read"])
    assert "read" in step_data(win) and "done" in step_data(win)
    assert win.run_panel.port_choice.count() > 0
    assert win.run_panel.elapsed.text().endswith(" s")

    win.new_workflow()          # the same step ids as the last one: input, read
    assert step_data(win) == NO_STEP_TEXT
    assert win.run_panel.elapsed.text() == "" and not win.run_panel._clock.isActive()
    assert win.run_panel.output.toPlainText() == ""
    win.editor.scene.select_nodes(["read"])
    assert "not run yet" in step_data(win), "the new workflow's step shows the old run's data"
    assert win.run_panel.port_choice.count() == 0 and not win.run_panel.port_choice.isVisible()


def test_a_deleted_step_leaves_step_data(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    node = win.editor.add_step("text.template")
    assert node is not None and win.editor.selected_node() == node
    assert node in step_data(win)
    win.editor.delete_selected()
    assert win.editor.workflow.node(node) is None
    assert node not in step_data(win) and step_data(win) == NO_STEP_TEXT
    # undo brings it back, and selecting it shows it again
    win.act_undo.trigger()
    win.editor.scene.select_nodes([node])
    assert node in step_data(win)


def test_a_decision_in_history_updates_the_editor_at_once(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.test_approvals import setup

    win = window
    win._status_timer.stop()        # only the decision itself may bring the editor up to date
    wf, doc, _out = setup(tmp_path)
    assert win.open(wf)
    waiting = run_and_wait(qtbot, win, inputs=[doc])
    assert waiting.status == "waiting"
    win.editor.scene.select_nodes(["ask"])
    assert "waiting" in step_data(win)
    assert win.run_panel.status.text().startswith("Waiting for an approval")

    win.show_history()
    history = win.history_window
    assert history.select_run(waiting.run_id)
    with qtbot.waitSignal(win.runFinished, timeout=60_000):
        history.approve_button.click()

    status = win.run_panel.status.text()
    assert not status.startswith("Waiting"), status
    assert status.startswith("Approved; the run went on and ended done")
    assert win.editor.scene.nodes["ask"].status == "done"
    assert "ask" in step_data(win) and "waiting" not in step_data(win), step_data(win)
    assert "done" in step_data(win)


def test_a_waiting_run_opened_from_history_follows_its_decision(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.test_approvals import setup

    win = window
    wf, doc, _out = setup(tmp_path)
    assert win.open(wf)
    waiting = run_and_wait(qtbot, win, inputs=[doc])
    win.new_workflow()                    # the editor moves on to something else
    win.show_history()
    history = win.history_window
    assert history.select_run(waiting.run_id)
    history.open_in_editor()              # back to it, as History shows it
    assert win.editor.scene.nodes["ask"].status == "waiting"
    with qtbot.waitSignal(win.service.resultReady, timeout=60_000):
        history.approve_button.click()
    qtbot.waitUntil(lambda: win.editor.scene.nodes["ask"].status == "done", timeout=5000)
    assert win.run_panel.status.text().startswith("Approved; the run went on and ended done")
