"""kill -9 at random moments while `runnel watch` works through a batch; after each
restart nothing is lost and nothing is processed twice."""

import json
import os
import queue
import random
import signal
import sqlite3
import subprocess
import threading

import pytest

from tests.conftest import VENV_BIN
from tests.watch.conftest import write_workflow

pytestmark = pytest.mark.slow
FILES = 100


class Watcher:
    """`runnel watch` in a child process, its log read by a thread so that waiting for
    a line can end when the work is over."""

    def __init__(self, wf, env):
        self.proc = subprocess.Popen([str(VENV_BIN / "runnel"), "watch", str(wf)],
                                     stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                                     env=env)
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stderr:
            self.lines.put(line)
        self.lines.put(None)

    def read_until_done(self, count, all_done):
        """Read the log until `count` more jobs are done, the watcher ends, or every
        file is done (fast jobs are concluded in groups: one may finish them all)."""
        seen = 0
        while seen < count and not all_done():
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                continue
            if line is None:
                return
            seen += " done: " in line

    def wait_started(self):
        """Until it says it is watching (its SIGTERM handler is in place by then)."""
        while (line := self.lines.get(timeout=120)) is not None and "watching" not in line:
            pass

    def kill(self):
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()


@pytest.mark.parametrize("seed", [int(s) for s in os.environ.get("RUNNEL_CRASH_SEEDS", "1 2 3 4 5").split()])
def test_random_kills_lose_nothing_and_repeat_nothing(tmp_path, seed):
    rng = random.Random(seed)
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    for i in range(FILES):
        (inbox / f"doc{i:02d}.txt").write_text(f"document {i}\n" + "words " * rng.randint(1, 400))
    wf = write_workflow(tmp_path / "wf.yaml", inbox, out, after_success="move", settle_seconds=0.1)
    env = dict(os.environ, RUNNEL_HOME=str(tmp_path / "home"))
    db = tmp_path / "home" / "runnel.db"

    def all_done():
        if not db.exists():
            return False
        con = sqlite3.connect(db)
        try:
            return con.execute("SELECT count(*) FROM jobs WHERE state = 'done'").fetchone()[0] >= FILES
        except sqlite3.OperationalError:       # not created yet
            return False
        finally:
            con.close()

    for _ in range(4):
        watcher = Watcher(wf, env)
        watcher.read_until_done(rng.randint(1, 8), all_done)
        # land the kill anywhere: between jobs, mid-run, mid-group, mid-move
        for _ in range(rng.randint(0, 3)):
            try:
                watcher.lines.get(timeout=1)
            except queue.Empty:
                break
        watcher.kill()
    watcher = Watcher(wf, env)
    watcher.wait_started()
    watcher.read_until_done(FILES, all_done)
    proc = watcher.proc
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(60) == 0
    con = sqlite3.connect(db)
    rows = con.execute("SELECT path, state FROM jobs").fetchall()
    states = {}
    for path, state in rows:
        states.setdefault(os.path.basename(path), []).append(state)
    assert len(states) == FILES
    assert all(s.count("done") == 1 for s in states.values()), json.dumps(states)
    assert "running" not in {s for v in states.values() for s in v}
    outputs = sorted(p.name for p in out.iterdir())
    assert outputs == [f"doc{i:02d}.out.txt" for i in range(FILES)]          # none twice, none missing
    assert sorted(p.name for p in (inbox / "Processed").iterdir()) == [f"doc{i:02d}.txt" for i in range(FILES)]
    assert [p.name for p in inbox.iterdir()] == ["Processed"]
