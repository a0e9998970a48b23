"""Executor overhead against a bare Python loop calling the same step functions.

    .venv/bin/python bench/engine_overhead.py

1. A chain of 100 no-op steps, run many times: per-step overhead of the executor
   (ordering, signatures, cache look-up, events, status bookkeeping).
2. A batch of 1,000 small text files through input -> read -> template: per-file and
   per-step overhead, without and with the SQLite run history recording.
Target (DESIGN.md / issue 2): < 1 ms of overhead per step.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.engine.cache import StepCache  # noqa: E402
from desktop.engine.context import CancelToken, StepContext  # noqa: E402
from desktop.engine.events import EventBus  # noqa: E402
from desktop.engine.executor import Executor  # noqa: E402
from desktop.engine.fileformat import loads  # noqa: E402
from desktop.engine.registry import Registry  # noqa: E402
from desktop.engine.spec import Port, Step, StepSpec  # noqa: E402
from desktop.engine.types import PortType  # noqa: E402
from desktop.store.runs import RunStore  # noqa: E402


class NoOp(Step):
    spec = StepSpec(id="bench.noop", title="No-op", category="Bench", description="passes text on",
                    inputs=(Port("text", PortType.TEXT, required=False),),
                    outputs=(Port("text", PortType.TEXT),))

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        return {"text": inputs.get("text", "x")}


def ctx_for(registry: Registry, node_type: str, params: dict, run_input: Path | None = None) -> StepContext:
    spec = registry.steps[node_type].spec
    return StepContext(run_id="bench", node_id="n", params=spec.resolve_params(params),
                       cancel=CancelToken(), dry_run=False, roots={}, bus=EventBus(),
                       run_input=run_input)


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def chain(registry: Registry) -> None:
    n = 100
    nodes = "".join(f"- {{id: s{i}, type: bench.noop}}\n" for i in range(n))
    links = "".join(f"- {{from: s{i}.text, to: s{i + 1}.text}}\n" for i in range(n - 1))
    wf = loads(f"schema_version: 1\nname: chain\nnodes:\n{nodes}links:\n{links}")
    ex = Executor(registry, cache=StepCache(max_entries=0))   # every step really runs
    ctx = ctx_for(registry, "bench.noop", {})

    def bare() -> None:
        value: dict[str, Any] = {}
        for _ in range(n):
            value = NoOp().run(ctx, **value)

    def engine() -> None:
        assert ex.run(wf).ok

    cached_ex = Executor(registry)
    cached_ex.run(wf)
    t_bare, t_engine = best_of(bare, 200), best_of(engine, 50)
    t_cached = best_of(lambda: cached_ex.run(wf), 50)
    per_step = (t_engine - t_bare) / n * 1000
    print(f"100-step no-op chain: bare loop {t_bare * 1000:.3f} ms, executor {t_engine * 1000:.2f} ms "
          f"(all cached: {t_cached * 1000:.2f} ms)")
    print(f"  executor overhead per step: {per_step:.3f} ms  (target < 1 ms) "
          f"{'OK' if per_step < 1 else 'ABOVE TARGET'}")


def batch(registry: Registry) -> None:
    n = 1000
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i in range(n):
            f = Path(tmp) / f"note-{i:04d}.txt"
            f.write_text(f"Note number {i}\nSome text to read and template.\n")
            files.append(f)
        wf = loads("""schema_version: 1
name: batch
nodes:
- {id: input, type: core.input_file}
- {id: read, type: documents.read}
- {id: t, type: text.template, params: {template: '{{ document.name }}: {{ document.text | length }}'}}
links:
- {from: input.file, to: read.file}
- {from: read.document, to: t.document}
""")
        steps = [(registry.steps[n.type], n.type, n.params) for n in wf.nodes]

        def bare() -> None:
            for f in files:
                out = steps[0][0]().run(ctx_for(registry, steps[0][1], steps[0][2], f))
                out = steps[1][0]().run(ctx_for(registry, steps[1][1], steps[1][2], f), **out)
                steps[2][0]().run(ctx_for(registry, steps[2][1], steps[2][2], f), document=out["document"])

        def engine() -> None:
            result = Executor(registry, cache=StepCache(max_entries=0)).run_batch(wf, files)
            assert not result.failed

        store = RunStore(Path(tmp) / "bench.db")

        def engine_recorded() -> None:
            result = Executor(registry, cache=StepCache(max_entries=0),
                              listeners=[store.record]).run_batch(wf, files)
            assert not result.failed

        t_bare, t_engine = best_of(bare, 3), best_of(engine, 3)
        t_store = best_of(engine_recorded, 3)
        store.close()
    steps_total = n * 3
    print(f"1,000-file batch (3 steps each): bare loop {t_bare:.2f} s, executor {t_engine:.2f} s "
          f"({t_engine / t_bare:.2f}x), executor + SQLite history {t_store:.2f} s ({t_store / t_bare:.2f}x)")
    print(f"  overhead per step: {(t_engine - t_bare) / steps_total * 1000:.3f} ms without history, "
          f"{(t_store - t_bare) / steps_total * 1000:.3f} ms with history (target < 1 ms)")


def main() -> None:
    registry = Registry.from_entry_points()
    registry.register(NoOp)
    chain(registry)
    batch(registry)


if __name__ == "__main__":
    main()
