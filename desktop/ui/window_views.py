"""The main window's secondary windows and dialogs: History, Review, Models, Preferences,
Privacy, keyboard shortcuts, the quick-action menu and what the tray asks the window to
show.

A part of MainWindow (desktop/ui/main_window.py), which mixes it in; it uses the
window's panels, editor and run service."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QVBoxLayout

from desktop.review import pending_items, undo_decision


class WindowViews:
    def show_history(self) -> None:
        from desktop.ui.history import HistoryWindow

        if self.history_window is None:
            window = HistoryWindow(self.service.store, settings=self.settings)
            window.resize(1100, 680)
            window.rerunRequested.connect(self._rerun_from_history)
            window.openRequested.connect(self._open_from_history)
            window.decideRequested.connect(self.service.decide)
            self.history_window = window
        self.history_window.show()
        self.history_window.refresh()  # type: ignore[attr-defined]
        self.history_window.raise_()
        self.history_window.activateWindow()

    def show_review(self) -> None:
        from desktop.ui.review import ReviewWindow

        if self.review_window is None:
            self.review_window = ReviewWindow(
                self.service.store, lambda i, ok, edited, note, learn: self.service.decide(
                    i, ok, note, edited, learn), self.service.approve_all,
                lambda i: undo_decision(self.service.runner, i))
        self.review_window.show()
        self.review_window.raise_()
        self.review_window.activateWindow()

    def _rerun_from_history(self, workflow_path: str, input_path: str) -> None:
        if self.open(Path(workflow_path)):
            self.run(inputs=[Path(input_path)] if input_path else [], confirm=False)

    def _open_from_history(self, workflow_path: str, run_id: str) -> None:
        if not self.open(Path(workflow_path)):
            return
        # show the run's step statuses on the canvas, as it ended
        self.editor.scene.clear_statuses()
        for row in self.service.store.step_runs(run_id):
            self.editor.scene.set_status(row["node_id"], row["status"], row.get("error") or "")
        runs = self.service.store.find_run(run_id)
        if runs and runs[0]["status"] == "waiting":
            self._waiting_run = run_id        # so a decision, made anywhere, shows here too
        self.raise_()
        self.activateWindow()

    def show_models(self) -> None:
        from desktop.ui.model_manager import ModelManager

        dialog = QDialog(self)
        dialog.setWindowTitle("Models")
        dialog.resize(860, 420)
        layout = QVBoxLayout(dialog)
        manager = ModelManager(dialog)
        manager.defaultChanged.connect(lambda _: self._refresh_status())
        layout.addWidget(manager)
        self.models_dialog = dialog
        dialog.show()

    def show_preferences(self) -> None:
        from desktop.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self)
        dialog.themeChanged.connect(lambda _: self._theme_changed())
        dialog.applied.connect(self.service.llm.follow_thread_setting)     # no restart needed
        self.preferences_dialog = dialog
        dialog.show()

    def show_privacy(self) -> None:
        from desktop.ui.privacy_page import PrivacyPage

        self.privacy_page = PrivacyPage(self, store=self.service.store)
        self.privacy_page.show()

    def _theme_changed(self) -> None:
        self.editor.scene.rebuild()
        self.editor.revalidate()
        self.editor.view.viewport().update()
        self.inspector.show_nothing()      # its page takes the theme's colours when built: build it again
        self._selection_changed(self.editor.selected_node())

    def show_shortcuts(self) -> None:
        actions = [a for a in self.findChildren(QAction) if not a.shortcut().isEmpty() and a.text()]
        rows = sorted({(a.text().replace("&", "").rstrip("…"),
                        a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)) for a in actions})
        canvas = [("Move selected steps", "Arrow keys (Shift: further)"), ("Pan", "Arrow keys with nothing "
                  "selected, middle button, or Space + drag"), ("Zoom", "Wheel, pinch, + and −"),
                  ("Fit", "F"), ("Connect ports", "drag from a port, or Ctrl+L")]
        text = "".join(f"<tr><td>{n}</td><td><b>{k}</b></td></tr>" for n, k in rows + canvas)
        QMessageBox.information(self, "Keyboard shortcuts", f"<table cellspacing=6>{text}</table>")

    # ------------------------------------------------------------ tray

    def _fill_quick_menu(self) -> None:
        from desktop.app.tray import quick_action_workflows

        self.quick_menu.clear()
        actions = quick_action_workflows()
        if not actions:
            self.quick_menu.addAction("No workflow is marked as a quick action").setEnabled(False)
        for qa in actions:
            sub = self.quick_menu.addMenu(qa.name + (" (example)" if qa.example else ""))
            sub.addAction("Run on Clipboard Text", lambda p=qa.path: self.tray and self.tray.run_clipboard(p))
            sub.addAction("Run on Files…", lambda p=qa.path: self.tray and self.tray.run_files(p))

    def show_from_tray(self, view: str = "", run_id: str | None = None) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()
        waiting = view == "history" and run_id is not None and any(
            item.run_id == run_id for item in pending_items(self.service.store))
        if view == "approvals" or waiting:
            self.show_review()          # a click on a "waiting" notification: its item
            if waiting:
                self.review_window.select_run(run_id)
        elif view == "history":
            self.show_history()
            if run_id:
                self.history_window.select_run(run_id)  # type: ignore[union-attr]
