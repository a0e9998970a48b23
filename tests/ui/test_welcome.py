"""The welcome on a first start: the model check (real model, missing model), the
examples copied without overwriting anything, a watched folder set up (and refused
with a sentence when it cannot be watched), and the dialog shown only once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog

from desktop import settings
from desktop.engine.fileformat import load_workflow
from desktop.engine.registry import default_registry
from desktop.engine.validate import validate
from desktop.llm import catalog
from desktop.llm.catalog import ModelError
from desktop.llm.client import LoadFailed
from desktop.paths import examples_dir, runnel_home, user_workflows_dir
from desktop.ui import welcome
from desktop.ui.welcome import WelcomeDialog, should_show

pytestmark = pytest.mark.gui

SLOW_MODEL = 120_000      # ms: a worker start and a model load on a busy machine


def make_dialog(qtbot, llm=None) -> WelcomeDialog:  # type: ignore[no-untyped-def]
    dialog = WelcomeDialog(llm)
    qtbot.addWidget(dialog)
    return dialog


def user_files() -> list[Path]:
    folder = user_workflows_dir()
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


# ---------------------------------------------------------------- step 1: the model

@pytest.mark.model
def test_model_check_loads_the_default_model_and_it_answers(qtbot, fresh_llm) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog(qtbot, fresh_llm)
    with qtbot.waitSignal(dialog.modelChecked, timeout=SLOW_MODEL) as blocker:
        dialog.check_model()
        assert dialog.busy.isVisibleTo(dialog)          # busy while it loads
    ok, text = blocker.args
    assert ok, text
    assert text.startswith("SmolLM2-135M-Instruct answered in ")
    assert " s" in text.splitlines()[0]
    assert dialog.status_label.text() == text.splitlines()[0]
    assert not dialog.busy.isVisibleTo(dialog)
    assert not dialog.retry_button.isVisibleTo(dialog)
    assert fresh_llm.loaded_model is not None and fresh_llm.loaded_model.name == catalog.DEFAULT_MODEL_FILE
    dialog.reject()
    assert fresh_llm.pid is not None                    # the app's client is not closed by the dialog


def test_missing_model_is_explained_with_what_to_do(qtbot, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "models"
    empty.mkdir()
    (empty / "broken.gguf").write_bytes(b"this is not a model")
    monkeypatch.setattr(catalog, "model_dirs", lambda: [empty])
    dialog = make_dialog(qtbot)
    with qtbot.waitSignal(dialog.modelChecked, timeout=30_000) as blocker:
        dialog.check_model()
    ok, text = blocker.args
    assert not ok
    assert text.startswith("No model is installed yet.")
    assert "bash packaging/setup.sh" in text and "Models" in text
    assert "broken.gguf is not a GGUF model file" in text
    assert dialog.retry_button.isVisibleTo(dialog)
    assert not dialog.busy.isVisibleTo(dialog)
    assert dialog._llm.pid is None                      # no worker was started for nothing
    # the memory table still shows what larger models need, without the missing one
    assert [r.label.split()[0] for r in dialog.size_rows] == ["1B", "3B", "7B", "8B"]


def test_a_model_that_fails_to_load_is_explained(default_model) -> None:  # type: ignore[no-untyped-def]
    text = welcome.explain_model_error(LoadFailed("llama.cpp refused the file"), default_model)
    head, detail = text.split("\n")
    assert head == "SmolLM2-135M-Instruct is installed but could not be used."
    assert "llama.cpp refused the file" in detail and "damaged" in detail and "setup.sh" in detail
    text = welcome.explain_model_error(ModelError("it needs 9 GiB but 2 GiB is available"), default_model)
    assert text.splitlines()[1] == "It needs 9 GiB but 2 GiB is available."


def test_memory_estimates_and_what_fits() -> None:
    rows = welcome.memory_rows(None, 4096, available=3 * 2**30, total=8 * 2**30)
    needs = {r.label.split()[0]: r.need for r in rows}
    assert needs["1B"] < needs["3B"] < needs["7B"] < needs["8B"]
    # close to real Q4_K_M files plus a 4k context (Llama 3.1 8B: 4.9 GB of weights)
    assert 0.8 * 2**30 < needs["1B"] < 1.2 * 2**30
    assert 5.0 * 2**30 < needs["8B"] < 6.0 * 2**30
    verdicts = {r.label.split()[0]: r.verdict for r in rows}
    assert verdicts == {"1B": "fits", "3B": "fits", "7B": "tight", "8B": "tight"}
    assert welcome.fit_verdict(7 * 2**30, 3 * 2**30, 8 * 2**30) == "too_large"
    # a longer context costs more
    assert welcome.memory_rows(None, 16384, 0, 1)[0].need > rows[0].need


def test_model_page_states_memory_and_privacy(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog(qtbot)
    assert dialog.memory_label.text().startswith("This computer has ")
    assert "GB of memory" in dialog.memory_label.text()
    assert "Estimates" in dialog.memory_note.text()
    privacy = dialog.privacy_label.text()
    assert "Nothing you process is sent anywhere" in privacy
    assert "no account" in privacy and "no telemetry" in privacy


# ---------------------------------------------------------------- step 2: examples

def test_copy_examples_creates_valid_files_and_never_overwrites(qtbot) -> None:  # type: ignore[no-untyped-def]
    original = (examples_dir() / "invoice-intake.yaml").read_bytes()
    folder = user_workflows_dir()
    folder.mkdir(parents=True, exist_ok=True)
    mine = folder / "invoice-intake.yaml"
    mine.write_text("my own notes, not a workflow\n")
    dialog = make_dialog(qtbot)

    created = dialog.copy_examples(["Invoice intake", "document-digest.yaml"])
    assert [p.name for p in created] == ["invoice-intake-2.yaml", "document-digest.yaml"]
    assert mine.read_text() == "my own notes, not a workflow\n"
    for path in created:
        assert path.parent == folder.resolve()
        wf = load_workflow(path)
        assert validate(wf, default_registry()) == []
        assert all(t.kind != "folder" for t in wf.triggers)     # copies watch nothing by themselves
    assert load_workflow(created[0]).name == "Invoice intake"
    assert load_workflow(created[0]).nodes == load_workflow(examples_dir() / "invoice-intake.yaml").nodes
    assert (examples_dir() / "invoice-intake.yaml").read_bytes() == original

    again = dialog.copy_examples(["invoice-intake"])
    assert again[0].name == "invoice-intake-3.yaml"
    assert load_workflow(again[0]).name == "Invoice intake (2)"
    assert load_workflow(created[0]).name == "Invoice intake"   # the first copy is untouched
    assert dialog.created == created + again

    before = user_files()
    with pytest.raises(ValueError, match="no example named 'Nope'"):
        dialog.copy_examples(["Extract text", "Nope"])
    assert user_files() == before                       # nothing written when one name is wrong


# ---------------------------------------------------------------- step 3: a watched folder

def test_watch_folder_writes_a_folder_trigger_that_validates(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    scans = tmp_path / "Scans"
    scans.mkdir()
    dialog = make_dialog(qtbot)
    path = dialog.watch_folder(scans, "Invoice intake")
    assert path.parent == user_workflows_dir().resolve()
    assert dialog.watch_path == path and dialog.created == [path]
    wf = load_workflow(path)
    assert wf.name == "Invoice intake on Scans"
    folder_triggers = [t for t in wf.triggers if t.kind == "folder"]
    assert len(folder_triggers) == 1
    t = folder_triggers[0]
    assert Path(t.path) == scans.resolve()
    assert t.after_success == "move" and t.success_folder == "Processed"
    assert t.after_failure == "move" and not t.paused
    # the example's own patterns: PDFs, and the scans and photos OCR reads
    assert t.patterns == ["*.pdf", "*.jpg", "*.jpeg", "*.png", "*.heic", "*.tif", "*.tiff", "*.webp"]
    assert validate(wf, default_registry()) == []
    assert f"path: {scans.resolve()}" in path.read_text()     # saved in the file itself



def test_a_file_landing_in_the_watched_folder_is_processed_and_moved(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import threading

    from desktop.runner import Runner
    from desktop.store.runs import RunStore
    from desktop.watch.events import JobChanged
    from desktop.watch.service import WatchService

    inbox = tmp_path / "Inbox"
    inbox.mkdir()
    dialog = make_dialog(qtbot)
    path = dialog.watch_folder(inbox, "Extract text")          # no model needed
    done = threading.Event()
    runner = Runner(RunStore(tmp_path / "w.db"))
    service = WatchService(runner, [path], listeners=[
        lambda e: done.set() if isinstance(e, JobChanged) and e.state == "done" else None])
    service.start()
    try:
        assert [w.folder for w in service.triggers] == [inbox.resolve()]
        (inbox / "note.txt").write_text("a note to file away")
        assert done.wait(30)
    finally:
        service.stop()
        runner.close()
    assert not (inbox / "note.txt").exists()
    assert (inbox / "Processed" / "note.txt").read_text() == "a note to file away"


def test_folders_that_cannot_be_watched_are_refused(qtbot, tmp_path: Path, isolated_home: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = make_dialog(qtbot)
    ok = tmp_path / "Scans"
    ok.mkdir()
    a_file = tmp_path / "note.txt"
    a_file.write_text("x")
    inside = runnel_home() / "inbox"
    inside.mkdir(parents=True)
    reports = isolated_home / "Runnel" / "Reports"          # where Document digest saves
    reports.mkdir(parents=True)

    cases = [
        (tmp_path / "missing", "Invoice intake", "does not exist"),
        (a_file, "Invoice intake", "is a file, not a folder"),
        (inside, "Invoice intake", "inside Runnel's own data folder"),
        (Path("relative/folder"), "Invoice intake", "is not a full path"),
        (reports, "Document digest", "would process its own results"),
    ]
    for folder, example, reason in cases:
        with pytest.raises(ValueError, match=reason):
            dialog.watch_folder(folder, example)
    assert user_files() == []

    with monkeypatch.context() as m:     # (not undo(): that would also drop the isolated home)
        m.setattr(welcome, "_writable", lambda _p: False)
        with pytest.raises(ValueError, match="cannot write in"):
            dialog.watch_folder(ok, "Invoice intake")

    first = dialog.watch_folder(ok, "Invoice intake")
    assert first.parent == user_workflows_dir().resolve()
    assert str(isolated_home) in str(first)
    with pytest.raises(ValueError, match="“Invoice intake on Scans” already watches"):
        dialog.watch_folder(ok, "Document digest")
    assert user_files() == [first]


def test_folder_field_explains_before_finish(qtbot, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    scans = tmp_path / "Scans"
    scans.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(scans))
    dialog = make_dialog(qtbot)
    dialog.go(2)
    dialog.choose_folder()
    assert dialog.folder_edit.text() == str(scans)
    assert dialog.folder_message.isVisibleTo(dialog)
    assert dialog.folder_message.text() == ("Finish sets up “Document digest” to run on every "
                                            "new file in Scans.")
    dialog.folder_edit.setText(str(tmp_path / "gone"))
    dialog.folder_edit.editingFinished.emit()
    assert "does not exist" in dialog.folder_message.text()


# ---------------------------------------------------------------- finishing

def test_finishing_creates_the_files_and_is_not_shown_again(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    scans = tmp_path / "Scans"
    scans.mkdir()
    assert should_show()
    dialog = make_dialog(qtbot)
    assert dialog.next_button.text() == "Next" and not dialog.back_button.isEnabled()
    dialog.next_button.click()
    dialog.example_boxes["Extract text"].setChecked(True)
    dialog.next_button.click()
    assert dialog.next_button.text() == "Finish"
    dialog.folder_edit.setText(str(scans))
    dialog.example_combo.setCurrentIndex(dialog.example_combo.findData("Invoice intake"))
    with qtbot.waitSignal(dialog.finished_setup, timeout=5000) as blocker:
        dialog.next_button.click()
    created = blocker.args[0]
    assert [Path(p).name for p in created] == ["extract-text.yaml", "invoice-intake-on-scans.yaml"]
    assert all(Path(p).is_file() for p in created)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not should_show()
    assert settings.get("welcome_done") is True


def test_finish_with_a_bad_folder_stays_open_and_writes_nothing(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog(qtbot)
    dialog.example_boxes["Extract text"].setChecked(True)
    dialog.go(2)
    dialog.folder_edit.setText(str(tmp_path / "missing"))
    with qtbot.assertNotEmitted(dialog.finished_setup):
        assert dialog.finish() is False
    assert "does not exist" in dialog.folder_message.text()
    assert user_files() == []
    assert should_show()
    # fixed and finished: the example is copied once
    (tmp_path / "missing").mkdir()
    assert dialog.finish() is True
    assert [p.name for p in user_files()] == ["document-digest-on-missing.yaml", "extract-text.yaml"]


def test_skip_copies_nothing_and_is_not_shown_again(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog(qtbot)
    dialog.example_boxes["Extract text"].setChecked(True)
    with qtbot.assertNotEmitted(dialog.finished_setup):
        dialog.skip_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert user_files() == []
    assert not should_show()


def test_show_welcome_on_the_main_window(qtbot, window, tmp_path: Path,  # type: ignore[no-untyped-def]
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(WelcomeDialog, "check_model", lambda self: None)   # no model load here
    scans = tmp_path / "Scans"
    scans.mkdir()
    dialog = welcome.show_welcome(window)
    assert dialog is not None and dialog.isVisible()
    assert dialog._llm is window.service.llm                # the app's own client
    dialog.folder_edit.setText(str(scans))
    assert dialog.finish()
    path = dialog.watch_path
    assert path is not None and window.library.entry(path) is not None
    assert window.editor.path is not None and window.editor.path.resolve() == path
    assert window.service.watcher is not None               # watching is on
    assert welcome.show_welcome(window) is None             # a second start shows nothing
