"""Paths shown in too little room, and column widths that are remembered.

A path cut in the middle ("/home/ann/Docum…ders GmbH.json") hides the folder, which
is what tells two outputs apart. `elide_path` drops leading folders instead, so the
file name and the folder that holds it stay readable ("…/Northwind/invoice.json");
the full path goes in a tooltip."""

from __future__ import annotations

from pathlib import PurePath

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSettings, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (QHeaderView, QLabel, QStyle, QStyledItemDelegate, QStyleOptionViewItem,
                               QTreeView, QWidget)

ELLIPSIS = "…"


def elide_path(path: str, metrics: QFontMetrics, width: int) -> str:
    """`path` as it fits in `width` pixels: whole; else its last folders and file
    name after "…/"; else the holding folder shortened, the name whole; else the name
    shortened in the middle (so its extension shows)."""
    if not path or metrics.horizontalAdvance(path) <= width:
        return path
    sep = "\\" if "\\" in path and "/" not in path else "/"
    parts = [p for p in path.replace("\\", "/").split("/") if p]
    if len(parts) < 2:
        return metrics.elidedText(path, Qt.TextElideMode.ElideMiddle, width)
    for keep in range(len(parts) - 1, 1, -1):        # as many trailing parts as fit, at least 2
        text = ELLIPSIS + sep + sep.join(parts[-keep:])
        if metrics.horizontalAdvance(text) <= width:
            return text
    # the folder and the name share the room (the name first), each cut in its middle
    folder, name = parts[-2], parts[-1]
    room = width - metrics.horizontalAdvance(ELLIPSIS + sep + sep)
    folder_room = max(min(metrics.horizontalAdvance(folder), int(room * 0.4)),
                      room - metrics.horizontalAdvance(name))
    if folder_room < metrics.horizontalAdvance(folder[:2] + ELLIPSIS):
        return metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, width)
    short_folder = metrics.elidedText(folder, Qt.TextElideMode.ElideMiddle, folder_room)
    short_name = metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, room - folder_room)
    return ELLIPSIS + sep + short_folder + sep + short_name


def looks_like_path(text: str) -> bool:
    return bool(text) and ("/" in text or "\\" in text) and bool(PurePath(text).name)


class PathDelegate(QStyledItemDelegate):
    """Draws a column of paths elided by `elide_path` (other text as the view does)."""

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 - Qt
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if looks_like_path(option.text):
            style = option.widget.style() if option.widget else None
            margin = (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, option.widget) + 1
                      if style else 4)
            option.text = elide_path(option.text, option.fontMetrics, option.rect.width() - 2 * margin)


class PathLabel(QLabel):
    """A label showing a path elided to its width, the whole path in its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path = ""
        self.setMinimumWidth(1)             # a long path must not widen the panel

    def set_path(self, path: str) -> None:
        self._path = path
        self.setToolTip(path if looks_like_path(path) else "")
        self._fit()

    def path(self) -> str:
        return self._path

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = self.contentsRect().width()
        text = elide_path(self._path, self.fontMetrics(), width) if looks_like_path(self._path) else self._path
        if text != self.text():
            self.setText(text)


class ColumnWidths:
    """A view's column widths: fitted to what the rows hold (within reason) until the
    person drags one, then theirs, kept in QSettings under `key` for the next time."""

    def __init__(self, view: QTreeView, settings: QSettings | None, key: str, stretch: int,
                 minimums: dict[int, int], cap: float = 0.45) -> None:
        self.view, self.settings, self.key, self.stretch = view, settings, key, stretch
        self.minimums, self.cap = minimums, cap
        self._fitting = False
        self.chosen: dict[int, int] = {}
        header = view.header()
        header.sectionResized.connect(self._resized)
        stored = settings.value(key) if settings is not None else None
        if isinstance(stored, str):
            stored = [stored]
        for col, width in enumerate(stored or []):
            try:
                if int(width) > 0 and col != stretch:
                    self.chosen[col] = int(width)
            except (TypeError, ValueError):
                continue              # a hand-edited settings file: fit that column instead
        self.fit()

    def fit(self) -> None:
        """Each column as wide as its widest row, within a share of the view and never
        under its minimum; the stretch column takes the rest, and when that is less
        than its rows need, the others give back what they have over their minimum."""
        header = self.view.header()
        model = self.view.model()
        count = model.columnCount()
        room = self.view.viewport().width()
        widths: dict[int, int] = {}
        floors: dict[int, int] = {}
        for col in range(count):
            if col == self.stretch or header.isSectionHidden(col):
                continue
            if col in self.chosen:
                widths[col] = self.chosen[col]
            else:
                wanted = max(self.view.sizeHintForColumn(col) + 8, header.sectionSizeHint(col))
                floors[col] = min(self.minimum(col), wanted)    # no wider than its rows need
                widths[col] = max(floors[col], min(wanted, int(room * self.cap)))
        need = max(self.view.sizeHintForColumn(self.stretch) + 8, header.sectionSizeHint(self.stretch))
        short = need - (room - sum(widths.values()))
        spare = {c: widths[c] - f for c, f in floors.items()}
        total = sum(v for v in spare.values() if v > 0)
        if short > 0 and total > 0:
            for col, extra in spare.items():
                if extra > 0:
                    widths[col] -= min(extra, round(short * extra / total))
        self._fitting = True
        try:
            for col in range(count):
                if col == self.stretch:
                    header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
                elif col in widths:
                    header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
                    header.resizeSection(col, widths[col])
        finally:
            self._fitting = False

    def minimum(self, col: int) -> int:
        return self.minimums.get(col, self.view.header().sectionSizeHint(col))

    def _resized(self, col: int, _old: int, new: int) -> None:
        if self._fitting or col == self.stretch or new <= 0:
            return
        self.chosen[col] = new            # the person's choice, from now on
        if self.settings is not None:
            header = self.view.header()
            self.settings.setValue(self.key, [self.chosen.get(c, 0) if c != self.stretch else 0
                                              for c in range(header.count())])
