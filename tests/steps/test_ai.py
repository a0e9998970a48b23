"""AI steps on the real default model, through the executor and the worker."""

import json
import os

import jsonschema
import pytest

from desktop.engine.events import ModelCall, StepOutputDelta, StepProgress
from desktop.engine.executor import Executor
from desktop.engine.validate import validate
from desktop.llm import catalog
from desktop.llm.client import LLMClient
from desktop.extract.fields import fields_schema
from desktop.store.runs import RunStore
from tests.conftest import SAMPLES
from tests.engine.conftest import workflow

pytestmark = pytest.mark.model

INVOICE_FIELDS = [
    {"name": "vendor", "type": "string", "description": "the company that issued the invoice"},
    {"name": "date", "type": "date", "description": "the invoice date"},
    {"name": "total", "type": "number", "description": "the total amount due"},
    {"name": "items", "type": "list", "description": "the items bought"},
]


def read_then(step_yaml: str, extra_links: str = "") -> str:
    return f"""
    nodes:
    - {{id: input, type: core.input_file}}
    - {{id: read, type: documents.read}}
    {step_yaml}
    links:
    - {{from: input.file, to: read.file}}
    - {{from: read.document, to: ai.text}}
    {extra_links}
    """


def test_extract_fields_gives_a_record_valid_against_the_schema(registry, llm, events, tmp_path):
    fields = INVOICE_FIELDS[:3]
    store = RunStore(tmp_path / "h.db")
    wf = workflow(read_then(f"- {{id: ai, type: ai.extract_fields, params: {{fields: {json.dumps(fields)}}}}}"))
    ex = Executor(registry, llm=llm, listeners=[events.append, store.record])
    run = ex.run(wf, SAMPLES / "invoice-northwind.pdf")
    assert run.ok, run.error
    record = run.output("ai", "record")
    jsonschema.validate(record, fields_schema(fields))
    assert record == {"vendor": "Northwind Office Supplies Ltd", "date": "2026-11-02", "total": 214.08}
    # one scoring request per field, each recorded with its prompt
    calls = [e for e in events if isinstance(e, ModelCall)]
    assert len(calls) == 3 and all(c.settings["score"] for c in calls)
    assert calls[0].model == catalog.DEFAULT_MODEL_FILE and calls[0].tokens_in > 100
    step = [s for s in store.step_runs(run.run_id) if s["node_id"] == "ai"][0]
    assert step["model"] == catalog.DEFAULT_MODEL_FILE and step["tokens_in"] > 300
    assert store.model_calls(run.run_id)[0]["prompt_digest"] == calls[0].prompt_digest
    # the same input again: served from the cache, no model call
    again = ex.run(wf, SAMPLES / "invoice-northwind.pdf")
    assert again.steps["ai"].status == "cached"
    assert len([e for e in events if isinstance(e, ModelCall)]) == len(calls)


def test_classify_routes_to_one_label_branch(registry, llm):
    labels = [{"label": "invoice", "description": "a bill that asks for payment"},
              {"label": "recipe", "description": "instructions for cooking a dish"}]
    wf = workflow(read_then(
        f"""- {{id: ai, type: ai.classify, params: {{labels: {json.dumps(labels)}, threshold: 0.3}}}}
    - {{id: pay, type: text.template, params: {{template: 'PAY {{{{ text | length }}}}'}}}}
    - {{id: cook, type: text.template, params: {{template: 'COOK'}}}}""",
        """- {from: ai.invoice, to: pay.text}
    - {from: ai.recipe, to: cook.text}"""))
    run = Executor(registry, llm=llm).run(wf, SAMPLES / "invoice-northwind.pdf")
    assert run.ok, run.error
    result = run.output("ai", "result")
    assert set(result["scores"]) == {"invoice", "recipe"}
    assert abs(sum(result["scores"].values()) - 1) < 0.01
    assert result["label"] == "invoice" and result["branch"] == "invoice"
    assert result["reason"]
    assert run.steps["pay"].status == "done" and run.steps["cook"].status == "skipped"


def test_classify_below_the_threshold_is_uncertain(registry, llm):
    labels = [{"label": "alpha", "description": "x"}, {"label": "beta", "description": "x"}]
    wf = workflow(read_then(
        f"- {{id: ai, type: ai.classify, params: {{labels: {json.dumps(labels)}, threshold: 1.0, explain: false}}}}"))
    run = Executor(registry, llm=llm).run(wf, SAMPLES / "meeting-notes.md")
    assert run.ok
    assert run.output("ai", "result")["branch"] == "uncertain"
    assert "uncertain" in run.steps["ai"].outputs


def test_long_text_is_summarized_in_parts_with_progress(registry, events, tmp_path):
    client = LLMClient(n_ctx=1024)
    try:
        wf = workflow(read_then("- {id: ai, type: ai.summarize, params: {length: short, max_tokens: 120}}"))
        text = (SAMPLES / "field-study-report.md").read_text()
        doc = tmp_path / "report.md"
        doc.write_text(text[: len(text) // 3])
        run = Executor(registry, llm=client, listeners=[events.append]).run(wf, doc)
    finally:
        client.close()
    assert run.ok, run.error
    parts = [e.message for e in events if isinstance(e, StepProgress) and e.message.startswith("summarizing part")]
    assert len(parts) >= 2 and parts[0] == f"summarizing part 1 of {len(parts)}"
    calls = [e for e in events if isinstance(e, ModelCall)]
    assert len(calls) == len(parts) + 1                 # one per part, then the combination
    assert all(c.tokens_in + 120 <= 1024 for c in calls)   # nothing too long was sent
    assert len(run.output("ai", "text")) > 20


def test_translate_and_stream(registry, llm, events, tmp_path):
    doc = tmp_path / "note.txt"
    doc.write_text("Good morning. The meeting is on Monday at ten.")
    wf = workflow(read_then("- {id: ai, type: ai.translate, params: {target_language: French, max_tokens: 60}}"))
    run = Executor(registry, llm=llm, listeners=[events.append]).run(wf, doc)
    assert run.ok
    streamed = "".join(e.text for e in events if isinstance(e, StepOutputDelta))
    assert streamed.strip() == run.output("ai", "text")
    assert run.output("ai", "text") != doc.read_text()


def test_prompt_with_a_schema_and_a_template(registry, llm):
    schema = {"type": "object", "properties": {"topic": {"type": "string", "maxLength": 60},
                                                "people": {"type": "array", "maxItems": 6,
                                                           "items": {"type": "string", "maxLength": 30}}}}
    wf = workflow(f"""
    nodes:
    - {{id: input, type: core.input_file}}
    - {{id: read, type: documents.read}}
    - {{id: ai, type: ai.prompt, params: {{prompt: 'Who attended? {{{{ document.text }}}}', json_schema: {json.dumps(schema)}}}}}
    links:
    - {{from: input.file, to: read.file}}
    - {{from: read.document, to: ai.document}}
    """)
    run = Executor(registry, llm=llm).run(wf, SAMPLES / "meeting-notes.md")
    assert run.ok, run.error
    jsonschema.validate(run.output("ai", "record"), schema)


def test_problems_are_found_before_the_run(registry):
    wf = workflow("""
    nodes:
    - {id: t, type: text.template, params: {template: x}}
    - {id: fields, type: ai.extract_fields, params: {fields: [{name: iban, type: regex}]}}
    - {id: ask, type: ai.prompt, params: {json_schema: {type: object, properties: {a: {$ref: '#/x'}}}}}
    - {id: cls, type: ai.classify, params: {labels: [{label: only}]}}
    - {id: cls2, type: ai.classify, params: {labels: [{label: Bad Label}, {label: ok}]}}
    links:
    - {from: t.text, to: fields.text}
    - {from: t.text, to: cls.text}
    - {from: t.text, to: cls2.text}
    """)
    msgs = [str(p) for p in validate(wf, registry)]
    assert "workflow: node 'fields': option 'fields': field 'iban' has type 'regex'; the types are " \
           "string, number, integer, boolean, date, list (or give 'choices')" in msgs
    assert any("node 'ask': option 'json_schema' cannot be used for structured output: a uses "
               "'$ref', which structured output does not support" in m for m in msgs)
    assert any("node 'cls': option 'labels': list at least two labels" in m for m in msgs)
    assert any("node 'cls2': option 'labels': label 'Bad Label' must be lower-case" in m for m in msgs)


def test_no_model_installed_fails_the_step_clearly(registry, llm, monkeypatch, tmp_path):
    monkeypatch.setattr(catalog, "model_dirs", lambda: [tmp_path])
    wf = workflow(read_then("- {id: ai, type: ai.summarize}"))
    run = Executor(registry, llm=llm).run(wf, SAMPLES / "meeting-notes.md")
    assert run.status == "failed" and run.failed_node == "ai"
    assert run.error.startswith("no model is installed: run the set-up")


def test_a_named_model_that_does_not_exist(registry, llm):
    wf = workflow(read_then("- {id: ai, type: ai.summarize, params: {model: /nowhere/big.gguf}}"))
    run = Executor(registry, llm=llm).run(wf, SAMPLES / "meeting-notes.md")
    assert run.status == "failed" and run.error == "the model file /nowhere/big.gguf does not exist"


def test_a_prompt_longer_than_the_context_is_refused(registry, tmp_path):
    client = LLMClient(n_ctx=512)
    try:
        doc = tmp_path / "long.txt"
        doc.write_text("A long line of text about nothing in particular. " * 200)
        wf = workflow(read_then("- {id: ai, type: ai.prompt, params: {prompt: '{{ text }}'}}")
                      .replace("ai.text", "ai.text"))
        run = Executor(registry, llm=client).run(wf, doc)
    finally:
        client.close()
    assert run.status == "failed"
    assert "the prompt is longer than the" in run.error and "tokens that fit the context" in run.error


def test_worker_killed_mid_batch_fails_that_file_and_the_batch_goes_on(registry, tmp_path):
    client = LLMClient()
    docs = []
    for i in range(3):
        d = tmp_path / f"doc{i}.txt"
        d.write_text(f"Document {i}: please write a long and detailed story about ships.")
        docs.append(d)
    killed = []

    def on_event(e):
        if isinstance(e, StepOutputDelta) and not killed:
            killed.append(client.pid)
            os.kill(client.pid, 9)

    try:
        wf = workflow(read_then("- {id: ai, type: ai.prompt, params: {prompt: '{{ text }}', max_tokens: 200}}"))
        batch = Executor(registry, llm=client, listeners=[on_event]).run_batch(wf, docs)
    finally:
        client.close()
    assert [r.status for r in batch.runs] == ["failed", "done", "done"]
    assert "the inference worker was killed by SIGKILL while generating with " \
           f"{catalog.DEFAULT_MODEL_FILE}" in batch.runs[0].error


def test_an_ai_step_can_carry_an_output_check(registry, llm):
    fields = [{"name": "vendor", "type": "string"}, {"name": "total", "type": "number"}]
    check = [{"field": "total", "required": True, "min": 1000000}]       # no invoice is that big
    wf = workflow(read_then(
        f"""- {{id: ai, type: ai.extract_fields, on_error: branch,
        params: {{fields: {json.dumps(fields)}, check: {json.dumps(check)}}}}}
    - {{id: review, type: text.template, params: {{template: 'review: {{{{ record.message }}}}'}}}}""",
        "- {from: ai.error, to: review.record}"))
    run = Executor(registry, llm=llm).run(wf, SAMPLES / "invoice-northwind.pdf")
    assert run.ok and run.steps["ai"].status == "failed"
    # extract_fields sends a record failing its check to review; with nothing linked to
    # 'review' the step fails, naming the field and the rule
    assert run.output("review", "text").startswith(
        "review: the record needs a person's review (total: total is 214.08; it must be at "
        "least 1000000)")


def test_a_bad_output_check_is_found_before_the_run(registry):
    wf = workflow(read_then("- {id: ai, type: ai.summarize, params: {check: [{regex: '('}]}}"))
    msgs = [str(p) for p in validate(wf, registry)]
    assert any("option 'check': rule 1 needs a 'field'" in m for m in msgs)
