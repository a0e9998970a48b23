"""The model worker dying under a watched job (SIGKILL, as the OOM killer does) is not
the file's fault: the job goes back to the queue and is tried again later, each time
after a longer wait, and the file is processed once."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from desktop.engine.events import StepOutputDelta
from desktop.llm.client import LLMClient
from desktop.runner import Runner
from desktop.store.runs import RunStore
from desktop.watch.events import JobChanged
from desktop.watch.jobs import RETRY_DELAYS
from desktop.watch.service import WatchService

pytestmark = pytest.mark.slow

WORKFLOW = """schema_version: 1
name: Summarise notes
folders: {{out: '{out}'}}
triggers:
- {{kind: folder, path: '{inbox}', patterns: ['*.txt'], settle_seconds: 0.2, after_success: move}}
nodes:
- {{id: input, type: core.input_file}}
- {{id: read, type: documents.read}}
- {{id: ai, type: ai.prompt, params: {{prompt: 'Say in five words what this is about: {{{{ text }}}}', max_tokens: 24}}}}
- {{id: save, type: files.write_text, params: {{folder: out, filename: '{{stem}}.out.txt'}}}}
links:
- {{from: input.file, to: read.file}}
- {{from: read.document, to: ai.text}}
- {{from: ai.text, to: save.content}}
"""


def test_a_worker_killed_mid_job_is_retried_later_with_a_growing_wait(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    wf = tmp_path / "wf.yaml"
    wf.write_text(WORKFLOW.format(inbox=inbox, out=out))
    client = LLMClient()
    kills: list[tuple[str, int, float]] = []        # (run, worker pid, when)

    def kill_worker(e: object) -> None:
        # the first two attempts: the worker dies while it generates the answer
        if isinstance(e, StepOutputDelta) and len(kills) < 2 and e.run_id not in {k[0] for k in kills}:
            pid = client.pid
            assert pid is not None
            kills.append((e.run_id, pid, time.time()))
            os.kill(pid, signal.SIGKILL)

    changes: list[tuple[float, JobChanged]] = []
    cond = threading.Condition()

    def on_job(e: object) -> None:
        if isinstance(e, JobChanged):
            with cond:
                changes.append((time.time(), e))
                cond.notify_all()

    def retries() -> list[JobChanged]:
        return [c for _, c in changes if c.state == "queued" and c.message.startswith("retrying")]

    def wait_for(n_queued: int, timeout: float) -> None:
        with cond:
            assert cond.wait_for(lambda: len(retries()) >= n_queued
                                 or any(c.state in ("done", "failed") for _, c in changes), timeout), changes

    runner = Runner(RunStore(tmp_path / "runnel.db"), listeners=[kill_worker], llm=client)
    service = WatchService(runner, [wf], listeners=[on_job])
    try:
        service.start()
        (inbox / "note.txt").write_text("Minutes of the garden club: we will plant tulips in spring.\n")

        wait_for(1, 600)                           # the first attempt: killed, back in the queue
        row = service.queue.list()[0]
        assert row["state"] == "queued", f"the worker's death ended the job: {row['state']}: {row['error']}"
        first = retries()[0]
        assert row["attempts"] == 1
        assert "the inference worker was killed by SIGKILL" in row["error"], row["error"]
        assert first.message.startswith(f"retrying in {RETRY_DELAYS[0]:g} s: the inference worker"), first
        # not before the first delay, counted from the kill
        assert row["not_before"] - kills[0][2] == pytest.approx(RETRY_DELAYS[0], abs=3), row
        assert not out.exists() or list(out.iterdir()) == []       # nothing of the broken attempt
        assert (inbox / "note.txt").exists()

        wait_for(2, 600)                           # the second attempt: killed too, a longer wait
        row = service.queue.list()[0]
        assert row["state"] == "queued" and row["attempts"] == 2, row
        assert row["not_before"] - kills[1][2] == pytest.approx(RETRY_DELAYS[1], abs=3), row
        assert RETRY_DELAYS[1] > RETRY_DELAYS[0]
        # each retry began only once its wait was over, on a worker started again
        runs = [t for t, c in changes if c.state == "running"]
        assert len(runs) == 2 and runs[1] >= kills[0][2] + RETRY_DELAYS[0] - 0.5, (runs, kills)

        with cond:
            assert cond.wait_for(lambda: any(c.state in ("done", "failed") for _, c in changes),
                                 RETRY_DELAYS[1] + 600), changes
        row = service.queue.list()[0]
        assert row["state"] == "done", row
        assert row["attempts"] == 3
        runs = [t for t, c in changes if c.state == "running"]
        assert runs[2] >= kills[1][2] + RETRY_DELAYS[1] - 0.5, (runs, kills)
        assert client.pid is not None and client.pid not in {k[1] for k in kills}
        assert [p.name for p in out.iterdir()] == ["note.out.txt"]         # once
        assert (out / "note.out.txt").read_text().strip()
        assert [p.name for p in (inbox / "Processed").iterdir()] == ["note.txt"]
    finally:
        service.stop()
        runner.close()
