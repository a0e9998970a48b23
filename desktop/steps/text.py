"""Text steps: a sandboxed Jinja2 template over the step's inputs."""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from desktop.engine.context import StepContext
from desktop.engine.errors import StepError
from desktop.engine.spec import Param, Port, Step, StepSpec
from desktop.engine.types import PortType

# Sandboxed and immutable: a template (or text inside a document) can read values,
# never call into Python internals or change anything.
_ENV = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                     keep_trailing_newline=True)


def template_problems(template: str, option: str) -> list[str]:
    """Syntax errors, found before any run."""
    try:
        _ENV.parse(template)
    except TemplateSyntaxError as e:
        return [f"option '{option}' has a template error at line {e.lineno}: {e.message}"]
    return []


def render(template: str, values: dict[str, Any]) -> str:
    try:
        return _ENV.from_string(template).render(**values)
    except UndefinedError as e:
        raise StepError(f"the template uses something that is not there: {e.message}") from None
    except SecurityError as e:
        raise StepError(f"the template tried something that is not allowed: {e}") from None
    except TemplateError as e:
        line = getattr(e, "lineno", None)
        where = f" (line {line})" if line else ""
        raise StepError(f"the template has an error{where}: {e.message}") from None


class Template(Step):
    spec = StepSpec(
        id="text.template",
        title="Template",
        category="Text",
        description="Builds text from a Jinja2 template over the inputs: {{ document.text }}, "
                    "{{ document.name }}, {{ document.metadata.title }}, {{ record.field }}, "
                    "{{ text }}, {{ today }}.",
        inputs=(
            Port("document", PortType.DOCUMENT, required=False, help="a document"),
            Port("text", PortType.TEXT, required=False, help="a piece of text"),
            Port("record", PortType.JSON, required=False, help="a JSON record"),
        ),
        outputs=(Port("text", PortType.TEXT, help="the rendered text"),),
        params=(
            Param("template", "text", "{{ text }}", required=True,
                  help="Jinja2 template; missing values are an error, not blank"),
        ),
        cache=False,     # {{ today }}, {{ now }} and {{ input }} are not inputs; it is cheap anyway
    )

    @classmethod
    def check_params(cls, params: Mapping[str, Any]) -> list[str]:
        return template_problems(params["template"], "template")

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        now = dt.datetime.now()
        values = {"today": now.date().isoformat(), "now": now.isoformat(timespec="seconds"),
                  "input": ctx.run_input.name if ctx.run_input else "", **inputs}
        return {"text": render(ctx.params["template"], values)}


STEPS = [Template]
