"""When is a file complete? Its size and modification time have not changed for the
settle window and it can be opened for reading. A slow copy is waited for however
long it takes; a file still growing after the stuck limit is reported once."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    stable_since: float
    first_seen: float
    reported_stuck: bool = False


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

    def touch(self, path: Path, size: int = -1, mtime_ns: int = -1) -> None:
        """A file appeared (with its size and mtime when the caller has just read them)
        or changed: (re)start its settle window."""
        now = self.clock()
        seen = self._files.get(path)
        if seen is None:
            self._files[path] = _Seen(size, mtime_ns, now, now)
        else:
            seen.stable_since = now

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
        for path, seen in list(self._files.items()):
            try:
                st = path.stat()
            except FileNotFoundError:
                gone.append(path)
                del self._files[path]
                continue
            except OSError:
                continue
            if (st.st_size, st.st_mtime_ns) != (seen.size, seen.mtime_ns):
                seen.size, seen.mtime_ns, seen.stable_since = st.st_size, st.st_mtime_ns, now
            elif now - seen.stable_since >= self.settle:
                if _openable(path):
                    ready.append(Ready(path, st.st_size, st.st_mtime_ns))
                    del self._files[path]
                    continue
                seen.stable_since = now        # locked by its writer: wait another window
            if now - seen.first_seen > self.stuck_after and not seen.reported_stuck:
                seen.reported_stuck = True
                stuck.append(path)
        return ready, stuck, gone


def _openable(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY)
        os.close(fd)
        return True
    except OSError:
        return False
