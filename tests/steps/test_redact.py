import pytest

from desktop.engine.validate import validate
from desktop.steps.redact import RedactPII
from tests.engine.conftest import workflow


def test_the_step_redacts_and_reports_positions_not_values(harness):
    text = "Dear client,\nwrite to ops@example.com, card 4111 1111 1111 1111, case AB-1234-XY."
    out = harness.run(RedactPII, {"patterns": [{"label": "case", "pattern": r"AB-\d{4}-[A-Z]{2}"}]},
                      text=text)
    assert out["text"] == "Dear client,\nwrite to [EMAIL], card [CREDIT_CARD], case [CASE]."
    removed = out["report"]["removed"]
    assert [(r["category"], r["line"], r["column"]) for r in removed] == [
        ("email", 2, 10), ("credit_card", 2, 32), ("case", 2, 58)]
    assert "ops@example.com" not in str(out["report"])
    assert out["report"]["counts"] == {"email": 1, "credit_card": 1, "case": 1}


def test_bad_options_are_found_before_the_run(registry):
    wf = workflow("""
    nodes:
    - {id: t, type: text.template}
    - {id: r, type: text.redact_pii, params: {categories: [email, ssn], patterns: [{label: x, pattern: '('}]}}
    links:
    - {from: t.text, to: r.text}
    """)
    msgs = [str(p) for p in validate(wf, registry)]
    assert any("option 'categories' must list some of email" in m for m in msgs)
    assert any("pattern 1 ('x') is not a valid regular expression" in m for m in msgs)


@pytest.mark.model
def test_the_ai_pass_adds_names_and_records_its_tokens(registry, llm, tmp_path):
    from desktop.engine.executor import Executor

    doc = tmp_path / "letter.txt"
    doc.write_text("From Margaret Thornton, 14 Elm Road, Bristol.\nPlease call 020 7946 0958.")
    wf = workflow("""
    nodes:
    - {id: input, type: core.input_file}
    - {id: read, type: documents.read}
    - {id: r, type: text.redact_pii, params: {ai_names: true}}
    links:
    - {from: input.file, to: read.file}
    - {from: read.document, to: r.text}
    """)
    run = Executor(registry, llm=llm).run(wf, doc)
    assert run.ok, run.error
    assert "[PHONE]" in run.output("r", "text")
    assert run.steps["r"].status == "done"
    cats = set(run.output("r", "report")["counts"])
    assert cats <= {"phone", "name", "address"} and "phone" in cats


@pytest.mark.model
def test_the_ai_pass_on_a_crowded_letter_ends_within_its_token_budget(registry, llm, tmp_path):
    """The small model repeats a name until it runs out of room; the list's bound and
    the step's max_tokens must end the pass quickly, and each name counts once."""
    from desktop.engine.events import StepStatusChanged
    from desktop.engine.executor import Executor

    doc = tmp_path / "minutes.txt"
    doc.write_text("Present: Margaret Thornton, Oliver Grant, Priya Raman and Margaret Thornton's "
                   "assistant. Oliver Grant chaired; Priya Raman took notes. Margaret Thornton, "
                   "14 Elm Road, Bristol, will circulate them. Call 020 7946 0958.")
    wf = workflow("""
    nodes:
    - {id: input, type: core.input_file}
    - {id: read, type: documents.read}
    - {id: r, type: text.redact_pii, params: {ai_names: true, max_tokens: 96}}
    links:
    - {from: input.file, to: read.file}
    - {from: read.document, to: r.text}
    """)
    events = []
    run = Executor(registry, llm=llm, listeners=[events.append]).run(wf, doc)
    assert run.ok, run.error
    done = [e for e in events if isinstance(e, StepStatusChanged) and e.node_id == "r"
            and e.status == "done"]
    assert done and done[-1].tokens_out <= 96
    report = run.output("r", "report")["removed"]
    spans = [(f["start"], f["end"]) for f in report]
    assert len(spans) == len(set(spans))                # no place is reported twice
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))   # nor overlapping
    assert "[PHONE]" in run.output("r", "text")
