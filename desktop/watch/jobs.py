"""Running the watcher's jobs: claim from the durable queue, run the workflow, then
move the input and mark the job, each step written down before the next so that a
crash at any moment loses no file and processes none twice.

Jobs quicker than FAST_JOB (workflows without AI) are claimed and concluded in groups:
one commit claims a group, one journals the group's moves, one marks it done. Per-job
commits would otherwise cost a fast workflow a third of its time. A slow job (a model
answering) is claimed and concluded alone, as soon as it ends.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Callable, Iterable

from desktop.engine.context import CancelToken
from desktop.engine.errors import WorkflowFileError
from desktop.engine.events import FileOperation, Status
from desktop.engine.executor import RunResult
from desktop.engine.fileformat import load_workflow
from desktop.engine.triggers import Trigger
from desktop.engine.workflow import Workflow
from desktop.runner import Runner
from desktop.steps.files import move_no_overwrite, remove_stale_parts
from desktop.store.jobs import CHANGED, DONE, FAILED, QUEUED, VANISHED, WAITING, Job, JobQueue
from desktop.watch.actions import after_job, first_free, move_target
from desktop.watch.events import JobChanged
from desktop.watch.readiness import content_hash

TRANSIENT = ("inference worker", "database is locked", "Resource temporarily unavailable")
RETRY_DELAYS = (5.0, 30.0, 120.0)
FAST_JOB = 0.05         # s: jobs quicker than this are claimed and concluded in groups
GROUP = 32              # jobs claimed at once while they are fast
GROUP_SECONDS = 0.25    # a group's inputs are moved and its jobs marked at least this often

TriggerOf = Callable[[Job], tuple[Trigger, Path]]
CHANGED_TEXT = ("the file changed while it was processed (its writer had not finished): what "
                "this version gave was removed, and the new version is processed as a job of its own")


class JobRunner:
    def __init__(self, runner: Runner, queue: JobQueue, emit: Callable[[object], None],
                 trigger_of: TriggerOf, look_again: Callable[[Job], None] = lambda job: None):
        assert runner.store is not None, "jobs are recorded in the run store"
        self.runner = runner
        self.store = runner.store
        self.queue = queue
        self.emit = emit
        self.trigger_of = trigger_of
        self.look_again = look_again          # a changed input is watched again
        self.cancel = CancelToken()
        self.current_jobs: dict[int, Job] = {}
        self._parsed: dict[str, tuple[int, Workflow, object, dict[str, Path]]] = {}

    # ------------------------------------------------------------ the loop

    def work(self, stop: threading.Event, ready: threading.Event,
             blocked: Callable[[], set[str]], idle_wait: float) -> None:
        """Run jobs until `stop`; `ready` is set when new jobs may have been queued."""
        fast = False
        while not stop.is_set():
            jobs = self.queue.claim(blocked(), limit=GROUP if fast else 1)
            if not jobs:
                ready.wait(idle_wait)
                ready.clear()
                continue
            fast = self.run_group(jobs, stop)

    def run_group(self, jobs: list[Job], stop: threading.Event | None = None) -> bool:
        """Run claimed jobs one after another, concluding the successful ones together
        at least every GROUP_SECONDS; jobs left when `stop` is set go back to the queue.
        Returns whether every job was fast."""
        succeeded: list[tuple[Job, str]] = []
        since = time.monotonic()
        fast = True
        for i, job in enumerate(jobs):
            if stop is not None and stop.is_set():
                self.queue.unclaim(jobs[i:])
                break
            self.current_jobs[job.id] = job
            started = time.monotonic()
            try:
                result = self._execute(job)
                if (result is not None and result.status in (Status.DONE, Status.FAILED)
                        and self._superseded(job, result.run_id)):
                    pass                        # concluded: the new version is a new job
                elif result is not None and result.status == Status.DONE:
                    succeeded.append((job, result.run_id))
                elif result is not None:
                    self._conclude(job, result)
            except Exception as e:      # a bug must fail this job, not stop the watcher
                self._internal_error([job], e)
            fast = fast and time.monotonic() - started < FAST_JOB
            if succeeded and (time.monotonic() - since >= GROUP_SECONDS or not fast):
                self._succeed_group(succeeded)
                succeeded, since = [], time.monotonic()
        if succeeded:
            self._succeed_group(succeeded)
        return fast

    # ------------------------------------------------------------ one job

    def _workflow(self, path: str) -> tuple[Workflow, object, dict[str, Path]]:
        """The workflow file as it is now, its checked plan and its resolved folders,
        made again only when the file changed."""
        mtime = mtime_ns(Path(path))
        cached = self._parsed.get(path)
        if cached is None or cached[0] != mtime:
            wf = load_workflow(path)
            cached = self._parsed[path] = (mtime, wf, self.runner.executor.plan(wf),
                                           wf.resolve_folders())
        return cached[1:]

    def _execute(self, job: Job) -> RunResult | None:
        """Run the job's workflow on its file (None: it could not run, and is concluded)."""
        path = Path(job.path)
        self.emit(JobChanged(job.id, job.workflow_path, job.path, "running"))
        if not path.exists():
            self._finish(job, VANISHED, "the file was moved or deleted before it was processed",
                         run_id=None)
            return None
        try:
            wf, plan, roots = self._workflow(job.workflow_path)   # its current version
        except WorkflowFileError as e:
            self._fail(job, str(e), None)
            return None
        assert job.run_id, "claimed jobs carry their run id"
        return self.runner.executor.run(wf, path, run_id=job.run_id, cancel=self.cancel, plan=plan,
                                        roots=roots)

    def _superseded(self, job: Job, run_id: str) -> bool:
        """Did the input change since it was hashed (a writer still writing)? Then what
        the run made of that version is undone, the job ends as `changed` (neither done
        nor failed, and the file is not moved), and the file is watched again, so its
        new version is processed. The cheap stat first: the hash only if it moved."""
        try:
            st = Path(job.path).stat()
        except OSError:
            return False                # gone (the workflow may move it itself)
        if not job.mtime_ns or (st.st_size, st.st_mtime_ns) == (job.size, job.mtime_ns):
            return False
        try:
            if content_hash(Path(job.path)) == job.content_hash:
                return False            # touched, not changed
        except OSError:
            return False
        self._undo_outputs(run_id)
        # the run's history says so too: what it made of a half-written file was withdrawn
        with self.store.transaction() as db:
            db.execute("UPDATE runs SET status = ?, error = ? WHERE id = ?",
                       [Status.CANCELLED, CHANGED_TEXT, run_id])
        self._finish(job, CHANGED, CHANGED_TEXT)
        self.look_again(job)
        return True

    def _conclude(self, job: Job, result: RunResult) -> None:
        run_id = result.run_id
        if result.status == Status.CANCELLED:
            self._undo_outputs(run_id)
            self.queue.update(job.id, state=QUEUED, run_id=None)
            self.current_jobs.pop(job.id, None)
            self.emit(JobChanged(job.id, job.workflow_path, job.path, QUEUED, "stopped; resumes later"))
        elif result.status == Status.DONE:
            self._succeed(job, run_id)
        elif result.status == Status.WAITING:
            # paused for a person: the file stays; deciding the approval finishes the job
            self._finish(job, WAITING, "waiting for approval (runnel approvals list)")
        elif any(t in (result.error or "") for t in TRANSIENT) and job.attempts <= len(RETRY_DELAYS):
            delay = RETRY_DELAYS[job.attempts - 1]
            self._undo_outputs(run_id)
            self.queue.retry_later(job.id, delay, result.error or "")
            self.current_jobs.pop(job.id, None)
            self.emit(JobChanged(job.id, job.workflow_path, job.path, QUEUED,
                                 f"retrying in {delay:g} s: {result.error}"))
        else:
            self._fail(job, result.error or "the run failed", run_id)

    def _succeed(self, job: Job, run_id: str | None) -> None:
        trigger, folder = self.trigger_of(job)
        path = Path(job.path)
        try:
            final = after_job(trigger, folder, path, True, run_id=run_id,
                              before_move=lambda target: self._journal(run_id, "move", target, path))
        except OSError as e:
            self._finish(job, DONE, f"processed, but the file could not be moved: {e}")
            return
        self._finish(job, DONE, None, final_path=str(final))

    def _succeed_group(self, group: list[tuple[Job, str]]) -> None:
        """Move the inputs of successful runs and mark their jobs done: the moves are
        journaled in one commit before any is made, the jobs marked in one after."""
        try:
            planned: dict[int, Path] = {}
            taken: set[Path] = set()
            with self.store.transaction():
                for job, run_id in group:
                    trigger, folder = self.trigger_of(job)
                    source = Path(job.path)
                    to = move_target(trigger, folder, source, True)
                    if to is not None and source.exists():
                        if to[0] not in taken:
                            to[0].mkdir(parents=True, exist_ok=True)
                            taken.add(to[0])
                        planned[job.id] = target = first_free(*to, taken)
                        taken.add(target)
                        self._journal(run_id, "move", target, source, job.size)
            finals = {job.id: self._move_planned(job, run_id, planned.get(job.id))
                      for job, run_id in group}
            with self.store.transaction():
                for job, _run_id in group:
                    final, error = finals[job.id]
                    self.queue.finish(job.id, DONE, error, final_path=str(final))
        except Exception as e:
            self._internal_error([job for job, _ in group], e)
            return
        for job, _run_id in group:
            self.current_jobs.pop(job.id, None)
            self.emit(JobChanged(job.id, job.workflow_path, job.path, DONE, finals[job.id][1] or ""))

    def _move_planned(self, job: Job, run_id: str, target: Path | None) -> tuple[Path, str | None]:
        """Move a job's input to its planned (and journaled) place; (where it is now,
        what went wrong)."""
        source = Path(job.path)
        if target is None:
            return source, None
        try:
            try:
                os.link(source, target)         # fails if the name was taken meanwhile
                source.unlink()
                return target, None
            except FileNotFoundError:
                if not source.exists():
                    return source, None         # gone meanwhile: nothing to move
                raise
            except OSError:
                # taken meanwhile, or another file system: the general move, which
                # journals the name it actually uses before using it
                moved = move_no_overwrite(source, target.parent, target.name,
                                          lambda c: c != target and self._journal(
                                              run_id, "move", c, source, job.size))
                if moved != target:
                    self.store.void_file_op(run_id, "move", str(target))
                return moved, None
        except OSError as e:
            return source, f"processed, but the file could not be moved: {e}"

    def _fail(self, job: Job, error: str, run_id: str | None) -> None:
        trigger, folder = self.trigger_of(job)
        path = Path(job.path)
        try:
            final = after_job(trigger, folder, path, False, error=error, run_id=run_id,
                              before_move=lambda target: self._journal(run_id, "move", target, path))
            self.queue.update(job.id, final_path=str(final))
        except OSError as e:
            error += f" (and the file could not be moved aside: {e})"
        # without a run (the workflow could not be loaded) the job points at none
        self._finish(job, FAILED, error, **({} if run_id else {"run_id": None}))

    def _finish(self, job: Job, state: str, error: str | None, **values: object) -> None:
        self.queue.finish(job.id, state, error, **values)
        self.current_jobs.pop(job.id, None)
        self.emit(JobChanged(job.id, job.workflow_path, job.path, state, error or ""))

    def _internal_error(self, jobs: Iterable[Job], e: Exception) -> None:
        for job in jobs:
            try:
                self._finish(job, FAILED, f"internal error while processing the file: "
                                          f"{type(e).__name__}: {e}")
            except Exception:
                self.current_jobs.pop(job.id, None)   # still running in the queue: resumed at start

    def _journal(self, run_id: str | None, op: str, target: Path, source: Path,
                 size: int | None = None) -> None:
        """Written before the move, so that a crash cannot hide it from undo."""
        if run_id:
            if size is None:
                try:
                    size = source.stat().st_size
                except OSError:
                    size = None
            self.store.record(FileOperation(run_id, "", op, str(target), str(source), False,
                                            time.time(), size))

    def _undo_outputs(self, run_id: str) -> None:
        """Reverse what an interrupted attempt did (files written, moved, rows appended),
        so the retry does it once. Writes are journaled just before the file is linked
        into place; a file is touched only if it is still that one."""
        from desktop.undo import undo_run

        undo_run(self.store, run_id)

    def conclude_resumed(self, paused_run_id: str, result: RunResult) -> None:
        """A watched file whose job waited for an approval: the run resumed after the
        decision has ended, so the job ends as any other, its input moved as the
        trigger says (in whichever process decided)."""
        job = self.queue.waiting_on(paused_run_id)
        if job is None:
            return
        self.queue.update(job.id, run_id=result.run_id)
        if result.status == Status.DONE:
            self._succeed(job, result.run_id)
        elif result.status == Status.WAITING:
            self._finish(job, WAITING, "waiting for approval (runnel approvals list)")
        else:
            self._fail(job, result.error or "the run failed", result.run_id)

    # ------------------------------------------------------------ after a crash

    def resume_interrupted(self) -> None:
        """Jobs left running by a crash: finished runs are completed, the rest re-run."""
        for job in self.queue.running():
            self._remove_stale_parts(job.workflow_path)
            runs = self.store.find_run(job.run_id) if job.run_id else []
            status = runs[0]["status"] if runs else None
            if status in (Status.DONE, Status.REJECTED):
                self._succeed(job, job.run_id)
            elif status == Status.FAILED:
                self._fail(job, runs[0]["error"] or "the run failed", job.run_id)
            else:
                if job.run_id:
                    self._undo_outputs(job.run_id)
                self.queue.update(job.id, state=QUEUED, run_id=None)

    def _remove_stale_parts(self, workflow_path: str) -> None:
        try:
            roots = load_workflow(workflow_path).resolve_folders()
        except WorkflowFileError:
            return
        for root in roots.values():
            remove_stale_parts(root)


def mtime_ns(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1
