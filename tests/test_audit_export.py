"""desktop.audit_export over real runs in a real SQLite store: hashes of the input,
workflow and model files, steps, model requests, approvals, file operations."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml

from desktop import audit_export
from desktop.review import decide, pending
from desktop.audit_export import RunNotFound, export_run, write_export
from desktop.runner import Runner
from desktop.store.runs import RunStore
from tests.conftest import SAMPLES, WORKFLOWS


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def notes_workflow(path: Path, out: Path, move_to: Path | None = None) -> Path:
    """Read a text file, write its first line as JSON; optionally file the input away."""
    nodes = [{"id": "input", "type": "core.input_file"},
             {"id": "read", "type": "documents.read"},
             {"id": "tpl", "type": "text.template",
              "params": {"template": '{"first_line": "{{ document.text.splitlines()[0] }}"}'}},
             {"id": "save", "type": "files.write_text",
              "params": {"folder": "out", "filename": "{stem}.json"}}]
    links = [{"from": "input.file", "to": "read.file"},
             {"from": "read.document", "to": "tpl.document"},
             {"from": "tpl.text", "to": "save.content"}]
    folders = {"out": str(out)}
    if move_to is not None:
        folders["done"] = str(move_to)
        nodes.append({"id": "file_away", "type": "files.move_file", "params": {"folder": "done"}})
        links.append({"from": "input.file", "to": "file_away.file"})
    path.write_text(yaml.safe_dump({"schema_version": 1, "name": "Notes to JSON", "folders": folders,
                                    "nodes": nodes, "links": links}, sort_keys=False))
    return path


@pytest.fixture
def store(tmp_path: Path):
    s = RunStore(tmp_path / "history.db")
    yield s
    s.close()


@pytest.fixture
def runner(store: RunStore):
    r = Runner(store)
    yield r
    r.close()


def run_once(runner: Runner, workflow: Path, doc: Path) -> str:
    batch = runner.run(workflow, [doc])
    return batch.runs[0].run_id


def test_a_run_exports_its_hashes_steps_and_file_operations(tmp_path, runner, store):
    wf = notes_workflow(tmp_path / "notes.yaml", tmp_path / "out")
    doc = tmp_path / "notes.txt"
    doc.write_text("Budget approved\nNext meeting Friday\n")
    run_id = run_once(runner, wf, doc)

    record = export_run(store, run_id[:10])              # a unique prefix is enough
    assert json.loads(json.dumps(record)) == record      # JSON through and through
    assert record["format"] == "runnel.audit-record" and record["run"]["id"] == run_id
    assert record["run"]["status"] == "done"
    assert record["input"]["path"] == str(doc)
    assert record["input"]["sha256"] == sha256(doc) and record["input"]["size"] == doc.stat().st_size
    assert record["input"]["recorded"] == "when the run started"
    assert record["input"]["now"]["sha256"] == sha256(doc) and record["input"]["changed_since_run"] is False
    assert record["workflow"]["sha256"] == sha256(wf) and record["workflow"]["path"] == str(wf.resolve())
    assert [s["node_id"] for s in record["steps"]] == ["input", "read", "tpl", "save"]
    tpl = record["steps"][2]
    assert tpl["status"] == "done" and tpl["output_preview"] == '{"first_line": "Budget approved"}'
    assert len(tpl["input_digest"]) == 32 and tpl["started_at"] <= tpl["finished_at"]
    [op] = record["file_operations"]
    assert op["op"] == "write" and op["target"] == str(tmp_path / "out" / "notes.json")
    assert op["dry_run"] is False
    assert record["models"] == [] and record["model_calls"] == [] and record["approvals"] == []


def test_unknown_and_ambiguous_run_ids(store):
    with pytest.raises(RunNotFound, match="no run with an id starting 'nope'"):
        export_run(store, "nope")
    with pytest.raises(RunNotFound, match="no run id was given"):
        export_run(store, " ")
    # two runs whose ids share a prefix, as a long history has (recorded bare: they
    # stopped before their first step)
    with store._lock:
        for rid in ("abc1", "abc2"):
            store.db.execute("INSERT INTO runs (id, workflow_name, status, started_at) "
                             "VALUES (?, 'Notes', 'interrupted', 1.0)", [rid])
    with pytest.raises(RunNotFound, match="2 runs with an id starting 'abc'"):
        export_run(store, "abc")
    assert export_run(store, "abc2")["run"]["id"] == "abc2"


def test_an_input_moved_by_the_run_is_hashed_where_it_went(tmp_path, runner, store):
    wf = notes_workflow(tmp_path / "notes.yaml", tmp_path / "out", move_to=tmp_path / "filed")
    doc = tmp_path / "inbox" / "memo.txt"
    doc.parent.mkdir()
    doc.write_text("Remember the milk\n")
    digest = sha256(doc)
    run_id = run_once(runner, wf, doc)
    assert not doc.exists()

    record = export_run(store, run_id)
    assert record["input"]["sha256"] == digest
    assert record["input"]["now"]["path"] == str(tmp_path / "filed" / "memo.txt")
    assert record["input"]["now"]["sha256"] == digest and record["input"]["changed_since_run"] is False
    assert "moved" in record["input"]["note"]
    assert [o["op"] for o in record["file_operations"]] == ["write", "move"]


def test_a_deleted_input_keeps_the_hash_of_what_the_run_read_and_says_it_is_gone(tmp_path, runner,
                                                                                  store):
    wf = notes_workflow(tmp_path / "notes.yaml", tmp_path / "out")
    doc = tmp_path / "gone.txt"
    doc.write_text("soon gone\n")
    digest = sha256(doc)
    run_id = run_once(runner, wf, doc)
    doc.unlink()
    record = export_run(store, run_id)
    assert record["input"]["sha256"] == digest and record["input"]["size"] == len("soon gone\n")
    assert record["input"]["now"] == {"path": None, "sha256": None, "size": None, "modified_at": None}
    assert record["input"]["changed_since_run"] is None
    assert record["input"]["note"] == "the input file is no longer there (nor where it was moved to)"


def test_an_input_edited_after_the_run_exports_what_the_run_read(tmp_path, runner, store):
    """The issue's case: the file is edited after the run, at the same size and with its
    modification time put back; the record still names the content the run read."""
    import os

    wf = notes_workflow(tmp_path / "notes.yaml", tmp_path / "out")
    doc = tmp_path / "contract.txt"
    doc.write_text("Price: 1200 EUR\n")
    original, size = sha256(doc), doc.stat().st_size
    run_id = run_once(runner, wf, doc)
    untouched = export_run(store, run_id)["input"]
    assert untouched["changed_since_run"] is False and untouched["note"] is None

    st = doc.stat()
    doc.write_text("Price: 9900 EUR\n")                 # same size
    os.utime(doc, ns=(st.st_atime_ns, st.st_mtime_ns))
    edited = sha256(doc)
    record = export_run(store, run_id)["input"]
    assert (record["sha256"], record["size"], record["recorded"]) == (original, size, "when the run started")
    assert record["now"]["path"] == str(doc) and record["now"]["sha256"] == edited != original
    assert record["changed_since_run"] is True
    assert "the file changed after the run" in record["note"]


def test_runnel_audit_exports_the_hash_taken_by_runnel_run(isolated_home, tmp_path):
    from tests.e2e.test_cli import runnel

    wf = notes_workflow(tmp_path / "notes.yaml", tmp_path / "out")
    doc = tmp_path / "minutes.txt"
    doc.write_text("Agreed: budget 40k\n")
    original = sha256(doc)
    proc = runnel("run", str(wf), str(doc), "--json")
    assert proc.returncode == 0, proc.stderr
    run_id = json.loads(proc.stdout)["runs"][0]["run_id"]
    doc.write_text("Agreed: budget 400k, and more\n")
    out = tmp_path / "record.json"
    proc = runnel("audit", run_id[:8], "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    record = json.loads(out.read_text())
    assert record["format_version"] == 2
    assert record["input"]["sha256"] == original and record["input"]["size"] == len("Agreed: budget 40k\n")
    assert record["input"]["now"]["sha256"] == sha256(doc) and record["input"]["changed_since_run"] is True


def test_a_watched_file_keeps_the_hash_taken_when_its_run_started(watch_run):
    inbox, processed, store, run_id = watch_run
    record = export_run(store, run_id)
    moved = processed / "note.txt"
    read = hashlib.sha256(b"to be filed").hexdigest()
    assert record["input"]["sha256"] == read and record["input"]["size"] == len(b"to be filed")
    assert record["input"]["recorded"] == "when the run started"
    assert record["input"]["now"]["path"] == str(moved) and record["input"]["changed_since_run"] is False
    assert record["watched_file_job"]["state"] == "done"
    assert record["watched_file_job"]["content_hash"] == read
    moved.write_text("to be FILED")
    record = export_run(store, run_id)
    assert record["input"]["sha256"] == read and record["input"]["changed_since_run"] is True
    moved.unlink()
    record = export_run(store, run_id)
    assert record["input"]["sha256"] == read and record["input"]["now"]["path"] is None


def test_a_run_recorded_without_its_own_hash_falls_back_on_the_watchers(watch_run):
    inbox, processed, store, run_id = watch_run
    with store._lock:     # as a run recorded before runs took their input's hash
        store.db.execute("UPDATE runs SET input_hash = NULL, input_size = NULL WHERE id = ?", [run_id])
    record = export_run(store, run_id)["input"]
    assert record["sha256"] == hashlib.sha256(b"to be filed").hexdigest()
    assert record["recorded"].startswith("by the folder watcher")


def test_approvals_appear_in_the_run_that_asked_and_the_run_that_resumed(tmp_path, runner, store):
    from tests.test_approvals import setup

    wf, doc, _out = setup(tmp_path)
    paused = run_once(runner, wf, doc)
    [asked] = export_run(store, paused)["approvals"]
    assert asked["state"] == "pending" and asked["payload"] == {"total": "120.50"}
    assert asked["role"] == "asked by this run" and "saved" not in asked

    read = (sha256(doc), doc.stat().st_size)
    assert (export_run(store, paused)["input"]["sha256"], export_run(store, paused)["input"]["size"]) == read
    doc.write_text("Invoice\nTotal: 125.50 (corrected on paper)\n")    # while it waited
    resumed = decide(runner, pending(runner)[0]["id"], True, {"total": "125.50"}, "typo").run_id
    # the part after the decision read the file as it was then
    assert export_run(store, resumed)["input"]["sha256"] == sha256(doc) != read[0]
    [decision] = export_run(store, resumed)["approvals"]
    assert decision["state"] == "approved" and decision["edited"] == {"total": "125.50"}
    assert decision["note"] == "typo" and decision["role"] == "this run resumed after it"
    assert decision["changes"] == [{"field": "total", "before": "120.50", "after": "125.50"}]
    import getpass
    assert decision["decided_by"] == getpass.getuser() and decision["decided_at"]
    assert export_run(store, paused)["run"]["status"] == "resumed"


def test_write_export_is_atomic_and_needs_an_existing_folder(tmp_path, runner, store):
    wf = notes_workflow(tmp_path / "notes.yaml", tmp_path / "out")
    doc = tmp_path / "n.txt"
    doc.write_text("hello\n")
    run_id = run_once(runner, wf, doc)
    target = tmp_path / "exports" / "record.json"
    target.parent.mkdir()
    target.write_text("old")
    assert write_export(store, run_id, target) == target
    assert json.loads(target.read_text())["run"]["id"] == run_id
    assert [p.name for p in target.parent.iterdir()] == ["record.json"]     # no temporary left
    with pytest.raises(FileNotFoundError):
        write_export(store, run_id, tmp_path / "missing" / "record.json")
    assert not (tmp_path / "missing").exists()


@pytest.mark.model
@pytest.mark.slow
def test_a_model_run_exports_the_model_hash_and_prompt_digests(tmp_path, store, llm, default_model,
                                                             monkeypatch):
    runner = Runner(store, llm=llm)
    batch = runner.run(WORKFLOWS / "invoice-to-records.yaml", [SAMPLES / "invoice-northwind.pdf"],
                       folders={"records": str(tmp_path / "r"), "invoices": str(tmp_path / "i")})
    run_id = batch.runs[0].run_id
    assert batch.runs[0].status == "done"

    record = export_run(store, run_id)
    [model] = record["models"]
    assert model["name"] == default_model.name and model["path"] == str(default_model.path)
    assert model["sha256"] == sha256(default_model.path) and model["requests"] >= 1
    call = record["model_calls"][0]
    assert call["node_id"] == "fields" and len(call["prompt_digest"]) == 32
    # the extract step scores candidates: the prompt as sent (it carries the invoice's
    # text) and each candidate's score are kept
    assert call["settings"]["score"] is True and call["settings"]["grammar"] is False
    assert "Northwind" in call["prompt_text"]
    assert call["prompt_digest"] == hashlib.sha256(call["prompt_text"].encode()).hexdigest()[:32]
    assert "Northwind Office Supplies Ltd" in json.loads(call["answer_text"])
    assert call["tokens_in"] > 0 and call["finish"] == "score"
    assert any("prompt as sent" in n for n in record["notes"])
    assert {o["op"] for o in record["file_operations"]} == {"write", "copy"}

    # the model's hash is remembered: a second export does not read the file again
    def no_rehash(path: Path) -> str:
        raise AssertionError(f"{path} hashed again")

    monkeypatch.setattr(audit_export, "sha256_file",
                        lambda p: no_rehash(p) if p.suffix == ".gguf" else sha256(p))
    assert export_run(store, run_id)["models"][0]["sha256"] == model["sha256"]


@pytest.mark.gui
def test_runs_from_the_window_and_the_tray_record_their_input(qtbot, tmp_path, store):
    """The window and the tray start runs through the run service: each run's input is
    hashed as it starts, a batch's later file as its own run starts."""
    from desktop.app.run_service import RunService
    from desktop.engine.fileformat import load_workflow
    from desktop.engine.registry import default_registry

    wf = load_workflow(notes_workflow(tmp_path / "notes.yaml", tmp_path / "out"))
    docs = [tmp_path / "one.txt", tmp_path / "two.txt"]
    for d in docs:
        d.write_text(f"{d.stem}\n")
    service = RunService(default_registry(), store=store)
    try:
        for owner in ("editor", "tray"):
            with qtbot.waitSignal(service.resultReady, timeout=60_000) as done:
                assert service.run(wf, docs, owner=owner)
            assert done.args[0].status == "done", done.args[0].error
            assert service.wait(30)          # the run thread ends just after its result
    finally:
        service.close()
    rows = store.recent_runs(10)
    assert len(rows) == 4
    assert {(r["input_path"], r["input_hash"], r["input_size"]) for r in rows} == {
        (str(d), sha256(d), d.stat().st_size) for d in docs}
