"""The folder picker of a step's folder option: the workflow's declared folders by
name, and *New folder…*, which declares one (asking for its name and path) without
leaving the inspector. The declared folders come live from `FolderChoices`, so the
picker follows the Folders panel (add, rename, remove, undo)."""

from __future__ import annotations

from typing import Callable, Iterator, Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from desktop.engine.spec import Param
from desktop.ui.param_editors.base import ChoiceEditor

NEW_FOLDER = "\x00new-folder"          # the item's data; never a folder name
NEW_FOLDER_TEXT = "New folder…"


class FolderChoices(QObject):
    """The declared folders of the open workflow, as a sequence of names that says
    when it changed, and can declare a new folder (the Folders panel provides it)."""

    changed = Signal()

    def __init__(self, names: Callable[[], list[str]],
                 declare: Callable[[QWidget | None], str | None] | None = None,
                 finish: Callable[[], None] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names, self._declare, self._finish = names, declare, finish

    def names(self) -> list[str]:
        return list(self._names())

    @property
    def can_declare(self) -> bool:
        return self._declare is not None

    def declare(self, parent: QWidget | None = None) -> str | None:
        """Ask for a new folder and declare it; its name, or None. When a name comes
        back, the undo step stays open for the picker's choice: call `finish`."""
        return self._declare(parent) if self._declare else None

    def finish(self) -> None:
        """The declaration and the choice that followed are one undo step."""
        if self._finish:
            self._finish()

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self.names())

    def __getitem__(self, index: int) -> str:
        return self.names()[index]


def _options(param: Param, folders: Sequence[str]) -> list[tuple[str, str]]:
    options: list[tuple[str, str]] = [] if param.required else [("(none)", "")]
    return options + [(name, name) for name in folders]


class FolderEditor(ChoiceEditor):
    def __init__(self, param: Param, folders: Sequence[str] | FolderChoices,
                 parent: QWidget | None = None) -> None:
        super().__init__(param, _options(param, folders), parent)
        self.choices = folders if isinstance(folders, FolderChoices) else None
        with self.quiet():
            self._fill(None)                 # again, now with New folder… when it can declare
        self._tooltip(list(folders))
        if self.choices is not None:
            self.choices.changed.connect(self._folders_changed)

    def _tooltip(self, folders: list[str]) -> None:
        self.combo.setToolTip(
            "Output folders are declared once for the whole workflow (the Folders panel: "
            "a name for each path); a step picks one of them by name."
            + ("" if folders else "\nThis workflow declares no folders yet.")
            + (f"\nChoose '{NEW_FOLDER_TEXT}' to declare another." if self.choices and self.choices.can_declare
               else ""))

    def _fill(self, extra: str | None) -> None:
        super()._fill(extra)
        if getattr(self, "choices", None) is not None and self.choices.can_declare:
            self.combo.insertSeparator(self.combo.count())
            self.combo.addItem(NEW_FOLDER_TEXT, NEW_FOLDER)

    def unknown_text(self, value: str) -> str:
        return "(choose a folder)" if value == "" else f"{value} (not declared)"

    def _picked(self, index: int) -> None:
        if index >= 0 and self.combo.itemData(index) == NEW_FOLDER:
            if self.is_quiet:
                return
            with self.quiet():              # the picker shows the value until a folder exists
                self._show(self._value)
            # after this signal: the dialog must not open inside the combo's own popup handling
            QTimer.singleShot(0, self.new_folder)
            return
        super()._picked(index)

    def new_folder(self) -> str | None:
        """Declare a folder (the Folders panel asks its name and path) and pick it."""
        if self.choices is None:
            return None
        name = self.choices.declare(self)
        if not name:
            return None
        try:
            self._folders_changed()
            with self.quiet():
                self._show(name)
            self._value = None               # so the commit below is not dropped as unchanged
            self._commit(name)
        finally:
            self.choices.finish()
        return name

    def _folders_changed(self) -> None:
        """A folder was declared, renamed or removed: offer the current ones."""
        names = self.choices.names() if self.choices is not None else []
        self.options = _options(self.param, names)
        self._tooltip(names)
        with self.quiet():
            self._show(self._value)
