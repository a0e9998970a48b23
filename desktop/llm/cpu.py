"""How the inference worker shares the CPU with everything else on the laptop: how many
cores other programs keep busy right now, how many threads llama.cpp gets for that,
and the scheduling class the worker runs in. No Qt.

Why: llama.cpp's threads meet at a barrier after every operation, so one thread that
has to share its core with another busy program holds the others up. With two threads
on two cores and one busy program beside them, generation fell from 100 to 29 tokens/s
here, while one thread kept 59. A lowered priority (nice 10) made that 0.3 tokens/s:
the niced thread got a tenth of its core. So the worker runs at normal priority, and
uses as many threads as there are cores that no program at normal priority is using.
Programs that lowered their own priority (nice > 0, a polite background job) do not
count: they yield to the worker, and two threads beside one of them kept 89 tokens/s.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Callable, NamedTuple

import psutil

SAMPLE_SECONDS = 0.25       # how often the load is sampled
WINDOW = 4                  # samples averaged: the load of the last second


@dataclass(frozen=True)
class Load:
    """CPU use by other programs, in cores (1.0 = one core kept busy)."""
    others: float = 0.0     # at normal priority or above: they compete with the worker
    polite: float = 0.0     # at a lowered priority (nice > 0): they give way to it


def choose_threads(cores: int, load: Load, fixed: int | None = None) -> int:
    """llama.cpp's thread count: the `fixed` count a person chose, else one per core
    that no program at normal priority is using, at least one. A core counts as free
    while others use less than half of it."""
    if fixed:
        return max(1, fixed)
    return max(1, min(cores, int(cores - load.others + 0.5)))


class Times(NamedTuple):
    at: float               # monotonic seconds
    busy: float             # CPU seconds of the whole machine, not idle, not niced
    polite: float           # CPU seconds of niced programs
    own: float              # CPU seconds of this process (all its threads)


def read_times(process: psutil.Process | None = None) -> Times:
    cpu = psutil.cpu_times()
    total = sum(cpu)
    idle = cpu.idle + getattr(cpu, "iowait", 0.0)
    # Linux counts guest time in user and nice time already: not added twice
    polite = getattr(cpu, "nice", 0.0)
    busy = total - idle - polite - getattr(cpu, "guest", 0.0) - getattr(cpu, "guest_nice", 0.0)
    own = (process or psutil.Process()).cpu_times()
    return Times(time.monotonic(), busy, polite, own.user + own.system)


def load_between(a: Times, b: Times) -> Load:
    """The load of other programs from sample `a` to sample `b`."""
    span = b.at - a.at
    if span <= 0:
        return Load()
    others = (b.busy - a.busy - (b.own - a.own)) / span
    polite = (b.polite - a.polite) / span
    return Load(max(0.0, others), max(0.0, polite))


class LoadMeter:
    """Samples the machine every SAMPLE_SECONDS on a daemon thread; `load` is the
    average of the last second. `read` is replaceable for tests of the arithmetic."""

    def __init__(self, read: Callable[[], Times] = read_times) -> None:
        self._read = read
        self._samples: deque[Times] = deque(maxlen=WINDOW + 1)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.sample()

    def sample(self) -> None:
        t = self._read()
        with self._lock:
            self._samples.append(t)

    @property
    def load(self) -> Load:
        with self._lock:
            if len(self._samples) < 2:
                return Load()
            return load_between(self._samples[0], self._samples[-1])

    def start(self) -> "LoadMeter":
        def run() -> None:
            while not self._stop.wait(SAMPLE_SECONDS):
                self.sample()

        self._thread = threading.Thread(target=run, name="load-meter", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()


def schedule_worker() -> str:
    """Put this process (and the threads it starts later) in the scheduling class for
    inference, and say which. Normal priority everywhere; on Linux the batch class,
    which is the same share of the CPU but never preempts the window when it wakes.
    macOS: the default QoS class (a background class would move llama.cpp onto the
    efficiency cores). Windows: the normal priority class."""
    try:
        if sys.platform.startswith("linux") and hasattr(os, "SCHED_BATCH"):
            os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))
            return "batch class, normal priority"
        if sys.platform == "win32":
            psutil.Process().nice(psutil.NORMAL_PRIORITY_CLASS)
            return "normal priority class"
    except (OSError, AttributeError):
        pass
    return "normal priority"
