import subprocess
import sys
import threading

import pytest

from desktop.engine.executor import Executor
from desktop.paths import database_path
from desktop.store.runs import INTERRUPTED, RunStore, StoreError
from tests.engine.conftest import workflow


def test_database_lives_under_runnel_home(isolated_home):
    assert database_path() == isolated_home / "runnel" / "runnel.db"


def test_a_run_is_recorded_with_its_steps_log_and_files(registry, tmp_path):
    store = RunStore(tmp_path / "h.db")
    wf = workflow(f"""
    folders: {{out: '{tmp_path / "out"}'}}
    nodes:
    - {{id: a, type: test.emit, params: {{value: hello}}}}
    - {{id: flaky, type: test.flaky, on_error: retry, retries: 1}}
    - {{id: t, type: test.touch}}
    links:
    - {{from: a.text, to: flaky.text}}
    - {{from: flaky.text, to: t.text}}
    """)
    run = Executor(registry, listeners=[store.record]).run(wf)
    assert run.ok
    row = store.find_run(run.run_id[:8])[0]
    assert row["status"] == "done" and row["finished_at"] >= row["started_at"]
    steps = {s["node_id"]: s for s in store.step_runs(run.run_id)}
    assert steps["a"]["status"] == "done" and steps["a"]["output_preview"] == "hello"
    assert steps["flaky"]["attempts"] == 2
    assert steps["flaky"]["input_digest"] == steps["a"]["output_digest"]
    audit = store.audit(run.run_id)
    assert any("attempt 1 of 2 failed: flaky failure number 1; retrying" in a["message"] for a in audit)
    ops = store.file_ops(run.run_id)
    assert [(o["op"], o["target"]) for o in ops] == [("write", str(tmp_path / "out" / "marker.txt"))]
    mode = store.db.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_failed_steps_keep_their_error(registry, tmp_path):
    store = RunStore(tmp_path / "h.db")
    wf = workflow("""
    nodes:
    - {id: a, type: test.emit}
    - {id: bug, type: test.crash}
    links:
    - {from: a.text, to: bug.text}
    """)
    run = Executor(registry, listeners=[store.record]).run(wf)
    row = store.find_run(run.run_id)[0]
    assert row["status"] == "failed" and row["failed_node"] == "bug"
    bug = [s for s in store.step_runs(run.run_id) if s["node_id"] == "bug"][0]
    assert "TypeError" in bug["error"]


def test_migrations_apply_once(tmp_path):
    RunStore(tmp_path / "h.db").close()
    store = RunStore(tmp_path / "h.db")
    applied = list(store.db.query("SELECT name FROM _sqlite_migrations"))
    assert [a["name"] for a in applied] == ["m001_runs", "m002_model_usage", "m003_jobs", "m004_approvals", "m005_approval_folders",
                                             "m006_model_call_text", "m007_queued_jobs_index",
                                             "m008_approval_decided_by", "m009_run_input_hash",
                                             "m010_run_input_size", "m011_file_op_hashes"]


def test_threads_can_record_at_once(registry, tmp_path):
    store = RunStore(tmp_path / "h.db")
    ex = Executor(registry, listeners=[store.record])
    wf = workflow("nodes:\n- {id: a, type: test.emit}\n")
    threads = [threading.Thread(target=lambda: [ex.run(wf) for _ in range(20)]) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.db["runs"].count == 80 and store.db["step_runs"].count == 80


def test_runs_of_a_killed_process_are_marked_interrupted(tmp_path):
    db = tmp_path / "h.db"
    RunStore(db).close()
    # a separate process starts a run and is killed before it finishes
    code = (
        "import os, time, sys\n"
        "from desktop.store.runs import RunStore\n"
        "from desktop.engine.events import RunStarted\n"
        f"s = RunStore({str(db)!r})\n"
        "s.record(RunStarted('killed-run', 'w', None, None, False, time.time()))\n"
        "os.kill(os.getpid(), 9)\n")
    proc = subprocess.run([sys.executable, "-c", code])
    assert proc.returncode == -9
    store = RunStore(db)
    assert store.find_run("killed-run")[0]["status"] == "running"
    assert store.mark_interrupted() == 1
    assert store.find_run("killed-run")[0]["status"] == INTERRUPTED


def test_a_damaged_database_gives_a_clear_error(tmp_path):
    bad = tmp_path / "h.db"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=f"the run history at {bad} cannot be opened"):
        RunStore(bad)


def _open_store(path: str, results) -> None:
    from desktop.store.runs import RunStore

    try:
        RunStore(path).close()
        results.put("ok")
    except Exception as e:  # reported to the test
        results.put(repr(e))


def test_many_processes_open_a_new_database_at_once(tmp_path):
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    path = str(tmp_path / "new.db")
    procs = [ctx.Process(target=_open_store, args=(path, results)) for _ in range(6)]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(10)
    assert outcomes == ["ok"] * 6


def test_history_survives_names_that_are_not_utf8(registry, tmp_path):
    import os

    store = RunStore(tmp_path / "h.db")
    odd = tmp_path / os.fsdecode(b"bad\xffname.txt")
    odd.write_text("hello")
    wf = workflow("nodes:\n- {id: input, type: core.input_file}\n")
    run = Executor(registry, listeners=[store.record]).run(wf, odd)
    assert run.ok
    assert store.find_run(run.run_id)[0]["input_path"].endswith("bad\ufffdname.txt")


def test_every_run_records_its_inputs_hash_and_size_when_it_starts(registry, tmp_path):
    """Dry runs and runs that could not start too; an input that is not a readable file
    has none (the run says why)."""
    import hashlib

    store = RunStore(tmp_path / "h.db")
    ex = Executor(registry, listeners=[store.record])
    doc = tmp_path / "a.txt"
    doc.write_bytes(b"alpha\n")
    wf = workflow("nodes:\n- {id: a, type: test.emit}\n")
    runs = [ex.run(wf, doc, dry_run=True).run_id, ex.run(wf, doc).run_id,
            ex.record_failure("broken", None, doc, "the workflow cannot be read").run_id]
    expected = (hashlib.sha256(b"alpha\n").hexdigest(), 6)
    for run_id in runs:
        [row] = store.find_run(run_id)
        assert (row["input_hash"], row["input_size"]) == expected
    for missing in (tmp_path / "gone.txt", tmp_path):
        [row] = store.find_run(ex.record_failure("x", None, missing, "no").run_id)
        assert (row["input_hash"], row["input_size"]) == (None, None)
    store.close()


def test_the_journal_keeps_each_outputs_hash_as_written(tmp_path):
    """Writes and copies: the bytes written; a move: the file moved (hashed before it
    moves); a CSV append: the bytes appended. A dry run plans, so it hashes nothing."""
    import hashlib

    from desktop.engine.registry import Registry

    out, inbox = tmp_path / "out", tmp_path / "inbox"
    inbox.mkdir()
    store = RunStore(tmp_path / "h.db")
    ex = Executor(Registry.from_entry_points(), listeners=[store.record])
    wf = workflow(f"""
    folders: {{out: '{out}'}}
    nodes:
    - {{id: input, type: core.input_file}}
    - {{id: route, type: flow.route, params: {{rules: [{{branch: text, field: kind, op: '==', value: txt}}]}}}}
    - {{id: tpl, type: text.template, params: {{template: 'seen'}}}}
    - {{id: save, type: files.write_text, params: {{folder: out, filename: 'note.txt'}}}}
    - {{id: copy, type: files.copy_file, params: {{folder: out, filename: 'copy-{{name}}'}}}}
    - {{id: row, type: files.append_row, params: {{folder: out, filename: ledger.csv}}}}
    - {{id: move, type: files.move_file, params: {{folder: out, filename: 'filed-{{name}}'}}}}
    links:
    - {{from: input.file, to: route.item}}
    - {{from: route.decision, to: row.record}}
    - {{from: tpl.text, to: save.content}}
    - {{from: input.file, to: copy.file}}
    - {{from: copy.file, to: move.file}}
    """)
    doc = inbox / "a.txt"
    doc.write_bytes(b"the input\n")
    assert all(op["sha256"] is None for op in store.file_ops(ex.run(wf, doc, dry_run=True).run_id))
    run = ex.run(wf, doc)
    assert run.ok, run.error
    ops = {op["node_id"]: op for op in store.file_ops(run.run_id)}
    sha = lambda b: hashlib.sha256(b).hexdigest()   # noqa: E731
    assert ops["save"]["sha256"] == sha(b"seen") == sha((out / "note.txt").read_bytes())
    assert ops["copy"]["sha256"] == sha(b"the input\n")
    assert ops["move"]["sha256"] == sha(b"the input\n") == sha((out / "filed-copy-a.txt").read_bytes())
    start, _, end = ops["row"]["source"].removeprefix("bytes:").partition("-")
    assert ops["row"]["sha256"] == sha((out / "ledger.csv").read_bytes()[int(start):int(end)])
    store.close()
