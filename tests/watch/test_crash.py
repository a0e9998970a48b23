"""kill -9 while `runnel watch` works through a batch, at moments chosen by the seed:
inside a job (reading its input, its move journaled but not made, its input linked at
both names, its done mark written but not committed) and at a random point of the
job stream. Each kill is checked to have interrupted work (the watcher was running,
jobs remained, the job was in that phase); after the restarts nothing is lost and
nothing is processed twice."""

import json
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, VENV_BIN
from tests.watch.conftest import write_workflow

pytestmark = pytest.mark.slow
FILES = 100
PHASES = ("read", "journaled", "linked", "commit", "time")
EVENTS_PER_JOB = 4          # read, journaled, linked, commit
TIMEOUT = 180.0             # s: any one wait; the whole test is bounded by these


class Watcher:
    """`runnel watch` in a child process, its log (and its probes' reports, when run
    through tests/watch/crash_probe.py) read by threads, so that waiting for a line
    can end when the work is over."""

    def __init__(self, wf: Path, env: dict[str, str], probe: str | None = None):
        self.probes: queue.Queue = queue.Queue()
        if probe is None:               # the real command, as a user runs it
            self.proc = subprocess.Popen([str(VENV_BIN / "runnel"), "watch", str(wf)],
                                         stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                         text=True, env=env)
        else:
            r, w = os.pipe()
            self.proc = subprocess.Popen([sys.executable, "-m", "tests.watch.crash_probe", str(wf)],
                                         stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                                         env=dict(env, RUNNEL_PROBE=probe, RUNNEL_PROBE_FD=str(w)),
                                         pass_fds=(w,), cwd=ROOT)
            os.close(w)
            threading.Thread(target=self._read, args=(os.fdopen(r), self.probes), daemon=True).start()
        self.lines: queue.Queue = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._read, args=(self.proc.stderr, self.lines), daemon=True).start()

    def _read(self, stream, into: queue.Queue) -> None:
        for line in stream:
            into.put(line)
            if into is self.lines:
                self.log.append(line)
        into.put(None)

    def probe(self, want, what: str) -> list[str]:  # type: ignore[no-untyped-def]
        """The first probe report for which `want(fields)` holds (its fields)."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                line = self.probes.get(timeout=1)
            except queue.Empty:
                continue
            assert line is not None, f"the watcher ended before {what}: {self.log[-5:]}"
            fields = line.rstrip("\n").split(" ", 3)
            if want(fields):
                return fields
        pytest.fail(f"{what} did not come within {TIMEOUT:g} s: {self.log[-5:]}")

    def read_until_done(self, all_done) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + TIMEOUT
        while not all_done():
            assert time.monotonic() < deadline, f"not all done within {TIMEOUT:g} s: {self.log[-5:]}"
            try:
                if self.lines.get(timeout=1) is None:
                    return
            except queue.Empty:
                continue

    def wait_started(self) -> None:
        """Until it says it is watching (its SIGTERM handler is in place by then)."""
        while (line := self.lines.get(timeout=120)) is not None and "watching" not in line:
            pass

    def kill(self) -> None:
        assert self.proc.poll() is None, f"the watcher had ended before the kill: {self.log[-5:]}"
        os.kill(self.proc.pid, signal.SIGKILL)
        assert self.proc.wait(30) == -signal.SIGKILL


def query(db: Path, sql: str, *args: object) -> list[tuple]:
    if not db.exists():                     # not made yet: the watcher makes it
        return []
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    except sqlite3.OperationalError:        # not created yet
        return []
    finally:
        con.close()


def write_locked(db: Path) -> bool:
    """Does some connection hold the database's write transaction open?"""
    con = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as e:
        assert "locked" in str(e)
        return True
    finally:
        con.close()


def check_in_phase(phase: str, detail: str, db: Path, out: Path) -> None:
    """From outside, while the watcher is stopped at `phase`: is the job really there?"""
    if phase == "read":
        path = Path(detail)
        assert query(db, "SELECT state FROM jobs WHERE path = ? AND state != 'skipped'", str(path)) \
            == [("running",)]
        assert path.exists() and not (out / f"{path.stem}.out.txt").exists()
    elif phase == "journaled":
        source, target = map(Path, detail.split("\t"))
        assert source.exists() and not target.exists()
        assert query(db, "SELECT count(*) FROM file_ops WHERE op = 'move' AND target = ?",
                     str(target)) == [(1,)]
    elif phase == "linked":
        source, target = map(Path, detail.split("\t"))
        assert os.path.samefile(source, target)
    elif phase == "commit":
        assert write_locked(db), "the done mark should be inside an open transaction"
        assert query(db, "SELECT state FROM jobs WHERE id = ?", int(detail)) == [("running",)]


@pytest.mark.parametrize("seed", [int(s) for s in os.environ.get("RUNNEL_CRASH_SEEDS", "1 2 3 4 5").split()])
def test_kills_inside_jobs_lose_nothing_and_repeat_nothing(tmp_path, seed):
    rng = random.Random(seed)
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    names: list[str] = []

    def arrive(count: int) -> None:
        for _ in range(count):
            names.append(name := f"doc{len(names):03d}.txt")
            (inbox / name).write_text(f"document {name}\n" + "words " * rng.randint(1, 400))

    arrive(FILES)
    wf = write_workflow(tmp_path / "wf.yaml", inbox, out, after_success="move", settle_seconds=0.1)
    env = dict(os.environ, RUNNEL_HOME=str(tmp_path / "home"))
    db = tmp_path / "home" / "runnel.db"

    def done() -> int:
        return (query(db, "SELECT count(*) FROM jobs WHERE state = 'done'") or [(0,)])[0][0]

    def to_run() -> int:
        """Jobs that still need a run: not done, nor finished by a run that the next
        start only has to conclude (move, mark), which passes no probe."""
        return len(names) - (query(db, "SELECT count(*) FROM jobs LEFT JOIN runs ON runs.id = jobs.run_id "
                                  "WHERE jobs.state = 'done' OR (jobs.state = 'running' "
                                  "AND runs.status IN ('done', 'rejected'))") or [(0,)])[0][0]

    kills = []
    for phase in rng.sample(PHASES, len(PHASES)):
        if to_run() < 3:
            # the last group was claimed whole, and its runs finished before the kill:
            # more files arrive, as they do in a real inbox, so there is work to interrupt
            arrive(20)
        remaining = to_run()
        # each kill takes at most a third of what is left: every one lands mid-batch
        n = rng.randint(1, max(1, remaining // 3))
        if phase == "time":
            # no stop: killed just after the n-th phase of any job, wherever the
            # watcher has got to by the time the signal lands
            watcher = Watcher(wf, env, probe="")
            count = [0]

            def nth(fields: list[str]) -> bool:
                count[0] += 1
                return count[0] >= n * EVENTS_PER_JOB // 2
            fields = watcher.probe(nth, f"phase event {n * EVENTS_PER_JOB // 2} (kills so far: {kills})")
        else:
            watcher = Watcher(wf, env, probe=f"{phase}:{n}")
            fields = watcher.probe(lambda f: f[0] == "paused", f"{phase} {n} of {remaining} (kills so far: {kills})")
            assert fields[1:3] == [phase, str(n)], fields
            check_in_phase(phase, fields[3], db, out)
        watcher.kill()
        kills.append((phase, n, done()))
        assert kills[-1][2] < len(names), f"the kill interrupted nothing, every job was done: {kills}"
        lost = [name for name in names if not (inbox / name).exists()
                and not (inbox / "Processed" / name).exists()]
        assert not lost, f"lost after the kill {kills[-1]}: {lost}"

    watcher = Watcher(wf, env)
    watcher.wait_started()
    watcher.read_until_done(lambda: done() >= len(names))
    proc = watcher.proc
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(60) == 0
    rows = query(db, "SELECT path, state FROM jobs")
    states: dict[str, list[str]] = {}
    for path, state in rows:
        states.setdefault(os.path.basename(path), []).append(state)
    assert len(states) == len(names), kills
    assert all(s.count("done") == 1 for s in states.values()), (kills, json.dumps(states))
    assert "running" not in {s for v in states.values() for s in v}
    outputs = sorted(p.name for p in out.iterdir())
    assert outputs == [n.replace(".txt", ".out.txt") for n in names], kills     # none twice, none missing
    assert sorted(p.name for p in (inbox / "Processed").iterdir()) == names, kills
    assert [p.name for p in inbox.iterdir()] == ["Processed"], kills
