"""The dark theme reaches every widget of the real window, the lists on the left
included, and Cancel in Preferences puts the light one back exactly: read from the
widgets' palettes and from what they paint (issue 15, item 11)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialogButtonBox, QLabel, QWidget

from shiboken6 import isValid

from desktop.ui import theme

pytestmark = pytest.mark.gui

BASE = {"light": QColor("#ffffff"), "dark": QColor("#1f2124")}


@pytest.fixture(autouse=True)
def light_theme_around(qapp):
    theme.apply_theme(qapp, "light")
    yield
    theme.apply_theme(qapp, "light")


def painted_background(view: QAbstractItemView) -> QColor:
    """The colour the list paints below its last row (the bottom-right pixel)."""
    QApplication.processEvents()
    image = view.viewport().grab().toImage()
    return QColor(image.pixel(image.width() - 3, image.height() - 3))


def lists(win) -> dict[str, QAbstractItemView]:  # type: ignore[no-untyped-def]
    return {"Workflows": win.library.tree, "Steps": win.palette.tree, "Step list": win.node_list,
            "Problems": win.run_panel.problems}


def colours(widgets: list[QWidget]) -> list[tuple[str, str, str]]:
    role = QPalette.ColorRole
    return [(w.palette().color(role.Base).name(), w.palette().color(role.Window).name(),
             w.palette().color(role.Text).name()) for w in widgets]


def close(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) <= 8


def test_dark_reaches_every_list_and_cancel_restores_light_exactly(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.preferences import PreferencesDialog

    win = window
    views = lists(win)
    everything = [w for w in win.findChildren(QWidget) if w.isVisible()]
    before = colours(everything)
    app_before = QApplication.palette()
    for name, view in views.items():
        assert close(painted_background(view), BASE["light"]), name

    win.show_preferences()
    dialog: PreferencesDialog = win.preferences_dialog
    qtbot.addWidget(dialog)
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    assert theme.current() == "dark"
    for name, view in views.items():
        assert view.palette().color(QPalette.ColorRole.Base) == BASE["dark"], f"{name} kept light colours"
        shown = painted_background(view)
        assert close(shown, BASE["dark"]), f"{name} is painted {shown.name()} in the dark theme"
    app = QApplication.palette()
    QApplication.processEvents()
    shown = [w for w in win.findChildren(QWidget) if w.isVisible()]
    group = lambda w: w.palette().currentColorGroup()  # noqa: E731
    stale = [w for w in shown if any(w.palette().color(r) != app.color(group(w), r) for r in
                                     (QPalette.ColorRole.Base, QPalette.ColorRole.Window))]
    assert not stale, f"widgets left in the light theme: {[type(w).__name__ for w in stale[:10]]}"
    # text coloured on purpose (the inspector's muted hints) takes the dark theme's colour
    hints = [w for w in shown if isinstance(w, QLabel) and "color:" in w.styleSheet()]
    assert hints and all(theme.canvas_colours("dark")["muted"].name() in w.styleSheet() or
                         theme.canvas_colours("dark")["problem"].name() in w.styleSheet() for w in hints), \
        [w.styleSheet() for w in hints]

    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert theme.current() == "light"
    for name, view in views.items():
        shown = painted_background(view)
        assert close(shown, BASE["light"]), f"{name} is painted {shown.name()} after Cancel"
    kept = [i for i, w in enumerate(everything) if isValid(w)]     # panels rebuilt meanwhile are new
    assert len(kept) > 50
    assert colours([everything[i] for i in kept]) == [before[i] for i in kept], \
        "Cancel did not put every widget back as it was"
    assert QApplication.palette() == app_before


def test_switching_back_and_forth_never_lags_one_theme_behind(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    tree = window.library.tree
    for name in ("dark", "light", "dark", "light"):
        theme.apply_theme(app, name)
        assert tree.palette().color(QPalette.ColorRole.Base) == BASE[name], name
        assert close(painted_background(tree), BASE[name]), name
