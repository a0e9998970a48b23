"""Before Qt starts on Linux: are the system libraries of Qt's X11 (xcb) platform
plugin there? Without them Qt aborts with a message that names one library (often
not the one missing), so we look first and say exactly what is missing and the
apt-get command that installs it. No Qt here: this runs before PySide6 is loaded."""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Mapping

# soname -> the Debian/Ubuntu package that ships it (the set packaging/setup.sh installs
# first, then the rest of what libqxcb.so and the Qt libraries it loads may need)
DEBIAN_PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)


def xcb_plugin() -> Path | None:
    """PySide6's libqxcb.so, found without importing PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        plugin = Path(root) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def missing_from_ldd(output: str) -> list[str]:
    """The sonames `ldd` reports as "not found", once each, in its order."""
    seen: list[str] = []
    for name in _NOT_FOUND.findall(output):
        if name not in seen:
            seen.append(name)
    return seen


def run_ldd(plugin: Path) -> str | None:
    """ldd's report on the plugin (it follows the whole tree of libraries, so every
    missing one is listed); None when there is no ldd."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return None
    try:
        proc = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout + proc.stderr


def missing_by_loading(plugin: Path) -> list[str]:
    """Without ldd: load the plugin as Qt would. The loader names only the first
    library it cannot find, so this is the fallback."""
    try:
        ctypes.CDLL(str(plugin))
        return []
    except OSError as e:
        found = re.search(r"(\S+\.so[.\d]*): cannot open shared object file", str(e))
        return [found.group(1)] if found else [str(e)]


def needs_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Qt will use its xcb plugin: Linux, an X display, and no other platform chosen
    (QT_QPA_PLATFORM may list fallbacks, e.g. "wayland;xcb": the first one is tried)."""
    if not platform.startswith("linux") or not environ.get("DISPLAY"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    return not chosen or chosen.split(";")[0].split(":")[0] == "xcb"


def xcb_only(environ: Mapping[str, str]) -> bool:
    """Qt has nowhere else to go: xcb chosen, or no Wayland display. In a Wayland
    session Qt may take its wayland plugin instead (not on every desktop), so there
    a missing xcb library is said, but the start goes on."""
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    return bool(chosen) or not environ.get("WAYLAND_DISPLAY")


def install_advice(missing: list[str]) -> str:
    """What to tell the user: the missing libraries and the command that installs them."""
    packages: list[str] = []
    unknown: list[str] = []
    for name in missing:
        package = DEBIAN_PACKAGES.get(name)
        if package is None:
            unknown.append(name)
        elif package not in packages:
            packages.append(package)
    lines = ["runnel: the window cannot open: Qt's X11 platform plugin (xcb) needs these "
             "system libraries, which are not installed:",
             "  " + ", ".join(missing)]
    if packages:
        lines += ["Install them with:", f"  sudo apt-get install {' '.join(packages)}"]
    if unknown:
        lines.append("Find the package for " + ", ".join(unknown)
                     + " with `apt-file search <name>` (or your distribution's package search).")
    lines.append("Then start Runnel again. (`bash packaging/setup.sh start` installs them when run as root.)")
    return "\n".join(lines)


def xcb_problem(environ: Mapping[str, str] | None = None, platform: str = sys.platform,
                plugin: Path | None = None,
                ldd: Callable[[Path], str | None] | None = None) -> str | None:
    """The sentence to print instead of starting Qt, or None when Qt can go ahead
    (not Linux/X11, a platform other than xcb chosen, or nothing missing)."""
    environ = os.environ if environ is None else environ
    if not needs_xcb(environ, platform):
        return None
    plugin = plugin or xcb_plugin()
    if plugin is None:
        return None              # no PySide6 wheel layout we know: let Qt speak for itself
    report = (ldd or run_ldd)(plugin)
    missing = missing_from_ldd(report) if report is not None else missing_by_loading(plugin)
    if not missing:
        return None
    advice = install_advice(missing)
    if not xcb_only(environ):
        advice += "\n(Starting anyway: in this Wayland session Qt may not need its X11 plugin.)"
    return advice
