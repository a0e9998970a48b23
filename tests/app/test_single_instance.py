"""One Runnel per data folder, checked with real second processes (same RUNNEL_HOME)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, QLockFile
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop.app.single_instance import (AlreadyRunning, SingleInstance, default_key,
                                         hand_over_or_claim)

pytestmark = pytest.mark.gui

# send ARGS: hand ARGS over, exit 0 when acknowledged
# race ARGS: print "ready", wait for a line on stdin, then hand_over_or_claim(ARGS)
# claim / hang: claim, print "primary", then run the event loop / never run it
CHILD = textwrap.dedent("""
    import json, sys, time
    from PySide6.QtCore import QCoreApplication, QTimer
    from desktop.app.single_instance import SingleInstance, hand_over_or_claim

    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "send":
        sys.exit(0 if SingleInstance().send(args) else 1)
    app = QCoreApplication([])
    if mode == "race":
        print("ready", flush=True)
        sys.stdin.readline()
        inst = hand_over_or_claim(args, timeout_ms=10000)
        if inst is None:
            print("handed", flush=True)
            sys.exit(0)
        print("primary", flush=True)
        inst.messageReceived.connect(
            lambda a: (print("received " + json.dumps(a), flush=True), app.quit()))
        QTimer.singleShot(30000, app.quit)
        app.exec()
        inst.close()
        sys.exit(0)
    inst = SingleInstance()
    print("primary" if inst.claim() else "refused", flush=True)
    if mode == "hang":
        time.sleep(120)        # the socket listens, but no event loop ever answers
    else:
        app.exec()
""")


@pytest.fixture
def spawn():
    procs: list[subprocess.Popen] = []

    def start(mode: str, *args: str, cwd: Path | None = None) -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, "-c", CHILD, mode, *args], cwd=cwd,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                encoding="utf-8")
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
    QLocalServer.removeServer(default_key())   # what a killed child left in /tmp


@pytest.fixture
def primary(qtbot):
    inst = SingleInstance()
    assert inst.claim()
    yield inst
    inst.close()


def send_and_wait(qtbot, spawn, inst: SingleInstance, *args: str, cwd: Path | None = None) -> list:
    with qtbot.waitSignal(inst.messageReceived, timeout=20000) as got:
        proc = spawn("send", *args, cwd=cwd)
    # keep our event loop running until the sender has its acknowledgement
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=20000)
    assert proc.returncode == 0, "the second launch was not acknowledged"
    return got.args[0]


def test_primary_receives_the_arguments_of_a_second_process(qtbot, spawn, primary, tmp_path):
    doc = tmp_path / "Rechnung März 2024.pdf"
    doc.write_bytes(b"%PDF-1.4")
    assert send_and_wait(qtbot, spawn, primary, str(doc), "--minimized") == [str(doc), "--minimized"]
    # and the next launch too: the server keeps serving
    assert send_and_wait(qtbot, spawn, primary, "--minimized") == ["--minimized"]


def test_relative_paths_are_resolved_against_the_senders_cwd(qtbot, spawn, primary, tmp_path):
    there = tmp_path / "a folder" / "ünï"
    (there / "sub").mkdir(parents=True)
    (there / "doc.txt").write_text("x")
    (tmp_path / "a folder" / "up.txt").write_text("y")
    received = send_and_wait(qtbot, spawn, primary, "doc.txt", "../up.txt", "sub/../doc.txt",
                             "--minimized", str(tmp_path / "abs.txt"), cwd=there)
    assert received == [str(there / "doc.txt"), str(tmp_path / "a folder" / "up.txt"),
                        str(there / "doc.txt"), "--minimized", str(tmp_path / "abs.txt")]
    assert Path.cwd() != there


@pytest.mark.parametrize("round_", range(3))
def test_two_launches_at_the_same_moment_make_exactly_one_primary(spawn, tmp_path, round_):
    a, b = spawn("race", "from-a", cwd=tmp_path), spawn("race", "from-b", cwd=tmp_path)
    assert a.stdout.readline().strip() == "ready"
    assert b.stdout.readline().strip() == "ready"
    for proc in (a, b):              # release both as close together as we can
        proc.stdin.write("go\n")
    for proc in (a, b):
        proc.stdin.flush()
    outs = {}
    for name, proc in (("a", a), ("b", b)):
        out, _ = proc.communicate(timeout=60)
        assert proc.returncode == 0, out
        outs[name] = out.split("\n")
    firsts = sorted(lines[0] for lines in outs.values())
    assert firsts == ["handed", "primary"], outs
    winner = "a" if outs["a"][0] == "primary" else "b"
    loser = "b" if winner == "a" else "a"
    assert outs[winner][1] == "received " + json.dumps([str(tmp_path / f"from-{loser}")])


def test_a_socket_left_by_a_killed_primary_does_not_block_the_next_start(qtbot, spawn, tmp_path):
    crashed = spawn("claim")
    assert crashed.stdout.readline().strip() == "primary"
    crashed.send_signal(signal.SIGKILL)
    crashed.wait(10)
    socket_file = Path(QDir.tempPath()) / default_key()
    lock_file = SingleInstance().lock_path
    assert socket_file.exists() and lock_file.exists()     # what kill -9 leaves behind

    inst = SingleInstance()
    assert inst.claim()
    try:
        assert send_and_wait(qtbot, spawn, inst, str(tmp_path)) == [str(tmp_path)]
    finally:
        inst.close()
    assert not socket_file.exists()


def test_a_hung_primary_does_not_hang_the_second_launch(qtbot, spawn):
    hung = spawn("hang")
    assert hung.stdout.readline().strip() == "primary"
    second = SingleInstance()
    assert not second.claim()
    started = time.monotonic()
    assert not second.send(["report.pdf"], timeout_ms=700)
    assert time.monotonic() - started < 5
    with pytest.raises(AlreadyRunning, match=f"process {hung.pid}"):
        hand_over_or_claim(["report.pdf"], timeout_ms=300)


def test_a_lock_naming_a_reused_pid_is_taken_over(qtbot, spawn, tmp_path):
    # a crashed Runnel's pid now belongs to another python: QLockFile alone would wait
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        probe = QLockFile(str(tmp_path / "probe.lock"))
        assert probe.tryLock(0)
        real = (tmp_path / "probe.lock").read_text().split("\n")
        probe.unlock()
        lock = SingleInstance().lock_path
        lock.write_text("\n".join([str(other.pid), *real[1:]]))
        assert not SingleInstance().claim()          # the situation we recover from
        inst = hand_over_or_claim(["x"], timeout_ms=300)
        assert inst is not None and inst.is_primary
        try:
            assert send_and_wait(qtbot, spawn, inst, "--minimized") == ["--minimized"]
        finally:
            inst.close()
    finally:
        other.kill()
        other.wait(10)


def test_a_malformed_message_is_dropped_and_the_server_keeps_working(qtbot, spawn, primary):
    sock = QLocalSocket()
    with qtbot.assertNotEmitted(primary.messageReceived, wait=200):
        with qtbot.waitSignal(sock.disconnected, timeout=10000):
            sock.connectToServer(primary.key)
            assert sock.waitForConnected(5000)
            sock.write(b'{"args": "not a list"}\n')
    assert send_and_wait(qtbot, spawn, primary, "--minimized") == ["--minimized"]


def test_claim_after_close_and_no_second_claim_in_the_same_folder(qtbot):
    first = SingleInstance()
    assert first.claim()
    socket_file = Path(QDir.tempPath()) / first.key
    assert socket_file.exists()
    first.close()
    assert not socket_file.exists()
    again = SingleInstance()
    assert again.claim()
    again.close()


def test_the_key_is_short_and_differs_per_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("RUNNEL_HOME", str(tmp_path / "one"))
    one = default_key()
    assert default_key() == one
    monkeypatch.setenv("RUNNEL_HOME", str(tmp_path / "two"))
    assert default_key() != one
    assert len(one) <= 24 and os.sep not in one
