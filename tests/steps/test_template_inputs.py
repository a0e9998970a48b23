"""Validation finds a template variable that nothing will provide, before any run:
a `{{ text }}` with no `text` input linked used to pass `runnel validate` and fail
halfway through the run with "'text' is undefined"."""

import pytest

from desktop.engine.validate import validate
from tests.e2e.test_cli import runnel
from tests.engine.conftest import workflow


def problems(registry, step: str, template: str, linked: str = "") -> list[str]:
    option = "template" if step == "text.template" else "prompt"
    feeds = {"text": "{id: src, type: text.template, params: {template: hi}}",
             "record": "{id: src, type: guard.validate, params: {rules: []}}",
             "document": "{id: src, type: documents.read}"}
    nodes = [f"- {{id: t, type: {step}, params: {{{option}: '{template}'}}}}"]
    links = []
    if linked:
        nodes.append("- " + feeds[linked])
        port = {"text": "text", "record": "pass", "document": "document"}[linked]
        links.append(f"- {{from: src.{port}, to: t.{linked}}}")
        if linked == "record":
            nodes.append("- {id: r, type: text.template, params: {template: '{{ text }}'}}")
            links.append("- {from: r.text, to: src.record}")
        if linked == "document":
            nodes.append("- {id: i, type: core.input_file}")
            links.append("- {from: i.file, to: src.file}")
    wf = workflow("nodes:\n" + "\n".join(nodes) + "\nlinks:" + ("\n" + "\n".join(links) if links else " []"))
    return [p.message for p in validate(wf, registry) if p.node == "t"]


@pytest.mark.parametrize("step", ["text.template", "ai.prompt"])
def test_a_variable_whose_input_is_not_linked_is_a_problem(registry, step):
    option = "template" if step == "text.template" else "prompt"
    assert problems(registry, step, "Total: {{ text }}") == [
        f"option '{option}' uses {{{{ text }}}}, but its input 'text' is not connected"]
    assert problems(registry, step, "Total: {{ text }}", linked="text") == []


@pytest.mark.parametrize("step", ["text.template", "ai.prompt"])
def test_a_record_field_needs_the_record_linked_not_another_input(registry, step):
    found = problems(registry, step, "{{ record.vendor }}", linked="text")
    assert found and "its input 'record' is not connected" in found[0]
    assert problems(registry, step, "{{ record.vendor }}", linked="record") == []
    assert problems(registry, step, "{{ document.name }}", linked="document") == []


def test_a_name_that_is_no_input_at_all_says_what_there_is(registry):
    assert problems(registry, "text.template", "{{ vendor }}", linked="text") == [
        "option 'template' uses {{ vendor }}, which is not one of its inputs or values "
        "(document, text, record, today, now, input)"]


def test_values_the_step_gives_and_names_the_template_sets_are_not_problems(registry):
    assert problems(registry, "text.template", "{{ today }} {{ now }} {{ input }}") == []
    assert problems(registry, "text.template",
                    "{% set n = 2 %}{% for i in range(n) %}{{ i }}{% endfor %}") == []
    # the prompt step has no today/now/input: it renders over its inputs only
    assert "not one of its inputs" in problems(registry, "ai.prompt", "{{ today }}")[0]


def test_runnel_validate_reports_it(tmp_path):
    wf = tmp_path / "wf.yaml"
    wf.write_text("schema_version: 1\nname: t\nnodes:\n"
                  "- {id: t, type: text.template, params: {template: 'Dear {{ text }}'}}\n")
    proc = runnel("validate", str(wf))
    assert proc.returncode != 0
    assert "node 't': option 'template' uses {{ text }}, but its input 'text' is not connected" \
        in proc.stdout + proc.stderr
