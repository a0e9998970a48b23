import pytest

from desktop.engine.document import Document
from desktop.engine.errors import StepError
from desktop.steps.text import Template


def render(harness, template, **inputs):
    return harness.run(Template, {"template": template}, **inputs)["text"]


def test_template_over_document_and_record(harness, tmp_path):
    doc = Document(tmp_path / "a.pdf", "pdf", ("one", "two"), {"title": "T"})
    out = render(harness, "{{ document.metadata.title }}/{{ document.pages|length }}/"
                 "{{ record.total }}/{{ document.text }}", document=doc, record={"total": 3})
    assert out == "T/2/3/one\n\ntwo"


def test_missing_values_are_an_error_not_blank(harness):
    with pytest.raises(StepError, match="'record' is undefined"):
        render(harness, "total: {{ record.total }}")


def test_syntax_errors_name_the_line(harness):
    with pytest.raises(StepError, match=r"the template has an error \(line 2\)"):
        render(harness, "ok\n{% if %}", text="x")


def test_templates_are_sandboxed(harness):
    with pytest.raises(StepError, match="not allowed|is undefined"):
        render(harness, "{{ text.__class__.__mro__[1].__subclasses__() }}", text="x")
    with pytest.raises(StepError, match="not allowed"):
        render(harness, "{{ record.clear() }}", record={"a": 1})
