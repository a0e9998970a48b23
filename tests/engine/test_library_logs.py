"""What a library logs while a step reads a file ("EOF marker not found") lands in
that run's log, once per attempt, and not on the terminal."""

import logging
import threading

from desktop.engine.context import StepContext, library_logs_to
from desktop.engine.events import StepLog
from desktop.paths import database_path
from desktop.store.runs import RunStore
from tests.conftest import SAMPLES, WORKFLOWS
from tests.e2e.test_cli import runnel


def damaged_pdf(tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes((SAMPLES / "invoice-northwind.pdf").read_bytes().replace(b"%%EOF", b"%%EOX"))
    return path


def test_pypdf_warnings_go_to_the_runs_log_not_stderr(tmp_path):
    proc = runnel("run", str(WORKFLOWS / "extract-text.yaml"), str(damaged_pdf(tmp_path)))
    assert proc.returncode == 1 and "damaged.pdf is damaged or not a valid PDF" in proc.stderr
    assert "EOF marker not found" not in proc.stderr + proc.stdout
    store = RunStore(database_path())
    run_id = store.db.execute("SELECT id FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()[0]
    logged = [(a["level"], a["message"]) for a in store.audit(run_id)]
    store.close()
    assert logged.count(("warning", "pypdf: EOF marker not found")) == 1


def _context(events):
    ctx = StepContext.detached({})
    ctx.bus.listeners.append(events.append)
    return ctx


def test_each_thread_logs_to_its_own_run_and_outside_a_run_to_stderr(capsys):
    seen: dict[str, list] = {"a": [], "b": []}
    barrier = threading.Barrier(2)

    def step(name):
        with library_logs_to(_context(seen[name])):
            barrier.wait()
            logging.getLogger("pypdf._reader").warning("from %s", name)
            barrier.wait()

    threads = [threading.Thread(target=step, args=(n,)) for n in seen]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for name, events in seen.items():
        assert [e.message for e in events if isinstance(e, StepLog)] == [f"pypdf: from {name}"]
    logging.getLogger("pypdf").warning("outside any run")
    assert "pypdf: outside any run" in capsys.readouterr().err
