"""Text steps: a sandboxed Jinja2 template, split, find with a pattern, join."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from typing import Any, Callable, Mapping

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError, meta
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from desktop.engine.context import StepContext
from desktop.engine.errors import StepError
from desktop.engine.spec import Param, Port, Step, StepSpec
from desktop.engine.types import PortType

# Sandboxed and immutable: a template (or text inside a document) can read values,
# never call into Python internals or change anything.
_ENV = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                     keep_trailing_newline=True)


# The template step's clock: tests put a fixed one here, so "another day" needs no waiting.
clock: Callable[[], dt.datetime] = dt.datetime.now


def template_problems(template: str, option: str) -> list[str]:
    """Syntax errors, found before any run."""
    try:
        _ENV.parse(template)
    except TemplateSyntaxError as e:
        return [f"option '{option}' has a template error at line {e.lineno}: {e.message}"]
    return []


def unfed_variables(template: str, option: str, inputs: tuple[str, ...], linked: frozenset[str],
                    given: tuple[str, ...] = ()) -> list[str]:
    """The template's variables that nothing will provide when it runs: an input port
    with no link, or a name that is neither an input nor one the step gives (`given`).
    Found before any run, instead of "'text' is undefined" halfway through one."""
    try:
        names = meta.find_undeclared_variables(_ENV.parse(template or ""))
    except TemplateSyntaxError:
        return []                  # reported by template_problems
    problems = []
    for name in sorted(names - set(given)):
        if name in inputs and name not in linked:
            problems.append(f"option '{option}' uses {{{{ {name} }}}}, but its input '{name}' "
                            "is not connected")
        elif name not in inputs:
            known = ", ".join(inputs + given)
            problems.append(f"option '{option}' uses {{{{ {name} }}}}, which is not one of its "
                            f"inputs or values ({known})")
    return problems


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
    )

    @classmethod
    def depends_on(cls, workflow: Any, node_id: str, params: Mapping[str, Any]) -> str:
        """`{{ today }}` is not an input: the date joins the cache key, so a re-run on the
        same day is cached and one on the next day renders again. `{{ now }}` (to the
        second) and `{{ input }}` (the run's file name, which the key cannot see) make a
        key of their own each time: never cached, as before."""
        try:
            names = meta.find_undeclared_variables(_ENV.parse(params.get("template") or ""))
        except TemplateSyntaxError:
            return ""              # the run fails with the template error anyway
        if names & {"now", "input"}:
            return f"uncached:{uuid.uuid4().hex}"
        return f"today={clock().date().isoformat()}" if "today" in names else ""

    @classmethod
    def check_params(cls, params: Mapping[str, Any]) -> list[str]:
        return template_problems(params["template"], "template")

    @classmethod
    def check_inputs(cls, params: Mapping[str, Any], linked: frozenset[str]) -> list[str]:
        return unfed_variables(params["template"], "template",
                               tuple(p.name for p in cls.spec.inputs), linked,
                               given=("today", "now", "input"))

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        now = clock()
        values = {"today": now.date().isoformat(), "now": now.isoformat(timespec="seconds"),
                  "input": ctx.run_input.name if ctx.run_input else "", **inputs}
        return {"text": render(ctx.params["template"], values)}



_HEADING = re.compile(r"^(#{1,6} .+|[A-Z0-9][A-Z0-9 ,.&'-]{3,80}|\d+(\.\d+)*\.? [A-Z].{0,80})$")


def split_text(text: str, pages: tuple[str, ...] | None, mode: str) -> list[str]:
    if mode == "pages":
        return [p for p in (pages or (text,)) if p.strip()]
    if mode == "paragraphs":
        return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    # headings: a new part starts at each heading line
    parts, current = [], []
    for line in text.splitlines():
        if _HEADING.match(line.strip()) and any(l.strip() for l in current):
            parts.append("\n".join(current).strip())
            current = []
        current.append(line)
    if any(l.strip() for l in current):
        parts.append("\n".join(current).strip())
    return parts


class Split(Step):
    spec = StepSpec(
        id="text.split",
        title="Split text",
        category="Text",
        description="Splits a document or text into parts: by pages, paragraphs, headings, or "
                    "by tokens of the model with overlap. Each part is a row {index, text}.",
        inputs=(Port("document", PortType.DOCUMENT, required=False),
                Port("text", PortType.TEXT, required=False)),
        outputs=(Port("parts", PortType.ROWS, help="rows of {index, text}"),),
        params=(Param("by", "choice", "paragraphs", choices=("pages", "paragraphs", "headings", "tokens")),
                Param("size", "int", 800, min=32, max=32000, help="tokens per part (by tokens)"),
                Param("overlap", "int", 80, min=0, max=4000, help="tokens shared by neighbours (by tokens)"),
                Param("model", "string", "", help="whose tokenizer counts (by tokens)")),
        uses_model=True,
    )

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        doc = inputs.get("document")
        text = doc.text if doc is not None else inputs.get("text")
        if text is None:
            raise StepError("connect a document or a text to split")
        p = ctx.params
        if p["by"] == "tokens":
            from desktop.llm import catalog
            from desktop.steps.aibase import model_call

            if ctx.llm is None:
                raise StepError("splitting by tokens needs the local model's tokenizer")
            model = model_call(lambda: catalog.find_model(p["model"]))
            parts, _ = model_call(lambda: ctx.llm.chunks(model, text, p["size"], p["overlap"], ctx.cancel))
        else:
            parts = split_text(text, doc.pages if doc is not None else None, p["by"])
        return {"parts": [{"index": i + 1, "text": t} for i, t in enumerate(parts)]}


class RegexExtract(Step):
    spec = StepSpec(
        id="text.regex_extract",
        title="Find with a pattern",
        category="Text",
        description="Finds a regular expression in the text. Named groups become the record's "
                    "fields, e.g. 'Invoice No\\. (?P<number>\\S+)'; every match is also a row.",
        inputs=(Port("text", PortType.TEXT),),
        outputs=(Port("record", PortType.JSON, help="the first match's groups (empty when none)"),
                 Port("rows", PortType.ROWS, help="every match")),
        params=(Param("pattern", "string", r"(?P<number>\d+)", required=True),
                Param("ignore_case", "bool", True),
                Param("required", "bool", False, help="fail when nothing matches")),
    )

    @classmethod
    def check_params(cls, params: Mapping[str, Any]) -> list[str]:
        try:
            re.compile(params["pattern"])
        except re.error as e:
            return [f"option 'pattern' is not a valid regular expression ({e})"]
        return []

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        flags = re.IGNORECASE if ctx.params["ignore_case"] else 0
        rx = re.compile(ctx.params["pattern"], flags)
        rows = []
        for m in rx.finditer(inputs["text"]):
            rows.append(m.groupdict() if rx.groupindex else {"match": m.group(0)})
            if len(rows) >= 10000:
                break
        if not rows and ctx.params["required"]:
            raise StepError(f"the pattern {ctx.params['pattern']!r} was not found in the text")
        return {"record": rows[0] if rows else {}, "rows": rows}


class Join(Step):
    spec = StepSpec(
        id="text.join",
        title="Join text",
        category="Text",
        description="Joins texts, and the text (or value) of each row, with a separator.",
        inputs=(Port("a", PortType.TEXT, required=False), Port("b", PortType.TEXT, required=False),
                Port("rows", PortType.ROWS, required=False)),
        outputs=(Port("text", PortType.TEXT),),
        params=(Param("separator", "text", "\n\n"),),
    )

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        pieces = [inputs[k] for k in ("a", "b") if inputs.get(k) is not None]
        for row in inputs.get("rows") or []:
            if isinstance(row, dict):
                value = row.get("text", row.get("value", row))
                pieces.append(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
            else:
                pieces.append(str(row))
        return {"text": ctx.params["separator"].join(pieces)}


STEPS = [Template, Split, RegexExtract, Join]
