"""Runnel's look: our own palette on the Fusion style (light and dark), and the
colours that carry meaning on the canvas: step categories, port types, statuses."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("light", "dark")

# one hue per palette category; a pack's unknown category falls back to grey
CATEGORY_COLOURS: dict[str, str] = {
    "Input": "#6b7b8c",
    "Documents": "#3d7ea6",
    "Text": "#4f9a6f",
    "AI": "#8a5cc2",
    "Flow": "#c28a2e",
    "Guardrails": "#c0504d",
    "People": "#d06d9b",
    "Files": "#4a8f8f",
}
FALLBACK_CATEGORY = "#7a7a7a"

# port colour per type, so compatible ports read at a glance; shapes differ too
# (see canvas.items) for people who cannot tell the colours apart
PORT_COLOURS: dict[str, str] = {
    "file": "#d9a441",
    "files": "#e0b95f",
    "document": "#3d7ea6",
    "text": "#4f9a6f",
    "json": "#8a5cc2",
    "rows": "#b46fd6",
    "any": "#9a9a9a",
}

STATUS_COLOURS: dict[str, str] = {
    "queued": "#9aa5b1",
    "running": "#2f80ed",
    "done": "#27ae60",
    "cached": "#56b4a3",
    "skipped": "#b0b0b0",
    "failed": "#d64541",
    "cancelled": "#e08a2c",
    "waiting": "#c77dd6",
    "rejected": "#8e5b3a",       # a person said no: not a failure, not a plain done
}


@lru_cache(maxsize=None)
def category_colour(category: str) -> QColor:
    return QColor(CATEGORY_COLOURS.get(category, FALLBACK_CATEGORY))


def port_colour(port_type: str) -> QColor:
    return QColor(PORT_COLOURS.get(port_type, PORT_COLOURS["any"]))


def status_colour(status: str) -> QColor:
    return QColor(STATUS_COLOURS.get(status, "#9aa5b1"))


def _palette(name: str) -> QPalette:
    dark = name == "dark"
    c = {
        "window": "#2b2d31" if dark else "#f3f4f6",
        "base": "#1f2124" if dark else "#ffffff",
        "alt": "#26282c" if dark else "#f7f8fa",
        "text": "#e6e6e6" if dark else "#1d2129",
        "mid": "#3a3d42" if dark else "#d4d7dd",
        "button": "#35383d" if dark else "#fbfbfc",
        "highlight": "#3d7ea6" if dark else "#2f6fb0",
        "disabled": "#7d8188" if dark else "#9ba1ab",
        "tooltip": "#3a3d42" if dark else "#fffbe6",
        "link": "#6fb3e0" if dark else "#1f5f9e",
    }
    p = QPalette()
    role = QPalette.ColorRole
    p.setColor(role.Window, QColor(c["window"]))
    p.setColor(role.WindowText, QColor(c["text"]))
    p.setColor(role.Base, QColor(c["base"]))
    p.setColor(role.AlternateBase, QColor(c["alt"]))
    p.setColor(role.Text, QColor(c["text"]))
    p.setColor(role.Button, QColor(c["button"]))
    p.setColor(role.ButtonText, QColor(c["text"]))
    p.setColor(role.ToolTipBase, QColor(c["tooltip"]))
    p.setColor(role.ToolTipText, QColor(c["text"]))
    p.setColor(role.PlaceholderText, QColor(c["disabled"]))
    p.setColor(role.Highlight, QColor(c["highlight"]))
    p.setColor(role.HighlightedText, QColor("#ffffff"))
    p.setColor(role.Link, QColor(c["link"]))
    p.setColor(role.Mid, QColor(c["mid"]))
    p.setColor(role.Midlight, QColor(c["mid"]))
    group = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group, r, QColor(c["disabled"]))
    return p


@lru_cache(maxsize=None)
def canvas_colours(name: str) -> dict[str, QColor]:
    """Colours of the canvas itself (background, grid, node body) for a theme; made
    once (painting asks for them every frame), so copy a colour before changing it."""
    dark = name == "dark"
    return {
        "background": QColor("#232529" if dark else "#eef0f3"),
        "grid": QColor("#2d3035" if dark else "#e1e4e9"),
        "node": QColor("#33363b" if dark else "#ffffff"),
        "node_border": QColor("#4a4e55" if dark else "#c9cdd4"),
        "text": QColor("#e6e6e6" if dark else "#1d2129"),
        "muted": QColor("#9ba1ab" if dark else "#6b7280"),
        "link": QColor("#8f96a0" if dark else "#7c8491"),
        "selection": QColor("#6fb3e0" if dark else "#2f6fb0"),
        "problem": QColor("#e5534b" if dark else "#d64541"),
    }


_current = "light"


def current() -> str:
    return _current


def apply_theme(app: QApplication, name: str = "light") -> None:
    """Fusion with our palette: looks the same on every platform and honours the
    user's font size (high-DPI scaling is Qt's own, never fixed pixel fonts)."""
    global _current
    _current = name if name in THEMES else "light"
    app.setStyle("Fusion")
    app.setPalette(_palette(_current))
    # a widget with a style sheet of its own (the Workflows and Steps lists pad their
    # rows) took its colours from the palette when the sheet was applied, and keeps
    # them through a palette change: apply its sheet again, with the new palette
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)
    font = app.font()
    if font.pointSizeF() < 9:
        font.setPointSizeF(9.5)
    app.setFont(font)


def mono_font() -> QFont:
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font
