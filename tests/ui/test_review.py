"""The Review window with real approvals in the real SQLite store: a flagged slip read
by the real model, its PDF page rendered beside the record, a bad edit refused, a
correction approved and learnt from; items decided elsewhere leave the queue; a
missing or damaged document still lets the decision go through."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.engine.events import ApprovalRequested, RunStarted
from desktop.review import pending_items
from tests.e2e.test_cli import runnel
from tests.pdfmaker import write_pdf
from tests.test_approvals import SLIPS

FIELDS = [{"name": "vendor", "type": "string", "description": "the company that issued the invoice"},
          {"name": "total", "type": "number", "description": "the total amount due"}]
SLIP = "Tillys Kitchen\nHarbour Road 12\n\nSlip 00{n}\n\n{items}\n\nAltogether  {total}\n\nMerci"


def flagged_slip(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A slip the real model is unsure of, waiting for review (run by `runnel run`, in
    another process, as a watched folder would)."""
    out = tmp_path / "out"
    wf = tmp_path / "slips.yaml"
    wf.write_text(SLIPS.format(out=out, fields=json.dumps(FIELDS)))
    doc = write_pdf(tmp_path / "october.pdf", [SLIP.format(n=417, items="Coffee  3.40\nScone  2.80",
                                                           total="6.20")])
    proc = runnel("run", str(wf), str(doc))
    assert proc.returncode == 0 and "approval" in proc.stderr, proc.stderr
    return wf, doc, out


def open_review(qtbot, win):  # type: ignore[no-untyped-def]
    win.show_review()
    review = win.review_window
    qtbot.waitExposed(review)
    review.activateWindow()          # its shortcuts work in the active window
    qtbot.waitUntil(lambda: review.current is not None, timeout=5000)
    return review


@pytest.mark.model
def test_a_flagged_slip_is_checked_corrected_and_filed(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    wf, doc, out = flagged_slip(tmp_path)
    win = window
    qtbot.waitUntil(lambda: win.act_review.text() == "Re&view (1)", timeout=3000)
    review = open_review(qtbot, win)
    item = review.current
    assert item.document_name == "october.pdf" and item.is_extraction
    assert review.model.rowCount() == 1 and "slips" in review.model.data(review.model.index(0))
    assert not review.all_button.isEnabled()          # flagged: it needs a look, not a batch
    # the page as it really looks, rendered off the GUI thread
    qtbot.waitUntil(lambda: review.page.rendered is not None, timeout=5000)
    assert review.page.page_count == 1 and review.page.rendered.width > 500
    form = review.form
    assert set(form.editors) == {"vendor", "total"}
    flagged = {r["field"] for r in item.reasons}
    assert flagged and form.current_field in flagged            # the first flagged field has focus
    # the vendor's source span is outlined on the page
    form.editors["vendor"].setFocus()
    qtbot.waitUntil(lambda: form.current_field == "vendor")
    qtbot.waitUntil(lambda: review.page.mark.isVisible(), timeout=3000)
    # a number field refuses letters, and Approve waits until it is fixed
    total = form.editors["total"]
    total.setFocus()
    total.setCurrentText("6.2O")
    assert not review.approve_button.isEnabled() and "is not a number" in total.problem
    # a click on the page's word fills the focused field
    word = next(w for line in review.page.rendered.lines for w in line.words
                if line.text[w.start:w.end] == "6.20")
    s = review.page.rendered.scale
    point = review.page.view.mapFromScene((word.box[0] + 2) * s, (word.box[1] + 2) * s)
    qtbot.mouseClick(review.page.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert total.currentText() == "6.20" and review.approve_button.isEnabled()
    form.editors["vendor"].setCurrentText("Tillys Kitchen")
    review.learn.setChecked(True)
    total.setFocus()
    qtbot.waitUntil(total.hasFocus)
    with qtbot.waitSignal(win.service.resultReady, timeout=60_000) as done:
        qtbot.keyClick(total, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert done.args[0].status == "done"
    assert json.loads((out / "october.json").read_text()) == {"vendor": "Tillys Kitchen", "total": 6.2}
    assert review.current is None and review.empty.isVisible()
    listed = json.loads(runnel("examples", "list", str(wf), "--json").stdout)["examples"]
    assert [(e["record"], e["added_by"]) for e in listed] == [
        ({"vendor": "Tillys Kitchen", "total": 6.2}, "review")]
    qtbot.waitUntil(lambda: win.act_review.text() == "Re&view", timeout=3000)


def waiting_notes(tmp_path: Path, n: int) -> list[Path]:
    """n runs of the no-model approval workflow of tests/test_approvals.py, paused."""
    from tests.test_approvals import setup

    wf, doc, out = setup(tmp_path)
    docs = []
    for i in range(n):
        d = doc.with_name(f"bill-{i}.txt")
        d.write_text(f"Invoice\nTotal: {100 + i}.00\n")
        assert runnel("run", str(wf), str(d)).returncode == 0
        docs.append(d)
    return docs


def test_an_item_decided_elsewhere_leaves_the_queue(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    waiting_notes(tmp_path, 2)
    review = open_review(qtbot, window)
    assert review.model.rowCount() == 2
    assert review.current.document_name == "bill-0.txt"
    # a text document is shown as its text
    assert review.page.stack.currentWidget() is review.page.text
    assert "Total: 100.00" in review.page.text.toPlainText()
    first = review.current.approval_id
    proc = runnel("approvals", "approve", str(first))      # another process decides it
    assert proc.returncode == 0, proc.stderr
    qtbot.waitUntil(lambda: review.model.rowCount() == 1, timeout=3000)
    assert review.current.document_name == "bill-1.txt"
    assert f"Item {first} was decided elsewhere" in review.status.text()


def test_reject_asks_why_and_skip_leaves_it_waiting(qtbot, window, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    waiting_notes(tmp_path, 2)
    review = open_review(qtbot, window)
    review.skip_button.click()
    assert review.current.document_name == "bill-1.txt" and review.model.rowCount() == 2
    review.queue.setFocus()
    qtbot.waitUntil(review.queue.hasFocus)
    qtbot.keyClick(review.queue, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert review.current.document_name == "bill-0.txt"
    assert len(review.queue.selectionModel().selectedIndexes()) == 1     # the one shown, alone
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("not ours", True))
    with qtbot.waitSignal(window.service.resultReady, timeout=60_000) as done:
        review.reject_button.click()
    assert done.args[0].status == "rejected"
    assert window.service.store.find_run(done.args[0].run_id)[0]["status"] == "rejected"
    out = tmp_path / "out"
    assert json.loads((out / "rejected.json").read_text()) == {"item": {"total": "100.00"}, "reason": "not ours"}
    assert review.model.rowCount() == 1


def test_a_deleted_or_damaged_document_still_lets_the_decision_go(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    from desktop.ui.review import ReviewWindow

    store = window.service.store
    gone = tmp_path / "gone.pdf"
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    store.record(RunStarted("r" * 32, "Pay", None, None, False, time.time()))
    for path in (gone, broken):
        store.record(ApprovalRequested("r" * 32, "ask", None, str(path), "Pay it?", {"total": 1.5}, {},
                                       time.time()))
    calls = []
    review = ReviewWindow(store, lambda *args: calls.append(args) or _decided(store, args[0]))
    qtbot.addWidget(review)
    review.show()
    qtbot.waitUntil(lambda: review.current is not None)
    assert "gone.pdf is no longer at" in review.status.text()
    qtbot.waitUntil(lambda: review.page.stack.currentWidget() is review.page.text)
    assert "Total" not in review.page.text.toPlainText() and '"total": 1.5' in review.page.text.toPlainText()
    first = review.current.approval_id
    review.approve_button.click()
    assert calls == [(first, True, None, "", False)]         # the stored record, as it was
    qtbot.waitUntil(lambda: review.current is not None and review.current.document_name == "broken.pdf")
    qtbot.waitUntil(lambda: review.page.note.isVisible(), timeout=5000)
    assert "cannot be shown as a PDF" in review.page.note.text()
    assert "text is shown instead" in review.page.note.text()


def test_a_queue_of_five_thousand_items(qtbot, window):  # type: ignore[no-untyped-def]
    from desktop.ui.review import ReviewWindow

    store = window.service.store
    now = time.time()
    store.record(RunStarted("q" * 32, "Pay", None, None, False, now))
    with store.transaction():
        for i in range(5000):
            store.record(ApprovalRequested("q" * 32, "ask", None, f"/in/{i:04d}.txt", "Pay it?",
                                           {"n": i}, {}, now + i))
    review = ReviewWindow(store, lambda *args: _decided(store, args[0]))
    qtbot.addWidget(review)
    review.show()
    qtbot.waitUntil(lambda: review.model.rowCount() == 5000, timeout=10_000)
    assert review.current.document_name == "0000.txt"       # oldest first
    review.queue.scrollToBottom()
    review.queue.setCurrentIndex(review.model.index(4999))
    assert review.current.document_name == "4999.txt"


def _decided(store, approval_id: int) -> bool:  # type: ignore[no-untyped-def]
    """What the run service's decision does to the store, for a window tested alone."""
    with store._lock:
        store.db.execute("UPDATE approvals SET state = 'approved' WHERE id = ?", [approval_id])
    return True


def test_a_waiting_notification_opens_its_item_and_the_count_follows(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    waiting_notes(tmp_path, 2)
    win = window
    qtbot.waitUntil(lambda: win.act_review.text() == "Re&view (2)", timeout=3000)
    second = pending_items(win.service.store)[1]
    win.show_from_tray("history", second.run_id)        # what a click on its notification does
    review = win.review_window
    qtbot.waitUntil(lambda: review.current is not None and review.current.run_id == second.run_id)
    assert runnel("approvals", "reject", str(second.approval_id)).returncode == 0
    qtbot.waitUntil(lambda: win.act_review.text() == "Re&view (1)", timeout=3000)


def test_the_selected_unflagged_items_are_approved_at_once(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    waiting_notes(tmp_path, 3)
    review = open_review(qtbot, window)
    assert review.all_button.text() == "Approve 1 unflagged"          # the one shown
    review.queue.selectAll()
    assert review.all_button.text() == "Approve 3 unflagged" and review.all_button.isEnabled()
    review.all_button.click()
    qtbot.waitUntil(lambda: review.model.rowCount() == 0, timeout=60_000)
    assert review.empty.isVisible()
    assert json.loads((tmp_path / "out" / "approved.json").read_text())["total"] in ("100.00", "101.00", "102.00")
    assert pending_items(window.service.store) == []


def test_a_document_changed_after_the_pause_is_named(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    import os

    [doc] = waiting_notes(tmp_path, 1)
    later = time.time() + 60
    os.utime(doc, (later, later))                      # written to after the run read it
    review = open_review(qtbot, window)
    assert "bill-0.txt was changed after the run read it" in review.status.text()
    tip = review.model.data(review.model.index(0), Qt.ItemDataRole.ToolTipRole)
    assert str(doc) in tip and "approve.yaml" in tip     # which file, in which folder, which flow


def test_two_deciders_one_wins_and_the_other_is_told(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    waiting_notes(tmp_path, 1)
    review = open_review(qtbot, window)
    review.poll.stop()                      # the window has not seen the other decision yet
    first = review.current.approval_id
    assert runnel("approvals", "reject", str(first)).returncode == 0
    with qtbot.waitSignal(window.service.resultReady, timeout=30_000) as done:
        review.approve_button.click()
    assert done.args[0] is None             # nothing ran twice
    qtbot.waitUntil(lambda: "was already rejected" in review.status.text(), timeout=3000)
    assert not (tmp_path / "out" / "approved.json").exists()
    assert json.loads((tmp_path / "out" / "rejected.json").read_text())["item"] == {"total": "100.00"}


def test_a_decision_made_elsewhere_updates_the_open_editor(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    from tests.test_approvals import setup
    from tests.ui.test_main_window import run_and_wait, statuses

    wf, doc, out = setup(tmp_path)
    assert window.open(wf)
    waiting = run_and_wait(qtbot, window, inputs=[doc])
    assert waiting.status == "waiting" and statuses(window)["ask"] == "waiting"
    [item] = pending_items(window.service.store)
    assert runnel("approvals", "approve", str(item.approval_id)).returncode == 0
    qtbot.waitUntil(lambda: statuses(window)["ask"] != "waiting", timeout=3000)
    assert statuses(window)["keep"] == "done"
    assert "Approved; the run went on and ended done" in window.run_panel.status.text()


def test_the_last_decision_is_undone_from_the_window(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    waiting_notes(tmp_path, 1)
    review = open_review(qtbot, window)
    assert not review.undo_button.isEnabled()
    first = review.current.approval_id
    with qtbot.waitSignal(window.service.resultReady, timeout=30_000):
        review.approve_button.click()
    approved = tmp_path / "out" / "approved.json"
    assert approved.exists() and review.model.rowCount() == 0 and review.undo_button.isEnabled()
    review.queue.setFocus()
    qtbot.keyClick(review.queue, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not approved.exists()
    assert review.current is not None and review.current.approval_id == first
    assert "is undone (1 file change reversed)" in review.status.text()
    assert not review.undo_button.isEnabled()


def test_a_corrected_field_says_so(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    waiting_notes(tmp_path, 1)
    review = open_review(qtbot, window)
    editor, note = review.form.editors["total"], review.form.notes["total"]
    before = note.text()
    editor.setCurrentText("125.50")
    assert note.text() == "corrected (was '100.00')"
    editor.setCurrentText("100.00")
    assert note.text() == before


def test_a_watched_file_is_named_with_its_folder_and_waits_there(qtbot, tmp_path, request):  # type: ignore[no-untyped-def]
    from desktop.ui.review import ReviewWindow
    from tests.watch.conftest import Watch
    from tests.watch.test_jobs import APPROVING

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    wf = tmp_path / "approve.yaml"
    wf.write_text(APPROVING.format(out=out, inbox=inbox))
    watch = Watch(tmp_path, [wf])
    request.addfinalizer(watch.runner.close)
    watch.service.start()
    (inbox / "note.txt").write_text("a note to keep")
    watch.wait(lambda: watch.states() == {"waiting": 1})
    watch.service.stop()
    review = ReviewWindow(watch.store, decide=lambda *args: True)
    qtbot.addWidget(review)
    review.show()
    qtbot.waitUntil(lambda: review.current is not None, timeout=5000)
    assert review.model.data(review.model.index(0)).startswith(f"note.txt  (in {inbox})")
    assert f"waits in the watched folder {inbox} until you decide" in review.status.text()


def test_an_empty_field_is_approved_only_when_asked_twice(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    waiting_notes(tmp_path, 1)
    review = open_review(qtbot, window)
    review.form.editors["total"].setCurrentText("")
    review.approve_button.click()
    assert "total is empty" in review.status.text() and review.current is not None
    with qtbot.waitSignal(window.service.resultReady, timeout=30_000):
        review.approve_button.click()
    assert json.loads((tmp_path / "out" / "approved.json").read_text())["total"] is None


def test_the_rows_stay_put_while_a_flagged_field_is_corrected(qtbot):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from desktop.ui.review.record_form import RecordForm

    form = RecordForm()
    qtbot.addWidget(form)
    form.resize(320, 400)
    prov = {"vendor": {"status": "low_confidence", "confidence": 0.41, "page": 0,
                       "text": "Tillys Kitchen and Coffee House, Harbour Road 12"}}
    form.show_record(FIELDS, {"vendor": "Tillys", "total": 6.2}, prov,
                     [{"field": "vendor", "reason": "low confidence (0.41 < 0.60)"}], "")
    form.show()
    qtbot.waitExposed(form)
    below = form.editors["total"].mapTo(form, form.editors["total"].rect().topLeft()).y()
    assert form.notes["vendor"].height() > form.fontMetrics().lineSpacing() * 1.5   # two lines
    form.editors["vendor"].setCurrentText("Tillys Kitchen")
    QApplication.processEvents()
    assert form.notes["vendor"].text() == "corrected (was 'Tillys')"
    assert form.editors["total"].mapTo(form, form.editors["total"].rect().topLeft()).y() == below


def test_enter_in_a_field_approves_and_the_next_item_shows(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    """Enter in a field approves; the form is then rebuilt for the next item while the
    key's own signal is still being delivered (this once freed the editor under it)."""
    waiting_notes(tmp_path, 3)
    review = open_review(qtbot, window)
    for left in (2, 1, 0):
        editor = review.form.editors["total"]
        editor.setFocus()
        qtbot.waitUntil(editor.hasFocus)
        with qtbot.waitSignal(window.service.resultReady, timeout=30_000):
            qtbot.keyClick(editor.lineEdit(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda n=left: review.model.rowCount() == n, timeout=5000)
    assert review.current is None and review.empty.isVisible()



def test_escape_closes_but_not_over_unapproved_corrections(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    waiting_notes(tmp_path, 1)
    review = open_review(qtbot, window)
    qtbot.waitUntil(review.isActiveWindow)            # its shortcuts work in the active window
    review.form.editors["total"].setCurrentText("125.50")
    qtbot.keyClick(review.queue, Qt.Key.Key_Escape)
    assert review.isVisible() and "Press Escape again" in review.status.text()
    qtbot.keyClick(review.queue, Qt.Key.Key_Escape)
    assert not review.isVisible()
    assert len(pending_items(window.service.store)) == 1          # nothing was decided


@pytest.mark.model
def test_a_scanned_slip_is_shown_as_scanned_and_its_words_fill_the_form(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    from tests.ocr.pages import draw, save

    out = tmp_path / "out"
    wf = tmp_path / "slips.yaml"
    wf.write_text(SLIPS.format(out=out, fields=json.dumps(FIELDS)))
    text = SLIP.format(n=418, items="Coffee  3.40\nScone  2.80", total="6.20")
    scan = save(draw(text.split("\n")), tmp_path / "slip-photo.png")
    proc = runnel("run", str(wf), str(scan))
    assert proc.returncode == 0 and "approval" in proc.stderr, proc.stderr
    review = open_review(qtbot, window)
    assert review.current.document_name == "slip-photo.png"
    # the photo itself is shown, not its text
    qtbot.waitUntil(lambda: review.page.rendered is not None, timeout=5000)
    assert review.page.stack.currentWidget() is review.page.view
    assert review.page.page_count == 1 and review.page.rendered.width > 500
    form = review.form
    form.editors["vendor"].setFocus()
    qtbot.waitUntil(lambda: review.page.mark.isVisible(), timeout=3000)
    # a click on a word OCR read on the photo fills the focused field
    line = next(ln for ln in review.current.ocr_lines if "Altogether" in ln.text)
    word = next(w for w in line.words if line.text[w.start:w.end] == "6.20")
    total = form.editors["total"]
    total.setFocus()
    total.setCurrentText("")
    s = review.page.rendered.scale
    point = review.page.view.mapFromScene((word.box[0] + 2) * s, (word.box[1] + 2) * s)
    qtbot.mouseClick(review.page.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert total.currentText() == "6.20"
