"""The model manager as a user sees it: the models listed with what the GGUF says,
imports that keep the window alive and refuse broken files in a sentence, the default."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop import settings
from desktop.llm import catalog
from desktop.llm.gguf import read_gguf
from desktop.paths import user_models_dir
from desktop.ui.model_manager import (COL_CTX, COL_MEM, COL_MODEL, COL_NAME, COL_QUANT, COL_SIZE,
                                      COL_STATUS, ModelManager, human_size)

pytestmark = pytest.mark.gui


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Message boxes recorded instead of shown (a modal box would block the test)."""
    shown: list[tuple[str, str]] = []

    def record(_parent, title, text, *args, **kwargs):
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", record)
    monkeypatch.setattr(QMessageBox, "information", record)
    return shown


def make_manager(qtbot) -> ModelManager:
    w = ModelManager()
    qtbot.addWidget(w)
    w.resize(900, 400)
    return w


def cell(w: ModelManager, name: str, col: int) -> str:
    row = w.row_of(name)
    assert row >= 0, f"{name} is not listed"
    return w.table.item(row, col).text()


def link_copy(model: catalog.Model, name: str) -> Path:
    """A second installed model without copying 98 MB: a symlink in the user folder."""
    folder = user_models_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    target.symlink_to(model.path)
    return target


@pytest.mark.model
def test_lists_the_default_model_with_its_metadata(qtbot, default_model):
    w = make_manager(qtbot)
    name = default_model.name
    info = read_gguf(default_model.path)
    assert cell(w, name, COL_QUANT) == info.quantization == "Q4_1"
    assert cell(w, name, COL_CTX) == f"{info.context_length:,}"
    assert cell(w, name, COL_SIZE) == "98 MB"
    assert cell(w, name, COL_MODEL) == "135M · llama"
    assert cell(w, name, COL_MEM) == human_size(default_model.memory_needed(default_model.context_for(None)))
    assert "Default" in cell(w, name, COL_STATUS)
    assert w.table.item(w.row_of(name), COL_NAME).font().bold()
    assert not w.problems_label.isVisibleTo(w)


@pytest.mark.model
def test_memory_follows_the_context_chosen_in_preferences(qtbot, default_model):
    settings.update(llm_context=2048)
    w = make_manager(qtbot)
    assert cell(w, default_model.name, COL_MEM) == human_size(default_model.memory_needed(2048))
    assert "2,048" in w.table.item(w.row_of(default_model.name), COL_MEM).toolTip()


@pytest.mark.model
def test_import_copies_the_model_in_and_lists_it(qtbot, default_model, tmp_path, messages):
    source = tmp_path / "Imported-Copy.Q4_1.gguf"
    shutil.copyfile(default_model.path, source)
    w = make_manager(qtbot)
    before = w.table.rowCount()

    with qtbot.waitSignal(w.importFinished, timeout=60_000) as blocker:
        assert w.import_file(source)
        # the copy runs in a thread: the window is busy, not frozen, until it reports back
        assert w.is_importing()
        assert not w.import_button.isEnabled()
        assert w._busy_row.isVisibleTo(w)
    assert blocker.args == [True, source.name]

    assert messages == []
    assert (user_models_dir() / source.name).is_file()
    assert w.table.rowCount() == before + 1
    assert cell(w, source.name, COL_QUANT) == read_gguf(source).quantization
    assert cell(w, source.name, COL_CTX) == f"{read_gguf(source).context_length:,}"
    assert w.selected_name() == source.name
    assert w.import_button.isEnabled() and not w._busy_row.isVisibleTo(w)


@pytest.mark.model
def test_import_shows_progress_while_copying(qtbot, default_model, tmp_path, monkeypatch, messages):
    """A slow copy (a multi-GB file) is simulated: half written, then held."""
    source = tmp_path / "Slow.gguf"
    source.symlink_to(default_model.path)
    release = threading.Event()
    real_copy = shutil.copyfile

    def slow_copy(src, dst, *args, **kwargs):
        data = Path(src).read_bytes()
        Path(dst).write_bytes(data[: len(data) // 2])
        assert release.wait(30)
        return real_copy(src, dst)

    monkeypatch.setattr(shutil, "copyfile", slow_copy)
    w = make_manager(qtbot)
    assert w.import_file(source)
    # the event loop keeps running (waitUntil spins it) and the bar shows the real share
    # (waited for until the half is written: the bar may catch the write half way)
    qtbot.waitUntil(lambda: "49 MB of 98 MB" in w.progress_label.text(), timeout=10_000)
    assert w.progress.maximum() == 1000 and 400 <= w.progress.value() <= 600
    with qtbot.waitSignal(w.importFinished, timeout=30_000) as blocker:
        release.set()
    assert blocker.args[0] is True
    assert w.row_of("Slow.gguf") >= 0


def test_corrupt_file_is_refused_in_a_sentence(qtbot, tmp_path, messages):
    broken = tmp_path / "x.gguf"
    broken.write_bytes(os.urandom(4096))
    w = make_manager(qtbot)
    before = [w.table.item(r, COL_NAME).text() for r in range(w.table.rowCount())]

    with qtbot.waitSignal(w.importFinished, timeout=10_000) as blocker:
        assert w.import_file(broken)
    ok, message = blocker.args
    assert not ok
    assert messages == [("Import failed", message)]
    assert message.startswith("x.gguf was not imported: ")
    assert "not a GGUF model file" in message and message.endswith(".")
    assert "Traceback" not in message and "Error" not in message
    assert [w.table.item(r, COL_NAME).text() for r in range(w.table.rowCount())] == before
    models = user_models_dir()
    assert not (models / "x.gguf").exists()
    assert not list(models.glob(".import-*")) if models.is_dir() else True
    assert w.import_button.isEnabled()


def test_missing_file_is_refused_without_starting(qtbot, tmp_path, messages):
    w = make_manager(qtbot)
    assert not w.import_file(tmp_path / "gone.gguf")
    assert len(messages) == 1
    assert messages[0][1].startswith("gone.gguf was not imported: the file cannot be read")
    assert not w.is_importing()


@pytest.mark.model
def test_same_name_twice_is_refused(qtbot, default_model, tmp_path, messages):
    link_copy(default_model, "Twice.gguf")
    source = tmp_path / "Twice.gguf"
    source.symlink_to(default_model.path)
    w = make_manager(qtbot)
    with qtbot.waitSignal(w.importFinished, timeout=10_000) as blocker:
        w.import_file(source)
    assert blocker.args[0] is False
    assert "a model named Twice.gguf is already in" in messages[0][1]


def test_import_button_asks_for_a_file(qtbot, tmp_path, monkeypatch, messages):
    broken = tmp_path / "picked.gguf"
    broken.write_bytes(b"GGUF" + os.urandom(10))
    asked: list[str] = []

    def pick(_parent, caption, _dir, file_filter):
        asked.append(file_filter)
        return str(broken), file_filter

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    w = make_manager(qtbot)
    with qtbot.waitSignal(w.importFinished, timeout=10_000) as blocker:
        w.import_button.click()
    assert "*.gguf" in asked[0]
    assert blocker.args[0] is False
    assert "picked.gguf" in messages[0][1]


@pytest.mark.model
def test_set_as_default(qtbot, default_model):
    link_copy(default_model, "Other.gguf")
    w = make_manager(qtbot)
    assert catalog.default_model().name == default_model.name
    assert w.select("Other.gguf")
    assert w.default_button.isEnabled()

    with qtbot.waitSignal(w.defaultChanged) as blocker:
        w.default_button.click()
    assert blocker.args == ["Other.gguf"]
    assert catalog.default_model().name == "Other.gguf"
    assert settings.get("default_model") == "Other.gguf"
    assert "Default" in cell(w, "Other.gguf", COL_STATUS)
    assert "Default" not in cell(w, default_model.name, COL_STATUS)
    assert w.selected_name() == "Other.gguf" and not w.default_button.isEnabled()


@pytest.mark.model
def test_crashed_model_is_flagged_until_forgotten(qtbot, default_model):
    catalog.remember_crash(default_model, "the worker exited with signal 11")
    w = make_manager(qtbot)
    row = w.row_of(default_model.name)
    status = w.table.item(row, COL_STATUS)
    assert "Crashed" in status.text() and not status.icon().isNull()
    assert "signal 11" in status.toolTip()
    w.select(default_model.name)
    assert "Forget crash" in w.detail_label.text()
    assert w.forget_button.isEnabled()

    w.forget_button.click()
    assert catalog.crashed_models() == {}
    assert "Crashed" not in cell(w, default_model.name, COL_STATUS)
    assert not w.forget_button.isEnabled()


@pytest.mark.model
def test_model_that_will_not_fit_is_flagged(qtbot, default_model, monkeypatch):
    monkeypatch.setattr(catalog, "available_memory", lambda: 50 * 1024 * 1024)
    w = make_manager(qtbot)
    status = w.table.item(w.row_of(default_model.name), COL_STATUS)
    assert "Won't fit" in status.text() and not status.icon().isNull()
    assert "needs about" in status.toolTip() and "0.0 GiB of memory is available" in status.toolTip()


def test_unreadable_files_are_listed_below_the_table(qtbot):
    folder = user_models_dir()
    folder.mkdir(parents=True)
    (folder / "broken.gguf").write_bytes(b"not a model")
    w = make_manager(qtbot)
    assert w.problems_label.isVisibleTo(w)
    assert "broken.gguf is not a GGUF model file" in w.problems_label.text()
    assert w.row_of("broken.gguf") == -1


def test_no_models_says_how_to_get_one(qtbot, monkeypatch):
    monkeypatch.setattr(catalog, "model_dirs", lambda: [user_models_dir()])
    w = make_manager(qtbot)
    assert w.table.rowCount() == 0
    assert w.empty_label.isVisibleTo(w) and "Import a GGUF file" in w.empty_label.text()
    assert not w.default_button.isEnabled() and not w.folder_button.isEnabled()
    assert w.import_button.isEnabled()


def test_human_size():
    assert human_size(98_362_432) == "98 MB"
    assert human_size(4_368_439_584) == "4.4 GB"
    assert human_size(12_000_000_000) == "12 GB"
    assert human_size(500) == "500 bytes"


def test_warning_colour_follows_the_theme(qtbot, qapp):
    from desktop.ui import theme

    folder = user_models_dir()
    folder.mkdir(parents=True)
    (folder / "broken.gguf").write_bytes(b"not a model")
    theme.apply_theme(qapp, "light")
    w = make_manager(qtbot)
    assert theme.canvas_colours("light")["problem"].name() in w.problems_label.styleSheet()
    try:
        theme.apply_theme(qapp, "dark")
        qtbot.waitUntil(lambda: theme.canvas_colours("dark")["problem"].name() in w.problems_label.styleSheet(),
                        timeout=2000)
    finally:
        theme.apply_theme(qapp, "light")
