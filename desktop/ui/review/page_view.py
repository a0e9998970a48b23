"""The document of a review item, as its pages really look: rendered by pdfium on a
worker thread (desktop.review.pages), shown with zoom and page navigation, the source
span of the selected field outlined. A click on a word reports its text, so the form
can fill the focused field with it. An image (a scan, a photo) is shown as it is; a
document that is neither, or that cannot be rendered, is shown as text with a note."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from PySide6.QtCore import QObject, QPointF, QRectF, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPen, QPixmap
from PySide6.QtWidgets import (QGraphicsPixmapItem, QGraphicsRectItem, QGraphicsScene,
                               QGraphicsView, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
                               QStackedWidget, QVBoxLayout, QWidget)

from desktop.review.pages import PageError, RenderedPage, is_image, render_page

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)    # of the width that fits the view
MARGIN = 24                        # pixels left beside the page at zoom 1 (the scroll bar)


@dataclass(frozen=True)
class Highlight:
    page: int
    box: tuple[float, float, float, float]     # x0, top, x1, bottom in points, top-left origin


class _Signals(QObject):
    done = Signal(int, object)      # request number, RenderedPage or the error sentence


class _Render(QRunnable):
    """One page rendered off the GUI thread; the result comes back as a signal."""

    def __init__(self, number: int, path: Path, index: int, zoom: float, width: int, signals: _Signals):
        super().__init__()
        self.number, self.path, self.index, self.signals = number, path, index, signals
        self.zoom, self.width = zoom, width

    def run(self) -> None:
        try:
            result: object = render_page(self.path, self.index, self.zoom, fit_width=self.width)
        except PageError as e:
            result = str(e)
        self.signals.done.emit(self.number, result)


class PageView(QWidget):
    """Shows one page at a time; `show_document`, `highlight`, `go_to`."""

    wordClicked = Signal(str)       # the text of the word under a click on the page
    pageShown = Signal(int, int)    # page index, page count

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path: Path | None = None
        self._index = 0
        self._count = 0
        self._zoom = ZOOMS.index(1.0)
        self._requests = 0
        self._page: RenderedPage | None = None
        self._highlight: Highlight | None = None
        self._text_fallback = ""
        self._ocr_lines: tuple = ()
        self._signals = _Signals()
        self._signals.done.connect(self._rendered)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._refit = QTimer(self, singleShot=True, interval=150)   # after a resize settles
        self._refit.timeout.connect(lambda: self.go_to(self._index) if self._page is not None else None)

        self.scene = QGraphicsScene(self)
        self.view = QGraphicsView(self.scene)
        self.view.setAccessibleName("Document page")
        self.view.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.view.viewport().installEventFilter(self)
        self.pixmap = QGraphicsPixmapItem()
        self.scene.addItem(self.pixmap)
        self.mark = QGraphicsRectItem()
        self.mark.setPen(QPen(QColor(230, 120, 0), 2))
        self.mark.setBrush(QBrush(QColor(255, 200, 0, 70)))
        self.mark.setZValue(1)
        self.mark.hide()
        self.scene.addItem(self.mark)

        self.text = QPlainTextEdit(readOnly=True)
        self.text.setAccessibleName("Document text")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.text)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()

        self.prev_button = QPushButton("‹")
        self.prev_button.setToolTip("Previous page (Page Up)")
        self.prev_button.setAccessibleName("Previous page")
        self.next_button = QPushButton("›")
        self.next_button.setToolTip("Next page (Page Down)")
        self.next_button.setAccessibleName("Next page")
        self.page_label = QLabel()
        self.zoom_out_button = QPushButton("−")
        self.zoom_out_button.setToolTip("Zoom out (Ctrl+-)")
        self.zoom_out_button.setAccessibleName("Zoom out")
        self.zoom_in_button = QPushButton("+")
        self.zoom_in_button.setToolTip("Zoom in (Ctrl++)")
        self.zoom_in_button.setAccessibleName("Zoom in")
        for b in (self.prev_button, self.next_button, self.zoom_out_button, self.zoom_in_button):
            b.setFixedWidth(32)
        self.prev_button.clicked.connect(lambda: self.go_to(self._index - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self._index + 1))
        self.zoom_in_button.clicked.connect(lambda: self.zoom(+1))
        self.zoom_out_button.clicked.connect(lambda: self.zoom(-1))
        bar = QHBoxLayout()
        bar.addWidget(self.prev_button)
        bar.addWidget(self.page_label)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(self.zoom_out_button)
        bar.addWidget(self.zoom_in_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)

    # ------------------------------------------------------------ what is shown

    @property
    def page_index(self) -> int:
        return self._index

    @property
    def page_count(self) -> int:
        return self._count

    @property
    def rendered(self) -> RenderedPage | None:
        return self._page

    def show_document(self, path: str | Path | None, text: str = "", ocr_lines: tuple = ()) -> None:
        """A new document: its first page (or `text` when it is no PDF or is gone).
        `ocr_lines`: the words OCR read on its scanned pages, for clicks on them."""
        self._path = Path(path) if path else None
        self._ocr_lines = tuple(ocr_lines)
        self._text_fallback = text
        self._page = None
        self._highlight = None
        self.mark.hide()
        self.pixmap.setPixmap(QPixmap())
        self.note.hide()
        shown = self._path is not None and (self._path.suffix.lower() == ".pdf" or is_image(self._path))
        if not shown:
            self._count = 0
            self._show_text(text, "" if self._path is None or self._path.is_file() else
                            f"{self._path.name} is no longer at {self._path.parent}; "
                            "what the run read is shown.")
            return
        self._count = 0
        self.stack.setCurrentWidget(self.view)
        for b in (self.prev_button, self.next_button, self.zoom_in_button, self.zoom_out_button):
            b.setEnabled(True)
        self.go_to(0)

    def go_to(self, index: int) -> None:
        if self._path is None or self.stack.currentWidget() is not self.view:
            return
        if index < 0 or (self._count and index >= self._count):
            return
        self._index = index
        self._requests += 1
        self.page_label.setText(f"Page {index + 1} of {self._count or '?'}")
        width = max(200, self.view.viewport().width() - MARGIN)
        self.pool.start(_Render(self._requests, self._path, index, ZOOMS[self._zoom], width, self._signals))

    def zoom(self, step: int) -> None:
        zoom = min(max(self._zoom + step, 0), len(ZOOMS) - 1)
        if zoom != self._zoom:
            self._zoom = zoom
            self.go_to(self._index)

    def highlight(self, mark: Highlight | None) -> None:
        """Outline a field's source span, turning to its page first."""
        self._highlight = mark
        if mark is not None and self.stack.currentWidget() is self.view and mark.page != self._index:
            self.go_to(mark.page)
            return
        self._place_mark()

    # ------------------------------------------------------------ internals

    def _show_text(self, text: str, note: str) -> None:
        self.stack.setCurrentWidget(self.text)
        self.text.setPlainText(text)
        self.page_label.setText("")
        self.note.setText(note)
        self.note.setVisible(bool(note))
        for b in (self.prev_button, self.next_button, self.zoom_in_button, self.zoom_out_button):
            b.setEnabled(False)

    def _rendered(self, number: int, result: object) -> None:
        if number != self._requests:
            return               # a page asked for before the last one: not shown
        if isinstance(result, str):
            self._show_text(self._text_fallback, result + " The text is shown instead.")
            return
        assert isinstance(result, RenderedPage)
        self._page = result
        self._count = result.count
        image = QImage(result.rgb, result.width, result.height, result.stride, QImage.Format.Format_RGB888)
        self.pixmap.setPixmap(QPixmap.fromImage(image))
        self.scene.setSceneRect(QRectF(0, 0, result.width, result.height))
        self.page_label.setText(f"Page {result.index + 1} of {result.count}")
        self.prev_button.setEnabled(result.index > 0)
        self.next_button.setEnabled(result.index + 1 < result.count)
        self.zoom_in_button.setEnabled(self._zoom + 1 < len(ZOOMS))
        self.zoom_out_button.setEnabled(self._zoom > 0)
        self._place_mark()
        self.pageShown.emit(result.index, result.count)

    def _place_mark(self) -> None:
        mark, page = self._highlight, self._page
        if mark is None or page is None or mark.page != page.index:
            self.mark.hide()
            return
        s = page.scale
        x0, top, x1, bottom = mark.box
        rect = QRectF(x0 * s - 3, top * s - 3, (x1 - x0) * s + 6, (bottom - top) * s + 6)
        self.mark.setRect(rect)
        self.mark.show()
        self.view.ensureVisible(rect, 40, 60)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._refit.start()          # the page fits the new width

    def eventFilter(self, watched: QObject, event) -> bool:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QEvent

        if watched is self.view.viewport() and event.type() == QEvent.Type.MouseButtonRelease \
                and self._page is not None:
            word = self.word_at(self.view.mapToScene(event.position().toPoint()))
            if word:
                self.wordClicked.emit(word)
        return super().eventFilter(watched, event)

    def word_at(self, point: QPointF) -> str:
        """The word of the shown page under a point of the scene (pixels)."""
        page = self._page
        if page is None:
            return ""
        x, y = point.x() / page.scale, point.y() / page.scale
        for line in page.lines or [ln for ln in self._ocr_lines if ln.page == page.index]:
            if line.box is None:
                continue
            x0, top, x1, bottom = line.box
            if not (top - 1 <= y <= bottom + 1 and x0 - 1 <= x <= x1 + 1):
                continue
            for word in line.words:
                wx0, wtop, wx1, wbottom = word.box
                if wx0 - 1 <= x <= wx1 + 1 and wtop - 1 <= y <= wbottom + 1:
                    return line.text[word.start:word.end]
        return ""
