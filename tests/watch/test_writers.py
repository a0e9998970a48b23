"""Files still being written: a writer that pauses longer than the settle window (a
scanner over SMB) gets its whole file processed, once; an input that changes while its
job runs is a new version, and what the old version gave is never left as done."""

import os
import threading
import time

import pytest

from desktop.engine.events import StepStatusChanged
from desktop.watch.readiness import Settler
from tests.watch.conftest import write_workflow


@pytest.fixture
def dirs(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    return inbox, out


FIRST = "first half of the scanned page\n"
REST = "second half of the scanned page\n"


def test_a_writer_pausing_longer_than_the_settle_window_gets_its_whole_file_processed_once(
        watch_factory, dirs, tmp_path):
    inbox, out = dirs
    wf = write_workflow(tmp_path / "wf.yaml", inbox, out, after_success="move", settle_seconds=0.3)
    w = watch_factory([wf])                      # the native (inotify) observer
    w.service.start()
    assert w.service.triggers[0].closes_seen
    with (inbox / "scan.txt").open("w") as f:
        f.write(FIRST)
        f.flush()
        # the writer pauses, its file open, for more than three settle windows: this real
        # pause is the scenario itself
        time.sleep(1.2)
        assert w.states() == {}, "a file its writer still has open was queued"
        assert (inbox / "scan.txt").exists()     # and not moved while being written
        f.write(REST)
    w.wait(w.finished(1))
    assert w.states() == {"done": 1}
    assert [p.name for p in out.iterdir()] == ["scan.out.txt"]
    assert (out / "scan.out.txt").read_text().strip() == (FIRST + REST).strip()
    assert (inbox / "Processed" / "scan.txt").read_text() == FIRST + REST


@pytest.mark.parametrize("polling", [False, True], ids=["native", "polling"])
def test_an_input_changed_while_its_job_runs_is_processed_again_and_the_old_output_removed(
        watch_factory, dirs, tmp_path, polling):
    inbox, out = dirs
    wf = write_workflow(tmp_path / "wf.yaml", inbox, out, after_success="move", settle_seconds=0.2)
    w = watch_factory([wf], force_polling=polling, polling_interval=0.2)
    appended = threading.Event()

    def writer_comes_back(event):
        # the first run has read the first half; now its writer reopens and appends
        if (isinstance(event, StepStatusChanged) and event.node_id == "save"
                and event.status == "running" and not appended.is_set()):
            with (inbox / "scan.txt").open("a") as f:
                f.write(REST)
            appended.set()

    w.runner.executor.bus.listeners.append(writer_comes_back)
    w.service.start()
    (inbox / "scan.txt").write_text(FIRST)
    w.wait(lambda: w.states().get("done") == 1)
    assert appended.is_set()
    assert w.states() == {"changed": 1, "done": 1}
    changed, done = sorted(w.service.queue.list(("changed", "done")), key=lambda r: r["id"])
    assert changed["state"] == "changed" and "changed while it was processed" in changed["error"]
    assert done["size"] == len(FIRST + REST)
    first_run = w.store.find_run(changed["run_id"])[0]        # History does not call it done
    assert first_run["status"] == "cancelled" and "changed while it was processed" in first_run["error"]
    assert w.store.find_run(done["run_id"])[0]["status"] == "done"
    # the half's output was removed, not left as done; the whole file's is there, once
    assert [p.name for p in out.iterdir()] == ["scan.out.txt"]
    assert (out / "scan.out.txt").read_text().strip() == (FIRST + REST).strip()
    assert sorted(p.name for p in (inbox / "Processed").iterdir()) == ["scan.txt"]
    assert (inbox / "Processed" / "scan.txt").read_text() == FIRST + REST


def test_a_file_moved_in_keeps_the_settle_window_even_if_still_open(watch_factory, dirs, tmp_path):
    """Moved in from outside (a browser's finished download, a mail client's save):
    the settle window alone decides, even if the program that wrote it still holds it."""
    inbox, out = dirs
    wf = write_workflow(tmp_path / "wf.yaml", inbox, out, settle_seconds=0.2)
    w = watch_factory([wf])
    w.service.start()
    outside = tmp_path / "download.txt"
    with outside.open("w") as holder:
        holder.write("a finished download\n")
        holder.flush()
        outside.rename(inbox / "download.txt")
        w.wait(w.finished(1), timeout=20)          # not waiting for `holder` to close it
        assert w.states() == {"done": 1}
    assert (out / "download.out.txt").read_text().strip() == "a finished download"


def test_a_folder_moved_in_brings_its_files_to_a_recursive_trigger(watch_factory, dirs, tmp_path):
    inbox, out = dirs
    wf = write_workflow(tmp_path / "wf.yaml", inbox, out, settle_seconds=0.2, recursive=True)
    w = watch_factory([wf])
    w.service.start()
    batch = tmp_path / "batch"
    (batch / "inner").mkdir(parents=True)
    (batch / "one.txt").write_text("one")
    (batch / "inner" / "two.txt").write_text("two")
    batch.rename(inbox / "batch")
    w.wait(w.finished(2))
    assert w.states() == {"done": 2}
    assert sorted(p.name for p in out.iterdir()) == ["one.out.txt", "two.out.txt"]


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_a_file_written_in_the_folder_waits_for_its_writer_not_for_the_window(tmp_path):
    clock = Clock()
    settler = Settler(settle_seconds=1, stuck_after_seconds=100, clock=clock)
    open_one, linked = tmp_path / "open.pdf", tmp_path / "linked.pdf"
    (tmp_path / "elsewhere.pdf").write_bytes(b"%PDF linked")
    os.link(tmp_path / "elsewhere.pdf", linked)          # created here, never closed here
    with open_one.open("wb") as writer:
        writer.write(b"%PDF half")
        writer.flush()
        settler.touch(open_one, awaiting_close=True)
        settler.touch(linked, awaiting_close=True)
        settler.check()
        clock.now = 5.0                                   # many windows later
        ready, _, _ = settler.check()
        assert [r.path for r in ready] == [linked]       # nobody writes it: settled
        clock.now = 10.0
        assert settler.check()[0] == []                  # still open for writing
    settler.closed(open_one)                              # its writer closed it
    clock.now = 10.5
    assert settler.check()[0] == []                      # plus the settle window
    clock.now = 11.1
    assert [r.path for r in settler.check()[0]] == [open_one]


def test_when_some_writers_are_hidden_a_file_without_its_close_waits_for_the_grace(tmp_path, monkeypatch):
    """Another user's processes (a file server's) cannot be looked at: a file written
    in the folder waits for its close, or CLOSE_GRACE; one found at start does not."""
    from desktop.watch import readiness

    monkeypatch.setattr(readiness, "open_for_writing", lambda: readiness.Writers(set(), complete=False))
    clock = Clock()
    settler = Settler(settle_seconds=1, stuck_after_seconds=1000, clock=clock)
    written, found = tmp_path / "scan.pdf", tmp_path / "old.pdf"
    for f in (written, found):
        f.write_bytes(b"%PDF")
        settler.touch(f, f.stat().st_size, f.stat().st_mtime_ns, awaiting_close=True,
                      close_grace=f is written)
    clock.now = 5.0
    assert [r.path for r in settler.check()[0]] == [found]
    clock.now = readiness.CLOSE_GRACE - 1
    assert settler.check()[0] == []
    clock.now = readiness.CLOSE_GRACE + 1
    assert [r.path for r in settler.check()[0]] == [written]
