"""`runnel install-desktop-entry`: put Runnel in the Linux desktop's application menu.

Writes the launcher (from the template packaging/linux/runnel.desktop, with an Exec
line for this installation) to $XDG_DATA_HOME/applications/runnel.desktop and the
icon to $XDG_DATA_HOME/icons/hicolor/; XDG_DATA_HOME defaults to ~/.local/share.
Files opened with Runnel, or dropped on its launcher, arrive as arguments (%F). No Qt.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from desktop.paths import CHECKOUT

TEMPLATE = CHECKOUT / "packaging" / "linux" / "runnel.desktop"
ICON_PNG = CHECKOUT / "resources" / "icons" / "runnel.png"
ICON_SVG = CHECKOUT / "resources" / "icons" / "runnel.svg"
ENTRY_NAME = "runnel.desktop"

# Characters that make the Desktop Entry spec require an argument to be quoted, and
# those that must be backslash-escaped inside the quotes.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPED_IN_QUOTES = set('"`$\\')


class DesktopEntryError(Exception):
    """The launcher cannot be written; the message says which file and why."""


def data_home() -> Path:
    """$XDG_DATA_HOME when it is an absolute path (the spec says to ignore others),
    else ~/.local/share."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def entry_path() -> Path:
    return data_home() / "applications" / ENTRY_NAME


def icon_paths() -> dict[Path, Path]:
    """Where each icon file goes: {source: target}."""
    icons = data_home() / "icons" / "hicolor"
    return {ICON_PNG: icons / "256x256" / "apps" / "runnel.png",
            ICON_SVG: icons / "scalable" / "apps" / "runnel.svg"}


def default_command() -> list[str]:
    """What starts the window of this installation: the packaged app itself (or its
    AppImage), else this Python running the app module (a venv's python as it is,
    not resolved: it is a symlink that must stay one)."""
    if getattr(sys, "frozen", False):
        return [os.environ.get("APPIMAGE") or sys.executable]
    return [sys.executable, "-m", "desktop.app"]


def quote_exec_arg(arg: str) -> str:
    """One argument of an Exec line, quoted and escaped as the Desktop Entry spec
    says: reserved characters force double quotes, inside which " ` $ and \\ are
    backslash-escaped; a literal % is %%; and then, the value being a string, every
    backslash is escaped once more and a tab written as \\t."""
    if any(ord(c) < 32 and c != "\t" for c in arg) or "\x7f" in arg:
        raise DesktopEntryError(f"the path {arg!r} contains a line break or another control "
                                "character and cannot be written in a desktop entry")
    arg = arg.replace("%", "%%")
    if not arg or any(c in _RESERVED for c in arg):
        arg = '"' + "".join("\\" + c if c in _ESCAPED_IN_QUOTES else c for c in arg) + '"'
    return arg.replace("\\", "\\\\").replace("\t", "\\t")


def exec_line(command: list[str]) -> str:
    return " ".join(quote_exec_arg(a) for a in command) + " %F"


def render(command: list[str]) -> str:
    """The template with this installation's Exec line."""
    try:
        template = TEMPLATE.read_text(encoding="utf-8")
    except OSError as e:
        raise DesktopEntryError(f"the desktop entry template {TEMPLATE} cannot be read: "
                                f"{e.strerror or e}") from None
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + exec_line(command)
        elif line.startswith("TryExec="):
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def _write(target: Path, data: bytes) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.part")
        tmp.write_bytes(data)
        tmp.chmod(0o644)
        os.replace(tmp, target)
    except OSError as e:
        raise DesktopEntryError(f"{target} cannot be written: {e.strerror or e}") from None


def install(executable: list[str] | None = None) -> list[Path]:
    """Write the launcher and the icons; returns the files written. `executable` is
    the command that starts the window (default: this installation's)."""
    command = list(executable) if executable else default_command()
    written = []
    entry = entry_path()
    _write(entry, render(command).encode("utf-8"))
    written.append(entry)
    for source, target in icon_paths().items():
        try:
            data = source.read_bytes()
        except OSError as e:
            raise DesktopEntryError(f"the icon {source} cannot be read: {e.strerror or e}") from None
        _write(target, data)
        written.append(target)
    _refresh()
    return written


def uninstall() -> list[Path]:
    """Remove what install() wrote; returns the files removed."""
    removed = []
    for path in [entry_path(), *icon_paths().values()]:
        try:
            path.unlink()
            removed.append(path)
        except FileNotFoundError:
            pass
        except OSError as e:
            raise DesktopEntryError(f"{path} cannot be removed: {e.strerror or e}") from None
    _refresh()
    return removed


def _refresh() -> None:
    """Tell the desktop about the change where its tools are installed (the menu
    notices new files by itself on most desktops; the MIME cache needs this)."""
    hicolor = data_home() / "icons" / "hicolor"
    commands = [["update-desktop-database", "-q", str(data_home() / "applications")]]
    if (hicolor / "icon-theme.cache").exists():     # never create a cache, only refresh one
        commands.append(["gtk-update-icon-cache", "-q", "-t", str(hicolor)])
    for cmd in commands:
        if shutil.which(cmd[0]) is None:
            continue
        try:
            subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=20, check=False)
        except (OSError, subprocess.SubprocessError):
            pass
