from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.engine.context import CancelToken, StepContext
from desktop.engine.events import Event, EventBus
from desktop.engine.spec import Step


class Harness:
    """Runs one step the way the executor does: resolved params, a real context."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def run(self, step_cls: type[Step], params: dict[str, Any] | None = None, *,
            roots: dict[str, Path] | None = None, dry_run: bool = False,
            run_input: Path | None = None, **inputs: Any) -> dict[str, Any]:
        ctx = StepContext(run_id="r" * 32, node_id="n", cancel=CancelToken(), dry_run=dry_run,
                          params=step_cls.spec.resolve_params(params or {}),
                          roots=roots or {}, bus=EventBus([self.events.append]),
                          run_input=run_input)
        return step_cls().run(ctx, **inputs)


@pytest.fixture
def harness() -> Harness:
    return Harness()
