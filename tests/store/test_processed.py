"""'Has this workflow processed this content before?', answered from real runs
recorded in a real SQLite history: runs started by hand and the watcher's jobs."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop.engine.executor import Executor
from desktop.engine.fileformat import loads
from desktop.store.jobs import Arrival, JobQueue
from desktop.store.processed import earlier_run, file_hash
from desktop.store.runs import RunStore

NOTE = """\
schema_version: 1
name: Note
nodes:
- {id: input, type: core.input_file}
- {id: read, type: documents.read}
links:
- {from: input.file, to: read.file}
"""


def test_a_run_by_hand_and_a_watched_job_are_both_found(registry, tmp_path: Path) -> None:
    store = RunStore(tmp_path / "h.db")
    wf = loads(NOTE, tmp_path / "note.yaml")
    other = loads(NOTE.replace("name: Note", "name: Other"), tmp_path / "other.yaml")
    doc = tmp_path / "a.md"
    doc.write_text("hello\n", encoding="utf-8")
    h = file_hash(doc)
    assert earlier_run(store, wf.path, wf.name, h) is None

    ex = Executor(registry, listeners=[store.record])      # the store hashes each run's input
    assert ex.run(wf, doc, dry_run=True).ok          # a dry run changes nothing: not counted
    assert earlier_run(store, wf.path, wf.name, h) is None
    first = ex.run(wf, doc)
    assert first.ok
    # the same content under another name, for this workflow only
    copy = tmp_path / "copy of a.md"
    shutil.copy(doc, copy)
    found = earlier_run(store, wf.path, wf.name, file_hash(copy))
    assert found is not None and (found.run_id, found.input_path, found.count) == (first.run_id, str(doc), 1)
    assert earlier_run(store, other.path, other.name, h) is None

    # a failed run did not process it
    gone = tmp_path / "b.md"
    gone.write_text("bye\n", encoding="utf-8")
    hb = file_hash(gone)
    gone_path = str(gone)
    gone.unlink()
    assert ex.run(wf, gone_path).status == "failed"
    assert earlier_run(store, wf.path, wf.name, hb) is None

    # the folder watcher's jobs count too (they keep the hash themselves)
    queue = JobQueue(store)
    [job] = queue.add(str(other.path), other.name, 0, [Arrival(str(copy), 6, 0, h)])
    [claimed] = queue.claim()
    queue.finish(claimed.id, "done")
    found = earlier_run(store, other.path, other.name, h)
    assert found is not None and found.run_id == claimed.run_id and found.input_path == str(copy)
    store.close()
