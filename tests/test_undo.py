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
