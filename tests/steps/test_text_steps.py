import pytest

from desktop.engine.executor import Executor
from desktop.engine.validate import validate
from tests.engine.conftest import workflow

REPORT = """# Results

Pick rates rose by 61%.

Errors fell.

## Costs

Budget overrun 1.7%.
"""


def run_on(registry, text, body, tmp_path, llm=None):
    doc = tmp_path / "doc.md"
    doc.write_text(text)
    wf = workflow("""
    nodes:
    - {id: input, type: core.input_file}
    - {id: read, type: documents.read}
    """ + body)
    return Executor(registry, llm=llm).run(wf, doc)


def test_split_by_paragraphs_and_headings(registry, tmp_path):
    body = """
    - {id: paras, type: text.split, params: {by: paragraphs}}
    - {id: heads, type: text.split, params: {by: headings}}
    links:
    - {from: input.file, to: read.file}
    - {from: read.document, to: paras.document}
    - {from: read.document, to: heads.document}
    """
    run = run_on(registry, REPORT, body, tmp_path)
    assert run.ok, run.error
    assert [r["text"] for r in run.output("paras", "parts")] == [
        "# Results", "Pick rates rose by 61%.", "Errors fell.", "## Costs", "Budget overrun 1.7%."]
    assert [r["text"].splitlines()[0] for r in run.output("heads", "parts")] == ["# Results", "## Costs"]


def test_regex_extract_and_join(registry, tmp_path):
    body = """
    - {id: find, type: text.regex_extract, params: {pattern: '(?P<what>[A-Za-z ]+?) (?:rose|fell)'}}
    - {id: join, type: text.join, params: {separator: ' | '}}
    - {id: must, type: text.regex_extract, params: {pattern: 'IBAN', required: true}}
    links:
    - {from: input.file, to: read.file}
    - {from: read.document, to: find.text}
    - {from: find.rows, to: join.rows}
    - {from: read.document, to: must.text}
    """
    run = run_on(registry, REPORT, body, tmp_path)
    assert run.output("find", "record") == {"what": "Pick rates"}
    assert run.output("find", "rows") == [{"what": "Pick rates"}, {"what": "Errors"}]
    assert run.status == "failed" and run.failed_node == "must"
    assert "the pattern 'IBAN' was not found in the text" in run.error


def test_for_each_runs_a_step_on_every_part_and_merge_takes_the_branch(registry, tmp_path):
    body = """
    - {id: paras, type: text.split, params: {by: paragraphs}}
    - {id: each, type: flow.for_each, params: {step: text.template, params: {template: '<{{ text | upper }}>'}}}
    - {id: route, type: flow.route, params: {rules: [{branch: many, field: text, op: contains, value: ERRORS}]}}
    - {id: joined, type: text.join, params: {separator: ','}}
    - {id: merge, type: flow.merge}
    links:
    - {from: input.file, to: read.file}
    - {from: read.document, to: paras.document}
    - {from: paras.parts, to: each.rows}
    - {from: each.results, to: joined.rows}
    - {from: joined.text, to: route.item}
    - {from: route.many, to: merge.a}
    - {from: route.otherwise, to: merge.b}
    """
    run = run_on(registry, REPORT, body, tmp_path)
    assert run.ok, run.error
    values = [r["value"] for r in run.output("each", "results")]
    assert values[1] == "<PICK RATES ROSE BY 61%.>"
    assert run.output("merge", "item").startswith("<# RESULTS>,<PICK RATES ROSE BY 61%.>,<ERRORS FELL.>")
    assert run.output("route", "decision")["branch"] == "many"


def test_for_each_options_are_checked(registry):
    wf = workflow("""
    nodes:
    - {id: t, type: text.split}
    - {id: each, type: flow.for_each, params: {step: flow.route, params: {colour: red}}}
    - {id: each2, type: flow.for_each, params: {step: nope.nothing}}
    links:
    - {from: t.parts, to: each.rows}
    - {from: t.parts, to: each2.rows}
    """)
    msgs = [str(p) for p in validate(wf, registry)]
    assert any("'flow.route' cannot run once per row" in m for m in msgs)
    assert any("'flow.route' has no option 'colour'" in m for m in msgs)
    assert any("unknown step type 'nope.nothing'" in m for m in msgs)


@pytest.mark.model
def test_split_by_tokens_with_the_models_tokenizer(registry, llm, tmp_path):
    body = """
    - {id: parts, type: text.split, params: {by: tokens, size: 40, overlap: 0}}
    links:
    - {from: input.file, to: read.file}
    - {from: read.document, to: parts.document}
    """
    text = "A sentence about warehouses and robots. " * 30
    run = run_on(registry, text, body, tmp_path, llm=llm)
    parts = [r["text"] for r in run.output("parts", "parts")]
    assert len(parts) > 3 and "".join(parts) == text


def test_template_with_today_is_cached_the_same_day_and_renders_again_the_next(
        registry, tmp_path, monkeypatch):
    """{{ today }} is part of the step's signature: a re-run on the same day is cached,
    a run the next day renders the new date (the clock is the step's, set here)."""
    import datetime as dt

    from desktop.steps import text

    day = [dt.datetime(2026, 3, 9, 10, 0)]
    monkeypatch.setattr(text, "clock", lambda: day[0])
    doc = tmp_path / "doc.md"
    doc.write_text(REPORT)
    wf = workflow("""
    nodes:
    - {id: input, type: core.input_file}
    - {id: read, type: documents.read}
    - {id: stamp, type: text.template, params: {template: '{{ today }}: {{ document.name }}'}}
    - {id: when, type: text.template, params: {template: '{{ now }}'}}
    links:
    - {from: input.file, to: read.file}
    - {from: read.document, to: stamp.document}
    """)
    ex = Executor(registry)
    first = ex.run(wf, doc)
    assert first.ok, first.error
    assert first.output("stamp", "text") == "2026-03-09: doc.md"
    day[0] = dt.datetime(2026, 3, 9, 23, 59)
    again = ex.run(wf, doc)
    assert again.steps["stamp"].status == "cached"
    assert again.steps["when"].status == "done"      # {{ now }}: never the same
    day[0] = dt.datetime(2026, 3, 10, 0, 1)
    next_day = ex.run(wf, doc)
    assert next_day.steps["stamp"].status == "done"
    assert next_day.output("stamp", "text") == "2026-03-10: doc.md"
