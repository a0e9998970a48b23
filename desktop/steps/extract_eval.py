"""`runnel eval`: a workflow's extract step run on its labelled examples, the results
counted in an `Evaluation`.

Nothing is written: only `documents.read` and `ai.extract_fields` run, dry, on each
example's own copy of its document.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from desktop.engine.context import StepContext
from desktop.engine.errors import StepError
from desktop.extract.evaluation import Evaluation
from desktop.steps.documents import ReadDocument
from desktop.steps.extract import ExtractFields


def run_examples(examples: Sequence[Any], params: Mapping[str, Any], llm: Any,
                 progress: Callable[[int, int, str], None] | None = None, *,
                 teach: bool = True) -> Evaluation:
    """Reads and extracts each example's document with the step's options; compares
    with its record. A document the step fails on counts as all its fields wrong.

    With `teach`, the step learns from the other examples as it does from a workflow's
    examples when it runs, leaving out the one being read (and any copy of its
    document): a figure that let an example teach itself would say nothing."""
    resolved = ExtractFields.spec.resolve_params(dict(params))
    specs = resolved["fields"]
    result = Evaluation()

    for i, ex in enumerate(examples):
        if progress:
            progress(i, len(examples), ex.source)
        started = time.perf_counter()
        try:
            doc = ReadDocument().run(StepContext.detached(ReadDocument.spec.resolve_params({})),
                                     file=Path(ex.document))["document"]
            others = [o for o in examples if o.sha256 != ex.sha256] if teach else []
            out = ExtractFields(others).run(StepContext.detached(resolved, node_id="eval", llm=llm),
                                            document=doc)
        except StepError as e:
            result.failures.append(f"{ex.source}: {e}")
            out = {"review": {"record": {}, "reasons": [{"field": s["name"], "reason": "failed"}
                                                        for s in specs]}}
        result.add(specs, ex.record, out, time.perf_counter() - started,
                   resolved["min_confidence"], ex.source)
    return result
