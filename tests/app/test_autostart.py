"""Start at login: the XDG autostart entry (Linux) and the LaunchAgent (macOS)."""

from __future__ import annotations

import configparser
import json
import plistlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.app import autostart

NASTY = 'a $HOME `id` "q" back\\slash 100% semi;colon'


@pytest.fixture
def config(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(sys, "platform", "linux")
    cfg = tmp_path / "config dir"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(cfg))
    return cfg


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text(encoding="utf-8"))
    return dict(parser["Desktop Entry"])


def split_exec(value: str) -> list[str]:
    """The desktop entry spec's reading of Exec, written out independently: keyfile
    escapes first, then quoted arguments, then %% -> %."""
    keyfile = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    text, i = "", 0
    while i < len(value):
        if value[i] == "\\":
            text += keyfile[value[i + 1]]
            i += 2
        else:
            text += value[i]
            i += 1
    args: list[str] = []
    cur, quoted, started, i = "", False, False, 0
    while i < len(text):
        c = text[i]
        if quoted:
            if c == "\\":
                assert text[i + 1] in '"`$\\', f"bad escape in {text!r}"
                cur += text[i + 1]
                i += 1
            elif c == '"':
                quoted = False
            else:
                assert c not in "`$", f"unescaped {c!r} inside quotes in {text!r}"
                cur += c
        elif c == '"':
            quoted = started = True
        elif c == " ":
            if started:
                args.append(cur)
            cur, started = "", False
        else:
            assert c not in autostart._RESERVED, f"unquoted reserved {c!r} in {text!r}"
            cur += c
            started = True
        i += 1
    assert not quoted
    if started:
        args.append(cur)
    return [a.replace("%%", "%") for a in args]


def test_enable_writes_an_autostart_entry_that_starts_minimized(config):
    assert autostart.supported() is None
    assert not autostart.is_enabled()
    path = autostart.enable()
    assert path == config / "autostart" / "runnel.desktop"
    entry = read_entry(path)
    assert entry["Type"] == "Application" and entry["Name"] == "Runnel"
    assert split_exec(entry["Exec"]) == [sys.executable, "-m", "desktop.app", "--minimized"]
    assert autostart.is_enabled()
    assert autostart.disable() is True
    assert not path.exists() and not autostart.is_enabled()
    assert autostart.disable() is False


def test_without_xdg_config_home_the_entry_goes_to_dot_config(config, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CONFIG_HOME")
    assert autostart.enable(["/opt/runnel/runnel"]) == tmp_path / "home/.config/autostart/runnel.desktop"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/ignored")        # invalid by the spec
    assert autostart.is_enabled()


def test_exec_quotes_a_path_with_spaces_and_non_ascii(config, tmp_path):
    exe = str(tmp_path / "Mes Applications" / "Rünnel ☃" / "runnel")
    entry = read_entry(autostart.enable([exe]))
    assert entry["Exec"] == f'"{exe}" --minimized'
    assert split_exec(entry["Exec"]) == [exe, "--minimized"]


def test_exec_escapes_quotes_dollars_backslashes_and_percent(config, tmp_path):
    exe = str(tmp_path / "x" / "runnel")
    entry = read_entry(autostart.enable([exe, NASTY, "--minimized"]))
    assert split_exec(entry["Exec"]) == [exe, NASTY, "--minimized"]
    # a backslash is escaped for the quoting and again for the keyfile
    assert "back\\\\\\\\slash" in entry["Exec"] and "100%%" in entry["Exec"]


@pytest.mark.skipif(shutil.which("gio") is None, reason="needs GLib's gio to launch the entry")
def test_glib_launches_the_entry_with_the_exact_arguments(config, tmp_path):
    folder = tmp_path / "My Apps ü"
    folder.mkdir()
    out = tmp_path / "argv.json"
    script = folder / "show argv.py"
    script.write_text(f"import json, sys\nopen({str(out)!r}, 'w').write(json.dumps(sys.argv[1:]))\n")
    path = autostart.enable([sys.executable, str(script), NASTY])
    subprocess.run(["gio", "launch", str(path)], check=True, timeout=30)
    deadline = time.monotonic() + 30            # gio starts the program and returns
    while not out.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert json.loads(out.read_text()) == [NASTY, "--minimized"]


def test_a_command_without_minimized_gets_it(config):
    entry = read_entry(autostart.enable(["/usr/bin/runnel"]))
    assert split_exec(entry["Exec"]) == ["/usr/bin/runnel", "--minimized"]
    entry = read_entry(autostart.enable(["/usr/bin/runnel", "--minimized"]))
    assert split_exec(entry["Exec"]) == ["/usr/bin/runnel", "--minimized"]


def test_the_frozen_app_starts_itself_or_its_appimage(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/tmp/.mount_Runnel/runnel")
    monkeypatch.delenv("APPIMAGE", raising=False)
    assert autostart.default_command() == ["/tmp/.mount_Runnel/runnel", "--minimized"]
    monkeypatch.setenv("APPIMAGE", "/home/me/Apps/Runnel.AppImage")
    assert autostart.default_command() == ["/home/me/Apps/Runnel.AppImage", "--minimized"]


@pytest.mark.parametrize("switch", ["Hidden=true", "X-GNOME-Autostart-enabled=false"])
def test_turned_off_by_the_session_manager_is_not_enabled(config, switch):
    path = autostart.enable(["/usr/bin/runnel"])
    text = path.read_text(encoding="utf-8").replace("X-GNOME-Autostart-enabled=true\n", "")
    path.write_text(text + switch + "\n", encoding="utf-8")
    assert not autostart.is_enabled()


def test_a_damaged_entry_is_not_enabled(config):
    path = autostart.enable(["/usr/bin/runnel"])
    path.write_text("not a desktop file", encoding="utf-8")
    assert not autostart.is_enabled()


def test_macos_writes_a_launch_agent(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("HOME", str(tmp_path / "Users" / "me"))
    exe = "/Applications/Runnel Beta.app/Contents/MacOS/Runnel"
    assert autostart.supported() is None
    assert not autostart.is_enabled()
    path = autostart.enable([exe])
    assert path == tmp_path / "Users/me/Library/LaunchAgents/org.runnel.Runnel.plist"
    with path.open("rb") as f:
        plist = plistlib.load(f)
    assert plist == {"Label": "org.runnel.Runnel", "ProgramArguments": [exe, "--minimized"],
                     "RunAtLoad": True, "ProcessType": "Interactive"}
    assert autostart.is_enabled()
    assert autostart.disable() is True
    assert not autostart.is_enabled() and not path.exists()


def test_autostart_does_not_load_qt():
    code = ("import sys, desktop.app.autostart\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_windows_says_it_is_not_supported_yet(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    reason = autostart.supported()
    assert reason and "Windows" in reason
    with pytest.raises(autostart.AutostartError, match="Windows"):
        autostart.enable()
    assert autostart.is_enabled() is False and autostart.disable() is False
