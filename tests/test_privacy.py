"""desktop.privacy: a real workflow runs with the network blocked in the app and in the
inference worker, and the block really refuses (and reports) what it should."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml

from desktop import privacy
from desktop.engine.context import StepContext
from desktop.engine.registry import Registry
from desktop.engine.spec import Port, Step, StepSpec
from desktop.engine.types import PortType
from desktop.llm.client import LLMClient
from tests.conftest import ROOT

UNIX = hasattr(socket, "AF_UNIX")


class PhoneHome(Step):
    """A step that quietly tries to reach a server and carries on when it cannot:
    the check must still report it, even though the run succeeds."""
    spec = StepSpec(id="test.phone_home", title="Phone home", category="Test",
                    description="tries to connect, tolerates failure",
                    inputs=(Port("text", PortType.TEXT),), outputs=(Port("text", PortType.TEXT),))

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        try:
            socket.create_connection(("127.0.0.1", 9), timeout=1).close()
            return {"text": "connected"}
        except OSError as e:
            return {"text": f"offline: {e}"}


def phone_home_workflow(path: Path) -> Path:
    path.write_text(yaml.safe_dump({
        "schema_version": 1, "name": "Phone home", "folders": {"out": "~/Runnel/PhoneHome"},
        "nodes": [{"id": "input", "type": "core.input_file"},
                  {"id": "read", "type": "documents.read"},
                  {"id": "tpl", "type": "text.template", "params": {"template": "{{ document.text }}"}},
                  {"id": "call", "type": "test.phone_home"},
                  {"id": "save", "type": "files.write_text",
                   "params": {"folder": "out", "filename": "{stem}.txt"}}],
        "links": [{"from": "input.file", "to": "read.file"},
                  {"from": "read.document", "to": "tpl.document"},
                  {"from": "tpl.text", "to": "call.text"},
                  {"from": "call.text", "to": "save.content"}],
    }, sort_keys=False))
    return path


@pytest.mark.model
@pytest.mark.slow
def test_the_default_check_runs_the_model_and_opens_no_socket(isolated_home):
    report = privacy.check()
    assert report.ran and report.run_status == "done", report.error
    assert report.socket_attempts == []
    assert report.processes_checked == ["app", "worker"]     # the worker ran under the block
    assert report.model_calls >= 1 and report.models
    assert report.ok and report.summary().startswith("No socket was opened.")
    assert Path(report.workflow).name == "invoice-to-records.yaml"
    # its outputs went to a temporary folder, not the user's
    assert not (isolated_home / "Runnel").exists()
    assert not privacy._guard.active                 # the app is not blocked afterwards
    assert json.loads(json.dumps(report.to_dict()))["ok"] is True


def test_a_connection_during_the_check_is_refused_and_reported(isolated_home, tmp_path, monkeypatch,
                                                               samples):
    registry = Registry.from_entry_points()
    registry.register(PhoneHome, "test")
    monkeypatch.setattr("desktop.runner.default_registry", lambda: registry)
    wf = phone_home_workflow(tmp_path / "phone.yaml")

    report = privacy.check(wf, samples / "meeting-notes.md")

    assert report.ran and report.run_status == "done"     # the step shrugged it off...
    assert report.socket_attempts == ["app: socket.getaddrinfo('127.0.0.1', 9)"]   # ...the check did not
    assert not report.ok
    assert report.summary().startswith("Something tried to use the network.")
    assert report.processes_checked == ["app"]             # no model step: no worker started
    assert not (isolated_home / "Runnel").exists()


def test_an_unreadable_workflow_is_reported_not_raised(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("nodes: [")
    report = privacy.check(bad)
    assert not report.ran and report.run_status is None and not report.ok
    assert "bad.yaml" in report.error and report.summary().startswith("The privacy check did not run.")


def test_the_block_refuses_every_network_use_in_every_thread():
    from_thread: list[BaseException] = []

    def other_thread() -> None:
        try:
            socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        except OSError as e:
            from_thread.append(e)

    with privacy.blocked_network() as attempts:
        with pytest.raises(privacy.NetworkBlocked, match="blocked by Runnel's privacy check"):
            socket.create_connection(("127.0.0.1", 9), timeout=1)
        with pytest.raises(PermissionError):
            socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        with pytest.raises(OSError):
            socket.gethostbyname("localhost")
        t = threading.Thread(target=other_thread)
        t.start()
        t.join()
        socket.gethostname()                      # the host's own name: no network
    assert len(from_thread) == 1 and isinstance(from_thread[0], privacy.NetworkBlocked)
    assert attempts == ["socket.getaddrinfo('127.0.0.1', 9)",
                        "socket.socket: create a AF_INET socket",
                        "socket.gethostbyname('localhost')",
                        "socket.socket: create a AF_INET6 socket"]
    # outside a check nothing is refused (creating a socket sends nothing)
    socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()


@pytest.mark.skipif(not UNIX, reason="Unix-domain sockets")
def test_unix_domain_sockets_are_local_and_allowed(tmp_path):
    with privacy.blocked_network() as attempts:
        a, b = socket.socketpair()
        a.sendall(b"ping")
        assert b.recv(4) == b"ping"
        a.close()
        b.close()
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(str(tmp_path / "s"))
        server.listen(1)
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        client.connect(str(tmp_path / "s"))
        client.close()
        server.close()
    assert attempts == []


def _worker_replies(proc: subprocess.Popen, requests: list[dict]) -> list[dict]:
    out, _err = proc.communicate("".join(json.dumps(r) + "\n" for r in requests), timeout=60)
    return [json.loads(line) for line in out.splitlines() if line.strip()]


PROBING_WORKER = """
import socket, sys
from desktop.llm import worker

def op_probe(self, req):
    try:
        socket.create_connection(("127.0.0.1", 9), timeout=1).close()
        return {"refused": None}
    except OSError as e:
        return {"refused": str(e)}

worker.Worker.op_probe = op_probe       # a request only this test knows
sys.exit(worker.main())
"""


def test_the_worker_started_with_the_variable_refuses_and_reports():
    """The real worker main() under RUNNEL_BLOCK_NETWORK=1: a connect attempted while it
    serves a request is refused, and its `stats` reply lists it."""
    env = dict(os.environ, RUNNEL_BLOCK_NETWORK="1", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", PROBING_WORKER], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    out, err = proc.communicate('{"id": 1, "op": "probe"}\n{"id": 2, "op": "stats"}\n'
                                '{"id": 3, "op": "shutdown"}\n', timeout=60)
    replies = {m.get("id"): m for m in map(json.loads, out.splitlines()) if m.get("id")}
    assert "blocked by Runnel's privacy check" in replies[1]["refused"]
    assert replies[2]["network_blocked"] is True
    assert replies[2]["socket_attempts"] == ["socket.getaddrinfo('127.0.0.1', 9)"]
    assert "runnel worker: network use refused: socket.getaddrinfo" in err


def test_a_worker_without_the_variable_is_not_blocked():
    proc = subprocess.Popen([sys.executable, "-m", "desktop.llm.worker"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={k: v for k, v in os.environ.items() if k != privacy.BLOCK_ENV})
    replies = _worker_replies(proc, [{"id": 1, "op": "stats"}, {"id": 2, "op": "shutdown"}])
    stats = next(r for r in replies if r.get("id") == 1)
    assert stats["event"] == "result" and "network_blocked" not in stats


def test_a_client_for_the_check_starts_its_worker_blocked():
    client = LLMClient(block_network=True)
    try:
        stats = client.stats()                     # starts the worker; no model needed
        assert stats["network_blocked"] is True and stats["socket_attempts"] == []
    finally:
        client.close()
    plain = LLMClient()
    try:
        assert "network_blocked" not in plain.stats()
    finally:
        plain.close()


def test_ocr_of_a_scan_passes_the_check_in_a_fresh_process(isolated_home):
    """rapidocr's import pulls in urllib3, whose import opens an IPv6 socket on ::1 to
    learn whether IPv6 exists; that is not the workflow using the network. A fresh
    process, as the user's `runnel privacy-check` is, imports it inside the check."""
    proc = subprocess.run([sys.executable, "-m", "desktop.cli", "privacy-check", "--json",
                           str(ROOT / "workflows" / "extract-text.yaml"),
                           str(ROOT / "resources" / "samples" / "invoice-northwind-scan.pdf")],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    report = json.loads(proc.stdout)
    assert proc.returncode == 0 and report["ok"], (report, proc.stderr[-2000:])
    assert report["socket_attempts"] == [] and report["run_status"] == "done"
