"""The Folders panel: the named folders the open workflow may write to (name -> path),
where each one is on disk and whether it can take files. Add, rename, change the
path, remove (each one undo step, through the editor's undo stack), and open a
folder in the file manager. It also provides the live folder choices the
inspector's folder pickers offer, with their *New folder…*."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView,
                               QLineEdit, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from desktop.engine.editing import Change, FoldersChanged, NodeChanged, NodeRemoved, WorkflowReset, folder_state
from desktop.ui.canvas import commands as cmd
from desktop.ui.editor import Editor
from desktop.ui.param_editors import FolderChoices, error_colour, muted_colour, small_label

NAME_ROLE = Qt.ItemDataRole.UserRole


def short_path(path: str) -> str:
    """A chosen folder as the workflow file keeps it: under the home folder as ~/…,
    so the file works for another user too."""
    home = str(Path.home())
    return "~" + path[len(home):] if path == home or path.startswith(home + os.sep) else path


class FolderDialog(QDialog):
    """Name and path of a folder (new, or renamed); OK only when both are fine, with
    the reason shown under the fields."""

    def __init__(self, editor: Editor, parent: QWidget | None = None, name: str = "", path: str = "",
                 renaming: str | None = None) -> None:
        super().__init__(parent)
        self.editor, self.renaming = editor, renaming
        self.setWindowTitle("Rename folder" if renaming else "New folder")
        self.setMinimumWidth(420)
        self.name_edit = QLineEdit(name)
        self.name_edit.setAccessibleName("Folder name")
        self.name_edit.setPlaceholderText("e.g. reports")
        self.path_edit = QLineEdit(path)
        self.path_edit.setAccessibleName("Folder path")
        self.path_edit.setPlaceholderText("e.g. ~/Runnel/Reports")
        self.choose = QPushButton("Choose…")
        self.choose.clicked.connect(self._choose)
        self._path_touched = bool(path)
        self.path_edit.textEdited.connect(lambda _: setattr(self, "_path_touched", True))
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose)
        form = QFormLayout()
        form.addRow("Name", self.name_edit)
        if renaming is None:
            form.addRow("Path", row)
        self.message = small_label(colour=error_colour())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(small_label("Steps pick this folder by its name; the path is where their files go.",
                                     colour=muted_colour()))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._check)
        self.path_edit.textChanged.connect(self._check)
        self._check()

    def values(self) -> tuple[str, str]:
        return self.name_edit.text().strip(), self.path_edit.text().strip()

    def _choose(self) -> None:
        start = os.path.expanduser(self.path_edit.text().strip() or "~")
        chosen = QFileDialog.getExistingDirectory(self, "Choose the folder", start)
        if chosen:
            self._path_touched = True
            self.path_edit.setText(short_path(chosen))

    def _check(self) -> None:
        name, path = self.values()
        if self.renaming is None and not self._path_touched and name:
            self.path_edit.blockSignals(True)      # a suggestion until the user types a path
            self.path_edit.setText(f"~/Runnel/{name[:1].upper()}{name[1:]}")
            self.path_edit.blockSignals(False)
            path = self.path_edit.text()
        problem = None
        if name:
            problem = self.editor.document.folder_name_problem(name, renaming=self.renaming)
        if problem is None and self.renaming is None and name and not path:
            problem = "choose where the folder is"
        self.message.setText(problem or "")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(name) and problem is None and (self.renaming is not None or bool(path)))


class FoldersPanel(QWidget):
    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("foldersPanel")
        self.editor = editor
        self.choices = FolderChoices(lambda: list(self.editor.workflow.folders), self.declare_new,
                                     self._end_new, self)
        self._new_open = False           # the undo step of New folder… is open

        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Folders")
        self.tree.setHeaderLabels(["Name", "Path"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)    # keep the folder's own name readable
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_: self._show_selected())
        self.tree.itemDoubleClicked.connect(lambda *_: self.open_folder(self.selected()))
        self.detail = small_label()
        self.detail.setObjectName("folderDetail")

        self.add_button = QPushButton("Add…")
        self.add_button.setToolTip("Declare another folder the steps may write to")
        self.add_button.clicked.connect(self.ask_add)
        self.rename_button = QPushButton("Rename…")
        self.rename_button.setToolTip("Rename the folder; the steps that use it follow")
        self.rename_button.clicked.connect(self.ask_rename)
        self.path_button = QPushButton("Change path…")
        self.path_button.clicked.connect(self.ask_path)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Forget this folder (files in it stay); steps using it show a problem")
        self.remove_button.clicked.connect(lambda: self.remove_folder(self.selected()))
        self.open_button = QPushButton("Open")
        self.open_button.setToolTip("Show the folder in the file manager")
        self.open_button.clicked.connect(lambda: self.open_folder(self.selected()))

        buttons = QHBoxLayout()
        for b in (self.add_button, self.rename_button, self.path_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        more = QHBoxLayout()
        for b in (self.remove_button, self.open_button):
            more.addWidget(b)
        more.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(small_label("The places this workflow may write to. Steps choose one by name.",
                                     colour=muted_colour()))
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        layout.addLayout(more)
        editor.document.observe(self._on_change)
        self.refresh()

    # ------------------------------------------------------------ showing

    def _on_change(self, change: Change) -> None:
        if isinstance(change, (FoldersChanged, WorkflowReset)):
            self.refresh()
            self.choices.changed.emit()
        elif isinstance(change, (NodeChanged, NodeRemoved)):
            self.refresh()          # which folders the steps name (undeclared ones are listed)

    def refresh(self) -> None:
        keep = self.selected()
        wf = self.editor.workflow
        self.tree.clear()
        try:
            resolved = wf.resolve_folders()
        except (OSError, RuntimeError, ValueError):
            resolved = {}
        for name, raw in wf.folders.items():
            folder = resolved.get(name)
            problem, note = folder_state(folder) if folder else ("the path cannot be read", "")
            users = self.users(name)
            item = QTreeWidgetItem([("⚠ " if problem else "") + name, raw])
            item.setData(0, NAME_ROLE, name)
            tip = [f"{name}: {folder or raw}", problem or note,
                   "Used by: " + (", ".join(users) if users else "no step yet")]
            item.setToolTip(0, "\n".join(tip))
            item.setToolTip(1, "\n".join(tip))
            if problem:
                for c in (0, 1):
                    item.setForeground(c, QColor(error_colour()))
            self.tree.addTopLevelItem(item)
        for name in self.undeclared():
            item = QTreeWidgetItem([f"⚠ {name}", "not declared"])
            item.setData(0, NAME_ROLE, name)
            tip = f"Steps use '{name}' ({', '.join(self.users(name))}), but the workflow does not declare it: Add… it"
            item.setToolTip(0, tip)
            item.setToolTip(1, tip)
            for c in (0, 1):
                item.setForeground(c, QColor(error_colour()))
            self.tree.addTopLevelItem(item)
        items = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        current = next((i for i in items if i.data(0, NAME_ROLE) == keep), items[0] if items else None)
        if current is not None:
            self.tree.setCurrentItem(current)
        self._show_selected()

    def _show_selected(self) -> None:
        name = self.selected()
        declared = name in self.editor.workflow.folders
        for b in (self.rename_button, self.path_button, self.remove_button, self.open_button):
            b.setEnabled(declared)
        if name is None:
            self.detail.setText("This workflow declares no folders yet: Add… one.")
            self.detail.setStyleSheet(f"color: {muted_colour()};")
            return
        if not declared:
            self.detail.setText(f"'{name}' is used by {', '.join(self.users(name))} but not declared. "
                                "Add… it with a path.")
            self.detail.setStyleSheet(f"color: {error_colour()};")
            return
        folder = self.resolved(name)
        problem, note = folder_state(folder) if folder else ("the path cannot be read", "")
        users = self.users(name)
        used = "Used by " + ", ".join(users) if users else "No step writes here yet"
        self.detail.setText(f"{problem}\n{used}" if problem else f"{folder}\n{note[:1].upper()}{note[1:]}. {used}.")
        self.detail.setStyleSheet(f"color: {error_colour() if problem else muted_colour()};")

    def selected(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, NAME_ROLE) if item is not None else None

    def names(self) -> list[str]:
        """The names listed, declared first, then undeclared ones steps use."""
        return [self.tree.topLevelItem(i).data(0, NAME_ROLE) for i in range(self.tree.topLevelItemCount())]

    def problem(self, name: str) -> str | None:
        folder = self.resolved(name)
        return folder_state(folder)[0] if folder else "not declared"

    def resolved(self, name: str) -> Path | None:
        try:
            return self.editor.workflow.resolve_folders().get(name)
        except (OSError, RuntimeError, ValueError):
            return None

    def users(self, name: str) -> list[str]:
        return [f"{node}" for node, _ in self.editor.document.folder_users(name)]

    def undeclared(self) -> list[str]:
        found: list[str] = []
        doc = self.editor.document
        for node in self.editor.workflow.nodes:
            cls = doc.registry.get(node.type)
            for param in cls.spec.params if cls else ():
                value = node.params.get(param.name, param.default)
                if param.kind == "folder" and value and value not in self.editor.workflow.folders \
                        and value not in found:
                    found.append(value)
        return found

    # ------------------------------------------------------------ edits (each one undo step)

    def _refused(self, problem: str | None) -> bool:
        if problem:
            self.editor.message.emit(f"Not done: {problem}")
        return bool(problem)

    def add_folder(self, name: str, path: str) -> bool:
        name, path = name.strip(), path.strip()
        if self._refused(self.editor.document.folder_name_problem(name)
                         or (None if path else f"folder '{name}' needs a path")):
            return False
        self.editor.undo_stack.push(cmd.DeclareFolder(self.editor.document, name, path))
        self.select(name)
        return True

    def rename_folder(self, old: str | None, new: str) -> bool:
        new = new.strip()
        if old is None or old not in self.editor.workflow.folders or new == old:
            return False
        if self._refused(self.editor.document.folder_name_problem(new, renaming=old)):
            return False
        command = cmd.RenameFolder(self.editor.document, old, new)
        self.editor.undo_stack.push(command)
        if command.users:
            self.editor.message.emit(f"Renamed folder '{old}' to '{new}'; "
                                     + ", ".join(n for n, _ in command.users) + " follow")
        self.select(new)
        return True

    def set_path(self, name: str | None, path: str) -> bool:
        path = path.strip()
        if name is None or name not in self.editor.workflow.folders or path == self.editor.workflow.folders[name]:
            return False
        if self._refused(None if path else f"folder '{name}' needs a path"):
            return False
        self.editor.undo_stack.push(cmd.SetFolderPath(self.editor.document, name, path))
        return True

    def remove_folder(self, name: str | None) -> bool:
        if name is None or name not in self.editor.workflow.folders:
            return False
        users = self.users(name)
        self.editor.undo_stack.push(cmd.RemoveFolder(self.editor.document, name))
        if users:
            self.editor.message.emit(f"Removed folder '{name}'; {', '.join(users)} still use it (see Problems)")
        return True

    def open_folder(self, name: str | None) -> bool:
        """Show the folder in the file manager, making it first if it is not there yet
        (it would be on the first write anyway)."""
        if name is None or name not in self.editor.workflow.folders:
            return False
        folder = self.resolved(name)
        problem = folder_state(folder)[0] if folder else "the path cannot be read"
        if folder is None or self._refused(problem and f"cannot open folder '{name}': {problem}"):
            return False
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            self._refused(f"cannot create {folder}: {e.strerror or e}")
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self._refused(f"no file manager opened {folder}")
            return False
        self.editor.message.emit(f"Opened {folder}")
        self._show_selected()
        return True

    def select(self, name: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, NAME_ROLE) == name:
                self.tree.setCurrentItem(item)

    # ------------------------------------------------------------ asking

    def ask_add(self, name: str = "") -> str | None:
        """The New folder dialog (a name used by steps but undeclared comes filled in)."""
        selected = self.selected()
        if not name and selected and selected not in self.editor.workflow.folders:
            name = selected
        dialog = FolderDialog(self.editor, self, name=name)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        new, path = dialog.values()
        return new if self.add_folder(new, path) else None

    def declare_new(self, parent: QWidget | None = None) -> str | None:
        """For the inspector's New folder…: ask, declare, return the name. The undo
        step stays open until `_end_new`, so the step's choice of it joins it."""
        dialog = FolderDialog(self.editor, parent or self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        name, path = dialog.values()
        self.editor.undo_stack.beginMacro(f"New folder {name.strip()}")
        self._new_open = True
        if self.add_folder(name, path):
            return name.strip()
        self._end_new()
        return None

    def _end_new(self) -> None:
        if self._new_open:
            self._new_open = False
            self.editor.undo_stack.endMacro()

    def ask_rename(self) -> bool:
        old = self.selected()
        if old not in self.editor.workflow.folders:
            return False
        dialog = FolderDialog(self.editor, self, name=old, renaming=old)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.rename_folder(old, dialog.values()[0])

    def ask_path(self) -> bool:
        name = self.selected()
        if name not in self.editor.workflow.folders:
            return False
        start = str(self.resolved(name) or Path.home())
        chosen = QFileDialog.getExistingDirectory(self, f"Where folder '{name}' is", start)
        return bool(chosen) and self.set_path(name, short_path(chosen))
