"""The panel under the canvas: what the run is doing (step by step, the model's
tokens as they come), the data of the selected step, and the workflow's problems."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QProgressBar, QTabWidget, QVBoxLayout, QWidget)

from desktop.engine.events import RunFinished, StepLog, StepProgress, StepStatusChanged
from desktop.engine.validate import Problem
from desktop.ui.data_view import DataView
from desktop.ui.theme import mono_font, status_colour


NO_STEP_TEXT = "Click a step on the canvas to see what went in and what came out."


class RunPanel(QWidget):
    problemActivated = Signal(str)        # node id
    folderProblemActivated = Signal(str)  # the declared folder's name

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.status = QLabel("Ready. Drop a file on the window, or press Run and pick one.")
        self.status.setAccessibleName("Run status")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.elapsed = QLabel()
        self.speed = QLabel()
        self.speed.setAccessibleName("Model speed")
        head = QHBoxLayout()
        head.setContentsMargins(8, 4, 8, 0)
        head.addWidget(self.status, 1)
        head.addWidget(self.speed)
        head.addWidget(self.elapsed)
        head.addWidget(self.progress)

        self.output = QPlainTextEdit(readOnly=True)
        self.output.setFont(mono_font())
        self.output.setMaximumBlockCount(5000)
        self.output.setAccessibleName("Run output")
        self.output.setPlaceholderText("Each step's progress and the model's words appear here while a run goes.")

        self.node_label = QLabel(NO_STEP_TEXT)
        self.shown_node: str | None = None           # whose data the Step data tab shows
        self.node_label.setWordWrap(True)
        self.port_choice = QComboBox()
        self.port_choice.setAccessibleName("Input or output to show")
        self.port_choice.currentIndexChanged.connect(self._show_port)
        self.data = DataView()
        data_tab = QWidget()
        data_layout = QVBoxLayout(data_tab)
        row = QHBoxLayout()
        row.addWidget(self.node_label, 1)
        row.addWidget(self.port_choice)
        data_layout.addLayout(row)
        data_layout.addWidget(self.data, 1)

        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems")
        self.problems.itemActivated.connect(self._problem_activated)
        self.problems.itemDoubleClicked.connect(self._problem_activated)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.output, "Output")
        self.tabs.addTab(data_tab, "Step data")
        self.tabs.addTab(self.problems, "Problems")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)

        self._ports: list[tuple[str, Any]] = []
        self._stream_node: str | None = None
        self._started = 0.0
        self._clock = QTimer(self, interval=500)
        self._clock.timeout.connect(self._tick)

    # ------------------------------------------------------------ a run

    def run_started(self, title: str) -> None:
        self.output.clear()
        self._stream_node = None
        self.speed.clear()
        self._started = time.monotonic()
        self.status.setText(title)
        self.progress.setRange(0, 0)         # busy: a step's length is not known ahead
        self.progress.show()
        self._clock.start()
        self._tick()
        self.tabs.setCurrentIndex(0)

    def _tick(self) -> None:
        self.elapsed.setText(f"{time.monotonic() - self._started:.0f} s")

    def _line(self, text: str) -> None:
        self._stream_node = None
        self.output.appendPlainText(text)

    def step_status(self, event: StepStatusChanged) -> None:
        if event.status == "queued":
            return
        detail = ""
        if event.duration is not None and event.status in ("done", "failed"):
            detail = f" in {event.duration:.2f} s"
        if event.tokens_out:
            detail += f", {event.tokens_out} tokens"
        if event.branch:
            detail += f", took '{event.branch}'"
        line = f"{event.node_id}: {event.status}{detail}"
        if event.error:
            line += f"\n    {event.error}"
        self._line(line)
        if event.status == "running":
            self.status.setText(f"Running {event.node_id}…")
            self.progress.setRange(0, 0)     # busy until the step says how far it is

    def step_progress(self, event: StepProgress) -> None:
        """How far a long step is ("OCR: page 4 of 300"): in the status line, and the bar
        fills when the step knows its fraction."""
        if event.message:
            self.status.setText(f"Running {event.node_id}: {event.message}")
        if event.fraction is not None:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(max(0.0, min(1.0, event.fraction)) * 1000))

    def tokens(self, node_id: str, text: str) -> None:
        cursor = self.output.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if self._stream_node != node_id:
            cursor.insertText(f"\n{node_id} ▸ ")
            self._stream_node = node_id
        cursor.insertText(text)
        self.output.setTextCursor(cursor)
        self.output.ensureCursorVisible()

    def show_speed(self, speed: Any) -> None:
        """How fast the model generates (a desktop.llm.client.Speed); said plainly when
        other programs slow it down."""
        self.speed.setText(speed.describe() if speed.tokens else "")
        self.speed.setStyleSheet(f"color: {status_colour('waiting').name()};" if speed.slowed else "")
        self.speed.setToolTip(f"{speed.threads} CPU thread{'s' if speed.threads != 1 else ''}; other "
                              f"programs keep {speed.busy:.1f} of this computer's cores busy")

    def show_loading(self, loading: Any) -> None:
        """A model loading before a step can go on (a desktop.llm.client.Loading): the
        status says why it waits, the log keeps how long it took."""
        if not loading.done:
            self._before_loading = self.status.text()
            self.status.setText(loading.describe())
            self._line(loading.describe())
            return
        if self.status.text().startswith("Loading the model"):
            self.status.setText(getattr(self, "_before_loading", "") or "Running…")
        self._line(loading.describe())

    def log(self, event: StepLog) -> None:
        if event.level in ("warning", "error"):
            self._line(f"{event.node_id or 'run'} {event.level}: {event.message}")

    def run_finished(self, event: RunFinished) -> None:
        self._clock.stop()
        self._tick()
        self.progress.hide()
        words = {"done": "Finished", "failed": "Failed", "cancelled": "Stopped",
                 "waiting": "Waiting for an approval: open Review (Ctrl+Shift+A) to decide"}
        text = words.get(event.status, event.status.capitalize())
        if event.error:
            where = f" at '{event.failed_node}'" if event.failed_node else ""
            text += f"{where}: {event.error}"
        self.status.setText(text)
        colour = status_colour(event.status).name()
        self.status.setStyleSheet(f"color: {colour};" if event.status != "done" else "")
        self._line(f"— {text}")

    def message(self, text: str) -> None:
        self.status.setStyleSheet("")
        self.status.setText(text)

    def reset(self, text: str) -> None:
        """Another workflow is open: nothing of the last one stays (its log, its clock,
        the data of its steps)."""
        self._clock.stop()
        self.progress.hide()
        self.elapsed.clear()
        self.speed.clear()
        self.output.clear()
        self._stream_node = None
        self.clear_node_data()
        self.message(text)

    # ------------------------------------------------------------ a step's data

    def clear_node_data(self) -> None:
        """No step selected (or the one shown is gone): say how to see one."""
        self.shown_node = None
        self.node_label.setText(NO_STEP_TEXT)
        self._ports = []
        self.port_choice.blockSignals(True)
        self.port_choice.clear()
        self.port_choice.blockSignals(False)
        self.port_choice.hide()
        self.data.show_value(None, "")

    def show_node_data(self, node_id: str, status: str | None, inputs: dict[str, Any],
                       outputs: dict[str, Any], error: str | None = None) -> None:
        self.shown_node = node_id
        head = f"<b>{node_id}</b>" + (f" — {status}" if status else " — not run yet")
        if error:
            head += f"<br><span style='color:{status_colour('failed').name()}'>{error}</span>"
        self.node_label.setText(head)
        self._ports = [(f"in: {k}", v) for k, v in inputs.items()] + \
                      [(f"out: {k}", v) for k, v in outputs.items()]
        self.port_choice.blockSignals(True)
        self.port_choice.clear()
        self.port_choice.addItems([name for name, _ in self._ports])
        # the first output is usually what the user wants to see
        first_out = next((i for i, (n, _) in enumerate(self._ports) if n.startswith("out:")), 0)
        self.port_choice.setCurrentIndex(first_out if self._ports else -1)
        self.port_choice.blockSignals(False)
        self.port_choice.setVisible(bool(self._ports))
        self._show_port()

    def _show_port(self) -> None:
        i = self.port_choice.currentIndex()
        if 0 <= i < len(self._ports):
            self.data.show_value(self._ports[i][1], "")
        else:
            self.data.show_value(None, "")

    # ------------------------------------------------------------ problems

    def set_problems(self, problems: list[Problem]) -> None:
        self.problems.clear()
        for p in problems:
            where = f"{p.node}: " if p.node else ""
            item = QListWidgetItem(f"⚠ {where}{p.message}")
            item.setData(Qt.ItemDataRole.UserRole, p.node)
            item.setData(Qt.ItemDataRole.UserRole + 1, p.folder)
            self.problems.addItem(item)
        n = len(problems)
        self.tabs.setTabText(2, f"Problems ({n})" if n else "Problems")

    def _problem_activated(self, item: QListWidgetItem) -> None:
        node = item.data(Qt.ItemDataRole.UserRole)
        folder = item.data(Qt.ItemDataRole.UserRole + 1)
        if node:
            self.problemActivated.emit(node)
        elif folder:
            self.folderProblemActivated.emit(folder)
