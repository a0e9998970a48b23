"""ai.extract_fields learning from the workflow's labelled examples, with the real
default model, a saved workflow and its examples folder on disk: a document nothing in
the lexicon can vouch for goes to review; once a person's corrected record of an
earlier one is kept as an example, the next is read right and filed, and a cached
result does not hide the change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.engine.events import ModelCall, StepLog
from desktop.engine.executor import Executor
from desktop.engine.fileformat import save_workflow
from desktop.examples import add_example, examples_dir
from tests.engine.conftest import workflow
from tests.pdfmaker import write_pdf

pytestmark = pytest.mark.model

FIELDS = [{"name": "vendor", "type": "string", "description": "the company that issued the invoice"},
          {"name": "invoice_number", "type": "string", "description": "the invoice number"},
          {"name": "total", "type": "number", "description": "the total amount due"}]
SLIP = ("Tillys Kitchen\n12 Harbour Road, Dun Laoghaire\n\nSlip {number}\n\n{items}\n\n"
        "Altogether  {total}\n\nMerci, see you soon")


def slip(path: Path, number: str, items: list[tuple[str, str]], total: str) -> Path:
    body = "\n".join(f"{name}  {price}" for name, price in items)
    return write_pdf(path, [SLIP.format(number=number, items=body, total=total)])


def saved_flow(tmp_path: Path) -> Path:
    wf = workflow(f"""
    nodes:
    - {{id: input, type: core.input_file}}
    - {{id: read, type: documents.read}}
    - {{id: fields, type: ai.extract_fields, params: {{fields: {json.dumps(FIELDS)}}}}}
    - {{id: filed, type: text.template, params: {{template: 'filed {{{{ record.total }}}}'}}}}
    - {{id: held, type: text.template, params: {{template: 'held'}}}}
    links:
    - {{from: input.file, to: read.file}}
    - {{from: read.document, to: fields.document}}
    - {{from: fields.record, to: filed.record}}
    - {{from: fields.review, to: held.record}}
    """, name="Slips")
    path = tmp_path / "slips.yaml"
    save_workflow(wf, path)
    return path


def run(registry, llm, path: Path, document: Path, events: list):
    from desktop.engine.fileformat import load_workflow

    ex = Executor(registry, llm=llm, listeners=[events.append])
    return ex, ex.run(load_workflow(path), document)


def test_an_example_of_an_earlier_slip_lets_the_next_be_filed(registry, llm, tmp_path):
    flow = saved_flow(tmp_path)
    november = slip(tmp_path / "november.pdf", "00533", [("Tea", "2.90"), ("Muffin", "3.10"),
                                                           ("Toast", "1.50")], "7.50")
    events: list = []
    executor, first = run(registry, llm, flow, november, events)
    assert first.ok and first.steps["held"].status == "done"       # no label vouches for it
    assert first.steps["filed"].status == "skipped"

    october = slip(tmp_path / "october.pdf", "00417", [("Coffee", "3.40"), ("Scone", "2.80")], "6.20")
    add_example(examples_dir(flow), "fields", october,
                {"vendor": "Tillys Kitchen", "invoice_number": "00417", "total": 6.2},
                fields=FIELDS, added_by="review")
    events.clear()
    from desktop.engine.fileformat import load_workflow
    again = executor.run(load_workflow(flow), november)       # the same executor and cache
    assert again.steps["fields"].status == "done", "a cached result hid the new example"
    assert again.steps["filed"].status == "done", again.steps["fields"].outputs.get("review")
    assert again.steps["filed"].outputs["text"] == "filed 7.5"
    record = again.steps["fields"].outputs["record"]
    assert record == {"vendor": "Tillys Kitchen", "invoice_number": "00533", "total": 7.5}
    logs = [e.message for e in events if isinstance(e, StepLog)]
    assert any(m.startswith("taught by 1 similar example(s): october.pdf") for m in logs), logs
    # the model was shown October's lines with their answers, before November's text
    prompts = [e.prompt for e in events if isinstance(e, ModelCall) and e.settings.get("score")]
    assert prompts and all("Altogether 6.20\nQuestion: What is the total amount due?\nAnswer: 6.20"
                           in p for p in prompts)
    assert all(p.index("Answer: 6.20") < p.index("Altogether 7.50") for p in prompts)
    # unchanged examples: the cached result is used again
    third = executor.run(load_workflow(flow), november)
    assert third.steps["fields"].status == "cached"


def test_a_broken_example_is_left_out_with_a_warning(registry, llm, tmp_path):
    flow = saved_flow(tmp_path)
    november = slip(tmp_path / "november.pdf", "00533", [("Tea", "2.90")], "2.90")
    october = slip(tmp_path / "october.pdf", "00417", [("Coffee", "3.40")], "3.40")
    kept = add_example(examples_dir(flow), "fields", october,
                       {"vendor": "Tillys Kitchen", "invoice_number": "00417", "total": 3.4}, fields=FIELDS)
    (kept.folder / "record.json").write_text("{not json")
    events: list = []
    _, result = run(registry, llm, flow, november, events)
    assert result.ok and result.steps["held"].status == "done"
    warnings = [e.message for e in events if isinstance(e, StepLog) and e.level == "warning"]
    assert any("an example is left out" in m and kept.id in m for m in warnings), warnings


def test_an_unsaved_workflow_has_no_examples_and_still_runs(registry, llm, tmp_path):
    wf = workflow(f"""
    nodes:
    - {{id: input, type: core.input_file}}
    - {{id: read, type: documents.read}}
    - {{id: fields, type: ai.extract_fields, params: {{fields: {json.dumps(FIELDS)}}}}}
    - {{id: held, type: text.template, params: {{template: 'held'}}}}
    links:
    - {{from: input.file, to: read.file}}
    - {{from: read.document, to: fields.document}}
    - {{from: fields.review, to: held.record}}
    """)
    doc = slip(tmp_path / "n.pdf", "1", [("Tea", "2.90")], "2.90")
    result = Executor(registry, llm=llm).run(wf, doc)
    assert result.ok and result.steps["held"].status == "done"


def test_eval_lets_examples_teach_each_other_but_never_themselves(llm, tmp_path):
    from desktop.examples import load_examples
    from desktop.steps.extract_eval import run_examples

    folder = tmp_path / "examples"
    october = slip(tmp_path / "october.pdf", "00417", [("Coffee", "3.40"), ("Scone", "2.80")], "6.20")
    november = slip(tmp_path / "november.pdf", "00533", [("Tea", "2.90"), ("Toast", "1.50")], "4.40")
    add_example(folder, "fields", october,
                {"vendor": "Tillys Kitchen", "invoice_number": "00417", "total": 6.2}, fields=FIELDS)
    alone = run_examples(load_examples(folder, "fields", FIELDS)[0], {"fields": FIELDS}, llm).summary()
    assert alone["review_rate"] == 1.0            # nothing else to learn from: not itself
    add_example(folder, "fields", november,
                {"vendor": "Tillys Kitchen", "invoice_number": "00533", "total": 4.4}, fields=FIELDS)
    both = load_examples(folder, "fields", FIELDS)[0]
    taught = run_examples(both, {"fields": FIELDS}, llm).summary()
    assert taught["review_rate"] == 0.0 and taught["accuracy"] == 1.0, taught
    untaught = run_examples(both, {"fields": FIELDS}, llm, teach=False).summary()
    assert untaught["review_rate"] == 1.0
