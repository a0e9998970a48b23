"""The step palette: every registered step, grouped by category, searchable, and
draggable onto the canvas (the drag carries the step id under `MIME_STEP`)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QIcon,
    QKeyEvent,
    QPainter,
    QPalette,
    QPixmap,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.engine.registry import Registry, default_registry
from desktop.engine.spec import Port, StepSpec
from desktop.ui.widgets import empty_list_label
from desktop.ui.theme import category_colour, port_colour

MIME_STEP = "application/x-runnel-step"

# the order a pipeline is usually built in; a pack's own categories follow, A-Z
CATEGORY_ORDER: tuple[str, ...] = ("Input", "Documents", "Text", "AI", "Flow",
                                   "Guardrails", "People", "Files")

STEP_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 3

_ICONS: dict[str, QIcon] = {}


def category_sort_key(category: str) -> tuple[int, str]:
    if category in CATEGORY_ORDER:
        return (0, f"{CATEGORY_ORDER.index(category):03d}")
    return (1, category.lower())


def category_icon(category: str) -> QIcon:
    """A small rounded square in the category's colour (the canvas node header's hue)."""
    icon = _ICONS.get(category)
    if icon is None:
        icon = QIcon()
        for size in (12, 16, 24):   # crisp at 1x and on high-DPI screens
            pix = QPixmap(size, size)
            pix.fill(Qt.GlobalColor.transparent)
            p = QPainter(pix)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            colour = category_colour(category)
            p.setPen(colour.darker(125))
            p.setBrush(colour)
            m = size / 6
            p.drawRoundedRect(m, m, size - 2 * m, size - 2 * m, size / 5, size / 5)
            p.end()
            icon.addPixmap(pix)
        _ICONS[category] = icon
    return icon


class StepModel(QStandardItemModel):
    """Category rows with step rows under them; a step row drags as its id."""

    def mimeTypes(self) -> list[str]:
        return [MIME_STEP, "text/plain"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData | None:
        ids = [i.data(STEP_ID_ROLE) for i in indexes if i.isValid() and i.data(STEP_ID_ROLE)]
        if not ids:
            return None
        mime = QMimeData()
        mime.setData(MIME_STEP, QByteArray(ids[0].encode("utf-8")))
        mime.setText(ids[0])
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


def match_rank(title: str, step_id: str, text: str) -> int:
    """How well a search names a step, lower is better: 0 the title or id itself,
    1 the start of the title or of a part of the id ("write" for files.write_text),
    2 the start of a word of the title, 3 anywhere in the title or id, 4 only in the
    description or category. Return in the search box adds the best."""
    needle = " ".join(text.casefold().split())
    title, step_id = title.casefold(), step_id.casefold()
    parts = [part for chunk in step_id.split(".") for part in [chunk, *chunk.split("_")]]
    if needle in (title, step_id):
        return 0
    if title.startswith(needle) or step_id.startswith(needle) or any(p.startswith(needle) for p in parts):
        return 1
    if any(word.startswith(needle) for word in title.split()):
        return 2
    if needle in title or needle in step_id:
        return 3
    return 4


class _StepFilter(QSortFilterProxyModel):
    """Every search word must appear in the step's title, id, description or category;
    a category row shows when one of its steps does (recursive filtering)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setRecursiveFilteringEnabled(True)

    def set_needle(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._words:
            return True
        index = self.sourceModel().index(row, 0, parent)
        haystack = index.data(SEARCH_ROLE)
        if haystack is None:   # a category row: shown only through a matching step
            return False
        return all(w in haystack for w in self._words)


class _StepTree(QTreeView):
    """Return/Enter activates (the view's own `activated` fires on a single click on
    some desktops, which would add a step by accident). Up/Down step over open
    category rows; Up above the first row goes back to the search box."""

    enterPressed = Signal(QModelIndex)
    leftTop = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.enterPressed.emit(self.currentIndex())
            event.accept()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not event.modifiers():
            step = self.indexAbove if key == Qt.Key.Key_Up else self.indexBelow
            index = step(self.currentIndex())
            # an open category header is skipped; a closed one stays reachable (Right opens it)
            while index.isValid() and not index.data(STEP_ID_ROLE) and self.isExpanded(index):
                index = step(index)
            if index.isValid():
                self.setCurrentIndex(index)
            elif key == Qt.Key.Key_Up:
                self.leftTop.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class StepPalette(QWidget):
    """Search box, category tree, and a description of the current step under it."""

    stepActivated = Signal(str)

    def __init__(self, registry: Registry | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StepPalette")
        self._registry = registry if registry is not None else default_registry()
        self._specs: dict[str, StepSpec] = {}
        self._collapsed: set[str] = set()   # categories the user closed, kept across searches
        self._searching = False

        self.search = QLineEdit(self)
        self.search.setObjectName("paletteSearch")
        self.search.setPlaceholderText("Search steps")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search steps")
        self.search.installEventFilter(self)

        self.model = StepModel(self)
        self.proxy = _StepFilter(self)
        self.proxy.setSourceModel(self.model)

        self.tree = _StepTree(self)
        self.tree.setObjectName("paletteTree")
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(14)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.tree.setAccessibleName("Steps")
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")

        self.no_match = empty_list_label(self, "paletteNoMatch")

        self._stack = QStackedWidget(self)
        self._stack.addWidget(self.tree)
        self._stack.addWidget(self.no_match)

        self.details = QTextBrowser(self)
        self.details.setObjectName("paletteDetails")
        self.details.setOpenLinks(False)
        self.details.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.details.setMinimumHeight(90)
        self.details.setAccessibleName("Step description")
        # reads as part of the panel rather than as another list
        self.details.viewport().setBackgroundRole(QPalette.ColorRole.Window)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._stack)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 200])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(self._on_search)
        self.tree.doubleClicked.connect(self._activate)
        self.tree.enterPressed.connect(self._activate)
        self.tree.leftTop.connect(self.focus_search)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.tree.collapsed.connect(lambda i: self._remember(i, collapsed=True))
        self.tree.expanded.connect(lambda i: self._remember(i, collapsed=False))

        self._populate()
        self._show_details(None)

    # ------------------------------------------------------------ public API

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def select_step(self, step_id: str) -> bool:
        """Make `step_id` the current entry (clearing a search that hides it)."""
        source = self.index_for(step_id)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.search.clear()
            index = self.proxy.mapFromSource(source)
        self.tree.expand(index.parent())
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def current_step(self) -> str | None:
        return self.tree.currentIndex().data(STEP_ID_ROLE)

    def index_for(self, step_id: str) -> QModelIndex:
        """The source-model index of a step (for drags and tests)."""
        for r in range(self.model.rowCount()):
            cat = self.model.index(r, 0)
            for c in range(self.model.rowCount(cat)):
                child = self.model.index(c, 0, cat)
                if child.data(STEP_ID_ROLE) == step_id:
                    return child
        return QModelIndex()

    def visible_steps(self) -> list[str]:
        """Ids of the steps the current search leaves visible, in display order."""
        out: list[str] = []
        for r in range(self.proxy.rowCount()):
            cat = self.proxy.index(r, 0)
            out += [self.proxy.index(c, 0, cat).data(STEP_ID_ROLE)
                    for c in range(self.proxy.rowCount(cat))]
        return out

    def visible_categories(self) -> list[str]:
        return [self.proxy.index(r, 0).data(CATEGORY_ROLE) for r in range(self.proxy.rowCount())]

    def spec(self, step_id: str) -> StepSpec | None:
        return self._specs.get(step_id)

    # ------------------------------------------------------------ building

    def _populate(self) -> None:
        self.model.clear()
        by_category: dict[str, list[StepSpec]] = {}
        for cls in self._registry.all():
            spec = cls.spec
            self._specs[spec.id] = spec
            by_category.setdefault(spec.category, []).append(spec)
        bold = QFont(self.font())
        bold.setBold(True)
        for category in sorted(by_category, key=category_sort_key):
            header = QStandardItem(category)
            header.setData(category, CATEGORY_ROLE)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)   # not selectable, not draggable
            header.setFont(bold)
            for spec in sorted(by_category[category], key=lambda s: s.title.casefold()):
                item = QStandardItem(category_icon(category), spec.title)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsDragEnabled)
                item.setData(spec.id, STEP_ID_ROLE)
                item.setData(category, CATEGORY_ROLE)
                item.setData(f"{spec.title} {spec.id} {spec.description} {category}".casefold(),
                             SEARCH_ROLE)
                item.setToolTip(f"<p><b>{html.escape(spec.title)}</b> "
                                f"<code>{html.escape(spec.id)}</code></p>"
                                f"<p>{html.escape(spec.description)}</p>")
                item.setAccessibleDescription(spec.description)
                header.appendRow(item)
            self.model.appendRow(header)
        self.tree.expandAll()

    def _remember(self, proxy_index: QModelIndex, collapsed: bool) -> None:
        if self._searching:   # expansion while searching is ours, not the user's
            return
        category = proxy_index.data(CATEGORY_ROLE)
        if collapsed:
            self._collapsed.add(category)
        else:
            self._collapsed.discard(category)

    # ------------------------------------------------------------ behaviour

    def _on_search(self, text: str) -> None:
        self._searching = bool(text.strip())
        self.proxy.set_needle(text)
        if self._searching:
            self.tree.expandAll()
        else:
            for r in range(self.proxy.rowCount()):
                index = self.proxy.index(r, 0)
                self.tree.setExpanded(index, index.data(CATEGORY_ROLE) not in self._collapsed)
        visible = self.visible_steps()
        if not visible:
            self.no_match.setText(f"No step matches “{text.strip()}”.\n\n"
                                  "Try another word, or clear the search.")
            self._stack.setCurrentWidget(self.no_match)
            self._show_details(None)
            return
        self._stack.setCurrentWidget(self.tree)
        # keep the best guess current, so Return in the search box adds it
        if self._searching:
            best = min(visible, key=lambda i: (match_rank(self._specs[i].title, i, text), visible.index(i)))
            if self.current_step() != best:
                self.select_step(best)
        elif self.current_step():
            self.tree.scrollTo(self.tree.currentIndex())

    def _activate(self, index: QModelIndex) -> None:
        step_id = index.data(STEP_ID_ROLE)
        if step_id:
            self.stepActivated.emit(step_id)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_details(self._specs.get(current.data(STEP_ID_ROLE) or ""))

    def eventFilter(self, watched: QObject, event: object) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                self._enter_list()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._searching:
                if self.current_step():
                    self.stepActivated.emit(self.current_step())
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

    def _enter_list(self) -> None:
        visible = self.visible_steps()
        if not visible:
            return
        if self.current_step() not in visible:
            self.select_step(visible[0])
        self.tree.setFocus(Qt.FocusReason.TabFocusReason)

    # ------------------------------------------------------------ description

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:   # theme switched: recolour the text
            self._show_details(self._specs.get(self.current_step() or ""))

    def _show_details(self, spec: StepSpec | None) -> None:
        pal = self.palette()
        muted = pal.color(QPalette.ColorRole.PlaceholderText).name()
        if spec is None:
            self.details.setHtml(
                f"<p style='color:{muted}'>Select a step to see what it does. Drag it onto "
                "the canvas, or press Enter to add it.</p>")
            return
        colour = category_colour(spec.category).name()
        parts = [
            f"<p style='margin-bottom:2px'><b style='font-size:large'>{html.escape(spec.title)}</b></p>",
            (f"<p style='margin-top:0; color:{muted}'><span style='color:{colour}'>■</span> "
             f"{html.escape(spec.category)} · <code>{html.escape(spec.id)}</code></p>"),
            f"<p>{html.escape(spec.description)}</p>",
        ]
        notes = []
        if spec.uses_model:
            notes.append("runs the local language model")
        if spec.side_effects:
            notes.append("changes files (a dry run only reports what it would do)")
        if spec.routing:
            notes.append("routing: exactly one branch output is taken")
        if notes:
            parts.append(f"<p style='color:{muted}'>{html.escape('; '.join(notes)).capitalize()}.</p>")
        parts.append(self._ports_html("Inputs", spec.inputs, muted))
        parts.append(self._ports_html("Outputs", spec.outputs, muted))
        self.details.setHtml("".join(parts))

    @staticmethod
    def _ports_html(title: str, ports: tuple[Port, ...], muted: str) -> str:
        if not ports:
            return f"<p><b>{title}</b><br><span style='color:{muted}'>none</span></p>"
        rows = []
        for port in ports:
            ptype = port.type.value
            extra = []
            if not port.required:
                extra.append("optional")
            if port.branch:
                extra.append("branch")
            suffix = f", {', '.join(extra)}" if extra else ""
            line = (f"<span style='color:{port_colour(ptype).name()}'>●</span>&nbsp;"
                    f"{html.escape(port.name)} <span style='color:{muted}'>{ptype}{suffix}</span>")
            if port.help:
                line += f"<br>&nbsp;&nbsp;&nbsp;<span style='color:{muted}'>{html.escape(port.help)}</span>"
            rows.append(line)
        return f"<p><b>{title}</b><br>{'<br>'.join(rows)}</p>"


__all__ = [
    "CATEGORY_ORDER",
    "MIME_STEP",
    "STEP_ID_ROLE",
    "StepModel",
    "StepPalette",
    "category_icon",
    "category_sort_key",
]
