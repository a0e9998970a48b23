"""Opening, saving, naming and the recent list of the window's workflow: new, open, save
(the first save of a new workflow asks its name; an example is copied among the user's
workflows first), save as, and the library's open, rename and delete.

A part of MainWindow (desktop/ui/main_window.py), which mixes it in; it uses the
window's panels, editor and run service."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.engine.errors import WorkflowFileError
from desktop.engine.fileformat import load_workflow
from desktop.paths import examples_dir, user_workflows_dir
from desktop.ui.editor import blank_workflow
from desktop.ui.name_dialog import ask_name

MAX_RECENT = 8


class WorkflowFiles:
    def recent_files(self) -> list[str]:
        value = self.settings.value("recent", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _remember(self, path: Path) -> None:
        recent = [str(path)] + [p for p in self.recent_files() if p != str(path)]
        self.settings.setValue("recent", recent[:MAX_RECENT])
        self._refresh_recent()

    def _refresh_recent(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in self.recent_files() if Path(p).exists()]
        for p in recent:
            self.recent_menu.addAction(Path(p).name, lambda p=p: self.open(Path(p))).setToolTip(p)
        self.recent_menu.setEnabled(bool(recent))

    # ------------------------------------------------------------ files

    def _update_title(self) -> None:
        name = self.editor.workflow.name
        where = f" — {self.editor.path}" if self.editor.path else ""
        self.setWindowTitle(f"{name}{where}[*] — Runnel")
        self.setWindowModified(self.editor.is_modified())

    def _maybe_save(self) -> bool:
        """Ask before unsaved changes are dropped; False when the user cancels."""
        self.inspector.flush()
        if not self.editor.is_modified():
            return True
        answer = QMessageBox.question(
            self, "Unsaved changes", f"Save the changes to “{self.editor.workflow.name}”?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_workflow(self) -> None:
        if not self._maybe_save():
            return
        self.editor.load(blank_workflow(), None)
        self._after_load()

    def open_dialog(self) -> None:
        start = str(self.editor.path.parent if self.editor.path else user_workflows_dir())
        path, _ = QFileDialog.getOpenFileName(self, "Open workflow", start, "Workflows (*.yaml *.yml)")
        if path:
            self.open(Path(path))

    def open(self, path: Path) -> bool:
        if self.editor.path and path.resolve() == self.editor.path.resolve():
            return True
        if not self._maybe_save():
            return False
        try:
            self.editor.open(path)
        except WorkflowFileError as e:
            self._warn("Cannot open this workflow", str(e))
            return False
        self._remember(path)
        self.library.select_path(path)
        self._after_load()
        return True

    def _after_load(self) -> None:
        self.last_inputs = []
        self._statuses.clear()
        self._run_id = self._waiting_run = None     # the last workflow's run is not this one's
        self.node_list.clear_statuses()
        self.run_panel.reset("Ready. Drop a file on the window, or press Run and pick one.")
        self._update_title()
        self._workflow_changed()

    def _is_example(self, path: Path | None) -> bool:
        return path is not None and path.resolve().parent == examples_dir().resolve()

    def save(self) -> bool:
        self.inspector.flush()
        path = self.editor.path
        if path is None:
            # a new workflow: never filed silently as "Untitled workflow"
            name = ask_name(self, "Save workflow", "Name of the workflow:", self.editor.workflow.name,
                            self._new_user_path, "Save")
            if name is None:
                return False
            self.editor.workflow.name = name
            return self._save_to(self._new_user_path(name))
        if self._is_example(path):
            # examples stay as shipped: the first save puts a copy among the user's workflows
            return self._save_to(self._new_user_path(self.editor.workflow.name))
        return self._save_to(path)

    def save_as(self) -> bool:
        start = str(self._new_user_path(self.editor.workflow.name))
        path, _ = QFileDialog.getSaveFileName(self, "Save workflow as", start, "Workflows (*.yaml)")
        return self._save_to(Path(path)) if path else False

    def _save_to(self, path: Path) -> bool:
        try:
            self.editor.save(path)
        except OSError as e:
            self._warn("Not saved", f"The workflow could not be written to {path}: {e.strerror or e}. "
                       "Your changes are still here; try another folder.")
            return False
        self._remember(path)
        self.library.refresh()
        self.library.select_path(path)
        self._update_title()
        self.statusBar().showMessage(f"Saved to {path}", 5000)
        return True

    @staticmethod
    def _new_user_path(name: str) -> Path:
        folder = user_workflows_dir()
        folder.mkdir(parents=True, exist_ok=True)
        slug = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-") or "workflow"
        path, i = folder / f"{slug}.yaml", 2
        while path.exists():
            path, i = folder / f"{slug}-{i}.yaml", i + 1
        return path

    def _open_from_library(self, path: str) -> None:
        if not self.open(Path(path)):        # kept the open one (Cancel): the list shows that one
            self.library.tree.setCurrentItem(None)
            if self.editor.path is not None:
                self.library.select_path(self.editor.path)

    def _renamed(self, old: str, new: str) -> None:
        if self.editor.path and self.editor.path.resolve() == Path(old).resolve():
            self.editor.path = Path(new)
            try:
                self.editor.workflow.name = load_workflow(new).name
            except WorkflowFileError:
                pass
            self._update_title()

    def _deleted(self, path: str) -> None:
        if self.editor.path and self.editor.path.resolve() == Path(path).resolve():
            self.editor.path = None     # the work stays open, unsaved, so nothing is lost
            self.editor.undo_stack.resetClean()
            self._update_title()

    # ------------------------------------------------------------ selection and panels


def copy_example(path: Path) -> Path:
    """An example copied among the user's workflows (for editing)."""
    target = WorkflowFiles._new_user_path(path.stem)
    shutil.copy2(path, target)
    return target
