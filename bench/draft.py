"""How many drafts are right: `runnel draft`'s engine on 30 sentences of our own, each
with the steps (and fields, labels, folder, approval) a person would expect, or null
where no workflow should be made. Runs the real default model (it names each draft)
and each draft's dry trial on a sample document.

    .venv/bin/python bench/draft.py [--verbose]

A draft is right when its steps (besides input, read and merge) are exactly the
expected ones, it extracts the fields and sorts into the labels the sentence names,
declares the folder it names, has an approval exactly when asked, moves its input
after every other step, and its trial run worked; a sentence expected to make no
workflow is right when it is refused.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.draft import DraftError, draft  # noqa: E402
from desktop.draft.build import folder_name  # noqa: E402
from desktop.draft.intent import field_name  # noqa: E402
from desktop.engine.registry import Registry  # noqa: E402
from desktop.llm.client import LLMClient  # noqa: E402

SENTENCES = ROOT / "bench" / "draft_data" / "sentences.jsonl"
_FRAME = {"core.input_file", "documents.read", "flow.merge"}


def judge(case: dict, wf) -> list[str]:
    """What is wrong with the draft, as sentences ([] when it is right)."""
    wrong = []
    steps = [n.type for n in wf.nodes if n.type not in _FRAME]
    if set(steps) != set(case["steps"]):
        wrong.append(f"steps {sorted(steps)}, expected {sorted(case['steps'])}")
    extract = next((n for n in wf.nodes if n.type == "ai.extract_fields"), None)
    names = {f["name"] for f in (extract.params.get("fields") or [])} if extract else set()
    missing = [f for f in case.get("fields", []) if f not in names]
    if missing:
        wrong.append(f"fields {sorted(names)} lack {missing}")
    classify = next((n for n in wf.nodes if n.type == "ai.classify"), None)
    if case.get("labels"):
        labels = [l["label"] for l in (classify.params.get("labels") or [])] if classify else []
        if labels != [field_name(l) for l in case["labels"]]:
            wrong.append(f"labels {labels}, expected {case['labels']}")
    if case.get("folder") and folder_name(case["folder"]) not in wf.folders:
        wrong.append(f"folders {sorted(wf.folders)} lack {case['folder']}")
    if ("human.approve" in steps) != bool(case.get("approval")):
        wrong.append("approval " + ("missing" if case.get("approval") else "not asked for"))
    if "files.move_file" in steps and steps[-1] != "files.move_file":
        wrong.append(f"moves the input before {steps[steps.index('files.move_file') + 1:]}")
    return wrong


def main() -> None:
    verbose = "--verbose" in sys.argv
    registry = Registry.from_entry_points()
    llm = LLMClient()
    right, started = 0, time.perf_counter()
    cases = [json.loads(line) for line in SENTENCES.read_text(encoding="utf-8").splitlines() if line]
    try:
        for case in cases:
            try:
                made = draft(case["sentence"], registry, llm)
            except DraftError as e:
                wrong = [] if case["steps"] is None else [f"refused: {e}"]
            else:
                wrong = ["made a workflow of a sentence that asks for none"] if case["steps"] is None \
                    else judge(case, made.workflow)
                if not made.trial.ok:
                    wrong.append(f"trial {made.trial.status}: {made.trial.error}")
            right += not wrong
            if verbose or wrong:
                print(("ok   " if not wrong else "WRONG") + f" {case['sentence']}")
                for line in wrong:
                    print(f"        {line}")
    finally:
        llm.close()
    print(f"\n{right} of {len(cases)} drafts right ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
