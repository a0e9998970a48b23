"""The model manager: the GGUF models Runnel can use, what each needs, which one is the
default, and importing a model file from disk (copied in a thread, with progress)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QLabel,
                               QMenu, QMessageBox, QProgressBar, QPushButton, QStyle,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desktop import settings
from desktop.llm import catalog
from desktop.llm.catalog import Model, ModelError
from desktop.paths import user_models_dir
from desktop.ui import theme
from desktop.ui.preferences import CONTEXT_KEY

# Status sits by the name (read together); the numbers end the row, right-aligned
COLUMNS = ("Name", "Status", "Model", "Quantization", "Context", "Size", "Memory")
COL_NAME, COL_STATUS, COL_MODEL, COL_QUANT, COL_CTX, COL_SIZE, COL_MEM = range(len(COLUMNS))
_NUMERIC = (COL_CTX, COL_SIZE, COL_MEM)
_NAME_ROLE = Qt.ItemDataRole.UserRole
_CELL_PADDING = 20     # px of air added to fitted columns
_NAME_MAX = 380        # px: a longer file name is elided (the tooltip has it whole)


def human_size(n: int) -> str:
    """Decimal units, as file managers show them: 98362432 -> '98 MB'."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= scale:
            value = n / scale
            return f"{value:.1f} {unit}" if value < 10 and unit == "GB" else f"{value:.0f} {unit}"
    return f"{n} bytes"


def human_count(n: int) -> str:
    if n <= 0:
        return ""
    if n >= 1e9:
        return f"{n / 1e9:.1f}B"
    if n >= 1e6:
        return f"{n / 1e6:.0f}M"
    return f"{n / 1e3:.0f}K"


def configured_context(model: Model) -> int:
    """The context the worker will use for this model, from Preferences or the default."""
    try:
        requested = int(settings.get(CONTEXT_KEY) or 0) or None
    except (TypeError, ValueError):
        requested = None
    return model.context_for(requested)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


class ModelManager(QWidget):
    """Lists the catalog's models; import, set default, forget a crash, show in folder."""

    defaultChanged = Signal(str)
    # (ok, model name or the reason it failed); emitted in the GUI thread when an import ends
    importFinished = Signal(bool, str)
    _importDone = Signal(object, str)     # from the copy thread: (Model | None, error)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ready = False
        self._models: list[Model] = []
        self._default: str | None = None
        self._crashed: dict[str, dict] = {}
        self._importing: Path | None = None
        self._import_size = 0
        self._parts_before: set[Path] = set()

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # the others are fitted (with air) in refresh(); the name takes the spare width but
        # never less than it needs (up to a limit): a narrow window scrolls instead
        self.table.viewport().installEventFilter(self)
        for col in _NUMERIC:
            self.table.horizontalHeaderItem(col).setTextAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.set_selected_default())
        self.table.customContextMenuRequested.connect(self._context_menu)

        self.empty_label = QLabel("No models yet. Import a GGUF file, or run the set-up "
                                  "(bash packaging/setup.sh) to install the default model.")
        self.empty_label.setWordWrap(True)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.import_button = QPushButton("Import GGUF…")
        self.import_button.setToolTip("Copy a .gguf model file into Runnel's model folder")
        self.default_button = QPushButton("Set as default")
        self.default_button.setToolTip("AI steps that do not name a model use the default")
        self.forget_button = QPushButton("Forget crash")
        self.forget_button.setToolTip("This model crashed the inference worker; try it again")
        self.folder_button = QPushButton("Show in folder")
        self.refresh_button = QPushButton("Refresh")
        self.import_button.clicked.connect(self.choose_and_import)
        self.default_button.clicked.connect(self.set_selected_default)
        self.forget_button.clicked.connect(self.forget_selected_crash)
        self.folder_button.clicked.connect(self.show_selected_in_folder)
        self.refresh_button.clicked.connect(self.refresh)

        self.progress_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self._poll = QTimer(self)
        self._poll.setInterval(200)
        self._poll.timeout.connect(self._update_progress)
        self._importDone.connect(self._import_done)

        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.default_button)
        buttons.addWidget(self.forget_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)

        busy = QHBoxLayout()
        busy.addWidget(self.progress_label)
        busy.addWidget(self.progress, 1)
        self._busy_row = QWidget()
        self._busy_row.setLayout(busy)
        busy.setContentsMargins(0, 0, 0, 0)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.problems_label)
        layout.addWidget(self._busy_row)
        layout.addLayout(buttons)
        self._set_busy(False)
        self.refresh()
        self._ready = True

    # ------------------------------------------------------------ listing

    def models(self) -> list[Model]:
        return list(self._models)

    def selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), COL_NAME)
        return item.data(_NAME_ROLE) if item else None

    def select(self, name: str) -> bool:
        for row in range(self.table.rowCount()):
            if self.table.item(row, COL_NAME).data(_NAME_ROLE) == name:
                self.table.selectRow(row)
                return True
        return False

    def row_of(self, name: str) -> int:
        for row in range(self.table.rowCount()):
            if self.table.item(row, COL_NAME).data(_NAME_ROLE) == name:
                return row
        return -1

    @Slot()
    def refresh(self) -> None:
        keep = self.selected_name()
        self._models, problems = catalog.list_models()
        try:
            default = catalog.default_model().name
        except ModelError:
            default = None
        crashed = catalog.crashed_models()
        self._default, self._crashed = default, crashed
        warn_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        problem_colour = theme.canvas_colours(theme.current())["problem"]

        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self._models))
        for row, model in enumerate(self._models):
            info = model.info
            n_ctx = configured_context(model)
            need = model.memory_needed(n_ctx)
            fits = catalog.check_fits(model, n_ctx)
            crash = crashed.get(model.name)
            is_default = model.name == default

            cells = {
                COL_NAME: model.name,
                COL_MODEL: " · ".join(x for x in (human_count(info.parameter_count), info.architecture) if x),
                COL_QUANT: info.quantization,
                COL_CTX: f"{info.context_length:,}" if info.context_length else "—",
                COL_SIZE: human_size(info.file_size),
                COL_MEM: human_size(need),
            }
            for col, text in cells.items():
                item = QTableWidgetItem(text)
                if col in _NUMERIC:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
            name_item = self.table.item(row, COL_NAME)
            name_item.setData(_NAME_ROLE, model.name)
            name_item.setToolTip(f"{info.name}\n{model.path}")
            self.table.item(row, COL_CTX).setToolTip(
                f"Trained for {info.context_length:,} tokens; Runnel uses {n_ctx:,}")
            self.table.item(row, COL_MEM).setToolTip(
                f"About {human_size(need)} at a context of {n_ctx:,} tokens "
                f"({human_size(catalog.available_memory())} available now)")
            if is_default:
                font = QFont(name_item.font())
                font.setBold(True)
                name_item.setFont(font)

            status, tips = [], []
            if is_default:
                status.append("Default")
                tips.append("The model AI steps use when they do not name one")
            if crash:
                status.append("Crashed")
                tips.append(f"It crashed the inference worker: {crash.get('reason') or 'no reason recorded'}. "
                            "Runnel will not load it again until you choose Forget crash")
            if fits:
                status.append("Won't fit")
                tips.append(_sentence(fits[0].upper() + fits[1:]))
            status_item = QTableWidgetItem(" · ".join(status) if status else "Ready")
            status_item.setToolTip("\n".join(tips))
            if crash or fits:
                status_item.setIcon(warn_icon)
                status_item.setForeground(problem_colour)
            self.table.setItem(row, COL_STATUS, status_item)

        for col in range(1, len(COLUMNS)):
            self.table.resizeColumnToContents(col)
            self.table.setColumnWidth(col, self.table.columnWidth(col) + _CELL_PADDING)
        self._fit_name_column()
        self.empty_label.setVisible(not self._models)
        self.problems_label.setVisible(bool(problems))
        self.problems_label.setStyleSheet(f"color: {problem_colour.name()};")
        self.problems_label.setText("\n".join(f"Cannot read: {p}" for p in problems))
        if not (keep and self.select(keep)) and self._models:
            self.select(default or self._models[0].name)
        self._update_buttons()

    def _fit_name_column(self) -> None:
        others = sum(self.table.columnWidth(c) for c in range(len(COLUMNS)) if c != COL_NAME)
        needed = min(self.table.sizeHintForColumn(COL_NAME) + _CELL_PADDING, _NAME_MAX)
        self.table.setColumnWidth(COL_NAME, max(needed, self.table.viewport().width() - others, 120))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_name_column()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        # a theme switch: the warning colours are picked per theme
        if event.type() == QEvent.Type.PaletteChange and self._ready:
            self.refresh()
        super().changeEvent(event)

    def _model(self, name: str | None) -> Model | None:
        return next((m for m in self._models if m.name == name), None)

    @Slot()
    def _update_buttons(self) -> None:
        name = self.selected_name()
        model = self._model(name)
        self.default_button.setEnabled(model is not None and name != self._default)
        self.forget_button.setEnabled(name is not None and name in self._crashed)
        self.folder_button.setEnabled(model is not None)
        self.import_button.setEnabled(self._importing is None)
        self._show_details(model)

    def _show_details(self, model: Model | None) -> None:
        """The sentences that do not fit in a cell: where it is, and why it would fail."""
        if model is None:
            self.detail_label.clear()
            self.detail_label.hide()
            return
        lines = [f"{model.info.name} — {model.path}"]
        crash = self._crashed.get(model.name)
        if crash:
            lines.append(f"⚠ It crashed the inference worker ({crash.get('reason') or 'no reason recorded'}); "
                         "choose Forget crash to try it again.")
        fits = catalog.check_fits(model, configured_context(model))
        if fits:
            lines.append(f"⚠ {_sentence(fits[0].upper() + fits[1:])}")
        self.detail_label.setText("\n".join(lines))
        self.detail_label.show()

    def _context_menu(self, pos) -> None:
        if self.selected_name() is None:
            return
        menu = QMenu(self)
        for button in (self.default_button, self.forget_button, self.folder_button):
            action = menu.addAction(button.text(), button.click)
            action.setEnabled(button.isEnabled())
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # ------------------------------------------------------------ actions

    @Slot()
    def set_selected_default(self) -> None:
        name = self.selected_name()
        if name:
            self.set_default(name)

    def set_default(self, name: str) -> bool:
        try:
            model = catalog.set_default(name)
        except ModelError as e:
            QMessageBox.warning(self, "Default model", _sentence(str(e)))
            return False
        self.refresh()
        self.defaultChanged.emit(model.name)
        return True

    @Slot()
    def forget_selected_crash(self) -> None:
        name = self.selected_name()
        if name:
            catalog.forget_crash(name)
            self.refresh()

    @Slot()
    def show_selected_in_folder(self) -> None:
        model = self._model(self.selected_name())
        if model is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(model.path.parent)))

    # ------------------------------------------------------------ import

    @Slot()
    def choose_and_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import a GGUF model", str(Path.home()),
                                              "GGUF models (*.gguf);;All files (*)")
        if path:
            self.import_file(path)

    def is_importing(self) -> bool:
        return self._importing is not None

    def import_file(self, path: str | Path) -> bool:
        """Start copying a model in; True if the import started. The result arrives as
        importFinished (and a message box when it failed)."""
        source = Path(path).expanduser()
        if self._importing is not None:
            QMessageBox.information(self, "Import GGUF", f"{self._importing.name} is still being imported; "
                                    "wait until it is done.")
            return False
        try:
            self._import_size = source.stat().st_size
        except OSError as e:
            self._fail(source, f"the file cannot be read ({e.strerror or e})")
            return False
        self._importing = source
        models_dir = user_models_dir()
        self._parts_before = set(models_dir.glob(".import-*.part")) if models_dir.is_dir() else set()
        self.progress_label.setText(f"Importing {source.name}…")
        self._set_busy(True)
        # the copy of a multi-GB file takes minutes: never on the GUI thread
        threading.Thread(target=self._run_import, args=(source,), name="model-import", daemon=True).start()
        return True

    def _run_import(self, source: Path) -> None:
        model, error = None, ""
        try:
            model = catalog.import_model(source)
        except ModelError as e:
            error = str(e)
        except OSError as e:
            error = f"the file could not be copied ({e.strerror or e})"
        except Exception as e:  # noqa: BLE001 - the window must always hear back
            error = f"an unexpected error occurred ({type(e).__name__}: {e})"
        try:
            self._importDone.emit(model, error)   # queued to the GUI thread
        except RuntimeError:
            pass                                   # the window was closed meanwhile

    @Slot(object, str)
    def _import_done(self, model: Model | None, error: str) -> None:
        source = self._importing or Path("the file")
        self._importing = None
        self._set_busy(False)
        if model is None:
            self._fail(source, error)
            return
        self.refresh()
        self.select(model.name)
        self.importFinished.emit(True, model.name)

    def _fail(self, source: Path, reason: str) -> None:
        message = f"{source.name} was not imported: {_sentence(reason)}"
        self.importFinished.emit(False, message)
        QMessageBox.warning(self, "Import failed", message)

    def _set_busy(self, busy: bool) -> None:
        self._busy_row.setVisible(busy)
        self.import_button.setEnabled(not busy)
        if busy:
            self.progress.setRange(0, 0)      # indeterminate until the copy shows up
            self._poll.start()
        else:
            self._poll.stop()

    @Slot()
    def _update_progress(self) -> None:
        """import_model copies into a hidden .part file: its size is the progress."""
        folder = user_models_dir()
        parts = [p for p in folder.glob(".import-*.part") if p not in self._parts_before] \
            if folder.is_dir() else []
        if not parts or self._import_size <= 0:
            return
        try:
            done = max(p.stat().st_size for p in parts)
        except OSError:
            return                              # renamed into place between glob and stat
        self.progress.setRange(0, 1000)
        self.progress.setValue(int(1000 * min(done, self._import_size) / self._import_size))
        name = self._importing.name if self._importing else ""
        self.progress_label.setText(f"Importing {name}… {human_size(done)} of {human_size(self._import_size)}")
