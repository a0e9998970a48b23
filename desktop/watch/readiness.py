"""When is a file complete? Its size and modification time have not changed for the
settle window and it can be opened for reading. A slow copy is waited for however
long it takes; a file still growing after the stuck limit is reported once.

A file written in the folder itself (created there, seen by the native Linux
observer) may have a writer that pauses longer than any settle window (a scanner
over SMB): it is complete when its writer closes it, plus the settle window. A
writer the native events did not show closing (a hard link, a file already there
at start) is looked for among the processes' open files before the file is taken."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from desktop.engine.hashing import sha256_file


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    stable_since: float
    first_seen: float
    reported_stuck: bool = False
    awaiting_close: bool = False      # written here: ready once its writer closed it
    close_grace: bool = True          # ... or, if some writers are hidden, after CLOSE_GRACE


# A file written here whose close was not seen, while processes we cannot look at
# (another user's) might be writing it, is taken this long after it appeared, if it
# has been unchanged for the settle window; a change seen after its job re-runs it.
CLOSE_GRACE = 60.0


@dataclass(frozen=True)
class Ready:
    path: Path
    size: int
    mtime_ns: int


class Settler:
    def __init__(self, settle_seconds: float, stuck_after_seconds: float,
                 clock=time.monotonic):  # type: ignore[no-untyped-def]
        self.settle = settle_seconds
        self.stuck_after = stuck_after_seconds
        self.clock = clock
        self._files: dict[Path, _Seen] = {}

    def __len__(self) -> int:
        return len(self._files)

    def __contains__(self, path: Path) -> bool:
        return path in self._files

    def touch(self, path: Path, size: int = -1, mtime_ns: int = -1, *,
              awaiting_close: bool = False, close_grace: bool = True) -> None:
        """A file appeared (with its size and mtime when the caller has just read them)
        or changed: (re)start its settle window. `awaiting_close`: it is being written
        in the folder, and is not ready before its writer closed it."""
        now = self.clock()
        seen = self._files.get(path)
        if seen is None:
            self._files[path] = _Seen(size, mtime_ns, now, now, awaiting_close=awaiting_close,
                                      close_grace=close_grace)
        else:
            seen.stable_since = now
            seen.awaiting_close = seen.awaiting_close or awaiting_close

    def closed(self, path: Path) -> None:
        """Its writer closed it: ready after one more settle window unchanged."""
        seen = self._files.get(path)
        if seen is not None:
            seen.awaiting_close = False
            seen.stable_since = self.clock()

    def next_due(self) -> float | None:
        """Seconds until the earliest tracked file's settle window ends (None: none)."""
        if not self._files:
            return None
        return max(0.0, min(s.stable_since for s in self._files.values()) + self.settle - self.clock())

    def forget(self, path: Path) -> None:
        self._files.pop(path, None)

    def check(self) -> tuple[list[Ready], list[Path], list[Path]]:
        """(ready files, files newly stuck, files gone) — ready and gone ones are
        no longer tracked."""
        now = self.clock()
        ready, stuck, gone = [], [], []
        writers: Writers | None = None      # looked for once per check, if needed
        for path, seen in list(self._files.items()):
            if now - seen.stable_since < self.settle and seen.size >= 0:
                # nothing to decide before its window ends: a change meanwhile shows
                # then (size or mtime differ) and starts the window again; not looking
                # before spares a burst of a thousand files a thousand stats per wake-up
                continue
            try:
                st = path.stat()
            except FileNotFoundError:
                gone.append(path)
                del self._files[path]
                continue
            except OSError:
                continue
            # size AND mtime: a rewrite at the same size shows only in its mtime
            if (st.st_size, st.st_mtime_ns) != (seen.size, seen.mtime_ns):
                seen.size, seen.mtime_ns, seen.stable_since = st.st_size, st.st_mtime_ns, now
            elif now - seen.stable_since >= self.settle:
                if seen.awaiting_close:
                    if writers is None:
                        writers = open_for_writing()
                    # no close seen, but nobody writes it any more (a hard link, a file
                    # there at start): settled; still open for writing: its writer paused.
                    # Some processes hidden from us (another user's, such as a file
                    # server's): only a close, or CLOSE_GRACE without one, settles it
                    seen.awaiting_close = (st.st_dev, st.st_ino) in writers.files or (
                        seen.close_grace and not writers.complete
                        and now - seen.first_seen < CLOSE_GRACE)
                if not seen.awaiting_close and _openable(path):
                    ready.append(Ready(path, st.st_size, st.st_mtime_ns))
                    del self._files[path]
                    continue
                seen.stable_since = now        # being written, or locked: wait another window
            if now - seen.first_seen > self.stuck_after and not seen.reported_stuck:
                seen.reported_stuck = True
                stuck.append(path)
        return ready, stuck, gone


content_hash = sha256_file     # a file's identity in the queue: the SHA-256 of its content


def _openable(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY)
        os.close(fd)
        return True
    except OSError:
        return False


@dataclass(frozen=True)
class Writers:
    files: set[tuple[int, int]]     # (device, inode) open for writing by some process
    complete: bool                  # every process could be looked at


def open_for_writing() -> Writers:
    """The files processes have open for writing (Linux /proc; none elsewhere, where
    only the settle window decides)."""
    found: set[tuple[int, int]] = set()
    complete = True
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return Writers(found, True)
    for pid in pids:
        fd_dir = f"/proc/{pid}/fd"
        try:
            fds = os.listdir(fd_dir)
        except FileNotFoundError:
            continue                # ended meanwhile
        except OSError:
            complete = False        # another user's: it could be the writer
            continue
        for fd in fds:
            try:
                st = os.stat(f"{fd_dir}/{fd}")
                if not (st.st_mode & 0o170000) == 0o100000:     # regular files only
                    continue
                with open(f"/proc/{pid}/fdinfo/{fd}", encoding="ascii") as info:
                    flags = next((int(line.split()[1], 8) for line in info
                                  if line.startswith("flags:")), 0)
            except (OSError, ValueError, IndexError):
                continue
            if flags & (os.O_WRONLY | os.O_RDWR):
                found.add((st.st_dev, st.st_ino))
    return Writers(found, complete)
