"""The workflow library: the shipped examples (read-only) and the user's own
workflows, with new / duplicate / rename / delete. Deleting never unlinks: the file
moves to a `.trash` folder inside the user's workflows folder."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import os
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QFileSystemWatcher,
    QObject,
    QPoint,
    QRectF,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QDesktopServices,
    QFont,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import paths
from desktop.engine.errors import WorkflowFileError
from desktop.engine.fileformat import load_workflow, save_workflow
from desktop.engine.workflow import Link, Node, Workflow
from desktop.ui.name_dialog import ask_name
from desktop.ui.widgets import empty_list_label

GROUP_EXAMPLES = "Examples"
GROUP_USER = "My workflows"
NEW_NAME = "Untitled workflow"
TRASH = ".trash"
PATTERNS = ("*.yaml", "*.yml")

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2    # "group" | "example" | "user" | "placeholder"
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3

# names Windows refuses as file names, whatever the extension
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}


@dataclass(frozen=True)
class WorkflowEntry:
    path: Path
    name: str                 # the workflow's name, or the file name when it cannot be read
    description: str
    error: str | None         # why the file cannot be opened
    read_only: bool           # a shipped example

    @property
    def broken(self) -> bool:
        return self.error is not None


def slug(name: str) -> str:
    """A file name stem for a workflow name: lower case, words joined by '-'."""
    s = re.sub(r"[^\w]+", "-", name.casefold()).strip("-_")[:60].strip("-_")
    if not s:
        return "workflow"
    return f"{s}-workflow" if s in _RESERVED else s


def _unique_path(folder: Path, stem: str, suffix: str = ".yaml") -> Path:
    path, n = folder / f"{stem}{suffix}", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}{suffix}"
    return path


def _unique_name(base: str, taken: set[str], numbered: str) -> str:
    """`base`, or `numbered` formatted with 2, 3, ... until unused (case-insensitive)."""
    if base.casefold() not in taken:
        return base
    n = 2
    while numbered.format(n=n).casefold() in taken:
        n += 1
    return numbered.format(n=n)


def _read_entry(path: Path, read_only: bool) -> WorkflowEntry:
    try:
        wf = load_workflow(path)
    except WorkflowFileError as e:
        return WorkflowEntry(path, path.name, "", e.reason, read_only)
    except Exception as e:  # noqa: BLE001 - an unforeseen file must not take the list down
        return WorkflowEntry(path, path.name, "", f"the file cannot be read ({e})", read_only)
    return WorkflowEntry(path, wf.name, wf.description, None, read_only)


def _workflow_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    found = {p.resolve() for pattern in PATTERNS for p in folder.glob(pattern)
             if not p.name.startswith(".") and p.is_file()}
    return sorted(found)


def _entry_icon(colour: str) -> QIcon:
    """A tiny two-node graph: reads as 'workflow' without a text label."""
    icon = QIcon()
    # white when selected: Qt's own tint makes a blue glyph vanish on the highlight
    for mode, c in ((QIcon.Mode.Normal, QColor(colour)), (QIcon.Mode.Selected, QColor("white"))):
        for size in (16, 32):
            pix = QPixmap(size, size)
            pix.fill(Qt.GlobalColor.transparent)
            p = QPainter(pix)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            u = size / 16
            p.setPen(QPen(c, 1.4 * u))
            p.drawLine(QPoint(round(5 * u), round(5 * u)), QPoint(round(11 * u), round(11 * u)))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(c)
            p.drawRoundedRect(QRectF(1.5 * u, 1.5 * u, 6 * u, 6 * u), 1.5 * u, 1.5 * u)
            p.drawRoundedRect(QRectF(8.5 * u, 8.5 * u, 6 * u, 6 * u), 1.5 * u, 1.5 * u)
            p.end()
            icon.addPixmap(pix, mode)
    return icon


class _LibraryTree(QTreeWidget):
    """The list's own keys: Return opens, F2 renames, Delete deletes, Ctrl+D
    duplicates. Handled here rather than as window shortcuts so they act only while
    the list has focus (Delete on the canvas deletes nodes)."""

    keyCommand = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        command = None
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            command = "open"
        elif key == Qt.Key.Key_F2:
            command = "rename"
        elif key == Qt.Key.Key_Delete or (key == Qt.Key.Key_Backspace
                                          and mods & Qt.KeyboardModifier.ControlModifier):
            command = "delete"   # Ctrl+Backspace is Cmd+Backspace on macOS
        elif key == Qt.Key.Key_D and mods == Qt.KeyboardModifier.ControlModifier:
            command = "duplicate"
        if command is None:
            super().keyPressEvent(event)
            return
        event.accept()
        self.keyCommand.emit(command)


class WorkflowLibrary(QWidget):
    """Left-hand list of workflows, grouped into the examples and the user's own."""

    openRequested = Signal(str)
    workflowCreated = Signal(str)
    workflowDeleted = Signal(str)
    workflowRenamed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WorkflowLibrary")
        self.user_dir = paths.user_workflows_dir()
        self.user_dir.mkdir(parents=True, exist_ok=True)
        self.user_dir = self.user_dir.resolve()
        self.examples_dir = paths.examples_dir().resolve()
        self._entries: dict[Path, WorkflowEntry] = {}
        self._cache: dict[Path, tuple[int, int, WorkflowEntry]] = {}   # (mtime_ns, size, entry)
        self._collapsed: set[str] = set()

        self.search = QLineEdit(self)
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("Search workflows")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search workflows")
        self.search.installEventFilter(self)

        self.tree = _LibraryTree(self)
        self.tree.setObjectName("libraryTree")
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setIndentation(14)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setAccessibleName("Workflows")
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")

        self.no_match = empty_list_label(self, "libraryNoMatch")
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self.tree)
        self._stack.addWidget(self.no_match)

        self.new_action = self._action("New", "Create a new workflow in My workflows",
                                       self._on_new)
        self.duplicate_action = self._action("Duplicate", "Copy into My workflows (Ctrl+D)",
                                             self._on_duplicate, QKeySequence("Ctrl+D"))
        self.rename_action = self._action("Rename…", "Rename the workflow (F2)",
                                          self._on_rename, QKeySequence(Qt.Key.Key_F2))
        self.delete_action = self._action("Delete…", "Move the workflow to the trash (Delete)",
                                          self._on_delete, QKeySequence(QKeySequence.StandardKey.Delete))
        self.open_action = self._action("Open", "Open in the editor", self._on_open)
        self.reveal_action = self._action("Show in file manager", "Open the folder that holds it",
                                          self._on_reveal)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(2)
        for action in (self.new_action, self.duplicate_action, self.rename_action,
                       self.delete_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self._stack, 1)
        layout.addLayout(buttons)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(150)   # a save is several events; refresh once
        self._refresh_timer.timeout.connect(self.refresh)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _p: self._refresh_timer.start())
        self.watcher.fileChanged.connect(lambda _p: self._refresh_timer.start())

        self.search.textChanged.connect(self._apply_filter)
        # one click opens (as in a file manager's sidebar); arrow keys only move, Enter opens
        self.tree.itemClicked.connect(lambda item, _c: self._open_item(item))
        self.tree.keyCommand.connect(self._on_key)
        self.tree.currentItemChanged.connect(lambda *_: self._update_actions())
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.itemCollapsed.connect(lambda i: self._collapsed.add(i.text(0)))
        self.tree.itemExpanded.connect(lambda i: self._collapsed.discard(i.text(0)))

        self.refresh()

    def _action(self, text: str, tip: str, slot: object,
                shortcut: QKeySequence | None = None) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if shortcut is not None:
            # shown in the menu only; the list handles the key itself (see _LibraryTree)
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        return action

    # ------------------------------------------------------------ listing

    def refresh(self) -> None:
        """Re-read both folders and rebuild the list, keeping selection and search."""
        keep = self.current_path()
        self.user_dir.mkdir(parents=True, exist_ok=True)
        entries: dict[Path, WorkflowEntry] = {}
        for folder, read_only in ((self.examples_dir, True), (self.user_dir, False)):
            for path in _workflow_files(folder):
                entries[path] = self._entry_cached(path, read_only)
        self._entries = entries
        self._cache = {p: c for p, c in self._cache.items() if p in entries}
        self._watch()
        self._rebuild()
        if keep is not None:
            self.select_path(keep)
        self._apply_filter(self.search.text())

    def _entry_cached(self, path: Path, read_only: bool) -> WorkflowEntry:
        try:
            st = path.stat()
        except OSError:
            return _read_entry(path, read_only)
        hit = self._cache.get(path)
        if hit and hit[0] == st.st_mtime_ns and hit[1] == st.st_size:
            return hit[2]
        entry = _read_entry(path, read_only)
        self._cache[path] = (st.st_mtime_ns, st.st_size, entry)
        return entry

    def _watch(self) -> None:
        # the folder for added/removed/renamed files; each file for edits in place
        wanted = {str(self.user_dir)} | {str(p) for p, e in self._entries.items() if not e.read_only}
        watched = set(self.watcher.directories()) | set(self.watcher.files())
        stale = sorted(watched - wanted)
        if stale:
            self.watcher.removePaths(stale)
        missing = sorted(wanted - watched)
        if missing:
            self.watcher.addPaths(missing)

    def _rebuild(self) -> None:
        self.tree.blockSignals(True)   # no currentItemChanged storm while rebuilding
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        example_icon = _entry_icon("#8a929c")
        user_icon = _entry_icon("#3d7ea6")
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for title, read_only in ((GROUP_EXAMPLES, True), (GROUP_USER, False)):
            group = QTreeWidgetItem(self.tree, [title])
            group.setData(0, KIND_ROLE, "group")
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setFont(0, bold)
            folder = self.examples_dir if read_only else self.user_dir
            group.setToolTip(0, str(folder))
            entries = sorted((e for e in self._entries.values() if e.read_only == read_only),
                             key=lambda e: (e.name.casefold(), e.path.name))
            for entry in entries:
                item = QTreeWidgetItem(group, [entry.name])
                item.setData(0, PATH_ROLE, str(entry.path))
                item.setData(0, KIND_ROLE, "example" if read_only else "user")
                item.setData(0, SEARCH_ROLE,
                             f"{entry.name} {entry.description} {entry.path.name}".casefold())
                item.setIcon(0, warning if entry.broken else (example_icon if read_only else user_icon))
                item.setToolTip(0, self._tooltip(entry))
                if entry.broken:
                    font = QFont(self.tree.font())
                    font.setItalic(True)
                    item.setFont(0, font)
            if not entries:
                text = ("No examples found." if read_only
                        else "Nothing here yet; click New.")
                hint = QTreeWidgetItem(group, [text])
                hint.setData(0, KIND_ROLE, "placeholder")
                hint.setFlags(Qt.ItemFlag.NoItemFlags)
                hint.setToolTip(0, text)
            group.setExpanded(title not in self._collapsed)
        self.tree.blockSignals(False)
        self._update_actions()

    @staticmethod
    def _tooltip(entry: WorkflowEntry) -> str:
        where = f"<p style='white-space:pre'><small>{html.escape(str(entry.path))}</small></p>"
        if entry.broken:
            return (f"<p><b>This file cannot be opened</b></p>"
                    f"<p>{html.escape(entry.error or '')}</p>{where}")
        text = f"<p><b>{html.escape(entry.name)}</b> <small>(click to open)</small></p>"
        if entry.description:
            text += f"<p>{html.escape(entry.description)}</p>"
        if entry.read_only:
            text += "<p><i>Example: read-only. Duplicate it to make your own copy.</i></p>"
        return text + where

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        any_shown = False
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            shown = 0
            for c in range(group.childCount()):
                item = group.child(c)
                if item.data(0, KIND_ROLE) == "placeholder":
                    item.setHidden(bool(words))
                    continue
                haystack = item.data(0, SEARCH_ROLE) or ""
                match = all(w in haystack for w in words)
                item.setHidden(not match)
                shown += match
            group.setHidden(bool(words) and not shown)
            any_shown |= bool(shown)
            if words:
                group.setExpanded(True)
            else:
                group.setExpanded(group.text(0) not in self._collapsed)
        if words and not any_shown:
            self.no_match.setText(f"No workflow matches “{text.strip()}”.")
            self._stack.setCurrentWidget(self.no_match)
        else:
            self._stack.setCurrentWidget(self.tree)
            current = self.tree.currentItem()
            if current is not None and current.isHidden() and words:
                self._select_first_visible()

    def _select_first_visible(self) -> None:
        for item in self._items():
            if not item.isHidden() and not item.parent().isHidden():
                self.tree.setCurrentItem(item)
                return

    # ------------------------------------------------------------ queries

    def _items(self) -> list[QTreeWidgetItem]:
        out = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            out += [group.child(c) for c in range(group.childCount())
                    if group.child(c).data(0, KIND_ROLE) in ("example", "user")]
        return out

    def entries(self) -> list[WorkflowEntry]:
        return list(self._entries.values())

    def entry(self, path: Path | str) -> WorkflowEntry | None:
        return self._entries.get(Path(path).resolve())

    def item_for(self, path: Path | str) -> QTreeWidgetItem | None:
        wanted = str(Path(path).resolve())
        return next((i for i in self._items() if i.data(0, PATH_ROLE) == wanted), None)

    def group_names(self, group: str) -> list[str]:
        """Names listed under a group, in display order (hidden ones included)."""
        for g in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(g)
            if top.text(0) == group:
                return [top.child(c).text(0) for c in range(top.childCount())
                        if top.child(c).data(0, KIND_ROLE) in ("example", "user")]
        return []

    def visible_paths(self) -> list[Path]:
        return [Path(i.data(0, PATH_ROLE)) for i in self._items()
                if not i.isHidden() and not i.parent().isHidden()]

    def current_path(self) -> Path | None:
        item = self.tree.currentItem()
        value = item.data(0, PATH_ROLE) if item is not None else None
        return Path(value) if value else None

    def select_path(self, path: Path | str) -> bool:
        item = self.item_for(path)
        if item is None:
            return False
        if item.isHidden() or item.parent().isHidden():
            self.search.clear()
        item.parent().setExpanded(True)
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)
        return True

    def is_read_only(self, path: Path | str) -> bool:
        """Only files directly in the user's workflows folder may be changed."""
        return Path(path).resolve().parent != self.user_dir

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # ------------------------------------------------------------ operations

    def _user_names(self) -> set[str]:
        return {_read_entry(p, False).name.casefold() for p in _workflow_files(self.user_dir)}

    def new_workflow(self) -> Path:
        """A minimal valid workflow (input file -> read document) in My workflows."""
        self.user_dir.mkdir(parents=True, exist_ok=True)
        name = _unique_name(NEW_NAME, self._user_names(), NEW_NAME + " {n}")
        path = _unique_path(self.user_dir, slug(name))
        wf = Workflow(
            name=name,
            folders={"output": "~/Runnel/Output"},
            nodes=[Node("input", "core.input_file", x=40, y=120),
                   Node("read", "documents.read", x=260, y=120)],
            links=[Link("input", "file", "read", "file")],
        )
        save_workflow(wf, path)
        path = path.resolve()
        self.refresh()
        self.select_path(path)
        self.workflowCreated.emit(str(path))
        return path

    def duplicate(self, path: Path | str) -> Path:
        """Copy a workflow into My workflows as '<name> (copy)'."""
        source = Path(path).resolve()
        try:
            wf = load_workflow(source)
        except WorkflowFileError as e:
            raise ValueError(f"“{source.name}” cannot be duplicated because it cannot be "
                             f"read: {e.reason}.") from None
        # a copy of a copy is "X (copy 2)", not "X (copy) (copy)"
        base = re.sub(r" \(copy(?: \d+)?\)$", "", wf.name) or wf.name
        wf.name = _unique_name(f"{base} (copy)", self._user_names(), base + " (copy {n})")
        if source.parent != self.user_dir:
            # relative folders meant "next to the original"; keep pointing there
            wf.folders = {k: v if _anchored(v) else str((source.parent / v).resolve())
                          for k, v in wf.folders.items()}
        # two workflows emptying the same inbox would race for each file: the copy's
        # folder triggers start paused until the user turns them on
        wf.triggers = [dataclasses.replace(t, paused=True) if t.kind == "folder" else t
                       for t in wf.triggers]
        self.user_dir.mkdir(parents=True, exist_ok=True)
        target = _unique_path(self.user_dir, slug(wf.name))
        save_workflow(wf, target)
        target = target.resolve()
        self.refresh()
        self.select_path(target)
        self.workflowCreated.emit(str(target))
        return target

    def rename(self, path: Path | str, new_name: str) -> Path:
        """Set the workflow's name and move the file to the matching file name."""
        source = Path(path).resolve()
        name = " ".join(new_name.split())   # no newlines or runs of spaces in a name
        if not name:
            raise ValueError("A workflow needs a name; the new name is empty.")
        if self.is_read_only(source):
            raise ValueError(f"“{source.name}” is an example and cannot be renamed; "
                             "duplicate it to make your own copy.")
        try:
            wf = load_workflow(source)
        except WorkflowFileError as e:
            raise ValueError(f"“{source.name}” cannot be renamed because it cannot be read: "
                             f"{e.reason}.") from None
        target = self.user_dir / f"{slug(name)}.yaml"
        same_file = target == source or (target.exists() and os.path.samefile(target, source))
        if not same_file and target.exists():
            raise ValueError(f"A workflow file named “{target.name}” already exists in your "
                             "workflows folder; choose another name.")
        if same_file and name == wf.name:
            return source
        wf.name = name
        save_workflow(wf, target)   # write the new file first: a failure loses nothing
        if not same_file:
            source.unlink()
        target = target.resolve()
        self._cache.pop(source, None)
        self.refresh()
        self.select_path(target)
        self.workflowRenamed.emit(str(source), str(target))
        return target

    def delete(self, path: Path | str) -> Path:
        """Move a user workflow into the `.trash` folder; returns where it went."""
        source = Path(path).resolve()
        if self.is_read_only(source):
            raise ValueError(f"“{source.name}” is an example and cannot be deleted.")
        if not source.is_file():
            raise ValueError(f"“{source.name}” no longer exists.")
        trash = self.user_dir / TRASH
        trash.mkdir(exist_ok=True)
        target = trash / source.name
        if target.exists():
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            target = _unique_path(trash, f"{source.stem}-{stamp}", source.suffix)
        neighbour = self._neighbour(source)
        os.replace(source, target)   # same folder tree, so same disk: an atomic move
        self._cache.pop(source, None)
        self.refresh()
        if neighbour is not None and self.current_path() is None:
            self.select_path(neighbour)   # keyboard users can keep going
        self.workflowDeleted.emit(str(source))
        return target

    def _neighbour(self, path: Path) -> Path | None:
        """The entry after `path` in My workflows (or before it, if it is last)."""
        users = [p for p in (Path(i.data(0, PATH_ROLE)) for i in self._items())
                 if not self.is_read_only(p)]
        if path not in users or len(users) < 2:
            return None
        i = users.index(path)
        return users[i + 1] if i + 1 < len(users) else users[i - 1]

    # ------------------------------------------------------------ UI handlers

    def _current_entry(self) -> WorkflowEntry | None:
        path = self.current_path()
        return self.entry(path) if path else None

    def _update_actions(self) -> None:
        entry = self._current_entry()
        self.duplicate_action.setEnabled(entry is not None and not entry.broken)
        self.rename_action.setEnabled(entry is not None and not entry.read_only and not entry.broken)
        self.delete_action.setEnabled(entry is not None and not entry.read_only)
        self.open_action.setEnabled(entry is not None)
        if entry is not None and entry.read_only:
            self.rename_action.setToolTip("Examples are read-only; duplicate it to rename the copy")
            self.delete_action.setToolTip("Examples are read-only and cannot be deleted")
        else:
            self.rename_action.setToolTip("Rename the workflow (F2)")
            self.delete_action.setToolTip("Move the workflow to the trash (Delete)")

    def _on_key(self, command: str) -> None:
        handlers = {"open": self._on_open, "rename": self._on_rename,
                    "delete": self._on_delete, "duplicate": self._on_duplicate}
        action = {"rename": self.rename_action, "delete": self.delete_action,
                  "duplicate": self.duplicate_action}.get(command)
        if action is None or action.isEnabled():
            handlers[command]()

    def _open_item(self, item: QTreeWidgetItem) -> None:
        path = item.data(0, PATH_ROLE)
        if path:   # a broken file too: the editor explains what is wrong with it
            self.openRequested.emit(path)

    def _on_open(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self._open_item(item)

    def _on_new(self) -> None:
        try:
            self.new_workflow()
        except OSError as e:
            self._warn("Cannot create a workflow",
                       f"The new workflow cannot be saved in {self.user_dir}: {e.strerror or e}.")

    def _on_duplicate(self) -> None:
        path = self.current_path()
        if path is None:
            return
        try:
            self.duplicate(path)
        except ValueError as e:
            self._warn("Cannot duplicate", str(e))
        except OSError as e:
            self._warn("Cannot duplicate", f"The copy cannot be saved: {e.strerror or e}.")

    def _on_rename(self) -> None:
        entry = self._current_entry()
        if entry is None:
            return
        new_name = self._ask_name(entry)
        if new_name is None:
            return
        try:
            self.rename(entry.path, new_name)
        except ValueError as e:
            self._warn("Cannot rename", str(e))
        except OSError as e:
            self._warn("Cannot rename", f"The workflow cannot be renamed: {e.strerror or e}.")

    def _on_delete(self) -> None:
        entry = self._current_entry()
        if entry is None or not self._confirm_delete(entry):
            return
        try:
            self.delete(entry.path)
        except ValueError as e:
            self._warn("Cannot delete", str(e))
        except OSError as e:
            self._warn("Cannot delete", f"The file cannot be moved to the trash: {e.strerror or e}.")

    def _on_reveal(self) -> None:
        path = self.current_path()
        folder = path.parent if path else self.user_dir
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # dialogs, kept apart so tests can answer them
    def _ask_name(self, entry: WorkflowEntry) -> str | None:
        return ask_name(self, "Rename workflow", "New name:", entry.name,
                        lambda name: self.user_dir / f"{slug(name)}.yaml", "Rename")

    def _confirm_delete(self, entry: WorkflowEntry) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, "Delete workflow",
                          f"Delete “{entry.name}”?", parent=self)
        box.setInformativeText(f"The file moves to {self.user_dir / TRASH}, "
                               "where you can get it back.")
        delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is delete

    def _warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def _context_menu(self, pos: QPoint) -> None:
        self.build_context_menu(pos).exec(self.tree.viewport().mapToGlobal(pos))

    def build_context_menu(self, pos: QPoint) -> QMenu:
        """The menu for a point in the list's viewport (makes that entry current)."""
        item = self.tree.itemAt(pos)
        if item is not None and item.data(0, KIND_ROLE) in ("example", "user"):
            self.tree.setCurrentItem(item)
        else:
            self.tree.setCurrentItem(None)
        self._update_actions()
        menu = QMenu(self)
        if self._current_entry() is not None:
            menu.addAction(self.open_action)
            menu.addSeparator()
        menu.addAction(self.new_action)
        if self._current_entry() is not None:
            menu.addAction(self.duplicate_action)
            menu.addAction(self.rename_action)
            menu.addAction(self.delete_action)
        menu.addSeparator()
        menu.addAction(self.reveal_action)
        menu.aboutToHide.connect(menu.deleteLater)
        return menu

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                if self.tree.currentItem() is None or self.tree.currentItem().isHidden():
                    self._select_first_visible()
                self.tree.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.search.text().strip():
                self._on_open()
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)


def _anchored(folder: str) -> bool:
    """True when a declared folder does not depend on where the workflow file is."""
    return folder.startswith(("~", "$")) or Path(folder).is_absolute()


__all__ = [
    "GROUP_EXAMPLES",
    "GROUP_USER",
    "NEW_NAME",
    "TRASH",
    "WorkflowEntry",
    "WorkflowLibrary",
    "slug",
]
