"""The Privacy page: what Runnel does and does not do with your data, a check you can
run (desktop.privacy: a real workflow with the network blocked), and the export of a
run's audit record (desktop.audit_export)."""

from __future__ import annotations

import html
import re
import threading
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox,
                               QFileDialog, QGroupBox, QHBoxLayout, QLabel, QListWidget,
                               QProgressBar, QPushButton, QSizePolicy, QVBoxLayout, QWidget)

from desktop import privacy
from desktop.engine.context import CancelToken
from desktop.paths import DataFolderError, runnel_home
from desktop.store.runs import RunStore
from desktop.ui import theme

RECENT_RUNS = 50

STATEMENT = """
<p>Runnel works on this computer only. Your documents, the prompts made from them and
the model's answers never leave it.</p>
<ul>
<li><b>No network calls.</b> Reading, extracting, the language model and filing all run
locally; no step sends anything anywhere.</li>
<li><b>No telemetry.</b> No usage statistics, crash reports or analytics are collected
or sent.</li>
<li><b>No update checks.</b> Runnel never contacts a server to look for new versions.</li>
<li><b>Models only from files you import.</b> The language model runs in a separate
process on this computer, from a model file installed with Runnel or one you imported.
Nothing is downloaded while you work.</li>
</ul>
"""

CHECK_TEXT = ("Don't take our word for it: the check runs the “Invoice to records” example on "
              "a sample invoice, using the language model, with the network blocked in Runnel "
              "and in its model process, and lists every attempt to open a network connection. "
              "Its files go to a temporary folder that is removed afterwards.")
EXPORT_TEXT = ("Everything Runnel recorded about a run, as a JSON file: the SHA-256 of its input "
               "file, workflow and model file, each step's inputs and outputs, the model "
               "requests (prompt digests and settings), approvals and the files it changed.")


class _Relay(QObject):
    """Carries a background thread's result to the GUI thread (a queued signal)."""
    done = Signal(object, object)          # result, exception


def run_in_background(parent: QObject, fn: Callable[[], Any],
                      on_done: Callable[[Any, BaseException | None], None]) -> threading.Thread:
    """Call `fn` on a thread; `on_done(result, error)` runs later on the GUI thread."""
    relay = _Relay(parent)

    def finished(result: Any, error: BaseException | None) -> None:
        relay.deleteLater()
        on_done(result, error)

    relay.done.connect(finished)

    def work() -> None:
        try:
            result, error = fn(), None
        except Exception as e:           # shown to the user, never lost in a thread
            result, error = None, e
        try:
            relay.done.emit(result, error)
        except RuntimeError:
            pass                         # the window went away meanwhile
    thread = threading.Thread(target=work, name="runnel-background", daemon=True)
    thread.start()
    return thread


def suggested_export_name(run: dict[str, Any]) -> str:
    stem = re.sub(r"[^\w.-]+", "-", (run.get("workflow_name") or "run").lower()).strip("-.")
    return f"{stem or 'run'}-{run['id'][:8]}-audit.json"


def ask_and_export(parent: QWidget, store: RunStore, run: dict[str, Any],
                   on_done: Callable[[bool, str], None]) -> bool:
    """Ask where to save `run`'s audit record, then write it on a background thread
    (hashing a large model file the first time takes seconds). False: cancelled."""
    from desktop.audit_export import write_export

    path, _filter = QFileDialog.getSaveFileName(
        parent, "Export audit record", str(Path.home() / suggested_export_name(run)),
        "JSON files (*.json);;All files (*)")
    if not path:
        return False
    target = Path(path)
    if not target.suffix:
        target = target.with_suffix(".json")

    def done(result: Any, error: BaseException | None) -> None:
        if error is None:
            on_done(True, f"Saved the audit record of this run to {result}.")
        elif isinstance(error, OSError):
            on_done(False, f"The audit record could not be saved to {target}: "
                           f"{error.strerror or error}.")
        else:
            on_done(False, f"The audit record could not be exported: {error}")

    run_in_background(parent, lambda: write_export(store, run["id"], target), done)
    return True


def _heading(text: str, scale: float = 1.0) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def _wrapped(text: str, muted: bool = False, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if muted:
        label.setEnabled(False)          # the palette's muted text colour, in both themes
    return label


class PrivacyPage(QDialog):
    """Help ▸ Privacy…: the statement, the check, the audit export."""

    checkFinished = Signal(bool, str)      # passed?, what the result line says
    exportFinished = Signal(bool, str)     # written?, the message shown

    def __init__(self, parent: QWidget | None = None, store: RunStore | None = None):
        super().__init__(parent)
        self.store = store
        self.last_report: privacy.PrivacyReport | None = None
        self._cancel: CancelToken | None = None
        self._fitted = -1                     # the height _fit last set
        self.setWindowTitle("Privacy")
        self.setMinimumWidth(620)
        self._build()
        self.refresh_runs()

    # ---------------------------------------------------------------- layout

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(_heading("Your documents stay on this computer", 1.25))
        self.statement_label = _wrapped(STATEMENT, rich=True)
        self.statement_label.setAccessibleName("What Runnel does with your data")
        layout.addWidget(self.statement_label)

        try:
            home = str(runnel_home())
        except DataFolderError as e:
            home = str(e)
        self.home_label = _wrapped("", rich=True)
        self.home_label.setText(
            "Run history, workflows, models and settings are kept in your data folder:"
            f"<br><b>{html.escape(home)}</b>")
        self.home_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.home_label.setToolTip(home)
        self.open_home_button = QPushButton("Open folder")
        self.open_home_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(home)))
        home_row = QHBoxLayout()
        home_row.addWidget(self.home_label, 1)
        home_row.addWidget(self.open_home_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(home_row)

        # the check
        check_box = QGroupBox("Check it yourself")
        box = QVBoxLayout(check_box)
        box.addWidget(_wrapped(CHECK_TEXT))
        self.check_button = QPushButton("Run the privacy check")
        self.check_button.setAccessibleName("Run the privacy check")
        self.check_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)                      # busy, no percentage
        self.busy.setTextVisible(False)
        self.busy.setFixedWidth(140)
        self.busy.setAccessibleName("Privacy check running")
        self.busy.hide()
        self.busy_label = QLabel("Running with the network blocked…")
        self.busy_label.setEnabled(False)              # muted text
        self.busy_label.hide()
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addWidget(self.busy)
        row.addWidget(self.busy_label, 1)
        row.addStretch(0)
        box.addLayout(row)
        self.result_label = _wrapped("", rich=True)
        self.result_label.setAccessibleName("Privacy check result")
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        box.addWidget(self.result_label)
        self.attempts_list = QListWidget()
        self.attempts_list.setAccessibleName("Refused network attempts")
        self.attempts_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.attempts_list.hide()
        box.addWidget(self.attempts_list)
        layout.addWidget(check_box)

        # the audit export
        export_box = QGroupBox("Audit record of a run")
        ebox = QVBoxLayout(export_box)
        ebox.addWidget(_wrapped(EXPORT_TEXT))
        self.run_combo = QComboBox()
        self.run_combo.setAccessibleName("Run to export")
        self.run_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.run_combo.setMinimumContentsLength(30)
        self.export_button = QPushButton("Export a run's audit record…")
        self.export_button.setAccessibleName("Export a run's audit record")
        erow = QHBoxLayout()
        run_label = QLabel("&Run:")
        run_label.setBuddy(self.run_combo)
        erow.addWidget(run_label)
        erow.addWidget(self.run_combo, 1)
        erow.addWidget(self.export_button)
        ebox.addLayout(erow)
        self.export_label = _wrapped("")
        self.export_label.setAccessibleName("Audit export result")
        self.export_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_label.hide()
        ebox.addWidget(self.export_label)
        layout.addWidget(export_box)

        layout.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.check_button.clicked.connect(self.run_check)
        self.export_button.clicked.connect(lambda: self.export_audit())

    # ---------------------------------------------------------------- the check

    def run_check(self) -> None:
        """Start the check on a background thread; checkFinished tells the outcome."""
        if self._cancel is not None:
            return                                     # one at a time
        self._cancel = cancel = CancelToken()
        self.check_button.setEnabled(False)
        self.busy.show()
        self.busy_label.show()
        self.result_label.hide()
        self.attempts_list.hide()
        run_in_background(self, lambda: privacy.check(cancel=cancel), self._check_done)

    def _check_done(self, report: privacy.PrivacyReport | None, error: BaseException | None) -> None:
        self._cancel = None
        self.check_button.setEnabled(True)
        self.busy.hide()
        self.busy_label.hide()
        if error is not None or report is None:
            ok, text = False, f"The privacy check could not run. {error}"
            lines: list[str] = []
        else:
            self.last_report = report
            ok, text, lines = report.ok, report.summary(), report.socket_attempts
        # the verdict (the first sentence) in colour and bold, the details as plain text
        colour = theme.status_colour("done" if ok else "failed").name()
        verdict, _, details = text.partition(". ")
        if not details:
            verdict = text.removesuffix(".")
        mark = "✔" if ok else "✖"
        self.result_label.setText(f'<b style="color: {colour}">{mark} {html.escape(verdict)}.</b> '
                                  + html.escape(details))
        self.result_label.show()
        self.attempts_list.clear()
        self.attempts_list.addItems(lines)
        self.attempts_list.setVisible(bool(lines))
        if lines:                      # as tall as its lines, up to seven
            rows = min(len(lines), 7)
            self.attempts_list.setFixedHeight(self.attempts_list.sizeHintForRow(0) * rows
                                              + 2 * self.attempts_list.frameWidth() + 4)
        self._fit()
        self.checkFinished.emit(ok, "\n".join([text, *lines]))

    # ---------------------------------------------------------------- the export

    def refresh_runs(self) -> None:
        """The recent runs, newest first (the first one is chosen)."""
        from desktop.ui.history import file_name, human_time, status_icon, status_text

        keep = self.run_combo.currentData()
        self.run_combo.clear()
        runs = self.store.recent_runs(RECENT_RUNS) if self.store is not None else []
        for r in runs:
            # the status as the coloured dot History uses; its word in the tooltip
            self.run_combo.addItem(status_icon(r["status"]),
                                   f"{human_time(r['started_at'])} · {r['workflow_name'] or 'Workflow'}"
                                   f" · {file_name(r['input_path'])}", r["id"])
            self.run_combo.setItemData(self.run_combo.count() - 1,
                                       f"{status_text(r['status'])} · run {r['id']}",
                                       Qt.ItemDataRole.ToolTipRole)
        if keep is not None and self.run_combo.findData(keep) >= 0:
            self.run_combo.setCurrentIndex(self.run_combo.findData(keep))
        has_runs = bool(runs)
        self.run_combo.setEnabled(has_runs)
        self.export_button.setEnabled(has_runs)
        if not has_runs:
            self.run_combo.addItem("No runs yet" if self.store is not None else "No run history is open")
            self.export_button.setToolTip("Run a workflow first; its record can then be exported")
        else:
            self.export_button.setToolTip("Save the selected run's audit record as a JSON file")

    def export_audit(self, run_id: str | None = None) -> bool:
        """Export a run's record (`run_id`, else the chosen run, else the newest): asks
        where to save it. False when there is nothing to export or it was cancelled."""
        if self.store is None:
            return False
        from desktop.audit_export import AuditExportError, resolve_run

        wanted = run_id or self.run_combo.currentData()
        if wanted:
            try:
                run = resolve_run(self.store, wanted)
            except AuditExportError as e:
                self._export_message(False, f"There is no run to export: {e}.")
                return False
        else:
            newest = self.store.recent_runs(1)
            if not newest:
                self._export_message(False, "There is no run to export yet.")
                return False
            run = newest[0]
        self.export_button.setEnabled(False)
        started = ask_and_export(self, self.store, run, self._export_done)
        if started:
            self.export_label.setText("Exporting…")
            self.export_label.setStyleSheet("")
            self.export_label.show()
        else:
            self.export_button.setEnabled(True)
        return started

    def _export_done(self, ok: bool, text: str) -> None:
        self.export_button.setEnabled(True)
        self._export_message(ok, text)

    def _export_message(self, ok: bool, text: str) -> None:
        self.export_label.setText(text)
        colour = theme.status_colour("done" if ok else "failed").name()
        self.export_label.setStyleSheet(f"color: {colour};")
        self.export_label.show()
        self._fit()
        self.exportFinished.emit(ok, text)

    def _fit(self) -> None:
        """Fit the height to a new message: wrapped text would otherwise be squeezed.
        A height the user chose is only ever grown."""
        layout = self.layout()
        layout.invalidate()                   # the labels' cached heights are stale
        layout.activate()
        needed = self.heightForWidth(self.width())
        if needed > self.height() or self.height() == self._fitted:
            self.resize(self.width(), needed)
            self._fitted = needed

    # ---------------------------------------------------------------- Qt

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh_runs()              # runs may have finished since it was built
            self._fit()

    def done(self, result: int) -> None:
        if self._cancel is not None:
            self._cancel.cancel()            # closing stops a check that is still running
        super().done(result)
