"""Preferences: how the model runs, where the data lives, how the window looks.
Everything is stored in settings.json (desktop.settings), shared with the CLI."""

from __future__ import annotations

import os

import psutil
from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QGridLayout,
                               QHBoxLayout, QLabel, QLayout, QLineEdit, QMessageBox, QPushButton, QSizePolicy,
                               QSpinBox, QTabWidget, QVBoxLayout, QWidget)

from desktop import settings
from desktop.app import autostart
from desktop.llm.catalog import DEFAULT_CONTEXT
from desktop.paths import runnel_home, user_models_dir
from desktop.ui import theme

# settings.json keys. A value equal to "automatic" is removed rather than stored, so
# a better default in a later version reaches users who never changed it. The llm_*
# keys are meant for LLMClient(n_threads, n_ctx) and its n_gpu_layers.
THREADS_KEY = "llm_threads"          # 0/absent: physical cores (client.default_threads)
GPU_LAYERS_KEY = "llm_gpu_layers"    # -1: all layers; absent: all where the build can offload
CONTEXT_KEY = "llm_context"          # absent: 4096, or less if the model was trained for less
PARALLEL_KEY = "watch_parallel_jobs"  # read by desktop.watch.service
THEME_KEY = "theme"

CONTEXT_CHOICES = (2048, 4096, 8192, 16384, 32768, 65536, 131072)


def physical_cores() -> int:
    return psutil.cpu_count(logical=False) or os.cpu_count() or 1


def gpu_offload_supported() -> bool:
    # asks the llama.cpp build (imported lazily: it is only needed when this dialog opens)
    from desktop.llm.client import gpu_offload_supported as supported

    return supported()


def _int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


class _Form:
    """Label | field rows on a grid. (QFormLayout gives word-wrapped notes twice the
    height they need, which leaves holes between the rows.)"""

    def __init__(self, grid: QGridLayout) -> None:
        self.grid = grid
        grid.setColumnStretch(1, 1)

    def addRow(self, label: str, field: QWidget | QLayout) -> None:  # noqa: N802 - as QFormLayout
        row = self.grid.rowCount()
        if label:
            text = QLabel(label)
            text.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.grid.addWidget(text, row, 0)
        if isinstance(field, QLayout):
            self.grid.addLayout(field, row, 1)
        else:
            self.grid.addWidget(field, row, 1, Qt.AlignmentFlag.AlignLeft
                                if field.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Fixed
                                else Qt.AlignmentFlag(0))


def _form_page() -> tuple[QWidget, _Form]:
    """A tab page: the rows at the top, notes as wide as the fields, spare room below."""
    page = QWidget()
    outer = QVBoxLayout(page)
    grid = QGridLayout()
    grid.setHorizontalSpacing(10)
    outer.addLayout(grid)
    outer.addStretch(1)
    return page, _Form(grid)


def _fixed(widget: QWidget) -> QWidget:
    """Spin boxes and combos keep their natural width instead of spanning the dialog."""
    widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return widget


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setEnabled(False)       # the palette's muted text colour, in both themes
    label.setContentsMargins(0, 0, 0, 8)     # air before the next setting
    return label


class PreferencesDialog(QDialog):
    """Model, Data and Appearance tabs; OK/Apply save to settings.json."""

    themeChanged = Signal(str)    # the application's theme was just changed (preview, Cancel, OK)
    applied = Signal()            # settings.json was written (OK or Apply)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setMinimumWidth(600)
        self._gpu = gpu_offload_supported()
        self._saved_theme = theme.current()

        self.tabs = QTabWidget()
        self.tabs.addTab(self._model_tab(), "Model")
        self.tabs.addTab(self._data_tab(), "Data")
        self.tabs.addTab(self._appearance_tab(), "Appearance")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.Apply)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self.load()

    # ------------------------------------------------------------ tabs

    def _model_tab(self) -> QWidget:
        page, form = _form_page()

        cores = physical_cores()
        self.threads_spin = QSpinBox()
        self.threads_spin.setRange(0, cores * 2)
        self.threads_spin.setSpecialValueText(f"Automatic (up to {cores}, fewer while other programs are busy)")
        self.threads_spin.setToolTip("CPU threads llama.cpp uses. Automatic gives it the cores other programs "
                                     "leave free, checked as it goes; a number here stays fixed whatever "
                                     "the load. More than the physical cores rarely helps.")
        form.addRow("CPU threads:", _fixed(self.threads_spin))

        self.gpu_spin = QSpinBox()
        self.gpu_spin.setRange(-1, 999)
        self.gpu_spin.setSpecialValueText("All layers")
        self.gpu_spin.setToolTip("How many of the model's layers run on the GPU; 0 keeps it on the CPU")
        form.addRow("GPU offload layers:", _fixed(self.gpu_spin))
        if not self._gpu:
            self.gpu_spin.setEnabled(False)
            form.addRow("", _note("This build of llama.cpp runs on the CPU only."))

        # presets rather than a free number: every choice is one llama.cpp handles well
        self.context_combo = QComboBox()
        self.context_combo.addItem(f"Automatic ({DEFAULT_CONTEXT:,} tokens)", 0)
        for n in CONTEXT_CHOICES:
            self.context_combo.addItem(f"{n:,} tokens", n)
        self.context_combo.setToolTip("Longer contexts hold longer documents but need more memory")
        form.addRow("Context length:", _fixed(self.context_combo))
        form.addRow("", _note("Never more than the model was trained for. A change applies the "
                              "next time a model is loaded."))
        return page

    def _data_tab(self) -> QWidget:
        page, form = _form_page()
        home = runnel_home()
        self.home_edit = QLineEdit(str(home))
        self.home_edit.setReadOnly(True)
        self.home_edit.setCursorPosition(0)
        self.home_edit.setMinimumWidth(320)
        open_button = QPushButton("Open")
        open_button.clicked.connect(lambda: self._open(str(runnel_home())))
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.home_edit, 1)
        row.addWidget(open_button)
        form.addRow("Data folder:", row)
        overridden = bool(os.environ.get("RUNNEL_HOME"))
        form.addRow("", _note(
            ("Set by the RUNNEL_HOME environment variable. " if overridden else "")
            + "It holds the run history, your workflows, imported models and settings. "
            "Start Runnel with RUNNEL_HOME set to use another folder."))
        models = QLineEdit(str(user_models_dir()))
        models.setReadOnly(True)
        models.setCursorPosition(0)
        form.addRow("Models folder:", models)

        self.parallel_spin = QSpinBox()
        self.parallel_spin.setRange(1, max(4, os.cpu_count() or 1))
        self.parallel_spin.setToolTip("How many files from watched folders are processed at the same time")
        form.addRow("Watched-folder jobs at once:", _fixed(self.parallel_spin))
        form.addRow("", _note("Steps that use the model still take turns; a change applies when "
                              "watching starts again."))

        self.autostart_check = QCheckBox("Start Runnel when I log in, minimised to the tray")
        why_not = autostart.supported()
        self.autostart_check.setEnabled(why_not is None)
        self.autostart_check.setToolTip(why_not or "Watched folders keep working in the background")
        form.addRow("Background:", self.autostart_check)
        return page

    def _appearance_tab(self) -> QWidget:
        page, form = _form_page()
        self.theme_combo = QComboBox()
        for name in theme.THEMES:
            self.theme_combo.addItem(name.capitalize(), name)
        self.theme_combo.currentIndexChanged.connect(self._preview_theme)
        form.addRow("Theme:", _fixed(self.theme_combo))
        form.addRow("", _note("Applied at once so you can see it; Cancel goes back."))
        return page

    # ------------------------------------------------------------ values

    def load(self) -> None:
        data = settings.load()
        self.threads_spin.setValue(max(0, _int(data.get(THREADS_KEY), 0)))
        auto_gpu = -1 if self._gpu else 0
        self.gpu_spin.setValue(_int(data.get(GPU_LAYERS_KEY), auto_gpu) if self._gpu else 0)
        context = max(0, _int(data.get(CONTEXT_KEY), 0))
        if self.context_combo.findData(context) < 0:      # set by hand in settings.json
            self.context_combo.addItem(f"{context:,} tokens", context)
        self.context_combo.setCurrentIndex(self.context_combo.findData(context))
        self.parallel_spin.setValue(max(1, _int(data.get(PARALLEL_KEY), 1)))
        name = data.get(THEME_KEY) or theme.current()
        index = self.theme_combo.findData(name)
        self.theme_combo.blockSignals(True)       # showing the stored value is not a preview
        self.theme_combo.setCurrentIndex(max(0, index))
        self.theme_combo.blockSignals(False)
        self.autostart_check.setChecked(autostart.supported() is None and autostart.is_enabled())

    def values(self) -> dict[str, object]:
        """What would be saved; None removes the key (the automatic value)."""
        values: dict[str, object] = {
            THREADS_KEY: self.threads_spin.value() or None,
            CONTEXT_KEY: self.context_combo.currentData() or None,
            PARALLEL_KEY: self.parallel_spin.value() if self.parallel_spin.value() != 1 else None,
            THEME_KEY: self.theme_combo.currentData(),
        }
        if self._gpu:       # without offload the spin box is disabled: leave the key alone
            gpu = self.gpu_spin.value()
            values[GPU_LAYERS_KEY] = gpu if gpu != -1 else None
        return values

    @Slot()
    def apply(self) -> None:
        values = self.values()
        settings.update(**values)
        if autostart.supported() is None and self.autostart_check.isChecked() != autostart.is_enabled():
            try:
                autostart.enable() if self.autostart_check.isChecked() else autostart.disable()
            except (OSError, autostart.AutostartError) as e:
                QMessageBox.warning(self, "Start at login", f"Could not change it: {e}")
        self._saved_theme = str(values[THEME_KEY])
        self._apply_theme(self._saved_theme)     # also when settings.json differed from the window
        self.applied.emit()

    def accept(self) -> None:
        self.apply()
        super().accept()

    def reject(self) -> None:
        # the theme was previewed live: Cancel puts the saved one back
        self._apply_theme(self._saved_theme)
        super().reject()

    @Slot(int)
    def _preview_theme(self, _index: int) -> None:
        self._apply_theme(self.theme_combo.currentData())

    def _apply_theme(self, name: str) -> None:
        """Restyle the whole application now; themeChanged lets custom-painted views
        (the canvas) pick their colours again."""
        if name == theme.current():
            return
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_theme(app, name)
        self.themeChanged.emit(name)

    @staticmethod
    def _open(path: str) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))

