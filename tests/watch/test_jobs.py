"""Fast jobs run and are concluded in groups: real files, the real queue and journal."""

import threading

from desktop.store.jobs import Arrival
from desktop.undo import undo_run
from desktop.watch import jobs as jobs_module
from desktop.watch.events import JobChanged
from desktop.watch.service import content_hash
from tests.watch.conftest import write_workflow


def queued(watch, *paths):
    w = watch.service.triggers[0]
    return watch.service.queue.add(w.workflow_path, w.workflow_name, w.index, [
        Arrival(str(p), p.stat().st_size, p.stat().st_mtime_ns, content_hash(p)) for p in paths])


def prepared(watch_factory, tmp_path, **trigger):
    inbox = tmp_path / "inbox"
    for sub in ("a", "b"):
        (inbox / sub).mkdir(parents=True)
    wf = write_workflow(tmp_path / "wf.yaml", inbox, tmp_path / "out", after_success="move",
                        recursive=True, **trigger)
    watch = watch_factory([wf])
    watch.service._load_all(watch=False)      # the triggers, without observing or running
    return watch, inbox


def test_a_group_moves_same_named_inputs_apart_and_each_run_undoes_its_own(watch_factory, tmp_path):
    watch, inbox = prepared(watch_factory, tmp_path)
    (inbox / "a" / "x.txt").write_text("from a")
    (inbox / "b" / "x.txt").write_text("from b, longer")
    queued(watch, inbox / "a" / "x.txt", inbox / "b" / "x.txt")
    group = watch.service.queue.claim(limit=2)
    assert watch.service.jobs.run_group(group)                # both fast
    done = {j["path"]: j for j in watch.service.queue.list()}
    assert {j["state"] for j in done.values()} == {"done"}
    processed = inbox / "Processed"
    assert sorted(p.name for p in processed.iterdir()) == ["x (2).txt", "x.txt"]
    second = done[str(inbox / "b" / "x.txt")]
    assert second["final_path"] == str(processed / "x (2).txt")
    moves = [op for op in watch.store.file_ops(second["run_id"]) if op["op"] == "move"]
    assert [op["target"] for op in moves] == [str(processed / "x (2).txt")]
    report = undo_run(watch.store, second["run_id"])
    assert not report.refused
    assert (inbox / "b" / "x.txt").read_text() == "from b, longer"
    assert (processed / "x.txt").read_text() == "from a"      # the other run's input stays


def test_a_name_taken_after_planning_is_journaled_as_used_and_the_plan_voided(watch_factory, tmp_path,
                                                                             monkeypatch):
    watch, inbox = prepared(watch_factory, tmp_path)
    (inbox / "a" / "x.txt").write_text("mine")
    real_first_free = jobs_module.first_free

    def then_taken(folder, name, taken=()):
        planned = real_first_free(folder, name, taken)
        planned.write_text("another program's file")      # takes the name before the move
        return planned

    monkeypatch.setattr(jobs_module, "first_free", then_taken)
    queued(watch, inbox / "a" / "x.txt")
    watch.service.jobs.run_group(watch.service.queue.claim())
    job = watch.service.queue.list()[0]
    processed = inbox / "Processed"
    assert job["state"] == "done" and job["final_path"] == str(processed / "x (2).txt")
    live = [op["target"] for op in watch.store.file_ops(job["run_id"])
            if op["op"] == "move" and not op["undone_at"]]
    assert live == [str(processed / "x (2).txt")]
    undo_run(watch.store, job["run_id"])
    assert (inbox / "a" / "x.txt").read_text() == "mine"
    assert (processed / "x.txt").read_text() == "another program's file"    # never touched


def test_stopping_in_a_group_concludes_what_ran_and_gives_back_the_rest(watch_factory, tmp_path):
    watch, inbox = prepared(watch_factory, tmp_path)
    paths = []
    for i in range(4):
        paths.append(inbox / "a" / f"{i}.txt")
        paths[-1].write_text(f"file {i}")
    queued(watch, *paths)
    stop = threading.Event()
    watch.service.listeners.append(
        lambda e: isinstance(e, JobChanged) and e.state == "running" and stop.set())
    watch.service.jobs.run_group(watch.service.queue.claim(limit=4), stop)
    assert watch.service.queue.counts() == {"done": 1, "queued": 3}
    assert [p.name for p in (inbox / "Processed").iterdir()] == ["0.txt"]
    assert all(j["attempts"] == 0 for j in watch.service.queue.list(("queued",)))
    assert watch.service.current_jobs == {}


def test_a_job_whose_run_ended_before_a_crash_is_concluded_by_its_trigger(watch_factory, tmp_path):
    watch, inbox = prepared(watch_factory, tmp_path)
    (inbox / "a" / "x.txt").write_text("ran, then the app was killed")
    queued(watch, inbox / "a" / "x.txt")
    job = watch.service.queue.claim()[0]
    assert watch.service.jobs._execute(job).status == "done"     # and then: kill -9
    again = watch_factory([tmp_path / "wf.yaml"])
    again.service.start()
    again.wait(again.finished(1))
    assert again.states() == {"done": 1}
    assert [p.name for p in (inbox / "Processed").iterdir()] == ["x.txt"]    # moved, as the trigger says


APPROVING = """schema_version: 1
name: Approve notes
folders: {{out: '{out}'}}
triggers:
- {{kind: folder, path: '{inbox}', patterns: ['*.txt'], settle_seconds: 0.1, after_success: move}}
nodes:
- {{id: input, type: core.input_file}}
- {{id: read, type: documents.read}}
- {{id: ask, type: human.approve, params: {{message: 'Keep this note?'}}}}
- {{id: keep, type: files.write_text, params: {{folder: out, filename: '{{stem}}.kept.txt'}}}}
links:
- {{from: input.file, to: read.file}}
- {{from: read.document, to: ask.item}}
- {{from: ask.approved, to: keep.content}}
"""


def test_a_watched_file_waiting_for_approval_is_moved_once_approved(watch_factory, tmp_path):
    from desktop.review import decisions as approvals

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    wf = tmp_path / "approve.yaml"
    wf.write_text(APPROVING.format(out=out, inbox=inbox))
    watch = watch_factory([wf])
    watch.service.start()
    (inbox / "note.txt").write_text("a note to keep")
    watch.wait(lambda: watch.states() == {"waiting": 1})
    assert (inbox / "note.txt").exists()                  # in place while a person decides
    watch.service.stop()
    # the Review view names it as a watched file, and its folder
    from desktop.review import pending_items
    [item] = pending_items(watch.store)
    assert item.watched and item.document_name == "note.txt" and item.folder.endswith("inbox")
    # decided later, by another runner (the CLI, or the app after a restart)
    pending = approvals.pending(watch.runner)
    result = approvals.decide(watch.runner, pending[0]["id"], approve=True)
    assert result.status == "done"
    job = watch.service.queue.list()[0]
    assert job["state"] == "done" and job["run_id"] == result.run_id
    assert [p.name for p in (inbox / "Processed").iterdir()] == ["note.txt"]
    assert job["final_path"] == str(inbox / "Processed" / "note.txt")
    assert (out / "note.kept.txt").read_text() == "a note to keep"
    moves = [op for op in watch.store.file_ops(result.run_id) if op["op"] == "move"]
    assert len(moves) == 1                                 # journaled: undo can put it back
