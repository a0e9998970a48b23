"""The Privacy page: the statement, the check on a background thread, the audit export."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop import privacy
from desktop.paths import runnel_home
from desktop.runner import Runner
from desktop.store.runs import RunStore
from desktop.ui import theme
from desktop.ui.privacy_page import PrivacyPage
from tests.ui.test_history import write_workflow

pytestmark = pytest.mark.gui


@pytest.fixture
def store(tmp_path: Path, qapp: QApplication):
    theme.apply_theme(qapp)
    s = RunStore(tmp_path / "history.db")
    yield s
    s.close()


@pytest.fixture
def runs(tmp_path: Path, store: RunStore) -> list[str]:
    """Two real runs, oldest first."""
    runner = Runner(store)
    wf = write_workflow(tmp_path / "notes.yaml", "Notes to JSON", tmp_path / "out")
    ids = []
    for name in ("first.txt", "second.txt"):
        (tmp_path / name).write_text(f"{name}\nmore\n")
        ids.append(runner.run(wf, [tmp_path / name]).runs[0].run_id)
    runner.close()
    return ids


def make_page(qtbot, store: RunStore | None) -> PrivacyPage:
    page = PrivacyPage(None, store=store)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def fake_check(report: privacy.PrivacyReport | Exception, threads: list[threading.Thread]):
    def check(*args, **kwargs):
        threads.append(threading.current_thread())
        if isinstance(report, Exception):
            raise report
        return report
    return check


PASSED = privacy.PrivacyReport(ran=True, run_status="done", processes_checked=["app", "worker"],
                               seconds=2.5, workflow="invoice-to-records.yaml",
                               workflow_name="Invoice to records", input="/x/invoice-northwind.pdf",
                               model_calls=1, models=["SmolLM2-135M-Instruct.Q4_1.gguf"])


def test_the_statement_says_what_runnel_does_and_where_data_lives(qtbot, store):
    page = make_page(qtbot, store)
    text = page.statement_label.text()
    for claim in ("No network calls", "No telemetry", "No update checks",
                  "Models only from files you import"):
        assert claim in text
    assert str(runnel_home()) in page.home_label.text()
    assert page.windowTitle() == "Privacy"
    assert not page.busy.isVisible() and not page.result_label.isVisible()


def test_the_check_runs_on_a_thread_and_shows_a_pass(qtbot, store, monkeypatch):
    threads: list[threading.Thread] = []
    gate = threading.Event()
    check = fake_check(PASSED, threads)
    monkeypatch.setattr(privacy, "check", lambda **kw: (gate.wait(10), check(**kw))[1])
    page = make_page(qtbot, store)
    with qtbot.waitSignal(page.checkFinished, timeout=10_000) as finished:
        page.check_button.click()
        # busy while it runs: the button cannot start a second check
        assert page.busy.isVisible() and not page.check_button.isEnabled()
        gate.set()
    ok, text = finished.args
    assert ok is True and text.startswith("No socket was opened.")
    assert threads and threads[0] is not threading.main_thread()
    assert page.result_label.isVisible() and "No socket was opened" in page.result_label.text()
    assert not page.attempts_list.isVisible()
    assert page.check_button.isEnabled() and not page.busy.isVisible()
    assert page.last_report is PASSED


def test_a_failed_check_lists_every_attempt_in_red(qtbot, store, monkeypatch):
    report = privacy.PrivacyReport(ran=True, run_status="done", processes_checked=["app", "worker"],
                                   workflow="x.yaml", workflow_name="Invoice to records",
                                   socket_attempts=["app: socket.connect: 10.0.0.1:443 (AF_INET)",
                                                    "worker: socket.getaddrinfo('example.com', 443)"])
    monkeypatch.setattr(privacy, "check", fake_check(report, []))
    page = make_page(qtbot, store)
    with qtbot.waitSignal(page.checkFinished, timeout=10_000) as finished:
        page.check_button.click()
    ok, text = finished.args
    assert ok is False and "socket.connect: 10.0.0.1:443" in text
    assert theme.status_colour("failed").name() in page.result_label.text()
    assert page.attempts_list.isVisible()
    assert [page.attempts_list.item(i).text() for i in range(page.attempts_list.count())] \
        == report.socket_attempts


def test_a_check_that_breaks_says_so(qtbot, store, monkeypatch):
    monkeypatch.setattr(privacy, "check", fake_check(RuntimeError("the disk is full"), []))
    page = make_page(qtbot, store)
    with qtbot.waitSignal(page.checkFinished, timeout=10_000) as finished:
        page.check_button.click()
    assert finished.args == [False, "The privacy check could not run. the disk is full"]
    assert page.check_button.isEnabled()


@pytest.mark.model
@pytest.mark.slow
def test_the_real_check_from_the_window(qtbot, store, isolated_home):
    page = make_page(qtbot, store)
    with qtbot.waitSignal(page.checkFinished, timeout=300_000) as finished:
        page.check_button.click()
    ok, text = finished.args
    assert ok, text
    assert page.last_report is not None and page.last_report.processes_checked == ["app", "worker"]
    assert not (isolated_home / "Runnel").exists()


def test_export_writes_the_newest_run_by_default(qtbot, store, runs, tmp_path, monkeypatch):
    asked = {}
    target = tmp_path / "saved" / "record"          # no suffix: .json is added
    target.parent.mkdir()

    def save_as(parent, caption, suggested, filters):
        asked.update(caption=caption, suggested=suggested)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    page = make_page(qtbot, store)
    assert page.run_combo.count() == 2 and page.run_combo.currentData() == runs[1]
    with qtbot.waitSignal(page.exportFinished, timeout=10_000) as finished:
        page.export_button.click()
    assert finished.args[0] is True
    written = target.with_suffix(".json")
    assert str(written) in finished.args[1] and page.export_label.text() == finished.args[1]
    record = json.loads(written.read_text())
    assert record["run"]["id"] == runs[1] and record["input"]["path"].endswith("second.txt")
    assert asked["suggested"].endswith(f"notes-to-json-{runs[1][:8]}-audit.json")
    assert page.export_button.isEnabled()


def test_export_of_a_chosen_run_and_a_cancelled_dialog(qtbot, store, runs, tmp_path, monkeypatch):
    answers = ["", str(tmp_path / "older.json")]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (answers.pop(0), ""))
    page = make_page(qtbot, store)
    page.run_combo.setCurrentIndex(page.run_combo.findData(runs[0]))
    assert page.export_audit() is False                       # cancelled: nothing written
    assert not (tmp_path / "older.json").exists() and page.export_button.isEnabled()
    with qtbot.waitSignal(page.exportFinished, timeout=10_000):
        assert page.export_audit() is True
    assert json.loads((tmp_path / "older.json").read_text())["run"]["id"] == runs[0]


def test_an_unwritable_export_says_why(qtbot, store, runs, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a: (str(tmp_path / "missing" / "a.json"), ""))
    page = make_page(qtbot, store)
    with qtbot.waitSignal(page.exportFinished, timeout=10_000) as finished:
        page.export_button.click()
    ok, text = finished.args
    assert ok is False and "could not be saved" in text and "No such file" in text


def test_without_runs_there_is_nothing_to_export(qtbot, store):
    page = make_page(qtbot, store)
    assert not page.export_button.isEnabled() and page.run_combo.currentText() == "No runs yet"
    assert page.export_audit() is False
