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
