"""AI speed on a busy laptop. For each load — idle; one busy process; two; one busy
process at nice 10 (a polite background job) — in one run:

- tokens/s of an ai.prompt step through the worker (the whole step, IPC included);
- raw llama-cpp-python in this process with its best thread count under the same
  load (every count from 1 to the cores is tried; the best is the baseline);
- how long Stop takes while the model streams (a cancel, then the worker's kill if it
  does not stop by itself);
- the real main window's longest event-loop stall while the step generates (the probe
  of bench/ui_responsiveness.py).

Busy processes are plain CPU loops started and stopped here. Rounds alternate between
raw and worker so that noise hits both alike; medians are compared.

    .venv/bin/python bench/llm_under_load.py [--rounds 3] [--stall-seconds 8] [--options]

`--options` adds the options weighed for the worker's priority: raw llama-cpp-python
at nice 0, nice 10 and (Linux) the batch class, at each thread count, beside each load.

Targets (issue 17): under 1 busy process the worker keeps >= 50% of its idle tok/s and
>= 0.9x raw's best under the same load; under 2, >= 25% of idle; the window stalls
<= 50 ms in every case; idle, the worker is >= 0.95x raw; Stop within 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.canvas import isolated_qt  # noqa: E402
from bench.llm_overhead import ThroughStep  # noqa: E402

MAX_TOKENS = 150
REQUEST = "Write a long story about a lighthouse keeper and her cat."
LOADS = [("idle", 0, 0), ("1 busy process", 1, 0), ("2 busy processes", 2, 0),
         ("1 busy process at nice 10", 1, 10)]


def busy(n: int, nice: int) -> list[subprocess.Popen]:
    code = f"import os; os.nice({nice}); exec('while True: pass')" if nice else "while True: pass"
    procs = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(n)]
    time.sleep(1.5)         # running, and seen by the worker's load meter (its last second)
    return procs


def stop(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        p.kill()
        p.wait()
    time.sleep(1.0)         # the meter's window forgets them


class Raw:
    """llama-cpp-python in this process, nothing around it; any thread count."""

    def __init__(self, model_path: str, cores: int):
        from llama_cpp import Llama

        self.cores = cores
        self.llm = Llama(model_path=model_path, n_ctx=4096, n_threads=cores, n_threads_batch=cores,
                         n_batch=512, seed=0, verbose=False)

    def rate(self, prompt: str, threads: int, limit: float = 120.0) -> float:
        """Tokens/s of a greedy generation; it stops after `limit` seconds (a starved
        configuration makes a token in seconds)."""
        import llama_cpp

        llm = self.llm
        llama_cpp.llama_set_n_threads(llm._ctx.ctx, threads, threads)
        tokens = llm.tokenize(prompt.encode(), add_bos=llm._model.add_bos_token(), special=True)
        llm.reset()
        n, first = 0, None
        for tok in llm.generate(tokens, temp=0.0, repeat_penalty=1.1):
            if first is None:          # generation speed, as the worker reports it
                first = time.perf_counter()
                continue
            if llama_cpp.llama_vocab_is_eog(llm._model.vocab, tok):
                break
            llm.detokenize([tok])
            n += 1
            if n >= MAX_TOKENS or time.perf_counter() - first > limit:
                break
        return n / (time.perf_counter() - first) if first and n else 0.0

    def best(self, prompt: str) -> tuple[float, int]:
        rates = {t: self.rate(prompt, t) for t in range(1, self.cores + 1)}
        threads = max(rates, key=lambda t: rates[t])
        return rates[threads], threads


class Step(ThroughStep):
    """The same request as an ai.prompt step, run by the executor through the worker
    (bench/llm_overhead.py's), with the speed the worker reported."""

    def __init__(self) -> None:
        super().__init__(MAX_TOKENS)

    def rate(self) -> tuple[float, int]:
        from desktop.engine.executor import Executor

        speeds = []
        self.client.speed_listeners.append(speeds.append)
        try:
            ex = Executor(self.registry, llm=self.client)
            ex.cache.max_entries = 0
            assert ex.run(self.wf).ok
        finally:
            self.client.speed_listeners.remove(speeds.append)
        done = speeds[-1]
        return done.rate, done.threads

    def stop_time(self, stuck: bool = False) -> float:
        """Seconds from Stop to the step's call returning, while the model streams.
        `stuck`: the worker is frozen first (SIGSTOP), as one hung in native code, so
        only the client's kill can end it."""
        import signal

        from desktop.engine.context import Cancelled, CancelToken
        from desktop.llm.prompts import chat_prompt

        cancel, streaming, ended = CancelToken(), threading.Event(), {}
        prompt = chat_prompt(self.model, "", "Write a very long story about the sea.").text

        def go() -> None:
            try:
                self.client.generate(self.model, prompt, max_tokens=3000, cancel=cancel,
                                     on_token=lambda _t: streaming.set())
            except Cancelled:
                pass
            ended["at"] = time.perf_counter()

        t = threading.Thread(target=go)
        t.start()
        assert streaming.wait(60)
        time.sleep(0.5)
        if stuck:
            os.kill(self.client.pid, signal.SIGSTOP)
        asked = time.perf_counter()
        cancel.cancel()
        t.join(30)
        return ended["at"] - asked


def throughput(rounds: int) -> dict[str, dict]:
    from desktop.llm import catalog
    from desktop.llm.client import default_threads
    from desktop.llm.prompts import chat_prompt
    from desktop.steps.ai import PromptStep

    model = catalog.default_model()
    prompt = chat_prompt(model, PromptStep.spec.param("system").default, REQUEST).text
    raw, step = Raw(str(model.path), default_threads()), Step()
    raw.rate(prompt, default_threads())
    out: dict[str, dict] = {}
    for name, n, nice in LOADS:
        procs = busy(n, nice)
        try:
            raws, steps, raw_threads, step_threads = [], [], [], []
            for _ in range(rounds):
                r, rt = raw.best(prompt)
                # the worker's meter saw this process generate a moment ago (a busy
                # program, to it): let its one-second window pass, as it would in use
                time.sleep(1.2)
                s, st = step.rate()
                raws.append(r)
                steps.append(s)
                raw_threads.append(rt)
                step_threads.append(st)
            stops = [step.stop_time() for _ in range(2)]
            killed = step.stop_time(stuck=True)
        finally:
            stop(procs)
        out[name] = {"raw": statistics.median(raws), "step": statistics.median(steps),
                     "raw_threads": sorted(set(raw_threads)), "step_threads": sorted(set(step_threads)),
                     "stop": max(stops), "kill": killed}
    step.client.close()
    return out


def stalls(seconds: float) -> dict[str, float]:
    """The window's longest event-loop stall while an ai.prompt step generates."""
    from bench.ui_responsiveness import TICK_MS, measure, streaming_window

    with tempfile.TemporaryDirectory() as tmp:
        _app, window, prompt = streaming_window(isolated_qt(Path(tmp)))
        out = {}
        for name, n, nice in LOADS:
            procs = busy(n, nice)
            try:
                phase = measure(window, seconds, prompt)
            finally:
                stop(procs)
            out[name] = max(phase.gaps) - TICK_MS / 1000
        window.editor.undo_stack.setClean()
        window.service.close()
        window.close()
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--stall-seconds", type=float, default=8.0)
    parser.add_argument("--options", action="store_true",
                        help="also raw llama-cpp-python at nice 0, nice 10 and the batch class")
    parser.add_argument("--raw-policy", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.raw_policy:
        raw_policy(args.raw_policy, args.rounds)
        return
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RUNNEL_HOME"] = str(Path(tmp) / "home")     # no thread count from Preferences
        from desktop.llm import catalog
        from desktop.llm.client import default_threads

        figures = throughput(args.rounds)
        stalled = stalls(args.stall_seconds)
    idle = figures["idle"]["step"]
    print(f"model {catalog.default_model().name}, {default_threads()} cores, {MAX_TOKENS} tokens, greedy, "
          f"{args.rounds} alternating rounds per load (medians); {os.cpu_count()} logical CPUs")
    print(f"  {'load':28} {'worker tok/s':>12} {'raw best':>9} {'worker/raw':>10} {'of idle':>8} "
          f"{'threads w/r':>11} {'Stop':>7} {'stuck':>7} {'window stall':>13}")
    for name, *_ in LOADS:
        f = figures[name]
        print(f"  {name:28} {f['step']:12.1f} {f['raw']:9.1f} {f['step'] / f['raw']:10.2f} "
              f"{f['step'] / idle:8.0%} {'/'.join(map(str, f['step_threads'])) + ' / ' + '/'.join(map(str, f['raw_threads'])):>11} "
              f"{f['stop'] * 1000:5.0f}ms {f['kill'] * 1000:5.0f}ms {stalled[name] * 1000:11.1f}ms")

    def check(ok: bool, what: str) -> None:
        print(f"  {'OK   ' if ok else 'MISS '} {what}")

    one, two = figures["1 busy process"], figures["2 busy processes"]
    check(idle / figures["idle"]["raw"] >= 0.95, f"idle: worker/raw {idle / figures['idle']['raw']:.2f} (>= 0.95)")
    check(one["step"] / idle >= 0.5, f"1 busy: {one['step'] / idle:.0%} of idle (>= 50%)")
    check(one["step"] / one["raw"] >= 0.9, f"1 busy: worker/raw {one['step'] / one['raw']:.2f} (>= 0.9)")
    check(two["step"] / idle >= 0.25, f"2 busy: {two['step'] / idle:.0%} of idle (>= 25%)")
    worst = max(stalled.values())
    check(worst <= 0.050, f"window stall at most {worst * 1000:.1f} ms (<= 50 ms)")
    slowest = max(max(f["stop"], f["kill"]) for f in figures.values())
    check(slowest <= 0.5, f"Stop at most {slowest * 1000:.0f} ms, a stuck worker's kill included (<= 500 ms)")
    if args.options:
        options(args.rounds)


OPTION_LIMIT = 8.0          # seconds per measurement of an option
POLICIES = {"nice 0": lambda: None, "nice 10": lambda: os.nice(10),
            "batch class": lambda: os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))}


def options(rounds: int) -> None:
    """The options measured: raw llama-cpp-python at each priority and thread count,
    beside each load. Each measurement is a fresh process that sets its priority
    first (a raised nice cannot be taken back without privileges); the busy processes
    are started here, so they keep their own priority."""
    import json

    from desktop.llm.client import default_threads

    rates: dict[tuple[str, str], dict[str, float]] = {}
    policies = [p for p in POLICIES if p != "batch class" or hasattr(os, "SCHED_BATCH")]
    for name, n, nice in LOADS:
        procs = busy(n, nice)
        try:
            for policy in policies:
                out = subprocess.run([sys.executable, __file__, "--raw-policy", policy,
                                      "--rounds", str(rounds)],
                                     capture_output=True, text=True, check=True).stdout
                rates[(policy, name)] = json.loads(out.strip().splitlines()[-1])
        finally:
            stop(procs)
    print(f"  options, raw llama-cpp-python tok/s (median of {rounds}), by its priority and threads:")
    print(f"  {'priority':12} {'threads':>7} " + " ".join(f"{name:>26}" for name, *_ in LOADS))
    for policy in policies:
        for t in range(1, default_threads() + 1):
            print(f"  {policy:12} {t:7d} "
                  + " ".join(f"{rates[(policy, name)][str(t)]:26.1f}" for name, *_ in LOADS))


def raw_policy(policy: str, rounds: int) -> None:
    """One measurement of the options: this process at `policy`, every thread count."""
    import json

    from desktop.llm import catalog
    from desktop.llm.client import default_threads
    from desktop.llm.prompts import chat_prompt
    from desktop.steps.ai import PromptStep

    POLICIES[policy]()
    model = catalog.default_model()
    prompt = chat_prompt(model, PromptStep.spec.param("system").default, REQUEST).text
    raw = Raw(str(model.path), default_threads())
    raw.rate(prompt, default_threads())
    print(json.dumps({t: statistics.median(raw.rate(prompt, t, limit=OPTION_LIMIT) for _ in range(rounds))
                      for t in range(1, default_threads() + 1)}))


if __name__ == "__main__":
    main()
