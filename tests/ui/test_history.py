"""The History window over real runs: listing, filters, step data, undo, signals."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.runner import Runner
from desktop.store.runs import RunStore
from desktop.ui import theme
from desktop.ui.history import EMPTY_TEXT, HistoryWindow, pretty_preview

pytestmark = pytest.mark.gui

# the template renders JSON text, so the step's output preview is JSON
TEMPLATE = '{"file": "{{ document.name }}", "first_line": "{{ document.text.splitlines()[0] }}"}'


def write_workflow(path: Path, name: str, out: Path) -> Path:
    path.write_text(yaml.safe_dump({
        "schema_version": 1, "name": name, "folders": {"out": str(out)},
        "nodes": [
            {"id": "input", "type": "core.input_file"},
            {"id": "read", "type": "documents.read"},
            {"id": "tpl", "type": "text.template", "params": {"template": TEMPLATE}},
            {"id": "save", "type": "files.write_text",
             "params": {"folder": "out", "filename": "{stem}.json"}},
        ],
        "links": [{"from": "input.file", "to": "read.file"},
                  {"from": "read.document", "to": "tpl.document"},
                  {"from": "tpl.text", "to": "save.content"}],
    }, sort_keys=False))
    return path


class History:
    """A store holding real runs: one done, one failed (empty input), one of another workflow."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.out = tmp / "out"
        self.store = RunStore(tmp / "history.db")
        self.runner = Runner(self.store)
        self.workflow = write_workflow(tmp / "notes.yaml", "Notes to JSON", self.out)
        self.other = write_workflow(tmp / "other.yaml", "Memo filer", tmp / "memos")
        (tmp / "meeting notes.txt").write_text("Budget approved\nNext meeting on Friday\n")
        (tmp / "empty.txt").write_text("")
        (tmp / "memo.txt").write_text("Remember the milk\n")
        self.ok = self.run(self.workflow, tmp / "meeting notes.txt")
        self.failed = self.run(self.workflow, tmp / "empty.txt")
        self.memo = self.run(self.other, tmp / "memo.txt")

    def run(self, workflow: Path, path: Path, dry_run: bool = False) -> str:
        batch = self.runner.run(workflow, [path], dry_run=dry_run)
        time.sleep(0.002)      # distinct started_at, so "newest first" is well defined
        return batch.runs[0].run_id


@pytest.fixture
def history(tmp_path: Path, qapp: QApplication):
    theme.apply_theme(qapp)
    h = History(tmp_path)
    yield h
    h.runner.close()
    h.store.close()


@pytest.fixture
def window(history: History, qtbot) -> HistoryWindow:
    w = HistoryWindow(history.store)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def listed(w: HistoryWindow) -> list[str]:
    return [r["id"] for r in w.run_model.rows]


def cell(w: HistoryWindow, row: int, col: int, role=Qt.ItemDataRole.DisplayRole):
    return w.run_model.data(w.run_model.index(row, col), role)


def test_runs_are_listed_newest_first_with_their_columns(history: History, window: HistoryWindow):
    assert listed(window) == [history.memo, history.failed, history.ok]
    assert window.list_stack.currentWidget() is window.run_view
    assert window.count_label.text() == "3 runs"
    headers = [window.run_model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(window.run_model.columnCount())]
    assert headers == ["Status", "Workflow", "Input file", "Started", "Duration", "Dry run"]
    # the failed run: status text with its coloured dot, the file's name, a local time
    assert cell(window, 1, 0) == "Failed"
    assert not cell(window, 1, 0, Qt.ItemDataRole.DecorationRole).isNull()
    assert cell(window, 1, 1) == "Notes to JSON"
    assert cell(window, 1, 2) == "empty.txt"
    assert cell(window, 1, 2, Qt.ItemDataRole.ToolTipRole) == str(history.tmp / "empty.txt")
    assert cell(window, 1, 3).startswith("Today ")
    assert cell(window, 1, 4).endswith(("ms", " s"))
    assert cell(window, 2, 0) == "Done" and cell(window, 2, 5) == ""


def test_filters_narrow_the_list_in_sql(history: History, window: HistoryWindow, qtbot):
    assert [window.workflow_filter.itemText(i) for i in range(window.workflow_filter.count())] \
        == ["All workflows", "Memo filer", "Notes to JSON"]

    window.status_filter.setCurrentIndex(window.status_filter.findData("failed"))
    assert listed(window) == [history.failed]
    window.status_filter.setCurrentIndex(window.status_filter.findData("done"))
    assert listed(window) == [history.memo, history.ok]

    window.workflow_filter.setCurrentIndex(window.workflow_filter.findText("Notes to JSON"))
    assert listed(window) == [history.ok]
    window.status_filter.setCurrentIndex(0)
    assert listed(window) == [history.failed, history.ok]

    # typing searches the input path, case-insensitively, after a short pause
    qtbot.keyClicks(window.search_edit, "MEETING")
    qtbot.waitUntil(lambda: listed(window) == [history.ok])
    window.clear_filters()
    assert listed(window) == [history.memo, history.failed, history.ok]

    # a run from 10 days ago falls outside "Last 7 days" and inside "Last 30 days"
    history.store.db.execute("UPDATE runs SET started_at = ? WHERE id = ?",
                             [time.time() - 10 * 86400, history.memo])
    window.date_filter.setCurrentIndex(window.date_filter.findText("Last 7 days"))
    assert listed(window) == [history.failed, history.ok]
    window.date_filter.setCurrentIndex(window.date_filter.findText("Today"))
    assert listed(window) == [history.failed, history.ok]
    window.date_filter.setCurrentIndex(window.date_filter.findText("Last 30 days"))
    assert listed(window) == [history.failed, history.ok, history.memo]


def test_no_match_says_so_and_offers_to_clear(history: History, window: HistoryWindow, qtbot):
    window.search_edit.setText("no-such-file")
    window.search_edit.returnPressed.emit()
    assert listed(window) == []
    assert window.list_stack.currentWidget() is window.empty_label
    assert "No runs match these filters" in window.empty_label.text()
    assert window.selected_run() is None
    window.empty_label.linkActivated.emit("clear")
    assert window.search_edit.text() == "" and len(listed(window)) == 3


def test_empty_history_shows_a_clear_message(tmp_path: Path, qtbot, qapp: QApplication):
    w = HistoryWindow(RunStore(tmp_path / "empty.db"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.list_stack.currentWidget() is w.empty_label
    assert w.empty_label.isVisible() and w.empty_label.text() == EMPTY_TEXT
    assert not w.detail_stack.isVisible()
    assert not any(b.isEnabled() for b in (w.rerun_button, w.open_button, w.undo_button))


def test_a_failed_run_opens_on_its_failed_step(history: History, window: HistoryWindow):
    assert window.select_run(history.failed)
    assert window.selected_run()["id"] == history.failed
    assert [s["node_id"] for s in window.step_model.rows] == ["input", "read", "tpl", "save"]
    statuses = [window.step_model.data(window.step_model.index(i, 2)) for i in range(4)]
    assert statuses == ["Done", "Failed", "Skipped", "Skipped"]
    assert window.error_label.isVisible()
    assert "“read” failed" in window.error_label.text() and "empty" in window.error_label.text()
    assert window.selected_step()["node_id"] == "read"
    text = window.detail_text.toPlainText()
    assert "ERROR\nempty.txt is empty" in text
    assert f"INPUT\n{history.tmp / 'empty.txt'}" in text
    # it wrote nothing, so there is nothing to undo
    assert window.op_model.rows == [] and not window.undo_button.isEnabled()


def test_step_previews_are_shown_and_json_is_indented(history: History, window: HistoryWindow):
    window.select_run(history.ok)
    assert window.selected_step()["node_id"] == "input"        # no failure: the first step
    assert window.select_step("tpl")
    text = window.detail_text.toPlainText()
    assert "tpl  (text.template)  done" in text
    assert "INPUT\nmeeting notes.txt (text, 1 page(s)): Budget approved" in text
    expected = json.dumps({"file": "meeting notes.txt", "first_line": "Budget approved"}, indent=2)
    assert f"OUTPUT\n{expected}" in text
    assert window.detail_text.isReadOnly()
    assert window.detail_text.font().styleHint() == window.detail_text.font().StyleHint.Monospace
    # the file it wrote is listed with where it went
    written = history.out / "meeting notes.json"
    assert [(o["op"], o["target"]) for o in window.op_model.rows] == [("write", str(written))]
    assert window.op_model.data(window.op_model.index(0, 0)) == "Wrote"
    assert window.op_model.data(window.op_model.index(0, 3)) == "done"
    assert window.detail_tabs.tabText(1) == "File changes (1)"


def test_pretty_preview_leaves_text_and_cut_json_alone():
    assert pretty_preview('{"a": [1, 2]}') == '{\n  "a": [\n    1,\n    2\n  ]\n}'
    assert pretty_preview('{"a": "long…') == '{"a": "long…'
    assert pretty_preview("plain words") == "plain words"
    assert pretty_preview(None) == "(nothing)"


def test_undo_removes_the_written_file_after_confirming(history: History, window: HistoryWindow,
                                                        monkeypatch, qtbot):
    written = history.out / "meeting notes.json"
    assert written.exists()
    window.select_run(history.ok)
    assert window.undo_button.isEnabled()
    asked: list[str] = []

    def answer(reply):
        def question(parent, title, text, *args):
            asked.append(text)
            return reply
        return question

    # "No" changes nothing
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert written.exists() and len(asked) == 1
    assert f"Remove {written}" in asked[0]          # the confirmation lists the operation

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert not written.exists()
    assert window.last_undo_report.done == [f"remove {written}"]
    assert window.message_label.isVisible()
    assert window.message_label.text() == f"Undone: remove {written}"
    assert window.op_model.data(window.op_model.index(0, 3)).startswith("undone ")
    assert not window.undo_button.isEnabled()          # nothing left to undo
    assert window.selected_run()["id"] == history.ok


def test_undo_reports_a_file_edited_since(history: History, window: HistoryWindow, monkeypatch):
    written = history.out / "meeting notes.json"
    written.write_text(written.read_text() + "\nmy own addition\n")
    window.select_run(history.ok)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    window.undo_button.click()
    assert written.exists() and "my own addition" in written.read_text()
    assert window.message_label.text().startswith(f"Not undone: {written} was changed after the run")


def test_a_dry_run_has_nothing_to_undo(history: History, window: HistoryWindow):
    dry = history.run(history.workflow, history.tmp / "memo.txt", dry_run=True)
    window.refresh()
    assert listed(window)[0] == dry
    assert cell(window, 0, 5) == "yes"
    window.select_run(dry)
    assert len(window.op_model.rows) == 1
    assert window.op_model.data(window.op_model.index(0, 3)) == "dry run, not done"
    assert not window.undo_button.isEnabled()
    assert "dry run" in window.undo_button.toolTip().lower()


def test_rerun_and_open_emit_the_run_s_paths(history: History, window: HistoryWindow, qtbot):
    window.select_run(history.ok)
    with qtbot.waitSignal(window.rerunRequested, timeout=1000) as rerun:
        qtbot.mouseClick(window.rerun_button, Qt.MouseButton.LeftButton)
    assert rerun.args == [str(history.workflow), str(history.tmp / "meeting notes.txt")]
    with qtbot.waitSignal(window.openRequested, timeout=1000) as opened:
        qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [str(history.workflow), history.ok]


def test_buttons_follow_the_files_on_disk(history: History, window: HistoryWindow, qtbot):
    window.select_run(history.ok)
    assert window.rerun_button.isEnabled() and window.open_button.isEnabled()
    (history.tmp / "meeting notes.txt").unlink()
    window.refresh()
    assert not window.rerun_button.isEnabled() and window.open_button.isEnabled()
    assert "no longer there" in window.rerun_button.toolTip()
    history.workflow.unlink()
    window.refresh()
    assert not window.rerun_button.isEnabled() and not window.open_button.isEnabled()
    assert "no longer exists" in window.open_button.toolTip()
    with qtbot.assertNotEmitted(window.openRequested):
        window.open_in_editor()


def test_refresh_keeps_the_selected_run_and_step(history: History, window: HistoryWindow, qtbot):
    window.select_run(history.failed)
    window.select_step("input")
    newer = history.run(history.workflow, history.tmp / "memo.txt")
    qtbot.keyClick(window.run_view, Qt.Key.Key_F5)          # F5 anywhere in the window
    assert listed(window)[0] == newer
    assert window.selected_run()["id"] == history.failed
    assert window.selected_step()["node_id"] == "input"
    sel = window.run_view.selectionModel().selectedRows()
    assert [i.row() for i in sel] == [listed(window).index(history.failed)]


def test_keyboard_moves_through_runs_and_into_details(history: History, window: HistoryWindow,
                                                      qtbot):
    window.activateWindow()
    window.run_view.setFocus()
    qtbot.waitUntil(window.run_view.hasFocus)
    assert window.selected_run()["id"] == history.memo           # the newest, chosen on open
    qtbot.keyClick(window.run_view, Qt.Key.Key_Down)
    assert window.selected_run()["id"] == history.failed
    assert window.step_model.rows[0]["run_id"] == history.failed
    qtbot.keyClick(window.run_view, Qt.Key.Key_Return)            # Enter: on to its steps
    qtbot.waitUntil(window.step_view.hasFocus)
    assert window.selected_run()["id"] == history.failed


def test_every_control_is_named_and_reachable_by_tab(window: HistoryWindow):
    controls = [window.workflow_filter, window.status_filter, window.date_filter,
                window.search_edit, window.refresh_button, window.run_view, window.rerun_button,
                window.open_button, window.undo_button, window.step_view, window.detail_text]
    for widget in controls:
        assert widget.accessibleName(), widget
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget
    # following Tab from the first filter reaches each of them in order
    chain: list[QWidget] = []
    w = window.workflow_filter
    for _ in range(400):
        chain.append(w)
        w = w.nextInFocusChain()
    positions = [chain.index(c) for c in controls]
    assert positions == sorted(positions)


def test_export_audit_writes_the_selected_run(history: History, window: HistoryWindow, qtbot,
                                              monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = history.tmp / "failed-run.json"
    suggested = []

    def save_as(parent, caption, path, filters):
        suggested.append(path)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    assert window.select_run(history.failed)
    assert window.audit_button.isEnabled() and window.audit_button.accessibleName()
    with qtbot.waitSignal(window.auditExported, timeout=10_000) as exported:
        window.audit_button.click()
    assert exported.args[0] is True and str(target) in exported.args[1]
    record = json.loads(target.read_text())
    assert record["run"]["id"] == history.failed and record["run"]["status"] == "failed"
    assert record["input"]["path"] == str(history.tmp / "empty.txt")
    assert record["input"]["sha256"] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert suggested[0].endswith(f"{history.failed[:8]}-audit.json")
    assert window.message_label.isVisible() and "Saved the audit record" in window.message_label.text()
    assert window.audit_button.isEnabled()

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))     # cancelled
    target.unlink()
    assert window.export_audit() is False and not target.exists()


def test_a_run_that_went_on_after_a_decision_says_which():
    from desktop.ui.history import run_status_text

    assert run_status_text({"status": "done", "decision": None}) == "Done"
    assert run_status_text({"status": "done", "decision": "approved", "decision_edited": 1}) == \
        "Done · approved (edited)"
    assert run_status_text({"status": "failed", "decision": "approved", "decision_edited": 0}) == \
        "Failed · approved"
    assert run_status_text({"status": "rejected", "decision": "rejected"}) == "Rejected"


def test_escape_closes_history(window: HistoryWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.run_view, Qt.Key.Key_Escape)
    assert not window.isVisible()
