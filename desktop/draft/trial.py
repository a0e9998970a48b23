"""A draft's trial: run it, dry, on a sample document before it is offered. No Qt.

A draft that validates can still fail on a real document (a template naming a value
nothing gives, a file name needing a field nobody extracts). The trial runs every
step for real except that steps with side effects only report what they would do,
so nothing is written, moved or appended anywhere."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from desktop.engine.events import Status
from desktop.engine.executor import Executor
from desktop.engine.registry import Registry
from desktop.engine.workflow import Workflow
from desktop.paths import CHECKOUT

SAMPLES = CHECKOUT / "resources" / "samples"
# the sample that suits the sentence; an invoice when nothing else does
_SAMPLE_WORDS = [(r"receipt|expense|coffee", "receipt-harbour-coffee.pdf"),
                 (r"meeting|minutes|notes|action items", "meeting-notes.md"),
                 (r"report|study|research|article|paper", "field-study-report.md")]
DEFAULT_SAMPLE = "invoice-northwind.pdf"
# a run that stops for a person's approval has worked as far as it can without one
_WORKED = (Status.DONE, Status.WAITING)


@dataclass
class Trial:
    sample: Path
    status: str
    error: str | None
    steps: dict[str, str]          # node id -> status

    @property
    def ok(self) -> bool:
        return self.status in _WORKED


def sample_for(sentence: str) -> Path:
    for pattern, name in _SAMPLE_WORDS:
        if re.search(pattern, sentence, re.IGNORECASE):
            return SAMPLES / name
    return SAMPLES / DEFAULT_SAMPLE


def trial(wf: Workflow, registry: Registry, llm, sentence: str, sample: Path | None = None) -> Trial:
    sample = sample or sample_for(sentence)
    run = Executor(registry, llm=llm).run(wf, sample, dry_run=True)
    error = run.error
    if run.failed_node:
        error = f"step '{run.failed_node}' failed: {run.error}"
    return Trial(sample, run.status, error, {n: r.status for n, r in run.steps.items()})
