"""Start Runnel at login, minimised to the tray. No Qt.

Linux (and other XDG desktops): ~/.config/autostart/runnel.desktop.
macOS: a LaunchAgent, ~/Library/LaunchAgents/org.runnel.Runnel.plist.
Windows: not yet (supported() says so; the Run registry key is the way to add it)."""

from __future__ import annotations

import configparser
import os
import plistlib
import sys
import tempfile
from pathlib import Path

MINIMIZED = "--minimized"
LABEL = "org.runnel.Runnel"

# the desktop entry spec's reserved characters: an argument holding one must be quoted
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


class AutostartError(Exception):
    """Start at login cannot be set here; the message says why."""


def supported() -> str | None:
    """None when start at login works on this system, else a sentence why not."""
    if sys.platform == "win32":
        return "Starting Runnel at login is not available on Windows yet."
    return None


def default_command() -> list[str]:
    if getattr(sys, "frozen", False):
        # an AppImage runs from a temporary mount: start the image itself
        return [os.environ.get("APPIMAGE") or sys.executable, MINIMIZED]
    # sys.executable as it is, not resolved: a venv's python is a symlink that must stay one
    return [sys.executable, "-m", "desktop.app", MINIMIZED]


def entry_path() -> Path:
    if sys.platform == "darwin":
        return Path.home() / "Library" / "LaunchAgents" / f"{LABEL}.plist"
    config = os.environ.get("XDG_CONFIG_HOME", "")
    # the spec: a relative XDG_CONFIG_HOME is invalid and ignored
    base = Path(config) if config and os.path.isabs(config) else Path.home() / ".config"
    return base / "autostart" / "runnel.desktop"


def enable(command: list[str] | None = None) -> Path:
    """Write the login entry (replacing ours, if any) and return its path. The command
    always gets --minimized: at login Runnel goes to the tray, not onto the screen."""
    reason = supported()
    if reason:
        raise AutostartError(reason)
    command = list(command or default_command())
    if MINIMIZED not in command:
        command.append(MINIMIZED)
    path = entry_path()
    if sys.platform == "darwin":
        data = plistlib.dumps({"Label": LABEL, "ProgramArguments": command,
                               "RunAtLoad": True, "ProcessType": "Interactive"})
    else:
        data = desktop_entry(command).encode("utf-8")
    _write_atomically(path, data)
    return path


def disable() -> bool:
    """Remove the login entry; True when there was one."""
    if supported():
        return False
    try:
        entry_path().unlink()
    except FileNotFoundError:
        return False
    return True


def is_enabled() -> bool:
    if supported():
        return False
    path = entry_path()
    try:
        if sys.platform == "darwin":
            plist = plistlib.loads(path.read_bytes())
            return bool(plist.get("RunAtLoad")) and not plist.get("Disabled", False)
        entry = _parser()
        entry.read_string(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, configparser.Error):
        return False      # missing or damaged: it will not start Runnel
    section = entry["Desktop Entry"] if entry.has_section("Desktop Entry") else {}
    # a session manager's "off" switch (GNOME's Startup Applications) is honoured
    return (section.get("Hidden", "false") != "true"
            and section.get("X-GNOME-Autostart-enabled", "true") != "false")


def desktop_entry(command: list[str]) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Name=Runnel",
        "Comment=Private, local document workflows (starts in the tray)",
        f"Exec={exec_line(command)}",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
        "",
    ])


def exec_line(command: list[str]) -> str:
    """The Exec value: each argument quoted by the desktop entry spec, then the whole
    escaped as a keyfile string (so a backslash is written four times)."""
    parts = []
    for arg in command:
        arg = arg.replace("%", "%%")            # % starts a field code
        if not arg or _RESERVED & set(arg):
            arg = '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
        parts.append(arg)
    line = " ".join(parts)
    return (line.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
            .replace("\r", "\\r"))


def _parser() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]   # keys are case-sensitive
    return parser


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".runnel-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
