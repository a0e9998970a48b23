"""Starting the window on a Linux machine that lacks Qt's xcb libraries: we name the
missing libraries and the apt-get command, before Qt aborts with its own message."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.app import application, qt_platform
from desktop.app.qt_platform import (install_advice, missing_from_ldd, needs_xcb, run_ldd, xcb_plugin,
                                     xcb_problem)

LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd5a9f2000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-cursor.so.0 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)
\tlibfoo-unknown.so.3 => not found
"""
X11 = {"DISPLAY": ":0"}
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None,
                                reason="the xcb plugin and ldd are Linux things")


def test_missing_libraries_are_read_from_ldd_output_once_each() -> None:
    assert missing_from_ldd(LDD_OUTPUT) == ["libxcb-cursor.so.0", "libxkbcommon-x11.so.0",
                                            "libxcb-icccm.so.4", "libfoo-unknown.so.3"]
    assert missing_from_ldd("\tlibxcb.so.1 => /lib/libxcb.so.1 (0x1)\n") == []


def test_the_message_names_each_library_and_the_apt_get_command() -> None:
    text = install_advice(["libxcb-cursor.so.0", "libxkbcommon-x11.so.0", "libxcb-icccm.so.4",
                           "libfoo-unknown.so.3"])
    assert "libxcb-cursor.so.0, libxkbcommon-x11.so.0, libxcb-icccm.so.4, libfoo-unknown.so.3" in text
    assert "sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4\n" in text
    assert "apt-file search" in text and "libfoo-unknown.so.3" in text.splitlines()[-2]


def test_package_names_match_what_setup_sh_installs() -> None:
    setup = (Path(__file__).parents[2] / "packaging" / "setup.sh").read_text(encoding="utf-8")
    line = next(ln for ln in setup.splitlines() if ln.strip().startswith('pkgs="libxcb'))
    listed = line.split('"')[1].split()
    assert set(listed) <= set(qt_platform.DEBIAN_PACKAGES.values())


@pytest.mark.parametrize("environ, platform, expected", [
    ({"DISPLAY": ":0"}, "linux", True),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, "linux", True),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb:nograb;wayland"}, "linux", True),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
    ({}, "linux", False),                         # no X display: Qt does not try xcb
    ({"DISPLAY": ":0"}, "darwin", False),
    ({"DISPLAY": ":0"}, "win32", False),
])
def test_only_a_linux_x11_start_is_checked(environ: dict, platform: str, expected: bool) -> None:
    assert needs_xcb(environ, platform) is expected


def test_a_fake_ldd_report_gives_the_advice_and_a_clean_one_none(tmp_path: Path) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    text = xcb_problem(X11, "linux", plugin, ldd=lambda p: LDD_OUTPUT)
    assert text is not None and "libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4" in text
    assert xcb_problem(X11, "linux", plugin, ldd=lambda p: "\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") is None
    # the same machine with QT_QPA_PLATFORM=offscreen (tests, CI) is never checked
    assert xcb_problem({**X11, "QT_QPA_PLATFORM": "offscreen"}, "linux", plugin,
                       ldd=lambda p: LDD_OUTPUT) is None


@linux_only
def test_in_a_wayland_session_the_advice_is_given_but_the_start_goes_on(tmp_path: Path) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    wayland = {**X11, "WAYLAND_DISPLAY": "wayland-0"}
    assert not qt_platform.xcb_only(wayland)
    assert qt_platform.xcb_only({**wayland, "QT_QPA_PLATFORM": "xcb"})
    assert qt_platform.xcb_only(X11)
    text = xcb_problem(wayland, "linux", plugin, ldd=lambda p: LDD_OUTPUT)
    assert text is not None and "sudo apt-get install" in text and "Starting anyway" in text
    assert "Starting anyway" not in (xcb_problem(X11, "linux", plugin, ldd=lambda p: LDD_OUTPUT) or "")


def test_main_prints_the_advice_and_exits_before_qt_starts(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(qt_platform, "run_ldd", lambda plugin: LDD_OUTPUT)
    monkeypatch.setattr(application, "create_app", lambda *a: pytest.fail("Qt was started"))
    assert application.main(["--quit-when-shown"]) == 1
    err = capsys.readouterr().err
    assert "libxcb-cursor.so.0" in err and "sudo apt-get install libxcb-cursor0" in err


# ------------------------------------------------------------------ on this machine

@linux_only
def test_this_machine_the_check_agrees_with_the_loader() -> None:
    """The real plugin through the real ldd: what we call missing is exactly what stops
    the dynamic loader, so the check never blocks a start that would work."""
    plugin = xcb_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"
    report = run_ldd(plugin)
    assert report is not None and "libQt6XcbQpa.so.6" in report
    missing = missing_from_ldd(report)
    try:
        ctypes.CDLL(str(plugin))
        loads = True
    except OSError:
        loads = False
    assert loads == (missing == [])
    assert (xcb_problem(X11, "linux") is None) == loads


@linux_only
def test_this_machine_a_plugin_needing_an_absent_library_is_caught(tmp_path: Path) -> None:
    """A real ELF library linked against a library this machine lacks (as libqxcb.so
    is on a bare system), through the real ldd and the real loader."""
    if shutil.which("cc") is None:
        pytest.skip("needs a C compiler to build the stand-in plugin")
    soname = "libxcb-runnel-absent.so.0"
    (tmp_path / "dep.c").write_text("int runnel_stub(void) { return 0; }\n", encoding="utf-8")
    (tmp_path / "plugin.c").write_text("int runnel_stub(void);\nint f(void) { return runnel_stub(); }\n",
                                       encoding="utf-8")
    # the dependency is built with its soname, linked against, then taken away
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(tmp_path / soname), f"-Wl,-soname,{soname}",
                    str(tmp_path / "dep.c")], check=True)
    plugin = tmp_path / "libqxcb.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(plugin), str(tmp_path / "plugin.c"),
                    str(tmp_path / soname)], check=True)
    (tmp_path / soname).unlink()
    text = xcb_problem(X11, "linux", plugin)
    assert text is not None and soname in text and "apt-file search" in text
    assert qt_platform.missing_by_loading(plugin) == [soname]      # without ldd, the loader names it


@linux_only
def test_this_machine_python_m_desktop_app_names_what_is_missing(tmp_path: Path) -> None:
    """`python -m desktop.app` on this machine, as a user on an X11 desktop starts it:
    when the xcb plugin lacks libraries, our message names them (Qt's would name
    libxcb-cursor0 whatever is missing) and Qt is never started."""
    plugin = xcb_plugin()
    assert plugin is not None
    missing = missing_from_ldd(run_ldd(plugin) or "")
    if not missing:
        pytest.skip("this machine has every library the xcb plugin needs")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=":97", RUNNEL_HOME=str(tmp_path))
    proc = subprocess.run([sys.executable, "-m", "desktop.app", "--quit-when-shown"], env=env,
                          capture_output=True, text=True, timeout=120, cwd=Path(__file__).parents[2])
    assert proc.returncode == 1
    assert "qt.qpa.plugin" not in proc.stderr and "could be initialized" not in proc.stderr
    assert ", ".join(missing) in proc.stderr
    packages = " ".join(dict.fromkeys(qt_platform.DEBIAN_PACKAGES[m] for m in missing))
    assert f"sudo apt-get install {packages}" in proc.stderr
