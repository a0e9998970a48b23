"""The folder watcher: observes the triggers' folders, waits until files are complete,
writes a job for each one before doing anything else, and runs the jobs one at a
time. Survives crashes: at start, interrupted jobs are resumed (or completed, if their
run had finished) and files that arrived meanwhile are found by a catch-up scan.
"""

from __future__ import annotations

import datetime as dt
import os
import queue
import re
import stat
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import psutil
from watchdog.events import (DirDeletedEvent, DirMovedEvent, FileClosedEvent, FileCreatedEvent,
                             FileMovedEvent, FileSystemEvent, FileSystemEventHandler)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

try:                    # Linux: the observer that reports a writer closing its file
    from watchdog.observers.inotify import InotifyObserver
except ImportError:     # pragma: no cover - other platforms
    InotifyObserver = None  # type: ignore[assignment,misc]

from desktop import settings
from desktop.engine.errors import WorkflowFileError
from desktop.engine.fileformat import load_workflow
from desktop.engine.triggers import Trigger
from desktop.runner import Runner
from desktop.store.jobs import SKIPPED, STUCK, Arrival, Job, JobQueue
from desktop.watch.actions import destination, set_aside_duplicate, watched_folder
from desktop.watch.events import JobChanged, TriggerStatus
from desktop.watch.jobs import JobRunner, mtime_ns
from desktop.watch.patterns import matches
from desktop.watch.readiness import Settler, content_hash

NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "sshfs", "9p", "vboxsf",
              "davfs", "fuse.rclone", "afpfs", "webdav", "ceph", "glusterfs", "afs",
              # network file systems through FUSE (GNOME's smb:// and sftp:// mounts, buckets)
              "fuse.gvfsd-fuse", "fuse.s3fs", "fuse.gcsfuse", "fuse.glusterfs"}
Listener = Callable[[object], None]


def needs_polling(folder: Path, mounts: str | None = None) -> bool:
    """Network and virtual file systems do not deliver native change events reliably:
    a file written by another machine on an NFS/SMB/sshfs share raises no inotify
    event here. `mounts`: the text of /proc/self/mounts (read when not given)."""
    if mounts is None:
        try:
            mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="surrogateescape")
        except OSError:         # not Linux: the mount table through psutil
            try:
                mounts = "".join(f"{_escape(p.device)} {_escape(p.mountpoint)} {p.fstype} - 0 0\n"
                                 for p in psutil.disk_partitions(all=True))
            except OSError:
                return False
    found = mount_of(folder, mounts)
    return found is not None and found[1] in NETWORK_FS


def mount_of(folder: Path, mounts: str) -> tuple[str, str] | None:
    """(mount point, file system type) of the mount `folder` is on, from a mount table
    in /proc/self/mounts form: the longest mount point containing it, and of several
    mounted at the same point the last (the one mounted over the others, visible)."""
    where, best = str(folder), None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point, fstype = _unescape(fields[1]), fields[2]
        inside = where == point or where.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= len(best[0])):
            best = (point, fstype)
    return best


def _unescape(field: str) -> str:
    """The kernel writes space, tab, newline and backslash in mount points as \\ooo."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def _escape(field: str) -> str:
    return "".join(f"\\{ord(c):03o}" if c in " \t\n\\" else c for c in field)


@dataclass
class WatchedTrigger:
    workflow_path: str
    workflow_name: str
    index: int
    trigger: Trigger
    folder: Path
    settler: Settler
    excluded: tuple[Path, ...]
    observer: BaseObserver | None = None
    state: str = "stopped"
    message: str = ""
    # (path, what happened): created | closed | moved | changed
    events: "queue.SimpleQueue[tuple[Path, str]]" = field(default_factory=queue.SimpleQueue)
    closes_seen: bool = False       # the observer reports writers closing files (inotify)
    shared: bool = False            # another workflow watches the same folder

    def takes(self, path: Path) -> tuple[bool, str]:
        try:
            rel = path.relative_to(self.folder)
        except ValueError:
            return False, "not inside the watched folder"
        if not self.trigger.recursive and len(rel.parts) > 1:
            return False, "inside a subfolder (the trigger is not recursive)"
        if any(path == ex or ex in path.parents for ex in self.excluded):
            return False, "inside the Processed/Failed folder"
        return matches(rel, self.trigger.patterns, self.trigger.exclude)

    def runnable_now(self) -> bool:
        t = self.trigger
        return not t.paused and (t.schedule is None or t.schedule.allows(dt.datetime.now()))


# Only what can bring a new or finished file (and the folder's own removal): asking the
# kernel for less keeps the observer thread from competing with the jobs.
_EVENTS = [FileCreatedEvent, FileMovedEvent, FileClosedEvent, DirDeletedEvent, DirMovedEvent]


class _Handler(FileSystemEventHandler):
    def __init__(self, watched: WatchedTrigger, wake: threading.Event):
        self.watched, self.wake = watched, wake

    def on_any_event(self, event: FileSystemEvent) -> None:
        src, dest = os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or "")
        if event.is_directory:
            if event.event_type in ("deleted", "moved") and src and Path(src) == self.watched.folder:
                self.wake.set()                       # the folder itself went away
            return      # a folder moved in: watchdog announces the files inside as created
        if event.event_type in ("created", "modified", "closed"):
            self.watched.events.put((Path(src), event.event_type))
        elif event.event_type == "moved" and dest:      # not moved out (no destination)
            self.watched.events.put((Path(dest), "moved"))
        self.wake.set()


class WatchService:
    def __init__(self, runner: Runner, workflows: Iterable[Path], *, listeners: Iterable[Listener] = (),
                 tick: float = 0.1, polling_interval: float = 1.0, force_polling: bool = False,
                 parallel_jobs: int | None = None):
        assert runner.store is not None, "the watcher needs the run store"
        self.runner = runner
        self.store = runner.store
        self.queue = JobQueue(self.store)
        self.workflow_files = [Path(p).resolve() for p in workflows]
        self.listeners = list(listeners)
        self.tick = tick
        self.polling_interval = polling_interval
        self.force_polling = force_polling
        # one job at a time by default: the model is the bottleneck, and AI steps queue
        # for it anyway; workflows without AI can use more (setting watch_parallel_jobs)
        self.parallel_jobs = max(1, parallel_jobs or int(settings.get("watch_parallel_jobs", 1) or 1))
        self.triggers: list[WatchedTrigger] = []
        self.problems: list[str] = []
        self._mtimes: dict[Path, int] = {}
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._job_ready = threading.Event()
        self._threads: list[threading.Thread] = []
        self.jobs = JobRunner(runner, self.queue, self.emit, self._trigger_of, self._look_again)

    # ------------------------------------------------------------ life cycle

    def emit(self, event: object) -> None:
        for listener in self.listeners:
            try:
                listener(event)
            except Exception:
                pass        # a broken display must not stop the processing of files

    def start(self) -> None:
        self.store.mark_interrupted()
        self._load_all()            # first: completing an interrupted job applies its trigger
        self.jobs.resume_interrupted()
        workers = [(self._run_jobs, f"watch-runner-{i}") for i in range(self.parallel_jobs)]
        for target, name in [(self._monitor, "watch-monitor"), *workers]:
            t = threading.Thread(target=target, name=name, daemon=True)
            t.start()
            self._threads.append(t)
        self._job_ready.set()

    def stop(self, timeout: float = 60.0) -> None:
        """Stop after the current step; an unfinished job goes back to the queue."""
        self._stop.set()
        self.jobs.cancel.cancel()
        self._wake.set()
        self._job_ready.set()
        for t in self._threads:
            t.join(timeout)
        for w in self.triggers:
            self._unwatch(w, "stopped")

    # ------------------------------------------------------------ triggers

    def _load_all(self, watch: bool = True) -> None:
        for w in self.triggers:
            self._unwatch(w, "stopped")
        self.triggers, self.problems = [], []
        for path in self.workflow_files:
            self._mtimes[path] = mtime_ns(path)
            try:
                wf = load_workflow(path)
            except WorkflowFileError as e:
                self.problems.append(str(e))
                self.emit(TriggerStatus(str(path), -1, "", "error", str(e)))
                continue
            for i, t in enumerate(wf.triggers):
                if t.kind != "folder" or not t.path:
                    continue
                folder = watched_folder(t, path)
                excluded = tuple(destination(t, folder, ok).resolve() for ok in (True, False))
                self.triggers.append(WatchedTrigger(
                    str(path), wf.name, i, t, folder,
                    Settler(t.settle_seconds, t.stuck_after_minutes * 60), excluded))
        self._check_shared_folders()
        for w in self.triggers:
            if w.state != "error" and watch:
                self._watch(w)

    def _check_shared_folders(self) -> None:
        by_folder: dict[Path, list[WatchedTrigger]] = {}
        for w in self.triggers:
            by_folder.setdefault(w.folder, []).append(w)
        for folder, group in by_folder.items():
            if len({w.workflow_path for w in group}) < 2:
                continue
            for w in group:
                w.shared = True         # a duplicate for one may be new to another: left
            movers = [w for w in group if "move" in (w.trigger.after_success, w.trigger.after_failure)]
            if movers:
                names = ", ".join(sorted({w.workflow_name for w in group}))
                for w in group:
                    w.state = "error"
                    w.message = (f"{folder} is watched by several workflows ({names}) and at least "
                                 "one moves files away after processing, so the others could miss "
                                 "them; give each workflow its own folder or leave files in place")
                    self.emit(TriggerStatus(w.workflow_path, w.index, str(folder), "error", w.message))

    def _watch(self, w: WatchedTrigger) -> None:
        if not w.folder.is_dir():
            self._set(w, "error", f"the folder {w.folder} does not exist (or is not mounted); "
                                  "watching resumes when it is back")
            return
        if not os.access(w.folder, os.R_OK | os.X_OK):
            self._set(w, "error", f"the folder {w.folder} cannot be read (permission denied)")
            return
        polling = self.force_polling or w.trigger.observer == "polling" or (
            w.trigger.observer == "auto" and needs_polling(w.folder))
        if polling:
            observer: BaseObserver = PollingObserver(timeout=self.polling_interval)
        elif InotifyObserver is not None:
            # full events: a file moved in from outside is a move (settle window), not
            # a creation (which waits for its writer to close it)
            observer = InotifyObserver(generate_full_events=True)
        else:
            observer = Observer()
        try:
            observer.schedule(_Handler(w, self._wake), str(w.folder), recursive=w.trigger.recursive,
                              event_filter=_EVENTS)
            observer.start()
        except OSError as e:
            self._set(w, "error", f"the folder {w.folder} cannot be watched: {e.strerror or e}")
            return
        w.observer = observer
        w.closes_seen = InotifyObserver is not None and isinstance(observer, InotifyObserver)
        self._set(w, "watching" if not w.trigger.paused else "paused",
                  "polling" if polling else "native events")
        self._scan(w)

    def _unwatch(self, w: WatchedTrigger, state: str, message: str = "") -> None:
        if w.observer is not None:
            w.observer.stop()
            w.observer.join(5)
            w.observer = None
        self._set(w, state, message)

    def _set(self, w: WatchedTrigger, state: str, message: str) -> None:
        if (w.state, w.message) != (state, message):
            w.state, w.message = state, message
            self.emit(TriggerStatus(w.workflow_path, w.index, str(w.folder), state, message))

    def _scan(self, w: WatchedTrigger) -> None:
        """Catch-up: files already in the folder that no job has seen in this version."""
        try:
            walker = os.walk(w.folder) if w.trigger.recursive else [(str(w.folder), [], None)]
            found = []
            for root, _dirs, files in walker:
                if files is None:
                    files = [e.name for e in os.scandir(root) if e.is_file(follow_symlinks=False)]
                found += [Path(root) / name for name in files]
            # a file there already may still have its writer: with close events, wait
            # for its close or for no process we can see to have it open for writing
            # (not for hidden ones: files that came while Runnel was closed go at once)
            self._consider(w, dict.fromkeys(found, w.closes_seen), close_grace=False)
        except OSError as e:
            self._set(w, "error", f"the folder {w.folder} cannot be read: {e.strerror or e}")

    def _consider(self, w: WatchedTrigger, paths: dict[Path, bool], close_grace: bool = True) -> None:
        """Start waiting for the files the trigger takes, unless this very version of a
        file already has a job; `paths` says for each whether to wait for its writer to
        close it."""
        versions: dict[str, tuple[Path, int, int]] = {}
        for path in paths:
            if path in w.settler or not w.takes(path)[0]:
                continue
            try:
                st = path.stat()
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                versions[str(path)] = (path, st.st_size, st.st_mtime_ns)
        if not versions:
            return
        known = self.queue.known(w.workflow_path, [(p, size, m) for p, (_, size, m) in versions.items()])
        for name, (path, size, mtime) in versions.items():
            if name not in known:
                w.settler.touch(path, size, mtime, awaiting_close=paths[path], close_grace=close_grace)

    # ------------------------------------------------------------ monitor thread

    def _monitor(self) -> None:
        last_reload = time.monotonic()
        while not self._stop.is_set():
            # a burst is queued the moment its settle window ends, not at the next tick
            dues = [d for w in self.triggers if (d := w.settler.next_due()) is not None]
            self._wake.wait(min([self.tick, *dues]))
            self._wake.clear()
            if time.monotonic() - last_reload > 2.0:
                last_reload = time.monotonic()
                if any(mtime_ns(p) != m for p, m in self._mtimes.items()):
                    self._load_all()        # a trigger was edited: watch with the new settings
            for w in self.triggers:
                try:
                    self._tend(w)
                except Exception as e:    # one trigger's trouble must not stop the others
                    self._set(w, "error", f"{type(e).__name__}: {e}")

    def _tend(self, w: WatchedTrigger) -> None:
        if w.state == "error" and "several workflows" in w.message:
            return
        present = w.folder.is_dir()
        if w.observer is not None and not present:
            self._unwatch(w, "error", f"the folder {w.folder} disappeared (deleted or unmounted); "
                                      "watching resumes when it is back")
            return
        if w.observer is None:
            if present:
                self._watch(w)
            return
        new: dict[Path, bool] = {}      # path -> wait for its writer to close it
        while True:
            try:
                path, kind = w.events.get_nowait()
            except queue.Empty:
                break
            # written here (created, or changed after a job): its writer may pause longer
            # than the settle window, so it is ready on its close; moved in: settle only
            writing = w.closes_seen and kind in ("created", "changed")
            if kind == "closed":
                if path in w.settler:
                    w.settler.closed(path)
                else:
                    new[path] = False       # closed after a change no event announced
            elif path in w.settler:
                w.settler.touch(path, awaiting_close=writing)
            else:
                new[path] = new.get(path, False) or writing
        self._consider(w, new)
        ready, stuck, _gone = w.settler.check()
        arrivals = []
        for item in ready:
            try:
                arrivals.append(Arrival(str(item.path), item.size, item.mtime_ns, content_hash(item.path)))
            except OSError:
                continue            # gone or unreadable now: a later event brings it back
        if arrivals:
            for job in self.queue.add(w.workflow_path, w.workflow_name, w.index, arrivals):
                if job.state == SKIPPED:
                    job = self._duplicate(w, job)
                self.emit(JobChanged(job.id, job.workflow_path, job.path, job.state, job.error or ""))
            self._job_ready.set()
        for path in stuck:
            job = self.queue.record(w.workflow_path, w.workflow_name, w.index, str(path), STUCK,
                                    f"{path.name} is still changing after "
                                    f"{w.trigger.stuck_after_minutes:g} minutes; it is processed "
                                    "once it stops growing")
            self.emit(JobChanged(job.id, job.workflow_path, job.path, STUCK, job.error or ""))
        state = "paused" if w.trigger.paused else "watching" if w.runnable_now() else "waiting"
        self._set(w, state, w.message if state == w.state else "")

    def _duplicate(self, w: WatchedTrigger, job: Job) -> Job:
        """Content the workflow already has: moved beside the processed files with a
        note naming the first (after_duplicate: move), unless another workflow watching
        the folder may still need it."""
        if w.trigger.after_duplicate != "move" or w.shared or job.duplicate_of is None:
            return job
        first = self.queue.get(job.duplicate_of)
        try:
            moved = set_aside_duplicate(w.trigger, w.folder, Path(job.path), first)
        except OSError as e:
            error = f"{job.error}; it could not be moved aside: {e.strerror or e}"
            self.queue.update(job.id, error=error)
            return self.queue.get(job.id)
        try:
            where = moved.relative_to(w.folder)
        except ValueError:
            where = moved
        self.queue.update(job.id, final_path=str(moved), error=f"{job.error}; moved to {where}")
        return self.queue.get(job.id)

    def _look_again(self, job: Job) -> None:
        """A job's input changed while it ran: watch the file again as newly written."""
        for w in self.triggers:
            if w.workflow_path == job.workflow_path and w.index == job.trigger_index:
                w.events.put((Path(job.path), "changed"))
                self._wake.set()
                return

    # ------------------------------------------------------------ runner threads

    def _blocked(self) -> set[str]:
        """Workflows none of whose triggers may start a job now (paused, out of hours).
        Jobs of workflows no longer watched still run: they were queued durably."""
        ok, blocked = set(), set()
        for w in self.triggers:
            (ok if w.runnable_now() else blocked).add(w.workflow_path)
        return blocked - ok

    def _run_jobs(self) -> None:
        self.jobs.work(self._stop, self._job_ready, self._blocked, self.tick * 5)

    def _trigger_of(self, job: Job) -> tuple[Trigger, Path]:
        for w in self.triggers:
            if w.workflow_path == job.workflow_path and w.index == job.trigger_index:
                return w.trigger, w.folder
        return Trigger(kind="folder"), Path(job.path).parent

    @property
    def current_jobs(self) -> dict[int, Job]:
        return self.jobs.current_jobs

    # ------------------------------------------------------------ preview

    def preview(self) -> list[tuple[WatchedTrigger, Path, bool, str]]:
        """Every file in the watched folders now, whether its trigger would take it, why."""
        out = []
        for w in self.triggers:
            if not w.folder.is_dir():
                continue
            for root, _dirs, files in os.walk(w.folder):
                for name in sorted(files):
                    path = Path(root) / name
                    taken, why = w.takes(path)
                    out.append((w, path, taken, why))
                if not w.trigger.recursive:
                    break
        return out
