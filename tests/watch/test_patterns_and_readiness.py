import datetime as dt
import os

from desktop.engine.triggers import Schedule
from desktop.watch.patterns import is_temporary, matches
from desktop.watch.readiness import Settler


def test_temporary_and_partial_names_are_never_taken():
    for name in ("report.pdf.part", "film.crdownload", "x.tmp", "~$letter.docx", ".hidden.pdf",
                 "notes.txt~", ".notes.txt.swp", "#draft#", ".~lock.sheet.ods#"):
        assert is_temporary(name), name
    assert not is_temporary("invoice.pdf")


def test_include_and_exclude_patterns_say_why():
    assert matches("a.PDF", ["*.pdf"], []) == (True, "matches '*.pdf'")
    assert matches("a.txt", ["*.pdf"], []) == (False, "matches none of '*.pdf'")
    assert matches("draft-a.pdf", ["*.pdf"], ["draft-*"]) == (False, "excluded by 'draft-*'")
    assert matches("sub/.git/x.pdf", ["*.pdf"], []) == (False, "inside a hidden folder")
    assert matches("anything", [], []) == (True, "every file is taken")


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_a_file_is_ready_only_when_stable_for_the_settle_window(tmp_path):
    clock = Clock()
    settler = Settler(settle_seconds=2, stuck_after_seconds=100, clock=clock)
    f = tmp_path / "scan.pdf"
    f.write_bytes(b"x" * 10)
    settler.touch(f)
    assert settler.check()[0] == []             # first look: size noted
    clock.now = 1.5
    assert settler.check()[0] == []             # not stable long enough
    with f.open("ab") as h:                     # still being copied
        h.write(b"y" * 10)
    os.utime(f, ns=(1, 2))
    clock.now = 3.0
    assert settler.check()[0] == []             # changed: the window starts again
    clock.now = 4.9
    assert settler.check()[0] == []
    clock.now = 5.1
    ready, stuck, gone = settler.check()
    assert [r.path for r in ready] == [f] and ready[0].size == 20
    assert f not in settler


def test_a_file_that_never_stops_growing_is_reported_stuck_once(tmp_path):
    clock = Clock()
    settler = Settler(settle_seconds=1, stuck_after_seconds=10, clock=clock)
    f = tmp_path / "log.txt"
    f.write_text("a")
    settler.touch(f)
    reports = []
    for step in range(1, 30):
        clock.now = step * 0.9
        f.write_text("a" * (step + 1))
        ready, stuck, _ = settler.check()
        assert not ready
        reports += stuck
    assert reports == [f]


def test_a_file_deleted_while_settling_is_gone(tmp_path):
    settler = Settler(1, 10, clock=Clock())
    f = tmp_path / "x.txt"
    f.write_text("x")
    settler.touch(f)
    f.unlink()
    assert settler.check() == ([], [], [f])


def test_schedule_window():
    sched = Schedule(("mon", "tue", "wed", "thu", "fri"), "08:00", "18:00")
    assert sched.allows(dt.datetime(2026, 11, 30, 9, 0))        # a Monday
    assert not sched.allows(dt.datetime(2026, 11, 30, 18, 0))
    assert not sched.allows(dt.datetime(2026, 11, 29, 10, 0))   # a Sunday


def test_a_burst_costs_one_look_per_file_not_one_per_wake_up(tmp_path, monkeypatch):
    """While their windows run, tracked files are not looked at: the monitor wakes many
    times during a burst, and stat-ing a thousand files at each wake-up took the GIL
    from the job runner (bench/watch_burst.py swung with the number of wake-ups)."""
    from pathlib import Path

    clock = Clock()
    settler = Settler(settle_seconds=1, stuck_after_seconds=100, clock=clock)
    files = []
    for i in range(200):
        f = tmp_path / f"{i}.txt"
        f.write_text(str(i))
        st = f.stat()
        settler.touch(f, st.st_size, st.st_mtime_ns)
        files.append(f)
    looks = []
    real_stat = Path.stat
    monkeypatch.setattr(Path, "stat", lambda self, **kw: looks.append(self) or real_stat(self, **kw))
    for step in range(50):                       # fifty wake-ups inside the window
        clock.now = step * 0.019
        assert settler.check()[0] == []
    assert looks == []
    clock.now = 1.0
    assert sorted(r.path for r in settler.check()[0]) == sorted(files)
    assert len(looks) == 200


def test_a_same_size_rewrite_inside_the_window_starts_it_again(tmp_path):
    """A scanner or sync tool rewriting a file at the same size, with no event seen (a
    polling observer between two looks, a lost inotify event): the new modification
    time alone must restart the settle window, or a half-rewritten file is taken."""
    clock = Clock()
    settler = Settler(settle_seconds=2, stuck_after_seconds=100, clock=clock)
    f = tmp_path / "scan.pdf"
    f.write_bytes(b"a" * 10)
    first = f.stat()
    settler.touch(f, first.st_size, first.st_mtime_ns)
    clock.now = 1.0
    f.write_bytes(b"b" * 10)                    # same size, inside the window
    # a modification time surely different from the first (timestamps are coarse)
    os.utime(f, ns=(first.st_atime_ns, first.st_mtime_ns + 5_000_000))
    assert f.stat().st_size == first.st_size
    clock.now = 2.0                             # the first window ends: the rewrite shows
    assert settler.check()[0] == [], "a same-size rewrite inside the settle window was taken"
    clock.now = 3.9
    assert settler.check()[0] == []             # a full window from the rewrite's discovery
    clock.now = 4.0
    ready = settler.check()[0]
    assert [(r.path, r.size, r.mtime_ns) for r in ready] == [(f, 10, first.st_mtime_ns + 5_000_000)]
    assert f.read_bytes() == b"b" * 10
