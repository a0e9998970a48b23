"""The watcher with real watchdog observers, real files and the real SQLite queue."""

import shutil
import threading

import pytest

from desktop.watch.events import JobChanged
from tests.watch.conftest import write_workflow


@pytest.fixture
def dirs(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    return inbox, out


@pytest.mark.parametrize("polling", [False, True], ids=["native", "polling"])
def test_new_moved_in_and_renamed_files_are_processed_once_and_moved(watch_factory, dirs, tmp_path, polling):
    inbox, out = dirs
    wf = write_workflow(tmp_path / "wf.yaml", inbox, out, after_success="move")
    w = watch_factory([wf], force_polling=polling, polling_interval=0.2)
    w.service.start()
    (inbox / "created.txt").write_text("one")
    outside = tmp_path / "outside.txt"
    outside.write_text("two")
    outside.rename(inbox / "moved-in.txt")
    (inbox / "download.tmp").write_text("three")
    (inbox / "download.tmp").rename(inbox / "renamed.txt")
    (inbox / "partial.txt.part").write_text("never")
    w.wait(w.finished(3))
    assert w.states() == {"done": 3}
    assert sorted(p.name for p in out.iterdir()) == ["created.out.txt", "moved-in.out.txt", "renamed.out.txt"]
    assert sorted(p.name for p in (inbox / "Processed").iterdir()) == ["created.txt", "moved-in.txt", "renamed.txt"]
    assert (inbox / "partial.txt.part").exists()


def test_failures_are_moved_aside_with_the_reason(watch_factory, dirs, tmp_path):
    inbox, out = dirs
    wf = write_workflow(tmp_path / "wf.yaml", inbox, out, after_failure="move")
    w = watch_factory([wf])
    w.service.start()
    (inbox / "empty.txt").write_bytes(b"")
    w.wait(w.finished(1))
    assert w.states() == {"failed": 1}
    note = (inbox / "Failed" / "empty.txt.error.txt").read_text()
    assert "Reason: empty.txt is empty (0 bytes)" in note
    assert (inbox / "Failed" / "empty.txt").exists() and not (inbox / "empty.txt").exists()


def test_the_same_content_twice_is_skipped(watch_factory, dirs, tmp_path):
    inbox, out = dirs
    w = watch_factory([write_workflow(tmp_path / "wf.yaml", inbox, out)])
    w.service.start()
    (inbox / "a.txt").write_text("same words")
    w.wait(w.finished(1))
    shutil.copy(inbox / "a.txt", inbox / "copy of a.txt")
    w.wait(w.finished(2))
    assert w.states() == {"done": 1, "skipped": 1}
    skipped = w.service.queue.list(("skipped",))[0]
    assert skipped["path"].endswith("copy of a.txt") and "already handled (job 1)" in skipped["error"]
    assert [p.name for p in out.iterdir()] == ["a.out.txt"]


def test_a_file_deleted_before_it_runs_is_marked_vanished(watch_factory, dirs, tmp_path):
    inbox, out = dirs
    wf = write_workflow(tmp_path / "wf.yaml", inbox, out, paused=True)
    w = watch_factory([wf])
    w.service.start()
    (inbox / "gone.txt").write_text("here, briefly")
    w.wait(lambda: w.states() == {"queued": 1})
    (inbox / "gone.txt").unlink()
    write_workflow(wf, inbox, out, paused=False)        # un-pause: the watcher reloads it
    w.wait(w.finished(1))
    row = w.service.queue.list()[0]
    assert row["state"] == "vanished" and "moved or deleted before it was processed" in row["error"]


def test_a_paused_trigger_keeps_its_queue(watch_factory, dirs, tmp_path):
    inbox, out = dirs
    wf = write_workflow(tmp_path / "wf.yaml", inbox, out, paused=True)
    w = watch_factory([wf])
    w.service.start()
    for i in range(3):
        (inbox / f"{i}.txt").write_text(f"text {i}")
    w.wait(lambda: w.states() == {"queued": 3})
    assert not out.exists()
    write_workflow(wf, inbox, out, paused=False)
    w.wait(w.finished(3))
    assert w.states() == {"done": 3}


def test_outside_its_schedule_jobs_wait(watch_factory, dirs, tmp_path):
    import datetime as dt

    inbox, out = dirs
    today = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[dt.datetime.now().weekday()]
    other = [d for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun") if d != today]
    wf = write_workflow(tmp_path / "wf.yaml", inbox, out, schedule={"days": other})
    w = watch_factory([wf])
    w.service.start()
    (inbox / "later.txt").write_text("not today")
    w.wait(lambda: w.states() == {"queued": 1})
    w.wait(w.trigger_state("waiting"))
    assert not out.exists()


def test_a_file_that_keeps_growing_is_reported_stuck(watch_factory, dirs, tmp_path):
    inbox, out = dirs
    wf = write_workflow(tmp_path / "wf.yaml", inbox, out, stuck_after_minutes=0.01)
    w = watch_factory([wf])
    w.service.start()
    stop = threading.Event()

    def grow():
        with (inbox / "growing.txt").open("a") as f:
            while not stop.is_set():
                f.write("more ")
                f.flush()
                stop.wait(0.05)

    writer = threading.Thread(target=grow)
    writer.start()
    try:
        w.wait(lambda: any(isinstance(e, JobChanged) and e.state == "stuck" for e in w.events))
        assert w.states() == {"stuck": 1}
    finally:
        stop.set()
        writer.join()
    w.wait(w.finished(1))                 # once it stops growing it is processed
    assert w.states() == {"stuck": 1, "done": 1}


def test_a_folder_deleted_while_watched_recovers_when_back(watch_factory, dirs, tmp_path):
    inbox, out = dirs
    w = watch_factory([write_workflow(tmp_path / "wf.yaml", inbox, out)])
    w.service.start()
    w.wait(w.trigger_state("watching"))
    shutil.rmtree(inbox)
    w.wait(w.trigger_state("error"))
    assert "disappeared" in w.service.triggers[0].message
    inbox.mkdir()
    (inbox / "back.txt").write_text("hello again")
    w.wait(w.finished(1))
    assert w.states() == {"done": 1} and w.service.triggers[0].state == "watching"


def test_two_workflows_on_one_folder(watch_factory, dirs, tmp_path):
    inbox, out = dirs
    a = write_workflow(tmp_path / "a.yaml", inbox, tmp_path / "out-a", name="A")
    b = write_workflow(tmp_path / "b.yaml", inbox, tmp_path / "out-b", name="B")
    w = watch_factory([a, b])
    w.service.start()
    (inbox / "shared.txt").write_text("for both")
    w.wait(w.finished(2))
    assert w.states() == {"done": 2}
    assert (tmp_path / "out-a" / "shared.out.txt").exists() and (tmp_path / "out-b" / "shared.out.txt").exists()


def test_two_workflows_on_one_folder_that_move_files_are_refused(watch_factory, dirs, tmp_path):
    inbox, out = dirs
    a = write_workflow(tmp_path / "a.yaml", inbox, out, name="A", after_success="move")
    b = write_workflow(tmp_path / "b.yaml", inbox, out, name="B")
    w = watch_factory([a, b])
    w.service.start()
    assert all(t.state == "error" and "several workflows (A, B)" in t.message for t in w.service.triggers)


def test_a_changed_workflow_is_used_by_the_next_job(watch_factory, dirs, tmp_path):
    inbox, out = dirs
    wf = write_workflow(tmp_path / "wf.yaml", inbox, out)
    w = watch_factory([wf])
    w.service.start()
    (inbox / "first.txt").write_text("1")
    w.wait(w.finished(1))
    wf.write_text(wf.read_text().replace("'{stem}.out.txt'", "'{stem}.v2.txt'"))
    (inbox / "second.txt").write_text("2")
    w.wait(w.finished(2))
    assert sorted(p.name for p in out.iterdir()) == ["first.out.txt", "second.v2.txt"]


def test_files_that_arrived_while_closed_are_found_at_start(watch_factory, dirs, tmp_path):
    inbox, out = dirs
    wf = write_workflow(tmp_path / "wf.yaml", inbox, out)
    first = watch_factory([wf])
    first.service.start()
    (inbox / "before.txt").write_text("seen live")
    first.wait(first.finished(1))
    first.service.stop()
    (inbox / "while-closed-1.txt").write_text("a")
    (inbox / "while-closed-2.txt").write_text("b")
    second = watch_factory([wf])
    second.service.start()
    second.wait(second.finished(2))
    assert second.states() == {"done": 3}          # the first file is not processed again
    assert len(list(out.iterdir())) == 3


@pytest.mark.slow
def test_a_thousand_files_at_once_are_each_processed_exactly_once(watch_factory, dirs, tmp_path):
    inbox, out = dirs
    staging = tmp_path / "staging"
    staging.mkdir()
    for i in range(1000):
        (staging / f"n{i:04d}.txt").write_text(f"note {i}")
    w = watch_factory([write_workflow(tmp_path / "wf.yaml", inbox, out, after_success="move")])
    w.service.start()
    for f in staging.iterdir():
        f.rename(inbox / f.name)
    # a bound, not a timing: the wait fails the test if the thousand take longer
    w.wait(w.finished(1000), timeout=300)
    assert w.states() == {"done": 1000}
    assert len(list(out.iterdir())) == 1000
    assert len(list((inbox / "Processed").iterdir())) == 1000
    jobs = w.service.queue.list(limit=2000)
    assert len({j["path"] for j in jobs}) == 1000


def test_jobs_can_run_in_parallel_when_configured(watch_factory, dirs, tmp_path):
    inbox, out = dirs
    w = watch_factory([write_workflow(tmp_path / "wf.yaml", inbox, out)], parallel_jobs=3)
    w.service.start()
    assert len([t for t in w.service._threads if t.name.startswith("watch-runner")]) == 3
    for i in range(30):
        (inbox / f"{i}.txt").write_text(f"text number {i}")
    w.wait(w.finished(30))
    assert w.states() == {"done": 30} and len(list(out.iterdir())) == 30


def test_the_watcher_survives_a_job_that_breaks(watch_factory, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    wf = write_workflow(tmp_path / "wf.yaml", inbox, tmp_path / "out", after_success="move",
                        success_name="{name.foo}")
    w = watch_factory([wf])
    w.service.start()
    (inbox / "one.txt").write_text("first")
    (inbox / "two.txt").write_text("second")
    w.wait(w.finished(2))
    assert sum(w.states().values()) == 2 and "running" not in w.states()


def test_a_phone_photo_dropped_in_the_inbox_is_read_by_ocr(watch_factory, dirs, tmp_path):
    from tests.ocr.pages import INVOICE, draw

    inbox, out = dirs
    wf = write_workflow(tmp_path / "wf.yaml", inbox, out, patterns=["*.pdf", "*.jpg"], after_success="move")
    w = watch_factory([wf])
    w.service.start()
    photo = tmp_path / "IMG_0417.JPG"          # as a phone names it
    draw(INVOICE).image.save(photo, quality=85)
    photo.rename(inbox / photo.name)
    w.wait(w.finished(1), timeout=120)
    assert w.states() == {"done": 1}
    assert "Total due GBP 252.60" in (out / "IMG_0417.out.txt").read_text()
    assert [p.name for p in (inbox / "Processed").iterdir()] == ["IMG_0417.JPG"]
