"""A whole workflow runs with the network blocked: no socket is even created."""

import socket

import pytest

from desktop.runner import Runner
from desktop.store.runs import RunStore
from tests.conftest import SAMPLES, WORKFLOWS


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access is blocked in this test")

    for name in ("socket", "create_connection", "getaddrinfo", "socketpair"):
        monkeypatch.setattr(socket, name, refuse)
    return attempts


def test_example_workflow_runs_with_sockets_blocked(no_network, isolated_home):
    store = RunStore(isolated_home / "h.db")
    batch = Runner(store).run(WORKFLOWS / "document-digest.yaml",
                              [SAMPLES / "invoice-northwind.pdf", SAMPLES / "meeting-notes.md"])
    assert [r.status for r in batch.runs] == ["done", "done"]
    assert len(list((isolated_home / "Runnel" / "Reports").iterdir())) == 2
    assert no_network == []


AUDIT_HOOK = '''
import sys, os
_log = os.environ["RUNNEL_SOCKET_LOG"]
def _no_network(event, args):
    if event.startswith("socket.") :
        with open(_log, "a") as f:
            f.write(f"{os.getpid()} {event} {args!r}\\n")
        raise OSError("network access is blocked in this test")
sys.addaudithook(_no_network)
'''


@pytest.mark.model
def test_ai_workflow_runs_with_sockets_blocked_in_every_process(isolated_home, tmp_path):
    """The CLI and the inference worker it starts both run under an audit hook that
    refuses (and logs) any socket operation."""
    import os
    import subprocess

    from tests.conftest import VENV_BIN

    hook_dir = tmp_path / "hook"
    hook_dir.mkdir()
    (hook_dir / "sitecustomize.py").write_text(AUDIT_HOOK)
    log = tmp_path / "sockets.log"
    env = dict(os.environ, PYTHONPATH=str(hook_dir), RUNNEL_SOCKET_LOG=str(log))
    proc = subprocess.run([str(VENV_BIN / "runnel"), "run", str(WORKFLOWS / "invoice-to-records.yaml"),
                           str(SAMPLES / "invoice-northwind.pdf"), "--json"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert not log.exists(), log.read_text()
    assert (isolated_home / "Runnel" / "Records" / "invoice-northwind.json").exists()
    # the hook is really active: a process under it cannot open a socket
    probe = subprocess.run([str(VENV_BIN / "python"), "-c", "import socket; socket.socket()"],
                           capture_output=True, text=True, env=env)
    assert probe.returncode != 0 and "network access is blocked" in probe.stderr
    assert log.exists()
