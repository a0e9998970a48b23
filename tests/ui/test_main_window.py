"""The editor as a user drives it: steps from the palette, links dragged between
ports, options typed in the inspector, undo to the start and redo, save and reopen,
then runs on a real file with each node reaching its status (signals, no sleeps)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit

from desktop.engine.fileformat import dumps
from desktop.engine.workflow import Link

pytestmark = pytest.mark.gui


def add_from_palette(qtbot, win, step_id: str) -> str:  # type: ignore[no-untyped-def]
    before = {n.id for n in win.editor.workflow.nodes}
    assert win.palette.select_step(step_id)
    tree = win.palette.findChild(type(win.palette.tree)) if hasattr(win.palette, "tree") else None
    tree = tree or win.palette.tree
    tree.setFocus()
    QTest.keyClick(tree, Qt.Key.Key_Return)
    added = {n.id for n in win.editor.workflow.nodes} - before
    assert len(added) == 1, f"Enter in the palette should add {step_id}"
    return added.pop()


def drag_link(qtbot, win, source: str, out_port: str, target: str, in_port: str) -> None:  # type: ignore[no-untyped-def]
    scene, view = win.editor.scene, win.editor.view
    view.fit()
    start = scene.nodes[source].port(out_port, True)
    end = scene.nodes[target].port(in_port, False)
    assert start is not None and end is not None
    a = view.mapFromScene(start.scenePos())
    b = view.mapFromScene(end.scenePos())
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    QTest.mouseMove(view.viewport(), (a + b) / 2)
    QTest.mouseMove(view.viewport(), b)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)


def select(win, node_id: str) -> None:  # type: ignore[no-untyped-def]
    win.editor.scene.select_nodes([node_id])
    assert win.inspector.current_node_id == node_id


def statuses(win) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    return {node_id: item.status for node_id, item in win.editor.scene.nodes.items()}


def run_and_wait(qtbot, win, **kwargs) -> object:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(win.runFinished, timeout=120_000) as blocker:
        assert win.run(**kwargs)
    return blocker.args[0]


def test_build_undo_redo_save_reopen_and_run(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    start = dumps(win.editor.workflow)

    tmpl = add_from_palette(qtbot, win, "text.template")
    write = add_from_palette(qtbot, win, "files.write_text")
    drag_link(qtbot, win, "read", "document", tmpl, "text")
    drag_link(qtbot, win, tmpl, "text", write, "content")
    links = set(win.editor.workflow.links)
    assert Link("read", "document", tmpl, "text") in links
    assert Link(tmpl, "text", write, "content") in links

    select(win, tmpl)
    box = win.inspector.editor("template").input_widget()
    assert isinstance(box, QPlainTextEdit)
    box.setFocus()
    box.selectAll()
    QTest.keyClicks(box, "Words: {{ text | wordcount }}")
    win.inspector.flush()
    assert win.editor.document.node(tmpl).params["template"] == "Words: {{ text | wordcount }}"
    assert win.editor.problems == []
    assert win.isWindowModified()
    built = dumps(win.editor.workflow)

    # undo everything, back to the blank workflow; then redo it all
    stack = win.editor.undo_stack
    while stack.canUndo():
        win.act_undo.trigger()
    assert dumps(win.editor.workflow) == start
    assert set(win.editor.scene.nodes) == {"input", "read"} and len(win.editor.scene.links) == 1
    while stack.canRedo():
        win.act_redo.trigger()
    assert dumps(win.editor.workflow) == built
    assert len(win.editor.scene.links) == 3

    saved = tmp_path / "words.yaml"
    assert win._save_to(saved)
    assert not win.isWindowModified()
    win.new_workflow()
    assert win.open(saved)
    assert dumps(win.editor.workflow) == built.replace("", "")

    doc = tmp_path / "note.txt"
    doc.write_text("one two three four", encoding="utf-8")
    result = run_and_wait(qtbot, win, inputs=[doc])
    assert result.ok, result.error
    assert set(statuses(win).values()) == {"done"}
    written = Path(result.output(write, "file"))
    assert written.read_text(encoding="utf-8") == "Words: 4"
    assert "done" in win.node_list.item(2).text()

    # change an option and run again: what comes before it comes from the cache
    select(win, tmpl)
    box = win.inspector.editor("template").input_widget()
    box.setFocus()
    box.selectAll()
    QTest.keyClicks(box, "{{ text | upper }}")
    win.inspector.flush()
    again = run_and_wait(qtbot, win)
    assert again.ok
    assert statuses(win)["read"] == "cached"
    assert statuses(win)[tmpl] == "done"
    # clicking a node shows what went in and out
    select(win, tmpl)
    assert win.run_panel.port_choice.currentText() == "out: text"
    assert win.run_panel.data.text.toPlainText() == "ONE TWO THREE FOUR"


def test_refused_link_is_explained_and_incompatible_ports_dim(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    summ = add_from_palette(qtbot, win, "ai.summarize")
    other_read = add_from_palette(qtbot, win, "documents.read")
    scene = win.editor.scene
    # while dragging from the input file's `file` port, the summary's text input is dimmed
    port = scene.nodes["input"].port("file", True)
    scene.begin_link_drag(port, port.scenePos())
    assert scene.nodes[summ].port("text", False).dimmed
    assert scene.nodes["read"].port("file", False).dimmed      # already linked to it
    assert not scene.nodes[other_read].port("file", False).dimmed
    assert not port.dimmed
    scene._cancel_link_drag()
    messages = []
    win.editor.message.connect(messages.append)
    drag_link(qtbot, win, "input", "file", summ, "text")
    assert not any(lk.target == summ for lk in win.editor.workflow.links)
    assert messages and "takes text" in messages[-1]


def test_run_is_refused_with_the_problems_listed(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    summ = add_from_palette(qtbot, win, "ai.summarize")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    assert not win.run(inputs=[])
    assert warnings and "required input 'text'" in warnings[0]
    assert win.editor.scene.nodes[summ].problems           # shown on the node itself
    assert win.run_panel.tabs.currentIndex() == 2


def test_canvas_keyboard_paths(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    view = win.editor.view
    view.setFocus()
    win.editor.scene.select_nodes(["read"])
    x0 = win.editor.document.node("read").x
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert win.editor.document.node("read").x == x0 + 20
    assert win.editor.undo_stack.count() == 1               # nudges merge into one undo step
    QTest.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(win.editor.workflow.nodes) == 3
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert len(win.editor.workflow.nodes) == 2
    zoom = view.zoom()
    QTest.keyClick(view, Qt.Key.Key_Plus)
    assert view.zoom() > zoom
    # the step list reaches every node without a mouse
    assert win.node_list.count() == 2
    win.node_list.setCurrentRow(0)
    assert win.editor.selected_node() == "input"


def test_dropping_a_file_runs_it_and_closing_asks_about_unsaved_changes(
        qtbot, window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    doc = tmp_path / "dropped.txt"
    doc.write_text("hello", encoding="utf-8")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(doc))])
    event = QDropEvent(QPointF(400, 300), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(win.runFinished, timeout=60_000) as blocker:
        win.dropEvent(event)
    assert blocker.args[0].ok
    assert win.last_inputs == [doc]
    win.editor.add_step("text.template", QPointF(600, 300))
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Cancel)
    assert not win.close()
    assert asked and "Save the changes" in asked[0]
    assert win.isVisible()


def test_layout_and_recent_files_are_remembered(qtbot, window, isolated_home: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.paths import examples_dir

    win = window
    assert win.open(examples_dir() / "report-summary.yaml")
    win.splitter.setSizes([200, 900, 300])
    sizes = win.splitter.sizes()
    win._save_layout()
    from desktop.app.application import build_window

    other = build_window(win.settings)
    qtbot.addWidget(other)
    assert other.recent_files()[0] == str(examples_dir() / "report-summary.yaml")
    other.resize(win.size())
    other.show()
    assert other.splitter.sizes() == sizes
    other.service.close()


@pytest.mark.model
@pytest.mark.slow
def test_the_invoice_example_on_a_dropped_pdf(qtbot, window, samples: Path, isolated_home: Path) -> None:  # type: ignore[no-untyped-def]
    """The README's walk-through: open the invoice example, drop the PDF, watch each
    step, change an option, re-run (only what follows re-executes), undo, save."""
    from desktop.paths import examples_dir

    win = window
    assert win.open(examples_dir() / "invoice-intake.yaml")
    seen: list[tuple[str, str]] = []
    win.service.bridge.stepStatus.connect(lambda e: seen.append((e.node_id, e.status)))
    tokens: list[str] = []
    win.service.bridge.tokens.connect(lambda run, node, text: tokens.append(text))
    first = run_and_wait(qtbot, win, inputs=[samples / "invoice-northwind.pdf"])
    assert first.status == "done", first.error
    assert ("fields", "running") in seen and ("fields", "done") in seen
    assert statuses(win)["read"] == "done"
    # every value grounded and checked: no approval; filed by month and added to the ledger
    assert statuses(win)["approve"] == "skipped"
    runnel = isolated_home / "Runnel"
    filed = runnel / "Invoices" / "2026-11 Northwind Office Supplies Ltd 2026-0417.pdf"
    assert filed.read_bytes() == (samples / "invoice-northwind.pdf").read_bytes()
    ledger = runnel / "Ledger" / "invoices.csv"
    assert ledger.read_text().splitlines() == ["vendor,invoice_number,date,total,currency",
                                               "Northwind Office Supplies Ltd,2026-0417,2026-11-02,214.08,GBP"]

    select(win, "fields")
    row = win.inspector.editor("instructions").input_widget()
    row.setFocus()
    QTest.keyClicks(row, "Dates are written day first.")
    win.inspector.flush()
    seen.clear()
    second = run_and_wait(qtbot, win)
    assert second.status == "done", second.error
    assert statuses(win)["read"] == "cached"
    assert ("fields", "done") in seen
    # as the README says, running again files a second copy; the ledger keeps one row
    assert sorted(p.name for p in (runnel / "Invoices").iterdir()) == [
        "2026-11 Northwind Office Supplies Ltd 2026-0417 (2).pdf", filed.name]
    assert len(ledger.read_text().splitlines()) == 2

    win.act_undo.trigger()
    assert "instructions" not in win.editor.document.node("fields").params
    assert win.save()             # an example is saved as a copy among the user's workflows
    assert win.editor.path.parent.name == "workflows" and win.editor.path.exists()
    assert win.editor.path.parent != examples_dir()


def test_a_failed_step_shows_its_error_where_it_happened(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    result = run_and_wait(qtbot, win, inputs=[empty])
    assert result.status == "failed" and result.failed_node == "read"
    item = win.editor.scene.nodes["read"]
    assert item.status == "failed"
    assert "empty" in item.toolTip()                  # the reason, on the node itself
    assert win.editor.selected_node() == "read"       # the failed step is brought into view
    assert win.run_panel.status.text().startswith("Failed at 'read'")
    assert "empty" in win.run_panel.node_label.text()


def test_rerun_from_a_chosen_step_reruns_it_and_what_follows(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    tmpl = add_from_palette(qtbot, win, "text.template")
    drag_link(qtbot, win, "read", "document", tmpl, "text")
    doc = tmp_path / "a.txt"
    doc.write_text("alpha", encoding="utf-8")
    assert run_and_wait(qtbot, win, inputs=[doc]).ok
    assert run_and_wait(qtbot, win).ok
    # unchanged steps come from the cache (a template without {{ now }} / {{ input }} too)
    assert statuses(win) == {"input": "done", "read": "cached", tmpl: "cached"}
    win.editor.scene.select_nodes(["read"])
    with qtbot.waitSignal(win.runFinished, timeout=60_000):
        win.act_rerun_from.trigger()
    assert statuses(win) == {"input": "done", "read": "done", tmpl: "done"}


def test_dropping_a_step_on_a_link_inserts_it_and_undo_takes_it_out(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QByteArray

    from desktop.ui.palette import MIME_STEP

    win = window
    win.new_workflow()
    write = win.editor.add_step("files.write_text", QPointF(700, 120))
    assert win.editor.connect_ports(Link("read", "document", write, "content"))
    view = win.editor.view
    view.fit()
    link_item = win.editor.scene.links[Link("read", "document", write, "content")]
    middle = view.mapFromScene(link_item.path().pointAtPercent(0.5))
    data = QMimeData()
    data.setData(MIME_STEP, QByteArray(b"ai.summarize"))
    for event_type in ("move", "drop"):
        cls = __import__("PySide6.QtGui", fromlist=["QDragMoveEvent"]).QDragMoveEvent
        if event_type == "move":
            view.dragMoveEvent(cls(middle, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                                   Qt.KeyboardModifier.NoModifier))
        else:
            view.dropEvent(QDropEvent(QPointF(middle), Qt.DropAction.CopyAction, data,
                                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    links = set(win.editor.workflow.links)
    assert Link("read", "document", "summarize", "text") in links
    assert Link("summarize", "text", write, "content") in links
    assert Link("read", "document", write, "content") not in links
    win.act_undo.trigger()
    assert Link("read", "document", write, "content") in set(win.editor.workflow.links)
    assert win.editor.workflow.node("summarize") is None


@pytest.mark.model
def test_the_model_speed_shows_while_it_generates(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import re

    from desktop.llm.client import Speed

    win = window
    story = tmp_path / "story.yaml"
    story.write_text("schema_version: 1\nname: Story\nnodes:\n- {id: ai, type: ai.prompt, params: "
                     "{prompt: 'Write a very long story about a lighthouse keeper.', max_tokens: 400}}\n")
    assert win.open(story)
    assert win.run(inputs=[])
    # the summary streams: the status bar and the run panel say how fast
    qtbot.waitUntil(lambda: re.fullmatch(r"\d+ tok/s", win.speed_label.text()) is not None, timeout=120_000)
    assert win.run_panel.speed.text() == win.speed_label.text()
    assert "CPU thread" in win.speed_label.toolTip()
    with qtbot.waitSignal(win.runFinished, timeout=10_000):
        win.act_stop.trigger()
    # far slower than this machine did when quiet, with other programs busy: said so
    win.service.speedChanged.emit(Speed("m", tokens=8, seconds=2.0, threads=1, busy=1.9, quiet_rate=60.0))
    qtbot.waitUntil(lambda: win.speed_label.text() == "the computer is busy: 4 tok/s instead of 60")
    assert win.run_panel.speed.styleSheet() != ""
    win.run_panel.run_started("again")
    assert win.run_panel.speed.text() == ""


@pytest.mark.model
def test_stop_cancels_a_generating_model_at_once(qtbot, window, samples: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.paths import examples_dir

    win = window
    assert win.open(examples_dir() / "report-summary.yaml")
    with qtbot.waitSignal(win.service.bridge.stepStatus, timeout=120_000,
                          check_params_cb=lambda e: (e.node_id, e.status) == ("summary", "running")):
        assert win.run(inputs=[samples / "field-study-report.md"])
    assert win.act_stop.isEnabled()
    with qtbot.waitSignal(win.runFinished, timeout=10_000) as blocker:
        win.act_stop.trigger()
    assert blocker.args[0].status == "cancelled"
    assert statuses(win)["summary"] == "cancelled"
    assert win.run_panel.status.text().startswith("Stopped")
    assert not win.act_stop.isEnabled() and win.act_run.isEnabled()


@pytest.mark.model
def test_quitting_during_a_run_asks_and_stopping_is_recorded(qtbot, window, samples: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.paths import examples_dir

    win = window
    assert win.open(examples_dir() / "report-summary.yaml")
    with qtbot.waitSignal(win.service.bridge.stepStatus, timeout=120_000,
                          check_params_cb=lambda e: (e.node_id, e.status) == ("summary", "running")):
        assert win.run(inputs=[samples / "field-study-report.md"])
    answers = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    assert not win.close() and win.service.busy          # "No": the run goes on
    answers.append(QMessageBox.StandardButton.Yes)
    assert win.close()
    win.service.close()                                  # what quitting does next
    assert not win.service.busy
    last = win.service.store.recent_runs(1)[0]
    assert last["status"] == "cancelled"                 # recorded, not lost


def test_mouse_moves_rubber_band_copy_paste_tidy_and_overview(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_workflow()
    view, scene, doc = win.editor.view, win.editor.scene, win.editor.document
    view.fit()
    stack = win.editor.undo_stack
    # drag a node by its title: one undo step, the model follows
    item = scene.nodes["read"]
    start = view.mapFromScene(item.mapToScene(60, 25))
    end = start + QPoint(80, 40)
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(view.viewport(), start + QPoint(40, 20))
    QTest.mouseMove(view.viewport(), end)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    moved = doc.node("read")
    assert (moved.x, moved.y) != (300, 120) and stack.count() == 1
    win.act_undo.trigger()
    assert (doc.node("read").x, doc.node("read").y) == (300, 120)

    # a rubber band from empty canvas around both nodes selects them
    box = scene.itemsBoundingRect()
    a = view.mapFromScene(box.topLeft()) - QPoint(20, 20)
    b = view.mapFromScene(box.bottomRight()) + QPoint(20, 20)
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    QTest.mouseMove(view.viewport(), (a + b) / 2)
    QTest.mouseMove(view.viewport(), b)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
    assert sorted(scene.selected_node_ids()) == ["input", "read"]

    # copy and paste by keys: fresh ids, the link between them kept
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert {n.id for n in doc.workflow.nodes} == {"input", "read", "input_2", "read_2"}
    assert Link("input_2", "file", "read_2", "file") in doc.workflow.links

    # tidy lays the graph out in columns (one undo step); a big graph gets the overview
    for _ in range(12):
        win.editor.add_step("text.template")
    before = stack.count()
    win.act_tidy.trigger()
    assert stack.count() == before + 1
    spots = {(round(n.x), round(n.y)) for n in doc.workflow.nodes}
    assert len(spots) == len(doc.workflow.nodes)           # no two steps on one spot
    assert doc.node("read").x > doc.node("input").x          # linked steps in later columns
    view.zoom_by(4)
    view.minimap.refresh()
    assert view.minimap.isVisible()
    view.fit()
    assert not view.minimap.isVisible()


def test_a_run_waiting_for_approval_is_decided_in_history(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.test_approvals import setup

    win = window
    wf, doc, out = setup(tmp_path)
    assert win.open(wf)
    waiting = run_and_wait(qtbot, win, inputs=[doc])
    assert waiting.status == "waiting" and statuses(win)["ask"] == "waiting"
    win.show_history()
    history = win.history_window
    assert history.select_run(waiting.run_id)
    assert history.approve_button.isVisible() and "Is this total right?" in history.approval_label.text()
    with qtbot.waitSignal(win.service.resultReady, timeout=60_000) as blocker:
        history.approve_button.click()
    resumed = blocker.args[0]
    assert resumed.status == "done"
    assert (out / "approved.json").exists() and not (out / "rejected.json").exists()
    history.refresh()
    assert history.select_run(waiting.run_id) and not history.approve_button.isVisible()


def test_redo_and_preferences_have_the_keys_the_readme_promises(window) -> None:  # type: ignore[no-untyped-def]
    import sys

    from PySide6.QtGui import QKeySequence

    redo = {k.toString() for k in window.act_redo.shortcuts()}
    if sys.platform != "darwin":
        assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= redo
    assert QKeySequence("Ctrl+,") in window.act_prefs.shortcuts()
