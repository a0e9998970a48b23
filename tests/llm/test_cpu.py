"""How the worker shares the CPU: the thread count chosen for a given load, the load
read from the machine (busy programs at normal and at lowered priority), the worker's
scheduling class, and its threads following real busy processes. Nothing is timed:
each test waits for the condition it checks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from typing import Callable, Iterator

import psutil
import pytest

from desktop.llm.client import Speed, default_threads
from desktop.llm.cpu import Load, LoadMeter, Times, choose_threads, load_between
from desktop.llm.prompts import chat_prompt


@pytest.mark.parametrize(("cores", "load", "fixed", "threads"), [
    (2, Load(), None, 2),                       # a quiet machine: every core
    (2, Load(others=1.0), None, 1),             # one busy program: the free core only
    (2, Load(others=2.0), None, 1),             # two: still one thread, never none
    (2, Load(others=3.5), None, 1),
    (2, Load(others=0.4), None, 2),             # a little background use: still free
    (2, Load(others=0.6), None, 1),             # most of a core taken: not free
    (2, Load(polite=2.0), None, 2),             # niced programs give way: they do not count
    (8, Load(others=1.0, polite=3.0), None, 7),
    (2, Load(others=2.0), 2, 2),                # a count chosen in Preferences stays
    (4, Load(), 6, 6),
])
def test_threads_follow_the_free_cores(cores, load, fixed, threads):  # type: ignore[no-untyped-def]
    assert choose_threads(cores, load, fixed) == threads


def test_the_load_leaves_out_the_worker_itself_and_counts_niced_programs_apart():
    a = Times(at=10.0, busy=100.0, polite=50.0, own=20.0)
    # in 2 s: 3 CPU-seconds busy, of which 2 were the worker's own; 1.5 niced
    b = Times(at=12.0, busy=103.0, polite=51.5, own=22.0)
    assert load_between(a, b) == Load(others=0.5, polite=0.75)
    assert load_between(b, b) == Load()                     # no time passed
    assert load_between(a, b._replace(own=24.0)).others == 0.0   # never below zero


def test_the_meter_averages_its_last_second():
    clock = iter([Times(0.0, 0.0, 0.0, 0.0), Times(0.25, 0.25, 0.0, 0.0), Times(0.5, 0.5, 0.0, 0.0),
                  Times(0.75, 1.0, 0.0, 0.0), Times(1.0, 1.5, 0.0, 0.0), Times(1.25, 3.5, 0.0, 0.0)])
    meter = LoadMeter(read=lambda: next(clock))
    assert meter.load == Load()                      # one sample: nothing known yet
    for _ in range(5):
        meter.sample()
    # the window keeps 5 samples (the last second): from 0.25 s to 1.25 s, 3.25 busy
    assert meter.load == Load(others=3.25, polite=0.0)


def busy_processes(n: int, nice: int = 0) -> list[subprocess.Popen]:
    """n plain CPU loops (as the issue's busy programs), at the given niceness."""
    code = f"import os; os.nice({nice}); exec('while True: pass')" if nice else "while True: pass"
    return [subprocess.Popen([sys.executable, "-c", code]) for _ in range(n)]


@pytest.fixture
def busy() -> Iterator[Callable[..., list[subprocess.Popen]]]:
    started: list[subprocess.Popen] = []

    def start(n: int, nice: int = 0) -> list[subprocess.Popen]:
        procs = busy_processes(n, nice)
        started.extend(procs)
        return procs

    yield start
    for p in started:
        p.kill()
        p.wait()


def wait_for(condition: Callable[[], bool], timeout: float = 20.0, every: float = 0.1) -> None:
    """Poll a condition on the machine's state (the load has no event to wait on)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(every)


def test_the_meter_sees_busy_programs_and_tells_niced_ones_apart(busy):  # type: ignore[no-untyped-def]
    meter = LoadMeter().start()
    try:
        procs = busy(1)
        wait_for(lambda: meter.load.others >= 0.8)
        for p in procs:
            p.kill()
            p.wait()
        busy(1, nice=10)
        wait_for(lambda: meter.load.polite >= 0.8 and meter.load.others < 0.5)
    finally:
        meter.stop()


def test_speed_says_when_the_computer_is_busy():
    quick = Speed("m", tokens=120, seconds=2.0, threads=2, busy=0.0, quiet_rate=62.0)
    assert quick.describe() == "60 tok/s" and not quick.slowed
    slow = Speed("m", tokens=8, seconds=2.0, threads=1, busy=1.9, quiet_rate=60.0)
    assert slow.slowed and slow.describe() == "the computer is busy: 4 tok/s instead of 60"
    # slow but on a quiet machine (a long prompt, a big model): not blamed on others
    assert not Speed("m", tokens=8, seconds=2.0, threads=2, busy=0.1, quiet_rate=60.0).slowed
    assert not Speed("m", tokens=8, seconds=2.0, threads=1, busy=1.9, quiet_rate=None).slowed


@pytest.mark.model
def test_the_worker_runs_at_normal_priority_and_its_threads_follow_the_load(llm, default_model, busy):  # type: ignore[no-untyped-def]
    prompt = chat_prompt(default_model, "", "Name three colours.").text
    llm.generate(default_model, prompt, max_tokens=4)
    worker = psutil.Process(llm.pid)
    assert worker.nice() == 0                        # a niced worker starves beside busy programs
    if sys.platform.startswith("linux"):
        assert os.sched_getscheduler(llm.pid) == os.SCHED_BATCH
    cores = default_threads()
    assert llm.stats()["threads"] == cores
    busy(cores)                                       # every core taken by a normal program
    wait_for(lambda: llm.stats()["busy"] >= cores - 0.5)
    speeds: list[Speed] = []
    llm.speed_listeners.append(speeds.append)
    llm.generate(default_model, prompt, max_tokens=8)
    assert llm.stats()["threads"] == 1 and speeds[-1].threads == 1 and speeds[-1].busy >= cores - 0.5


@pytest.mark.model
def test_a_thread_count_chosen_by_the_person_stays_under_load(default_model, busy, tmp_path):  # type: ignore[no-untyped-def]
    from desktop.llm.client import LLMClient

    client = LLMClient(n_threads=2)
    try:
        client.generate(default_model, "Hello", max_tokens=1)
        busy(2)
        wait_for(lambda: client.stats()["busy"] >= 1.5)
        client.generate(default_model, "Hello", max_tokens=1)
        assert client.stats()["threads"] == 2
    finally:
        client.close()


@pytest.mark.model
def test_a_quiet_stretch_becomes_the_speed_to_compare_with(default_model, isolated_home):  # type: ignore[no-untyped-def]
    """Streamed speeds are those of the last second; those taken on a quiet machine are
    kept (in the settings) as this machine's speed, which a slowed one is compared with."""
    from desktop import settings
    from desktop.llm.client import IDLE_RATES_KEY, LLMClient

    client = LLMClient()
    speeds: list[Speed] = []
    client.speed_listeners.append(speeds.append)
    try:
        prompt = chat_prompt(default_model, "", "Write a very long story about a cat.").text
        client.generate(default_model, prompt, max_tokens=300, on_token=lambda _t: None)
    finally:
        client.close()
    streamed = [s for s in speeds if not s.done]
    assert streamed and all(s.seconds <= 1.3 for s in streamed)       # a window, not since the start
    quiet = [round(s.rate, 1) for s in speeds if s.busy < 0.5 and s.tokens >= 16]
    kept = (settings.get(IDLE_RATES_KEY) or {}).get(default_model.name)
    assert (kept in quiet) if quiet else kept is None
    if quiet:
        later = [s for s in speeds if round(s.rate, 1) == kept][-1]
        assert all(s.quiet_rate is not None for s in speeds[speeds.index(later) + 1:])


@pytest.mark.model
def test_a_thread_count_chosen_later_reloads_the_model_with_it(default_model, isolated_home):  # type: ignore[no-untyped-def]
    from desktop import settings
    from desktop.llm.client import LLMClient

    client = LLMClient()
    try:
        client.generate(default_model, "Hello", max_tokens=1)
        assert client.adapt_threads
        settings.update(llm_threads=1)               # Preferences, while the app runs
        client.follow_thread_setting()
        client.generate(default_model, "Hello", max_tokens=1)
        assert client.stats()["threads"] == 1 and not client.adapt_threads
    finally:
        client.close()
