"""`runnel watch` with probes, for tests/watch/test_crash.py: the real watcher, which
also tells the test, on the file descriptor RUNNEL_PROBE_FD, each time a job reaches
one of these phases:

    read       the workflow's documents.read step has begun reading the input
    journaled  a group's moves are journaled (committed), this input not yet moved
    linked     the input is hard-linked at its Processed name, not yet unlinked
    commit     a job is marked done inside the group's transaction, not yet committed

With RUNNEL_PROBE=PHASE:N the N-th occurrence of PHASE is announced as `paused ...`
and that thread stops there for good, so that the test can check from outside that
the job really is in that phase and then kill the process at that very point.

    python -m tests.watch.crash_probe WORKFLOW
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import Any

_lock = threading.Lock()
_counts: dict[str, int] = {}
_target = os.environ.get("RUNNEL_PROBE", "")
_out = os.fdopen(int(os.environ["RUNNEL_PROBE_FD"]), "w", buffering=1) if "RUNNEL_PROBE_FD" in os.environ else None


def reached(phase: str, detail: str) -> None:
    """Say that a job reached `phase`; stop here if it is the occurrence asked for."""
    with _lock:
        n = _counts[phase] = _counts.get(phase, 0) + 1
        pause = _target == f"{phase}:{n}"
        if _out is not None:
            _out.write(f"{'paused' if pause else 'at'} {phase} {n} {detail}\n")
    if pause:
        threading.Event().wait()        # until the test kills the process


def install() -> None:
    from desktop.steps.documents import ReadDocument
    from desktop.store.jobs import DONE, JobQueue
    from desktop.watch import jobs

    read = ReadDocument.run

    def probed_read(self: Any, ctx: Any, **inputs: Any) -> Any:
        reached("read", str(inputs.get("file")))
        return read(self, ctx, **inputs)

    ReadDocument.run = probed_read  # type: ignore[method-assign]

    move_planned = jobs.JobRunner._move_planned

    def probed_move(self: Any, job: Any, run_id: str, target: Path | None) -> Any:
        if target is not None:
            reached("journaled", f"{job.path}\t{target}")
        return move_planned(self, job, run_id, target)

    jobs.JobRunner._move_planned = probed_move  # type: ignore[method-assign]

    link = os.link

    def probed_link(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        link(src, dst, *args, **kwargs)
        if "Processed" in Path(os.fsdecode(dst)).parts:
            reached("linked", f"{os.fsdecode(src)}\t{os.fsdecode(dst)}")

    os.link = probed_link  # type: ignore[assignment]

    finish = JobQueue.finish

    def probed_finish(self: JobQueue, job_id: int, state: str, error: str | None = None,
                      **values: Any) -> None:
        finish(self, job_id, state, error, **values)
        if state == DONE and self.db.conn.in_transaction:
            reached("commit", str(job_id))

    JobQueue.finish = probed_finish  # type: ignore[method-assign]


if __name__ == "__main__":
    install()
    from desktop.cli import main

    sys.exit(main(["watch", *sys.argv[1:]]))
