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
