"""Preferences: values land in settings.json under the keys the rest of Runnel reads,
come back when the dialog is reopened, and the theme is applied live."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from desktop import settings
from desktop.paths import runnel_home
from desktop.ui import preferences, theme
from desktop.ui.preferences import PreferencesDialog, physical_cores

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def light_theme_after(qapp):
    """The theme is application-wide: put it back for the tests that follow."""
    theme.apply_theme(qapp, "light")
    yield
    theme.apply_theme(qapp, "light")


def open_dialog(qtbot) -> PreferencesDialog:
    d = PreferencesDialog()
    qtbot.addWidget(d)
    return d


def press(d: PreferencesDialog, which: QDialogButtonBox.StandardButton) -> None:
    d.buttons.button(which).click()


def stored() -> dict:
    path = settings.settings_path()
    return json.loads(path.read_text()) if path.exists() else {}


def test_threads_and_theme_saved_on_ok_and_shown_again(qtbot, qapp):
    d = open_dialog(qtbot)
    assert d.threads_spin.value() == 0 and d.threads_spin.text().startswith("Automatic")
    d.threads_spin.setValue(2)
    with qtbot.waitSignal(d.themeChanged) as blocker:
        d.theme_combo.setCurrentIndex(d.theme_combo.findData("dark"))
    assert blocker.args == ["dark"]
    # applied live, before OK
    assert theme.current() == "dark"
    assert qapp.palette().window().color().name() == "#2b2d31"
    assert "theme" not in stored()

    press(d, QDialogButtonBox.StandardButton.Ok)
    assert d.result() == PreferencesDialog.DialogCode.Accepted
    data = stored()
    assert data["llm_threads"] == 2
    assert data["theme"] == "dark"
    assert theme.current() == "dark"

    again = open_dialog(qtbot)
    assert again.threads_spin.value() == 2
    assert again.theme_combo.currentData() == "dark"


def test_cancel_discards_changes_and_puts_the_theme_back(qtbot):
    d = open_dialog(qtbot)
    d.threads_spin.setValue(1)
    d.theme_combo.setCurrentIndex(d.theme_combo.findData("dark"))
    assert theme.current() == "dark"
    with qtbot.waitSignal(d.themeChanged) as blocker:
        press(d, QDialogButtonBox.StandardButton.Cancel)
    assert blocker.args == ["light"]
    assert theme.current() == "light"
    assert stored() == {}


def test_apply_saves_and_keeps_the_dialog_open(qtbot):
    d = open_dialog(qtbot)
    d.show()
    d.parallel_spin.setValue(3)
    d.context_combo.setCurrentIndex(d.context_combo.findData(8192))
    with qtbot.waitSignal(d.applied):
        press(d, QDialogButtonBox.StandardButton.Apply)
    assert d.isVisible()
    data = stored()
    assert data["watch_parallel_jobs"] == 3          # the key desktop.watch.service reads
    assert data["llm_context"] == 8192
    # Cancel after Apply keeps what was applied
    press(d, QDialogButtonBox.StandardButton.Cancel)
    assert stored()["llm_context"] == 8192


def test_automatic_values_are_not_pinned(qtbot):
    settings.update(llm_threads=2, llm_context=16384, watch_parallel_jobs=2, default_model="m.gguf")
    d = open_dialog(qtbot)
    d.threads_spin.setValue(0)
    d.context_combo.setCurrentIndex(0)
    d.parallel_spin.setValue(1)
    press(d, QDialogButtonBox.StandardButton.Ok)
    # back to automatic means the key is gone; other settings are left alone
    assert stored() == {"theme": "light", "default_model": "m.gguf"}


def test_widgets_refuse_invalid_values(qtbot):
    d = open_dialog(qtbot)
    d.threads_spin.setValue(10_000)
    assert d.threads_spin.value() == physical_cores() * 2
    d.threads_spin.setValue(-3)
    assert d.threads_spin.value() == 0
    d.parallel_spin.setValue(0)
    assert d.parallel_spin.value() == 1
    assert all(d.context_combo.itemData(i) in (0, *preferences.CONTEXT_CHOICES)
               for i in range(d.context_combo.count()))
    assert not d.context_combo.isEditable()
    assert [d.theme_combo.itemData(i) for i in range(d.theme_combo.count())] == list(theme.THEMES)


def test_damaged_values_in_settings_json_show_as_automatic(qtbot):
    settings.update(llm_threads="many", llm_context=-5, watch_parallel_jobs=0, theme="purple")
    d = open_dialog(qtbot)
    assert d.threads_spin.value() == 0
    assert d.context_combo.currentData() == 0
    assert d.parallel_spin.value() == 1
    assert d.theme_combo.currentData() == "light"


def test_a_hand_set_context_is_kept(qtbot):
    settings.update(llm_context=6000)
    d = open_dialog(qtbot)
    assert d.context_combo.currentData() == 6000
    press(d, QDialogButtonBox.StandardButton.Ok)
    assert stored()["llm_context"] == 6000


def test_gpu_layers_when_the_build_can_offload(qtbot, monkeypatch):
    monkeypatch.setattr(preferences, "gpu_offload_supported", lambda: True)
    d = open_dialog(qtbot)
    assert d.gpu_spin.isEnabled()
    assert d.gpu_spin.value() == -1 and d.gpu_spin.text() == "All layers"
    d.gpu_spin.setValue(20)
    press(d, QDialogButtonBox.StandardButton.Apply)
    assert stored()["llm_gpu_layers"] == 20
    d.gpu_spin.setValue(-1)
    press(d, QDialogButtonBox.StandardButton.Apply)
    assert "llm_gpu_layers" not in stored()


def test_gpu_layers_on_a_cpu_only_build(qtbot, monkeypatch):
    monkeypatch.setattr(preferences, "gpu_offload_supported", lambda: False)
    settings.update(llm_gpu_layers=12)          # e.g. settings.json shared with a Mac
    d = open_dialog(qtbot)
    assert not d.gpu_spin.isEnabled()
    press(d, QDialogButtonBox.StandardButton.Ok)
    assert stored()["llm_gpu_layers"] == 12


def test_data_tab_shows_the_data_folder(qtbot, isolated_home):
    d = open_dialog(qtbot)
    assert d.home_edit.text() == str(runnel_home()) == str(isolated_home / "runnel")
    assert d.home_edit.isReadOnly()
    assert d.tabs.tabText(1) == "Data"
    notes = [label.text() for label in d.tabs.widget(1).findChildren(QLabel)]
    assert any("Set by the RUNNEL_HOME environment variable" in n for n in notes)


def test_start_at_login_writes_and_removes_the_autostart_entry(qtbot, monkeypatch, isolated_home):
    from desktop.app import autostart

    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    d = open_dialog(qtbot)
    assert not d.autostart_check.isChecked()
    d.autostart_check.setChecked(True)
    press(d, QDialogButtonBox.StandardButton.Ok)
    entry = isolated_home / ".config" / "autostart" / "runnel.desktop"
    assert entry.exists() and "--minimized" in entry.read_text()
    again = open_dialog(qtbot)
    assert again.autostart_check.isChecked()
    again.autostart_check.setChecked(False)
    press(again, QDialogButtonBox.StandardButton.Ok)
    assert not autostart.is_enabled()


def test_a_thread_count_chosen_applies_without_a_restart(qtbot, window):  # type: ignore[no-untyped-def]
    llm = window.service.llm
    assert llm.adapt_threads                         # automatic: threads follow the load
    window.show_preferences()
    dialog = window.preferences_dialog
    dialog.threads_spin.setValue(1)
    dialog.apply()
    assert (llm.n_threads, llm.adapt_threads) == (1, False) and llm._loaded is None
    dialog.threads_spin.setValue(0)
    dialog.accept()
    assert llm.adapt_threads
