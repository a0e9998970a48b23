"""Starting runs from the window and following them: which files a run uses (and a re-run),
the question when content was already run, dropped files, re-run from a step, and the
run's events shown on the canvas and run panel.

A part of MainWindow (desktop/ui/main_window.py), which mixes it in; it uses the
window's panels, editor and run service."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from desktop.engine.events import RunFinished, StepStatusChanged
from desktop.engine.executor import RunResult
from desktop.ui.run_action import label_run_action


class WindowRuns:
    def needs_input(self) -> bool:
        return any((spec := self.editor.document.spec(n.id)) is not None and spec.source
                   for n in self.editor.workflow.nodes)

    @property
    def last_inputs(self) -> list[Path]:
        """The files Run (Ctrl+R) runs on again; the Run button names them."""
        return self._last_inputs

    @last_inputs.setter
    def last_inputs(self, paths: list[Path]) -> None:
        self._last_inputs = list(paths)
        if not paths:
            self._ran_here: list[Path] = []      # what the last run here ran on (none now)
        self._update_run_action()

    def _update_run_action(self) -> None:
        """Run says what it will do: run again on the file named, or ask for one (…)."""
        if getattr(self, "act_run", None) is not None:
            label_run_action(self.act_run, self._last_inputs, self.needs_input())

    def _ask_for_inputs(self, start: Path, title: str = "Run on which files?") -> list[Path] | None:
        chosen, _ = QFileDialog.getOpenFileNames(self, title, str(start))
        return [Path(p) for p in chosen] if chosen else None

    def run(self, dry_run: bool = False, ask: bool = False, inputs: list[Path] | None = None,
            fresh: frozenset[str] = frozenset(), confirm: bool = True) -> bool:
        """`confirm`: ask first when a file's content was already run by this workflow
        (not for an explicit re-run: from History, or from a chosen step)."""
        self.inspector.flush()
        problems = self.editor.revalidate()
        if problems:
            self.run_panel.tabs.setCurrentIndex(2)
            listed = "\n".join(f"• {p.node + ': ' if p.node else ''}{p.message}" for p in problems[:12])
            more = f"\n…and {len(problems) - 12} more" if len(problems) > 12 else ""
            self._warn("The workflow cannot run yet", f"Fix these first:\n\n{listed}{more}")
            return False
        reused = inputs is None            # Run (Ctrl+R) on the files the button names
        if inputs is None:
            inputs = self.last_inputs
            gone = [p for p in inputs if not p.exists()]
            if self.needs_input() and (ask or not inputs or gone):
                # the last file moved away (a workflow files its input): ask, where it was
                start = inputs[0].parent if inputs else Path.home()
                title = (f"{gone[0].name} is no longer there: run on which files?" if gone and not ask
                         else "Run on which files?")
                chosen = self._ask_for_inputs(start if start.is_dir() else Path.home(), title)
                if chosen is None:
                    return False
                inputs = chosen
        missing = [p for p in inputs if not p.exists()]
        if missing:
            self._warn("File not found", f"{missing[0]} no longer exists. Choose the file again.")
            self.last_inputs = []
            return False
        # Run again on the files the last run here used (the button names them): the
        # edit-and-run loop, not asked about; files given anew are
        again = reused and inputs == self._ran_here
        self.last_inputs = list(inputs)
        self.editor.workflow.path = self.editor.path
        if confirm and not dry_run and inputs and not again:
            confirmed = self._confirm_repeats(list(inputs))
            if not confirmed:
                return False
            inputs = confirmed
        started = self.service.run(self.editor.workflow, list(inputs), dry_run=dry_run, fresh=fresh)
        if started and not dry_run:
            self._ran_here = list(inputs)
        return started

    def _confirm_repeats(self, inputs: list[Path]) -> list[Path] | None:
        """Files whose content this workflow already processed: the person chooses to
        run them again, skip them, or open the earlier run in History (None: no run)."""
        from desktop.ui.rerun_dialog import confirm_repeats

        return confirm_repeats(self, self.service.earlier_runs(self.editor.workflow, inputs), inputs,
                               self._show_run_in_history)

    def _show_run_in_history(self, run_id: str) -> None:
        self.show_history()
        if not self.history_window.select_run(run_id):  # type: ignore[union-attr]
            self.statusBar().showMessage("History's filters hide that run: clear them to see it", 8000)

    def rerun_from_selected(self) -> bool:
        node_id = self.editor.selected_node()
        if node_id is None:
            self.statusBar().showMessage("Select the step to re-run from", 5000)
            return False
        return self.run(fresh=frozenset(self.editor.document.downstream(node_id)), confirm=False)

    def _mine(self, run_id: str) -> bool:
        return run_id == self._run_id

    def _run_started(self, event: Any) -> None:
        if self.service.owner_of(event.run_id) != "editor":
            return               # a watched-folder or tray run: history and the tray have it
        self._run_id = event.run_id
        self._statuses.clear()
        self.editor.scene.clear_statuses()
        self.node_list.clear_statuses()
        for node in self.editor.workflow.nodes:
            self.editor.scene.set_status(node.id, "queued")
        name = Path(event.input_path).name if event.input_path else "no input"
        self.run_panel.run_started(("Dry run" if event.dry_run else "Running") + f" on {name}…")

    def _step_status(self, event: StepStatusChanged) -> None:
        if not self._mine(event.run_id):
            return
        self._statuses[event.node_id] = event
        detail = event.error or (f"took '{event.branch}'" if event.branch else "")
        self.editor.scene.set_status(event.node_id, event.status, detail)
        self.node_list.set_status(event.node_id, event.status)
        self.run_panel.step_status(event)

    def _tokens(self, run_id: str, node_id: str, text: str) -> None:
        if self._mine(run_id):
            self.run_panel.tokens(node_id, text)

    def _run_event_finished(self, event: RunFinished) -> None:
        if not self._mine(event.run_id):
            return
        self._waiting_run = event.run_id if event.status == "waiting" else None
        self.run_panel.run_finished(event)
        for node_id, status in self._statuses.items():
            self.node_list.set_status(node_id, status.status)
        for node in self.editor.workflow.nodes:       # steps never reached
            if node.id not in self._statuses:
                self.editor.scene.set_status(node.id, None)
        self._workflow_changed()
        if event.failed_node:
            self.editor.focus_node(event.failed_node)

    def _result_ready(self, result: RunResult | None) -> None:
        node_id = self.editor.selected_node()
        if node_id is not None:
            self._show_node_data(node_id)
        if self.history_window is not None and self.history_window.isVisible():
            self.history_window.refresh()  # type: ignore[attr-defined]
        self.runFinished.emit(result)

    def _busy_changed(self, busy: bool) -> None:
        for action in (self.act_run, self.act_run_on, self.act_dry, self.act_rerun_from):
            action.setEnabled(not busy)
        if not busy:
            self.act_rerun_from.setEnabled(self.editor.selected_node() is not None)
        self.act_stop.setEnabled(busy)
        self._refresh_status()

    # ------------------------------------------------------------ drops

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        workflows = [p for p in paths if p.suffix in (".yaml", ".yml")]
        if workflows and len(paths) == 1:
            self.open(workflows[0])           # a workflow file dropped: open it
        else:
            files = [p for p in paths if p.is_file()]
            if not files:
                self._warn("Nothing to run", "Drop files, not folders: each file is run through the workflow.")
                return
            self.run(inputs=files)
        event.acceptProposedAction()

    # ------------------------------------------------------------ other windows
