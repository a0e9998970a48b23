"""`runnel undo`: a run's created files removed, moved files put back, edits respected."""

import json

from tests.conftest import SAMPLES, WORKFLOWS
from tests.e2e.test_cli import runnel


def test_undo_removes_what_a_run_wrote(isolated_home, tmp_path):
    out = tmp_path / "reports"
    proc = runnel("run", str(WORKFLOWS / "document-digest.yaml"), str(SAMPLES / "meeting-notes.md"),
                  "--folder", f"reports={out}", "--json")
    run_id = json.loads(proc.stdout)["runs"][0]["run_id"]
    written = out / "meeting-notes digest.md"
    assert written.exists()
    dry = runnel("undo", run_id[:8], "--dry-run")
    assert dry.returncode == 0 and f"would remove {written}" in dry.stdout and written.exists()
    done = runnel("undo", run_id[:8])
    assert done.returncode == 0 and f"remove {written}" in done.stdout
    assert not written.exists()
    again = runnel("undo", run_id[:8])
    assert "nothing to undo" in again.stdout


def test_undo_refuses_a_file_edited_since(isolated_home, tmp_path):
    out = tmp_path / "reports"
    proc = runnel("run", str(WORKFLOWS / "document-digest.yaml"), str(SAMPLES / "meeting-notes.md"),
                  "--folder", f"reports={out}", "--json")
    run_id = json.loads(proc.stdout)["runs"][0]["run_id"]
    written = out / "meeting-notes digest.md"
    written.write_text(written.read_text() + "\nMy own notes, added later.\n")
    proc = runnel("undo", run_id)
    assert proc.returncode == 1
    assert f"not undone: {written} was changed after the run" in proc.stderr
    assert "My own notes" in written.read_text()


def test_undo_moves_a_watched_file_back(tmp_path, watch_run):
    inbox, processed, store, run_id = watch_run
    from desktop.undo import undo_run

    report = undo_run(store, run_id)
    assert report.ok and (inbox / "note.txt").exists() and not (processed / "note.txt").exists()


def test_undo_of_moves_and_appended_rows(isolated_home, tmp_path):
    import csv

    from desktop.engine.executor import Executor
    from desktop.engine.registry import Registry
    from desktop.store.runs import RunStore
    from desktop.undo import undo_run
    from tests.engine.conftest import workflow

    inbox, archive = tmp_path / "inbox", tmp_path / "archive"
    inbox.mkdir()
    store = RunStore(tmp_path / "h.db")
    # move the input into the archive, and log a row per file (the route's decision)
    wf = workflow(f"""
    folders: {{archive: '{archive}'}}
    nodes:
    - {{id: input, type: core.input_file}}
    - {{id: route, type: flow.route, params: {{rules: [{{branch: text, field: kind, op: '==', value: txt}}]}}}}
    - {{id: row, type: files.append_row, params: {{folder: archive, filename: ledger.csv}}}}
    - {{id: move, type: files.move_file, params: {{folder: archive, filename: 'filed-{{name}}'}}}}
    links:
    - {{from: input.file, to: route.item}}
    - {{from: route.decision, to: row.record}}
    - {{from: input.file, to: move.file}}
    """)
    ex = Executor(Registry.from_entry_points(), listeners=[store.record])
    runs = []
    for name in ("a.txt", "b.txt"):
        (inbox / name).write_text(name)
        run = ex.run(wf, inbox / name)
        assert run.ok, run.error
        runs.append(run.run_id)
    ledger = archive / "ledger.csv"
    assert len(list(csv.DictReader(ledger.open()))) == 2

    first = undo_run(store, runs[0])           # its row is no longer the last: kept
    assert (inbox / "a.txt").read_text() == "a.txt" and not (archive / "filed-a.txt").exists()
    assert first.refused == [f"rows were added to {ledger} after the run; its row is left in place"]

    second = undo_run(store, runs[1])          # the last run: everything goes back
    assert second.ok and (inbox / "b.txt").exists() and not (archive / "filed-b.txt").exists()
    assert len(list(csv.DictReader(ledger.open()))) == 1


def test_undo_leaves_a_moved_file_the_user_edited(tmp_path, watch_run):
    inbox, processed, store, run_id = watch_run
    from desktop.undo import undo_run

    (processed / "note.txt").write_text("edited after filing, by the user")
    report = undo_run(store, run_id)
    assert not report.ok
    assert any(f"{processed / 'note.txt'} was changed after the run" in r for r in report.refused)
    assert (processed / "note.txt").read_text() == "edited after filing, by the user"
    assert not (inbox / "note.txt").exists()


def same_size_edit(path, old: bytes, new: bytes) -> None:
    """What an editor or a sync tool may do: change a few bytes in place, at the same
    size, and put the modification time back."""
    import os

    assert len(old) == len(new)
    st = path.stat()
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns


def note_workflow(tmp_path, out, ledger_folder=None):
    """Read a text file; write a note of it (and, with a ledger folder, log a row)."""
    import yaml

    folders = {"out": str(out)}
    nodes = [{"id": "input", "type": "core.input_file"},
             {"id": "read", "type": "documents.read"},
             {"id": "tpl", "type": "text.template",
              "params": {"template": "Note on {{ document.text.splitlines()[0] }}: approved."}},
             {"id": "save", "type": "files.write_text",
              "params": {"folder": "out", "filename": "{stem} note.txt"}}]
    links = [{"from": "input.file", "to": "read.file"},
             {"from": "read.document", "to": "tpl.document"},
             {"from": "tpl.text", "to": "save.content"}]
    if ledger_folder is not None:
        folders["ledger"] = str(ledger_folder)
        nodes.append({"id": "route", "type": "flow.route",
                      "params": {"rules": [{"branch": "text", "field": "kind", "op": "==", "value": "txt"}]}})
        nodes.append({"id": "row", "type": "files.append_row",
                      "params": {"folder": "ledger", "filename": "ledger.csv"}})
        links += [{"from": "input.file", "to": "route.item"}, {"from": "route.decision", "to": "row.record"}]
    path = tmp_path / "note.yaml"
    path.write_text(yaml.safe_dump({"schema_version": 1, "name": "Note", "folders": folders,
                                    "nodes": nodes, "links": links}, sort_keys=False))
    return path


def run_id_of(*args: str) -> str:
    proc = runnel("run", *args, "--json")
    assert proc.returncode == 0, proc.stderr
    [run] = json.loads(proc.stdout)["runs"]
    assert run["status"] == "done", run["error"]
    return run["run_id"]


def test_undo_refuses_a_same_size_edit_with_its_mtime_put_back(isolated_home, tmp_path):
    out = tmp_path / "notes"
    wf = note_workflow(tmp_path, out)
    doc = tmp_path / "offer.txt"
    doc.write_text("Offer 2026-17\n")
    run_id = run_id_of(str(wf), str(doc))
    written = out / "offer note.txt"
    assert written.read_text() == "Note on Offer 2026-17: approved."
    same_size_edit(written, b"approved", b"REJECTED")          # the person's correction

    proc = runnel("undo", run_id[:8])
    assert proc.returncode == 1
    assert (f"not undone: {written} was changed after the run (its content is no longer what "
            "the run left there, though its size is the same); it is left as it is") in proc.stderr
    assert written.read_text() == "Note on Offer 2026-17: REJECTED."

    # an output nobody touched is undone (its time may even have changed: content decides)
    other = tmp_path / "memo.txt"
    other.write_text("Memo 5\n")
    second = run_id_of(str(wf), str(other))
    untouched = out / "memo note.txt"
    import os
    os.utime(untouched)
    proc = runnel("undo", second[:8])
    assert proc.returncode == 0, proc.stderr
    assert f"remove {untouched}" in proc.stdout and not untouched.exists()


def test_undo_does_not_move_back_a_filed_file_edited_at_the_same_size(tmp_path, watch_run):
    inbox, processed, store, run_id = watch_run
    from desktop.undo import undo_run

    filed = processed / "note.txt"
    same_size_edit(filed, b"filed", b"FILED")
    report = undo_run(store, run_id)
    assert report.refused == [f"{filed} was changed after the run (its content is no longer what the "
                              "run left there, though its size is the same); it is left as it is"]
    assert filed.read_text() == "to be FILED" and not (inbox / "note.txt").exists()


def test_undo_keeps_an_appended_row_edited_at_the_same_size(isolated_home, tmp_path):
    ledger_dir = tmp_path / "ledger"
    wf = note_workflow(tmp_path, tmp_path / "notes", ledger_folder=ledger_dir)
    doc = tmp_path / "a.txt"
    doc.write_text("A\n")
    run_id = run_id_of(str(wf), str(doc))
    ledger = ledger_dir / "ledger.csv"
    assert ledger.read_text().splitlines()[1].startswith("text")
    same_size_edit(ledger, b"text", b"TEXT")                  # corrected in a spreadsheet
    proc = runnel("undo", run_id[:8])
    assert proc.returncode == 1
    assert (f"not undone: the row the run appended to {ledger} was changed after the run; "
            "it is left in place") in proc.stderr
    assert ledger.read_text().splitlines()[1].startswith("TEXT")


def test_undo_refuses_a_row_a_later_run_appended_after(isolated_home, tmp_path):
    """As the README says: a run's row is taken back only while it is the ledger's last;
    undone newest first, both go."""
    import csv

    ledger_dir = tmp_path / "ledger"
    wf = note_workflow(tmp_path, tmp_path / "notes", ledger_folder=ledger_dir)
    ids = []
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"{name}\n")
        ids.append(run_id_of(str(wf), str(tmp_path / name)))
    ledger = ledger_dir / "ledger.csv"
    before = ledger.read_bytes()
    assert len(list(csv.DictReader(ledger.open()))) == 2

    proc = runnel("undo", ids[0][:8])
    assert proc.returncode == 1
    assert f"not undone: rows were added to {ledger} after the run; its row is left in place" in proc.stderr
    assert f"remove {tmp_path / 'notes' / 'a note.txt'}" in proc.stdout     # the rest is undone
    assert ledger.read_bytes() == before

    assert runnel("undo", ids[1][:8]).returncode == 0
    assert len(list(csv.DictReader(ledger.open()))) == 1
    proc = runnel("undo", ids[0][:8])                          # its row is the last again
    assert proc.returncode == 0, proc.stderr
    assert f"remove the row appended to {ledger}" in proc.stdout
    assert not ledger.exists()                                 # the ledger was the run's
