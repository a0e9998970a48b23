"""The main window: workflow library and step palette on the left, the canvas in the
middle with the run panel under it, the inspector on the right; toolbar, menus and
status bar. It wires the panels to the editor (edits) and the run service (runs).

What the window does is kept by what it holds: opening and saving its workflow
(window_files.py), starting and following runs (window_runs.py) and its secondary
windows (window_views.py) are mixed into MainWindow; this file builds the window, its
actions and status bar, and keeps the panels in step with the selection."""

from __future__ import annotations

import sys

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QApplication, QDialog, QLabel, QMainWindow, QMessageBox,
                               QSplitter, QTabWidget, QVBoxLayout, QWidget)

from desktop.app.run_service import RunService
from desktop.engine.events import StepStatusChanged
from desktop.engine.registry import Registry
from desktop.ui.editor import Editor
from desktop.ui.folders_panel import FoldersPanel
from desktop.ui.inspector import Inspector
from desktop.ui.library import WorkflowLibrary
from desktop.ui.node_list import ConnectDialog, NodeList
from desktop.ui.palette import StepPalette
from desktop.ui.run_panel import RunPanel
from desktop.ui.undo_actions import refresh_tips, undo_redo_actions
from desktop.ui.window_files import WorkflowFiles
from desktop.ui.window_runs import WindowRuns
from desktop.ui.window_views import WindowViews


class MainWindow(WorkflowFiles, WindowRuns, WindowViews, QMainWindow):
    runFinished = Signal(object)          # RunResult | None: the editor's run ended (tests wait on it)

    def __init__(self, registry: Registry, service: RunService, settings: QSettings | None = None):
        super().__init__()
        self.registry = registry
        self.service = service
        self.settings = settings or QSettings("Runnel", "Runnel")
        self.last_inputs: list[Path] = []
        self.history_window: QWidget | None = None
        self.review_window: Any = None
        self._waiting_run: str | None = None      # the editor's run, while it waits for a person
        self.tray = None                     # set by the application when it has one
        self._quitting = False
        self._statuses: dict[str, StepStatusChanged] = {}
        self._run_id: str | None = None
        self.setWindowTitle("Runnel")
        self.setAcceptDrops(True)
        self.resize(1360, 840)

        self.editor = Editor(registry)
        self.library = WorkflowLibrary()
        self.palette = StepPalette(registry)
        self.inspector = Inspector()
        self.node_list = NodeList()
        self.folders_panel = FoldersPanel(self.editor)
        self.run_panel = RunPanel()
        self._build_layout()
        self._build_actions()
        self._build_status_bar()
        self._connect()
        self._restore_layout()
        self._update_title()
        self._selection_changed(None)

    # ------------------------------------------------------------ building

    def _build_layout(self) -> None:
        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("left")
        left.addWidget(_titled("Workflows", self.library))
        left.addWidget(_titled("Steps", self.palette))
        left.setSizes([320, 480])
        centre = QSplitter(Qt.Orientation.Vertical)
        centre.setObjectName("centre")
        centre.addWidget(self.editor)
        centre.addWidget(self.run_panel)
        centre.setStretchFactor(0, 3)
        centre.setSizes([600, 220])
        self.side_tabs = QTabWidget()
        self.side_tabs.addTab(self.inspector, "Options")
        self.side_tabs.addTab(self.node_list, "Step list")
        self.side_tabs.addTab(self.folders_panel, "Folders")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main")
        self.splitter.addWidget(left)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.side_tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 760, 340])
        self._splitters = [self.splitter, left, centre]
        self.setCentralWidget(self.splitter)

    def _action(self, text: str, slot: Any, shortcut: Any = None, tip: str = "",
                checkable: bool = False, canvas_only: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{text.replace('&', '').rstrip('…')}: {tip}"
                              + (f" ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                                 if shortcut is not None else ""))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        if canvas_only:
            # Delete, copy and paste act on the canvas only; elsewhere keys do their usual job
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.editor.view.addAction(action)
            self.node_list.addAction(action)
        return action

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        a = self._action
        self.act_new = a("&New", self.new_workflow, K.New, "start a new workflow")
        self.act_open = a("&Open…", self.open_dialog, K.Open, "open a workflow file")
        self.act_save = a("&Save", self.save, K.Save, "save the workflow")
        self.act_save_as = a("Save &As…", self.save_as, K.SaveAs, "save under another name")
        self.act_quit = a("&Quit", self.quit_app, K.Quit)
        self.act_undo, self.act_redo = undo_redo_actions(self.editor.undo_stack, self)
        self.act_undo.setShortcuts(QKeySequence.keyBindings(K.Undo))
        self.act_redo.setShortcuts(_with(QKeySequence.keyBindings(K.Redo),
                                         [] if sys.platform == "darwin" else ["Ctrl+Y", "Ctrl+Shift+Z"]))
        refresh_tips(self.editor.undo_stack, self.act_undo, self.act_redo)
        self.act_cut = a("Cu&t", self.editor.cut, K.Cut, canvas_only=True)
        self.act_copy = a("&Copy", self.editor.copy, K.Copy, canvas_only=True)
        self.act_paste = a("&Paste", self.editor.paste, K.Paste, canvas_only=True)
        self.act_duplicate = a("D&uplicate", self.editor.duplicate, "Ctrl+D", "copy the selected steps",
                               canvas_only=True)
        self.act_delete = a("&Delete", self.editor.delete_selected,
                            [QKeySequence(K.Delete), QKeySequence("Backspace")],
                            "delete the selected steps and links", canvas_only=True)
        self.act_select_all = a("Select &All", self.editor.select_all, K.SelectAll, canvas_only=True)
        self.act_connect = a("&Connect…", self.connect_dialog, "Ctrl+L",
                             "link the selected step's output to another step, by keyboard")
        self.act_add = a("Add &Step…", self.palette.focus_search, "Ctrl+K",
                         "find a step in the palette; Enter adds it")
        self.act_fit = a("&Fit to View", self.editor.view.fit, "Ctrl+0", "show the whole workflow")
        self.act_zoom_in = a("Zoom &In", lambda: self.editor.view.zoom_by(1.2), K.ZoomIn)
        self.act_zoom_out = a("Zoom &Out", lambda: self.editor.view.zoom_by(1 / 1.2), K.ZoomOut)
        self.act_tidy = a("&Tidy Layout", self.editor.tidy, "Ctrl+Shift+L", "lay the steps out in columns")
        self.act_focus_canvas = a("Focus &Canvas", lambda: self.editor.view.setFocus(), "F6")
        self.act_run = a("&Run…", self.run, "Ctrl+R",
                         "run the workflow on a file (drop files on the window to run them)")
        self.act_run_on = a("Run on &File…", lambda: self.run(ask=True), "Ctrl+Shift+R",
                            "choose the file to run on")
        self.act_dry = a("&Dry Run", lambda: self.run(dry_run=True), "Ctrl+Shift+D",
                         "run without changing any file: steps report what they would do")
        self.act_rerun_from = a("Re-run From &Step", self.rerun_from_selected, "Ctrl+Shift+E",
                                "run the selected step and what follows again; the rest comes from the cache")
        self.act_stop = a("S&top", self.service.stop, "Ctrl+.", "stop the run at once")
        self.act_stop.setEnabled(False)
        self.act_watch = a("&Watch Folders", self.toggle_watch, None,
                           "process files that land in the folders your saved workflows watch",
                           checkable=True)
        self.act_history = a("&History", self.show_history, "Ctrl+H", "past runs, their data and undo")
        self.act_review = a("Re&view", self.show_review, "Ctrl+Shift+A",
                            "what waits for your decision: records to check, approvals")
        self.act_models = a("&Models…", self.show_models, "Ctrl+M", "local models: import, default")
        # Linux desktops bind no key to Preferences; Ctrl+, is what the README promises
        self.act_prefs = a("&Preferences…", self.show_preferences,
                           _with(QKeySequence.keyBindings(K.Preferences), ["Ctrl+,"]))
        self.act_keys = a("&Keyboard Shortcuts", self.show_shortcuts, K.HelpContents)
        self.act_privacy = a("&Privacy…", self.show_privacy, None,
                             "what Runnel does with your data, and a check you can run")

        bar = self.menuBar()
        m = bar.addMenu("&File")
        m.addActions([self.act_new, self.act_open])
        self.recent_menu = m.addMenu("Open &Recent")
        m.addActions([self.act_save, self.act_save_as])
        m.addSeparator()
        m.addAction(self.act_prefs)
        m.addSeparator()
        m.addAction(self.act_quit)
        m = bar.addMenu("&Edit")
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_duplicate, self.act_delete,
                      self.act_select_all])
        m.addSeparator()
        m.addActions([self.act_add, self.act_connect])
        m = bar.addMenu("&View")
        m.addActions([self.act_fit, self.act_zoom_in, self.act_zoom_out, self.act_tidy, self.act_focus_canvas])
        m.addSeparator()
        m.addActions([self.act_review, self.act_history, self.act_models])
        m = bar.addMenu("&Run")
        m.addActions([self.act_run, self.act_run_on, self.act_dry, self.act_rerun_from, self.act_stop])
        m.addSeparator()
        m.addAction(self.act_watch)
        # the tray's quick actions, also here for desktops without a tray
        self.quick_menu = m.addMenu("&Quick Actions")
        self.quick_menu.aboutToShow.connect(self._fill_quick_menu)
        m = bar.addMenu("&Help")
        m.addActions([self.act_keys, self.act_privacy])

        tb = self.addToolBar("Main")
        tb.setObjectName("toolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tb.addActions([self.act_new, self.act_open, self.act_save])
        tb.addSeparator()
        tb.addActions([self.act_undo, self.act_redo])
        tb.addSeparator()
        tb.addActions([self.act_run, self.act_dry, self.act_stop])
        tb.addSeparator()
        tb.addActions([self.act_watch, self.act_review, self.act_history, self.act_models])
        tb.addSeparator()
        tb.addActions([self.act_fit, self.act_tidy])
        # Review shows how many wait ("Review (3)"): room for two digits from the start,
        # so the buttons after it stay put as approvals come and go
        review = tb.widgetForAction(self.act_review)
        self._show_pending(99)
        review.setMinimumWidth(review.sizeHint().width())
        self._show_pending(0)
        self.toolbar = tb
        self._refresh_recent()

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.model_label = QLabel()
        self.speed_label = QLabel()           # tokens/s while a model generates
        self.speed_label.setAccessibleName("Model speed")
        self.queue_label = QLabel()
        self.watch_label = QLabel("Watching off")
        for w in (self.watch_label, self.queue_label, self.speed_label, self.model_label):
            w.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(w)
        self._status_timer = QTimer(self, interval=1000)     # a decision made elsewhere shows soon
        self._status_timer.timeout.connect(self._refresh_status)
        self._status_timer.start()
        self._refresh_status()

    def _connect(self) -> None:
        ed = self.editor
        ed.selectionChanged.connect(self._selection_changed)
        ed.modifiedChanged.connect(lambda _: self._update_title())
        ed.problemsChanged.connect(self._problems_changed)
        ed.workflowChanged.connect(self._workflow_changed)
        ed.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.palette.stepActivated.connect(lambda step: ed.add_step(step))
        self.library.openRequested.connect(self._open_from_library)
        self.library.workflowCreated.connect(lambda path: self.open(Path(path)))
        self.library.workflowRenamed.connect(self._renamed)
        self.library.workflowDeleted.connect(self._deleted)
        self.inspector.paramEdited.connect(ed.set_param)
        self.inspector.titleEdited.connect(ed.set_title)
        self.inspector.errorPolicyEdited.connect(ed.set_error_policy)
        self.node_list.nodeChosen.connect(ed.focus_node)
        self.run_panel.problemActivated.connect(ed.focus_node)
        self.run_panel.folderProblemActivated.connect(self._show_folder)
        bridge = self.service.bridge
        bridge.runStarted.connect(self._run_started)
        bridge.stepStatus.connect(self._step_status)
        bridge.tokens.connect(self._tokens)
        bridge.stepLog.connect(lambda e: self._mine(e.run_id) and self.run_panel.log(e))
        bridge.stepProgress.connect(lambda e: self._mine(e.run_id) and self.run_panel.step_progress(e))
        bridge.runFinished.connect(self._run_event_finished)
        bridge.jobChanged.connect(self._job_changed)
        self.service.busyChanged.connect(self._busy_changed)
        self.service.speedChanged.connect(self._speed_changed)
        self.service.loadingChanged.connect(self._loading_changed)
        self.service.resultReady.connect(self._result_ready)
        self.service.failedToStart.connect(self._cannot_start)
        self.service.watchChanged.connect(self._watch_changed)

    # ------------------------------------------------------------ layout memory

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        for s in self._splitters:
            sizes = self.settings.value(f"window/splitter/{s.objectName()}")
            if sizes is not None:
                s.restoreState(sizes)

    def _save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        for s in self._splitters:
            self.settings.setValue(f"window/splitter/{s.objectName()}", s.saveState())
        self.settings.sync()

    def _selection_changed(self, node_id: str | None) -> None:
        self.node_list.select(node_id)
        self.act_rerun_from.setEnabled(node_id is not None)
        self.act_connect.setEnabled(node_id is not None)
        if node_id is None:
            self.inspector.show_nothing()
            self.run_panel.clear_node_data()
            return
        self._show_inspector(node_id)
        self._show_node_data(node_id)

    def _show_inspector(self, node_id: str) -> None:
        node = self.editor.document.node(node_id)
        spec = self.editor.document.spec(node_id)
        problems = [p.message for p in self.editor.problems if p.node == node_id]
        if spec is None:
            self.inspector.show_nothing()
            return
        if self.inspector.current_node_id == node_id:
            self.inspector.update_values(node)
            self.inspector.show_problems(problems)
        else:
            self.inspector.show_node(node, spec, self.folders_panel.choices, problems)  # type: ignore[arg-type]

    def _show_node_data(self, node_id: str) -> None:
        result = self.service.last_result if self._run_id else None
        status = self._statuses.get(node_id)
        outputs: dict[str, Any] = {}
        inputs: dict[str, Any] = {}
        if result is not None and result.run_id == self._run_id:
            step = result.steps.get(node_id)
            outputs = dict(step.outputs) if step else {}
            for link in self.editor.workflow.links_into(node_id):
                source = result.steps.get(link.source)
                if source and link.source_port in source.outputs:
                    inputs[link.target_port] = source.outputs[link.source_port]
        self.run_panel.show_node_data(node_id, status.status if status else None, inputs, outputs,
                                      status.error if status else None)

    def _workflow_changed(self) -> None:
        counts: dict[str, int] = {}
        for p in self.editor.problems:
            if p.node:
                counts[p.node] = counts.get(p.node, 0) + 1
        self.node_list.refresh(self.editor.document, counts)
        node_id = self.editor.selected_node()
        if node_id is not None and self.editor.workflow.node(node_id) is not None:
            self._show_inspector(node_id)
        elif self.inspector.current_node_id and self.editor.workflow.node(self.inspector.current_node_id) is None:
            self.inspector.show_nothing()
        if self.run_panel.shown_node and self.editor.workflow.node(self.run_panel.shown_node) is None:
            self.run_panel.clear_node_data()      # its step was deleted
        self._update_title()

    def _problems_changed(self, problems: list) -> None:
        self._update_run_action()
        self.run_panel.set_problems(problems)
        self._workflow_changed()

    def connect_dialog(self) -> None:
        node_id = self.editor.selected_node()
        if node_id is None:
            self.statusBar().showMessage("Select one step first, then connect it", 5000)
            return
        dialog = ConnectDialog(self.editor.document, node_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen():
            self.editor.connect_ports(dialog.chosen())

    # ------------------------------------------------------------ running

    def quit_app(self) -> bool:
        """Quit for real (the tray's Quit, Ctrl+Q): the usual questions, then exit."""
        self._quitting = True
        if self.close():
            QApplication.quit()
            return True
        self._quitting = False
        return False

    # ------------------------------------------------------------ watching and status

    def toggle_watch(self, on: bool) -> None:
        try:
            self.service.set_watching(on)
        except Exception as e:       # a broken trigger must not leave the button lying
            self.act_watch.setChecked(False)
            self._warn("Cannot watch folders", str(e))

    def _watch_changed(self, on: bool, text: str) -> None:
        self.act_watch.setChecked(on)
        self.watch_label.setText(text[:1].upper() + text[1:])

    def _job_changed(self, event) -> None:  # type: ignore[no-untyped-def]
        """A watched file whose content was processed before is said here as a duplicate
        (and set aside, as its trigger says), not silently skipped."""
        if event.state == "skipped":
            self.statusBar().showMessage(
                f"Duplicate, not processed again: {Path(event.path).name} ({event.message})", 15000)

    def _loading_changed(self, loading) -> None:  # type: ignore[no-untyped-def]
        """A model loads before a step goes on (a minute, the first time): the status bar
        says why, and so does the run panel when it is the editor's run that waits."""
        state = self.service.worker_state()          # "Loading the model … (first use…)"
        self.model_label.setText(state[:1].upper() + state[1:])
        if loading.done:
            self.statusBar().showMessage(loading.describe(), 6000)
        if self.service.busy and self.service.owner in ("editor", "decision"):
            self.run_panel.show_loading(loading)

    def _speed_changed(self, speed) -> None:  # type: ignore[no-untyped-def]
        self.run_panel.show_speed(speed)
        self.speed_label.setText(self.run_panel.speed.text())
        self.speed_label.setStyleSheet(self.run_panel.speed.styleSheet())
        self.speed_label.setToolTip(self.run_panel.speed.toolTip())

    def _refresh_status(self) -> None:
        state = self.service.worker_state()
        self.model_label.setText(state[:1].upper() + state[1:])
        counts = self.service.queue_counts()
        waiting = counts.get("queued", 0) + counts.get("running", 0)
        self.queue_label.setText(f"Queue: {waiting} waiting" if waiting else "Queue empty")
        self._show_pending(self.service.store.pending_approvals())
        self._follow_decision()

    def _show_folder(self, name: str) -> None:
        """A folder's problem, activated: its row in the Folders tab."""
        self.side_tabs.setCurrentWidget(self.folders_panel)
        self.folders_panel.select(name)

    def _show_pending(self, pending: int) -> None:
        self.act_review.setText(f"Re&view ({pending})" if pending else "Re&view")

    def _follow_decision(self) -> None:
        """The editor's run waited for a person: once that is decided (here, by
        `runnel approvals`, in another window), the canvas and the run panel show how
        the run went on, instead of still waiting."""
        if self._waiting_run is None:
            return
        row = self.service.store.approval_of(self._waiting_run)
        if row is None or row["state"] == "pending" or not row.get("resumed_run_id"):
            return
        self._waiting_run = None
        resumed = row["resumed_run_id"]
        result = self.service.last_result
        if result is not None and result.run_id == resumed:
            self._run_id = resumed           # Step data shows what the resumed run made
        for step in self.service.store.step_runs(resumed):
            self.editor.scene.set_status(step["node_id"], step["status"], step.get("error") or "")
            self.node_list.set_status(step["node_id"], step["status"])
            self._statuses[step["node_id"]] = StepStatusChanged(
                resumed, step["node_id"], step.get("step_type") or "", step["status"], 0.0,
                error=step.get("error"))
        if self.run_panel.shown_node and self.editor.workflow.node(self.run_panel.shown_node):
            self._show_node_data(self.run_panel.shown_node)
        runs = self.service.store.find_run(resumed)
        outcome = runs[0]["status"] if runs else "unknown"
        self.run_panel.message(f"{row['state'].capitalize()}; the run went on and ended {outcome}"
                               + (f" ({runs[0]['error']})" if runs and runs[0].get("error") else ""))

    def _cannot_start(self, text: str) -> None:
        """A run or a decision that could not go ahead: said where the person is (the
        Review window, for a decision made there: the item decided elsewhere meanwhile)."""
        review = self.review_window
        if review is not None and review.isVisible() and (
                self.service.owner == "decision" or review.isActiveWindow()):
            review.told(text)
        else:
            self._warn("Cannot run", text)

    def _warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    # ------------------------------------------------------------ closing

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.tray is not None and self.tray.available and not self._quitting:
            # with a tray, closing the window keeps Runnel and its watched folders going
            self._save_layout()
            for window in (self.history_window, self.review_window):
                if window is not None:
                    window.close()
            self.hide()
            event.ignore()
            if not self.settings.value("told_about_tray", False, type=bool):
                self.settings.setValue("told_about_tray", True)
                self.tray.notifier.message("Runnel is still running",
                                           "Watched folders keep working. Quit from the tray icon's menu.",
                                           "info")
            return
        watching = self.service.watcher is not None and bool(self.service.watcher.current_jobs)
        if self.service.busy or watching:
            text = "Stop the run and quit?" if self.service.busy else (
                "A file from a watched folder is being processed. Quit anyway? Nothing is lost: "
                "it goes back to the queue and is processed at the next start.")
            answer = QMessageBox.question(self, "A run is going", text,
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        if not self._maybe_save():
            event.ignore()
            return
        self._save_layout()
        if self.history_window is not None:
            self.history_window.close()
        event.accept()


def _titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 0)
    layout.setSpacing(4)
    label = QLabel(f"<b>{title}</b>")
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return box


def _with(bindings: list[QKeySequence], extra: list[str]) -> list[QKeySequence]:
    """The platform's key bindings for an action, plus `extra` ones it lacks."""
    have = {b.toString() for b in bindings}
    return list(bindings) + [QKeySequence(k) for k in extra if k not in have]
