"""A third-party-style step pack used by the engine tests: counting, routing,
failing and waiting steps. Registered through Registry.load_pack like any pack."""

from __future__ import annotations

import threading
from typing import Any

from desktop.engine.context import StepContext
from desktop.engine.errors import StepError
from desktop.engine.spec import Param, Port, Step, StepSpec
from desktop.engine.types import PortType

CALLS: dict[str, int] = {}
STARTED = threading.Event()   # set by test.wait when it starts waiting


def _count(ctx: StepContext) -> None:
    CALLS[ctx.node_id] = CALLS.get(ctx.node_id, 0) + 1


class Emit(Step):
    spec = StepSpec(id="test.emit", title="Emit", category="Test", description="emits text",
                    outputs=(Port("text", PortType.TEXT),),
                    params=(Param("value", "string", "hello"),))

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        _count(ctx)
        return {"text": ctx.params["value"]}


class Append(Step):
    spec = StepSpec(id="test.append", title="Append", category="Test", description="appends",
                    inputs=(Port("text", PortType.TEXT),), outputs=(Port("text", PortType.TEXT),),
                    params=(Param("suffix", "string", "!"),
                            Param("times", "int", 1, min=1, max=5)))

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        _count(ctx)
        return {"text": inputs["text"] + ctx.params["suffix"] * ctx.params["times"]}


class Join(Step):
    spec = StepSpec(id="test.join", title="Join", category="Test", description="joins",
                    inputs=(Port("a", PortType.TEXT, required=False),
                            Port("b", PortType.TEXT, required=False)),
                    outputs=(Port("text", PortType.TEXT),), waits_for="any")

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        _count(ctx)
        return {"text": "+".join(inputs[k] for k in sorted(inputs))}


class Route(Step):
    spec = StepSpec(id="test.route", title="Route", category="Test", description="routes on a word",
                    inputs=(Port("text", PortType.TEXT),),
                    outputs=(Port("yes", PortType.TEXT, branch=True),
                             Port("no", PortType.TEXT, branch=True)),
                    params=(Param("word", "string", "invoice"),), routing=True)

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        _count(ctx)
        branch = "yes" if ctx.params["word"] in inputs["text"] else "no"
        return {branch: inputs["text"]}


class Flaky(Step):
    """Fails the first `failures` times it runs in a process."""
    spec = StepSpec(id="test.flaky", title="Flaky", category="Test", description="fails, then works",
                    inputs=(Port("text", PortType.TEXT),), outputs=(Port("text", PortType.TEXT),),
                    params=(Param("failures", "int", 1, min=0),))

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        _count(ctx)
        if CALLS[ctx.node_id] <= ctx.params["failures"]:
            raise StepError(f"flaky failure number {CALLS[ctx.node_id]}")
        return {"text": inputs["text"]}


class Crash(Step):
    spec = StepSpec(id="test.crash", title="Crash", category="Test", description="has a bug",
                    inputs=(Port("text", PortType.TEXT),), outputs=(Port("text", PortType.TEXT),))

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        _count(ctx)
        return {"text": inputs["text"] / 2}


class Wait(Step):
    """Waits until the run is cancelled, reporting progress (a long, cooperative step)."""
    spec = StepSpec(id="test.wait", title="Wait", category="Test", description="waits for cancel",
                    inputs=(Port("text", PortType.TEXT),), outputs=(Port("text", PortType.TEXT),))

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        _count(ctx)
        STARTED.set()
        while True:
            ctx.progress(None, "waiting")       # raises Cancelled once cancelled
            ctx.cancel.wait(0.05)


class Touch(Step):
    """A step with side effects: writes a marker file into a declared folder."""
    spec = StepSpec(id="test.touch", title="Touch", category="Test", description="writes a file",
                    inputs=(Port("text", PortType.TEXT),), outputs=(Port("file", PortType.FILE),),
                    params=(Param("folder", "folder", "out"),), side_effects=True)

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        _count(ctx)
        target = ctx.root(ctx.params["folder"]) / "marker.txt"
        ctx.journal("write", target, size=len(inputs["text"]))
        if not ctx.dry_run:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(inputs["text"])
        return {"file": target}


class Model(Step):
    """Stands for an AI step: its result depends on the model file, so the model's
    identity joins its cache key (the engine asks the executor's `llm` for it)."""
    spec = StepSpec(id="test.model", title="Model", category="Test", description="asks a model",
                    inputs=(Port("text", PortType.TEXT),), outputs=(Port("text", PortType.TEXT),),
                    params=(Param("model", "string", ""),), uses_model=True)

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        _count(ctx)
        return {"text": inputs["text"].upper()}


STEPS = [Emit, Append, Join, Route, Flaky, Crash, Wait, Touch, Model]
