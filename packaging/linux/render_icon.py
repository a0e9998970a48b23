"""Render resources/icons/runnel.svg to the 256 px PNG the .desktop entry and the
window use: `QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/linux/render_icon.py`.
Run it again after changing the SVG and commit both files."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"


def render(svg: Path, png: Path, size: int = 256) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(png)):
        raise SystemExit(f"cannot write {png}")


if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    render(ICONS / "runnel.svg", ICONS / "runnel.png")
    print(ICONS / "runnel.png")
