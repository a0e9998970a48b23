"""The Linux launcher written by `runnel install-desktop-entry`: where it goes, what
it says, and that its Exec line gives back the exact command, whatever the path."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.app import desktop_entry
from desktop.app.desktop_entry import DesktopEntryError, install, uninstall

ODD_PATH = "/opt/Rünnel app (test)/bin/runnel"


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    target = tmp_path / "xdg data"
    monkeypatch.setenv("XDG_DATA_HOME", str(target))
    return target


def parse_exec(value: str) -> list[str]:
    """The Desktop Entry spec's reading of an Exec value (after the file's string
    escapes are undone): arguments split on spaces, double quotes group, and inside
    them a backslash escapes the next character. %F stays a field code."""
    args, current, i, quoted, started = [], [], 0, False, False
    while i < len(value):
        c = value[i]
        if quoted:
            if c == "\\":
                i += 1
                current.append(value[i])
            elif c == '"':
                quoted = False
            else:
                current.append(c)
        elif c == '"':
            quoted = started = True
        elif c == " ":
            if started:
                args.append("".join(current))
            current, started = [], False
        else:
            current.append(c)
            started = True
        i += 1
    assert not quoted, f"unbalanced quotes in {value!r}"
    if started:
        args.append("".join(current))
    return [a.replace("%%", "%") for a in args]


def unescape_string(value: str) -> str:
    """The file's string-value escapes (\\s \\n \\t \\r \\\\)."""
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            out.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(value[i + 1],
                                                                                 "\\" + value[i + 1]))
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str            # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def assert_valid(path: Path) -> None:
    validator = shutil.which("desktop-file-validate")
    if validator:
        done = subprocess.run([validator, str(path)], capture_output=True, text=True)
        assert done.returncode == 0 and "error" not in done.stdout, done.stdout + done.stderr
    entry = read_entry(path)          # and whatever the validator said, it must parse
    for key in ("Type", "Name", "Exec", "Icon", "MimeType"):
        assert entry.get(key), f"{key} missing from {path}"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_template_is_a_valid_desktop_entry():
    assert_valid(desktop_entry.TEMPLATE)


def test_install_writes_launcher_and_icons_under_xdg_data_home(data_home):
    written = install(["/usr/bin/runnel"])

    entry = data_home / "applications" / "runnel.desktop"
    png = data_home / "icons" / "hicolor" / "256x256" / "apps" / "runnel.png"
    assert entry in written and png in written
    assert all(p.is_file() for p in written)
    assert_valid(entry)
    fields = read_entry(entry)
    assert fields["Exec"] == "/usr/bin/runnel %F"       # dropped and opened files reach the app
    assert fields["Icon"] == "runnel"
    assert fields["Terminal"] == "false"
    mimes = fields["MimeType"].split(";")
    assert {"application/pdf", "text/plain", "text/markdown"} <= set(mimes)
    assert png_size(png) == (256, 256)
    assert png.read_bytes() == desktop_entry.ICON_PNG.read_bytes()


def test_without_xdg_data_home_it_goes_to_local_share(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", "relative/is/ignored")
    written = install(["runnel"])
    assert tmp_path / ".local" / "share" / "applications" / "runnel.desktop" in written
    assert not (Path.cwd() / "relative").exists()


@pytest.mark.parametrize("command", [
    [ODD_PATH],
    ["/home/zoë/My Apps/python3", "-m", "desktop.app"],
    ['/tmp/odd "quoted" $HOME `x` back\\slash 100%/runnel'],
    ["/tmp/tab\there/runnel", "--flag=a;b"],
])
def test_exec_line_gives_back_the_exact_command(data_home, command):
    entry = install(command)[0]
    assert_valid(entry)
    exec_value = unescape_string(read_entry(entry)["Exec"])
    args = parse_exec(exec_value)
    assert args == [*command, "%F"]


def test_path_with_spaces_and_non_ascii_is_quoted(data_home):
    entry = install([ODD_PATH])[0]
    text = entry.read_text(encoding="utf-8")
    assert f'Exec="{ODD_PATH}" %F' in text.splitlines()


def test_a_line_break_in_the_path_is_refused(data_home):
    with pytest.raises(DesktopEntryError, match="line break or another control"):
        install(["/tmp/two\nlines/runnel"])
    assert not (data_home / "applications" / "runnel.desktop").exists()


def test_default_command_from_a_checkout_runs_the_window_module(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert desktop_entry.default_command() == [sys.executable, "-m", "desktop.app"]


def test_default_command_in_the_packaged_app_is_the_app(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.delenv("APPIMAGE", raising=False)
    assert desktop_entry.default_command() == [sys.executable]
    monkeypatch.setenv("APPIMAGE", "/home/u/Apps/Runnel.AppImage")
    assert desktop_entry.default_command() == ["/home/u/Apps/Runnel.AppImage"]


def test_install_twice_replaces_and_uninstall_removes(data_home):
    install(["/old/runnel"])
    written = install(["/new/runnel"])
    assert read_entry(written[0])["Exec"] == "/new/runnel %F"
    assert not list(data_home.rglob("*.part"))

    removed = uninstall()
    assert sorted(removed) == sorted(written)
    assert not any(p.exists() for p in written)
    assert uninstall() == []


def test_unwritable_folder_gives_a_readable_error(data_home):
    data_home.mkdir(parents=True)
    (data_home / "applications").write_text("a file where the folder should be")
    with pytest.raises(DesktopEntryError, match="cannot be written"):
        install(["/usr/bin/runnel"])
