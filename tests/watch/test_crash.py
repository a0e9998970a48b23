"""kill -9 at random moments while `runnel watch` works through a batch; after each
restart nothing is lost and nothing is processed twice."""

import json
import os
import random
import signal
import sqlite3
import subprocess

import pytest

from tests.conftest import VENV_BIN
from tests.watch.conftest import write_workflow

pytestmark = pytest.mark.slow
FILES = 40


def start(wf, env):
    return subprocess.Popen([str(VENV_BIN / "runnel"), "watch", str(wf)], stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True, env=env)


def read_until_done(proc, count):
    """Read the watcher's log until `count` more jobs are done (or it ends)."""
    seen = 0
    while seen < count:
        line = proc.stderr.readline()
        if not line:
            return seen
        if " done: " in line:
            seen += 1
    return seen


@pytest.mark.parametrize("seed", [int(s) for s in os.environ.get("RUNNEL_CRASH_SEEDS", "1 2 3 4 5").split()])
def test_random_kills_lose_nothing_and_repeat_nothing(tmp_path, seed):
    rng = random.Random(seed)
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    for i in range(FILES):
        (inbox / f"doc{i:02d}.txt").write_text(f"document {i}\n" + "words " * rng.randint(1, 400))
    wf = write_workflow(tmp_path / "wf.yaml", inbox, out, after_success="move", settle_seconds=0.1)
    env = dict(os.environ, RUNNEL_HOME=str(tmp_path / "home"))
    done = 0
    for _ in range(4):
        proc = start(wf, env)
        done += read_until_done(proc, rng.randint(1, 8))
        # land the kill anywhere: between jobs, mid-run, mid-move
        for _ in range(rng.randint(0, 3)):
            proc.stderr.readline()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    proc = start(wf, env)
    db = tmp_path / "home" / "runnel.db"

    def all_done():
        con = sqlite3.connect(db)
        try:
            return con.execute("SELECT count(*) FROM jobs WHERE state = 'done'").fetchone()[0]
        finally:
            con.close()

    while all_done() < FILES:
        if not proc.stderr.readline():
            break
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
