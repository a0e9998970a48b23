"""An in-app toast: a small dark card in the bottom-right corner of the main window
that says what a background run did and hides itself after a few seconds. Used when
there is no system tray to show a notification (offscreen, some Linux desktops).

A click on the card emits `clicked` (the notifier opens the run); the × only closes
it. The pointer resting on it holds it open, so a user reading it is not rushed."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QEvent, QObject, QPropertyAnimation, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QMouseEvent, QPainter, QPainterPath, QPaintEvent
from PySide6.QtWidgets import (QGraphicsOpacityEffect, QHBoxLayout, QLabel, QMainWindow, QToolButton,
                               QVBoxLayout, QWidget)

MARGIN = 16          # from the window's edges
WIDTH = 340
LEVEL_COLOURS = {"info": "#56b4a3", "warning": "#e08a2c", "error": "#d64541"}


class Toast(QWidget):
    clicked = Signal()

    def __init__(self, parent: QWidget | None = None, timeout_ms: int = 6000):
        super().__init__(parent)
        self.timeout_ms = timeout_ms
        self.level = "info"
        self._clickable = False
        if parent is None:
            # no window to sit in: a frameless card of its own in the screen's corner
            self.setWindowFlags(Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint
                                | Qt.WindowType.WindowStaysOnTopHint)
            self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
            self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        else:
            parent.installEventFilter(self)      # follow the window's corner when it is resized
        self.setObjectName("toast")
        self.setFixedWidth(WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

        self.title_label = QLabel()
        self.title_label.setStyleSheet("color: #ffffff; font-weight: 600;")
        self.title_label.setWordWrap(True)
        self.text_label = QLabel()
        self.text_label.setStyleSheet("color: #e3e5e8;")
        self.text_label.setWordWrap(True)
        self.hint_label = QLabel("Click to open")
        self.hint_label.setStyleSheet("color: #9fb8cc; font-size: small;")
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip("Dismiss")
        self.close_button.setAutoRaise(True)
        self.close_button.setCursor(Qt.CursorShape.ArrowCursor)
        self.close_button.setStyleSheet("QToolButton { color: #c9cdd4; border: none; padding: 0 2px; }"
                                        "QToolButton:hover { color: #ffffff; }")
        self.close_button.clicked.connect(self.dismiss)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 10, 10, 12)   # left leaves room for the level stripe
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.text_label)
        layout.addWidget(self.hint_label)

        self._effect = QGraphicsOpacityEffect(self)
        self._effect.setOpacity(1.0)
        self.setGraphicsEffect(self._effect)
        self._fade = QPropertyAnimation(self._effect, b"opacity", self)
        self._fade.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self._fade.finished.connect(self._faded)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.fade_out)
        self.hide()

    # ------------------------------------------------------------ showing

    def show_message(self, title: str, text: str, level: str = "info", clickable: bool = True) -> None:
        """Show (or replace) the message and restart the countdown."""
        self.level = level if level in LEVEL_COLOURS else "info"
        self._clickable = clickable
        self.title_label.setText(title)
        self.text_label.setText(text)
        self.text_label.setVisible(bool(text))
        self.hint_label.setVisible(clickable)
        self.setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor)
        self.setToolTip(f"{title}\n{text}".strip())
        self.adjustSize()
        self._place()
        self._fade.stop()
        self._fade.setDuration(150)
        self._fade.setStartValue(self._effect.opacity() if self.isVisible() else 0.0)
        self._fade.setEndValue(1.0)
        self.show()
        self.raise_()
        self._fade.start()
        self._timer.start(self.timeout_ms)

    def fade_out(self) -> None:
        if self.underMouse():             # being read: ask again a little later
            self._timer.start(1500)
            return
        self._fade.stop()
        self._fade.setDuration(400)
        self._fade.setStartValue(self._effect.opacity())
        self._fade.setEndValue(0.0)
        self._fade.start()

    def dismiss(self) -> None:
        self._timer.stop()
        self._fade.stop()
        self.hide()

    def _faded(self) -> None:
        if self._effect.opacity() <= 0.01:
            self.hide()
            self._effect.setOpacity(1.0)

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            area = parent.rect()
            bottom = MARGIN
            if isinstance(parent, QMainWindow) and parent.statusBar().isVisible():
                bottom += parent.statusBar().height()     # keep the status bar readable
            self.move(area.right() - self.width() - MARGIN + 1, area.bottom() - self.height() - bottom + 1)
            return
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(area.right() - self.width() - MARGIN, area.bottom() - self.height() - MARGIN)

    # ------------------------------------------------------------ events

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            if self._clickable:
                self.clicked.emit()
            self.dismiss()
            return
        super().mouseReleaseEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        path = QPainterPath()
        path.addRoundedRect(rect, 8, 8)
        p.fillPath(path, QColor(38, 41, 46, 240))           # near-opaque dark card on any theme
        p.setPen(QColor(255, 255, 255, 40))
        p.drawPath(path)
        stripe = QPainterPath()
        stripe.addRoundedRect(QRectF(6, 10, 4, rect.height() - 20), 2, 2)
        p.fillPath(stripe, QColor(LEVEL_COLOURS[self.level]))
        p.end()
