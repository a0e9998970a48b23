"""The engine side never loads Qt: checked in a fresh interpreter."""

import pkgutil
import subprocess
import sys

import desktop

QT_FREE = ("desktop.engine", "desktop.steps", "desktop.llm", "desktop.store", "desktop.watch",
           "desktop.extract", "desktop.examples", "desktop.review", "desktop.pii", "desktop.ocr")


def test_non_qt_packages_never_import_pyside():
    modules = ["desktop.cli", "desktop.runner", "desktop.paths", "desktop.privacy",
               "desktop.audit_export", "desktop.undo", "desktop.draft",
               "desktop.settings", "desktop.app.autostart", "desktop.app.desktop_entry",
               "desktop.app.qt_platform"]
    for info in pkgutil.walk_packages(desktop.__path__, "desktop."):
        if info.name.startswith(QT_FREE):
            modules.append(info.name)
    assert "desktop.engine.executor" in modules and "desktop.store.runs" in modules
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
            "print(','.join(bad))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


# what each package may not import, at module level or inside a function: the layers
# below never reach up (the examples store is below the steps, which learn from it)
FORBIDDEN = {
    "desktop/engine": ("desktop.steps", "desktop.extract", "desktop.examples", "desktop.ui", "desktop.app"),
    "desktop/extract": ("desktop.steps", "desktop.examples", "desktop.ui", "desktop.app", "desktop.store"),
    "desktop/examples": ("desktop.steps", "desktop.ui", "desktop.app"),
    "desktop/llm": ("desktop.steps", "desktop.extract", "desktop.examples", "desktop.ui", "desktop.app"),
    "desktop/ocr": ("desktop.steps", "desktop.extract", "desktop.examples", "desktop.llm", "desktop.store",
                    "desktop.review", "desktop.ui", "desktop.app"),
}


def test_lower_packages_do_not_import_upper_ones():
    import ast
    from pathlib import Path

    root = Path(desktop.__file__).parent.parent
    bad = []
    for folder, forbidden in FORBIDDEN.items():
        for path in sorted((root / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                         [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                bad += [f"{path.relative_to(root)}:{node.lineno} imports {n}"
                        for n in names if n.startswith(forbidden)]
    assert bad == []
