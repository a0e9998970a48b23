"""Duplicates (content the workflow already processed) do not sit in the inbox for
ever: by default they are moved beside the processed files with a note naming the
first; `after_duplicate: leave` keeps them; `runnel queue` calls them duplicates."""

import json
import shutil

import pytest

from desktop import cli
from desktop.engine.errors import WorkflowFileError
from desktop.engine.fileformat import load_workflow
from desktop.paths import runnel_home
from tests.watch.conftest import Watch, write_workflow


@pytest.fixture
def dirs(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    return inbox, out


@pytest.fixture
def home_watch():
    """A watcher whose store is the user's (RUNNEL_HOME), so `runnel queue` reads it."""
    made = []

    def make(workflows):
        runnel_home().mkdir(parents=True, exist_ok=True)
        w = Watch(runnel_home(), workflows)
        made.append(w)
        return w

    yield make
    for w in made:
        w.service.stop()
        w.runner.close()


def test_a_duplicate_is_moved_beside_the_processed_files_with_a_note_naming_the_first(
        home_watch, dirs, tmp_path, capsys):
    inbox, out = dirs
    w = home_watch([write_workflow(tmp_path / "wf.yaml", inbox, out, after_success="move")])
    w.service.start()
    (inbox / "invoice.txt").write_text("same words")
    w.wait(w.finished(1))
    shutil.copy(inbox / "Processed" / "invoice.txt", inbox / "invoice copy.txt")
    w.wait(w.finished(2))
    assert w.states() == {"done": 1, "skipped": 1}
    assert sorted(p.name for p in inbox.iterdir()) == ["Processed"]          # the inbox empties
    processed = inbox / "Processed"
    assert sorted(p.name for p in processed.iterdir()) == [
        "invoice copy.txt", "invoice copy.txt.duplicate.txt", "invoice.txt"]
    note = (processed / "invoice copy.txt.duplicate.txt").read_text()
    first = w.service.queue.list(("done",))[0]
    assert "same content as invoice.txt" in note and f"job {first['id']}" in note
    assert f"Now at: {processed / 'invoice.txt'}" in note and first["run_id"] in note
    assert [p.name for p in out.iterdir()] == ["invoice.out.txt"]             # not run again

    assert cli.main(["queue"]) == 0
    text = capsys.readouterr().out
    line = next(row for row in text.splitlines() if "invoice copy.txt" in row)
    assert "duplicate" in line.split()
    assert "a duplicate: the same content as invoice.txt was already handled" in text
    assert "moved to Processed/invoice copy.txt" in text
    assert cli.main(["queue", "--state", "duplicate", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["path"].rsplit("/", 1)[1], r["duplicate"], r["duplicate_of"]) for r in rows] == [
        ("invoice copy.txt", True, first["id"])]
    assert rows[0]["final_path"] == str(processed / "invoice copy.txt")


def test_after_duplicate_leave_keeps_it_in_the_folder(home_watch, dirs, tmp_path):
    inbox, out = dirs
    w = home_watch([write_workflow(tmp_path / "wf.yaml", inbox, out, after_duplicate="leave")])
    w.service.start()
    (inbox / "a.txt").write_text("same words")
    w.wait(w.finished(1))
    shutil.copy(inbox / "a.txt", inbox / "b.txt")
    w.wait(w.finished(2))
    assert w.states() == {"done": 1, "skipped": 1}
    assert sorted(p.name for p in inbox.iterdir()) == ["a.txt", "b.txt"]


def test_a_folder_shared_by_two_workflows_leaves_duplicates_for_the_other(home_watch, dirs, tmp_path):
    """What one workflow has seen may be new to the other: neither moves it away."""
    inbox, out = dirs
    one = write_workflow(tmp_path / "one.yaml", inbox, out, name="One")
    two = write_workflow(tmp_path / "two.yaml", inbox, tmp_path / "out2", name="Two")
    w = home_watch([one, two])
    w.service.start()
    (inbox / "a.txt").write_text("same words")
    w.wait(w.finished(2))
    shutil.copy(inbox / "a.txt", inbox / "b.txt")
    w.wait(w.finished(4))
    assert w.states() == {"done": 2, "skipped": 2}
    assert sorted(p.name for p in inbox.iterdir()) == ["a.txt", "b.txt"]


def test_the_workflow_file_accepts_after_duplicate_and_refuses_anything_else(tmp_path, dirs):
    inbox, out = dirs
    assert load_workflow(write_workflow(tmp_path / "a.yaml", inbox, out)).triggers[0].after_duplicate == "move"
    wf = write_workflow(tmp_path / "b.yaml", inbox, out, after_duplicate="leave")
    assert load_workflow(wf).triggers[0].after_duplicate == "leave"
    bad = write_workflow(tmp_path / "c.yaml", inbox, out, after_duplicate="delete")
    with pytest.raises(WorkflowFileError) as e:
        load_workflow(bad)
    assert "trigger 1: 'after_duplicate' must be one of leave, move" in str(e.value)
    assert "c.yaml" in str(e.value)
