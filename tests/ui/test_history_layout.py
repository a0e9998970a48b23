"""History reads well: columns as wide as what they hold where there is room, widths
the person chose come back, output paths keep their folder and file name, and the
title names the window once (issue 15, item 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from desktop.ui.history import HistoryWindow
from desktop.ui.path_text import elide_path
from tests.ui.test_history import History

pytestmark = pytest.mark.gui

NAME = "Rechnung März 2026 – Northwind.txt"


@pytest.fixture
def runs(tmp_path: Path, qapp: QApplication):  # type: ignore[no-untyped-def]
    h = History(tmp_path)
    # a run of a longer-named workflow, writing deep in a folder tree
    deep = tmp_path / "Documents" / "Accounting 2026" / "Supplier invoices" / "Northwind Traders"
    spec = yaml.safe_load(h.workflow.read_text())
    spec["name"], spec["folders"]["out"] = "Invoice intake (copy 2)", str(deep)
    long_wf = tmp_path / "long.yaml"
    long_wf.write_text(yaml.safe_dump(spec, sort_keys=False))
    (tmp_path / NAME).write_text("Invoice\nTotal 12.00\n", encoding="utf-8")
    h.long = h.run(long_wf, tmp_path / NAME)  # type: ignore[attr-defined]
    h.deep = deep  # type: ignore[attr-defined]
    yield h
    h.runner.close()
    h.store.close()


def open_history(qtbot, store, settings: QSettings | None = None) -> HistoryWindow:  # type: ignore[no-untyped-def]
    w = HistoryWindow(store, settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.refresh()
    return w


def test_columns_show_what_they_hold_where_there_is_room(qtbot, runs) -> None:  # type: ignore[no-untyped-def]
    w = open_history(qtbot, runs.store)
    w.resize(1600, 720)                    # room for every column of the list
    w.splitter.setSizes([900, 700])
    qtbot.waitUntil(lambda: w.run_view.viewport().width() > 850)
    w.refresh()
    view, header = w.run_view, w.run_view.header()
    for col in range(w.run_model.columnCount()):
        need = view.sizeHintForColumn(col)
        title = w.run_model.headerData(col, Qt.Orientation.Horizontal)
        assert header.sectionSize(col) >= need, f"the {title} column is cut: {header.sectionSize(col)} < {need}"


def test_column_widths_the_person_chose_are_remembered(qtbot, runs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    w = open_history(qtbot, runs.store, settings)
    header = w.run_view.header()
    header.resizeSection(1, 260)            # as a drag on the header's edge does
    w.refresh()                             # new rows do not undo the person's choice
    assert header.sectionSize(1) == 260
    w.close()
    settings.sync()

    again = open_history(qtbot, runs.store, QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    assert again.run_view.header().sectionSize(1) == 260


def test_an_output_path_keeps_its_folder_and_name(qtbot, runs) -> None:  # type: ignore[no-untyped-def]
    w = open_history(qtbot, runs.store)
    assert w.select_run(runs.long)
    view = w.ops_view
    written = runs.deep / "Rechnung März 2026 – Northwind.json"
    row = next(i for i, op in enumerate(w.op_model.rows) if op["target"] == str(written))
    index = w.op_model.index(row, 2)
    assert w.op_model.data(index, Qt.ItemDataRole.ToolTipRole) == str(written)     # whole, in the tooltip
    for width in (520, 300, 200):
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect.setWidth(width)
        view.itemDelegate().initStyleOption(option, index)
        shown = option.text
        assert shown.startswith("…/") and "Nort" in shown and shown.endswith(".json"), shown
        assert QFontMetrics(option.font).horizontalAdvance(shown) <= width
        if width >= 500:
            assert shown.endswith("/Northwind Traders/Rechnung März 2026 – Northwind.json"), shown
    # the Input line of the details: elided the same way, whole in its tooltip
    w.input_label.resize(200, w.input_label.height())
    QApplication.processEvents()
    assert w.input_label.text().endswith(".txt") and w.input_label.text().startswith("…/")
    assert w.input_label.toolTip() == str(runs.tmp / NAME)


def test_elide_path_drops_leading_folders_first() -> None:
    fm = QFontMetrics(QApplication.font())
    path = "/home/ann/Documents/Accounting/Northwind/invoice-2026-03.json"
    assert elide_path(path, fm, 10_000) == path
    shown = elide_path(path, fm, fm.horizontalAdvance("…/Accounting/Northwind/invoice-2026-03.json") + 2)
    assert shown == "…/Accounting/Northwind/invoice-2026-03.json"
    tight = elide_path(path, fm, fm.horizontalAdvance("…/Northwind/invoice-2026-03.json") - 20)
    assert tight.startswith("…/") and tight.count("/") == 2 and fm.horizontalAdvance(tight) <= \
        fm.horizontalAdvance("…/Northwind/invoice-2026-03.json") - 20
    assert elide_path("C:\\Users\\ann\\Out\\a.pdf", fm, fm.horizontalAdvance("…\\Out\\a.pdf") + 1) == "…\\Out\\a.pdf"


def test_the_title_names_the_window_once(qtbot, runs, window) -> None:  # type: ignore[no-untyped-def]
    w = open_history(qtbot, runs.store)
    # the desktop shows "<title> — Runnel" (applicationDisplayName): the title itself
    # must not carry the application's name
    assert w.windowTitle() == "History"
    window.show_history()
    assert window.history_window.windowTitle() == "History"
    for title in (w.windowTitle(), window.history_window.windowTitle()):
        assert QApplication.applicationDisplayName() not in title
