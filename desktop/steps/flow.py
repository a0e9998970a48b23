"""Flow steps: route by rules, with named branches."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping

from desktop.engine.context import StepContext
from desktop.engine.document import Document
from desktop.engine.errors import StepError
from desktop.engine.spec import Param, Port, Step, StepSpec
from desktop.engine.types import PortType

OPS = ("==", "!=", ">", ">=", "<", "<=", "contains", "matches", "exists", "in")
BRANCH = re.compile(r"^[a-z][a-z0-9_]*$")


def view(item: Any) -> dict[str, Any]:
    """The fields a rule can test, whatever flows in."""
    if isinstance(item, Document):
        size = item.path.stat().st_size if item.path.exists() else None
        return {"text": item.text, "kind": item.kind, "name": item.name, "pages": len(item.pages),
                "size": size, **{f"metadata.{k}": v for k, v in item.metadata.items()}}
    if isinstance(item, Path):
        return {"name": item.name, "kind": item.suffix.lower().lstrip("."),
                "size": item.stat().st_size if item.exists() else None}
    if isinstance(item, str):
        return {"text": item}
    if isinstance(item, dict):
        return item
    return {"value": item}


def lookup(fields: Mapping[str, Any], path: str) -> tuple[bool, Any]:
    if path in fields:
        return True, fields[path]
    value: Any = fields
    for part in path.split("."):
        if isinstance(value, Mapping) and part in value:
            value = value[part]
        else:
            return False, None
    return True, value


def _number(v: Any) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        try:
            return float(v.replace(",", "").strip())
        except ValueError:
            return None
    return None


def test(rule: Mapping[str, Any], fields: Mapping[str, Any]) -> tuple[bool, str]:
    found, value = lookup(fields, rule["field"])
    op, expected = rule.get("op", "exists"), rule.get("value")
    shown = f"{rule['field']} {op}" + ("" if op == "exists" else f" {expected!r}")
    if op == "exists":
        return found and value not in (None, ""), shown
    if not found or value is None:
        return False, shown
    if op in (">", ">=", "<", "<="):
        a, b = _number(value), _number(expected)
        if a is None or b is None:
            return False, shown
        return {">": a > b, ">=": a >= b, "<": a < b, "<=": a <= b}[op], shown
    if op == "==":
        return str(value).casefold() == str(expected).casefold(), shown
    if op == "!=":
        return str(value).casefold() != str(expected).casefold(), shown
    if op == "contains":
        return str(expected).casefold() in str(value).casefold(), shown
    if op == "in":
        return str(value).casefold() in [str(x).casefold() for x in expected], shown
    return re.search(str(expected), str(value)) is not None, shown


def check_rules(rules: Any) -> list[str]:
    if not isinstance(rules, list) or not rules:
        return ["option 'rules': list at least one rule, e.g. {branch: big, field: total, op: '>', value: 1000}"]
    problems = []
    for i, r in enumerate(rules, 1):
        if not isinstance(r, dict) or not isinstance(r.get("branch"), str) or not isinstance(r.get("field"), str):
            problems.append(f"rule {i} needs a 'branch' and a 'field'")
            continue
        if not BRANCH.match(r["branch"]) or r["branch"] in ("otherwise", "error"):
            problems.append(f"rule {i}: branch '{r['branch']}' must be lower-case letters, digits and "
                            "'_', and not 'otherwise' or 'error'")
        op = r.get("op", "exists")
        if op not in OPS:
            problems.append(f"rule {i}: op '{op}' is not one of {', '.join(OPS)}")
        elif op != "exists" and "value" not in r:
            problems.append(f"rule {i}: op '{op}' needs a 'value'")
        elif op == "matches":
            try:
                re.compile(str(r["value"]))
            except re.error as e:
                problems.append(f"rule {i}: the pattern is not a valid regular expression ({e})")
        elif op == "in" and not isinstance(r.get("value"), list):
            problems.append(f"rule {i}: op 'in' needs a list as its value")
    return problems


class Route(Step):
    spec = StepSpec(
        id="flow.route",
        title="Route",
        category="Flow",
        description="Sends the item down the branch of the first rule it matches (field "
                    "comparisons, regular expressions, file type, size); 'otherwise' when none does.",
        inputs=(Port("item", PortType.ANY, help="a record, a document, text or a file"),),
        outputs=(Port("otherwise", PortType.ANY, branch=True, help="when no rule matches"),
                 Port("decision", PortType.JSON, help="the branch taken and why")),
        params=(Param("rules", "json", [{"branch": "large", "field": "size", "op": ">", "value": 1000000}],
                      help="list of {branch, field, op, value}; ops: " + ", ".join(OPS)),),
        routing=True,
    )

    @classmethod
    def check_params(cls, params: Mapping[str, Any]) -> list[str]:
        return check_rules(params["rules"])

    @classmethod
    def outputs_for(cls, params: Mapping[str, Any]) -> tuple[Port, ...]:
        rules = params.get("rules") if isinstance(params.get("rules"), list) else []
        names = list(dict.fromkeys(r["branch"] for r in rules
                                   if isinstance(r, dict) and isinstance(r.get("branch"), str)))
        return tuple(Port(n, PortType.ANY, branch=True) for n in names) + cls.spec.outputs

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        item = inputs["item"]
        fields = view(item)
        for i, rule in enumerate(ctx.params["rules"], 1):
            try:
                hit, shown = test(rule, fields)
            except re.error as e:
                raise StepError(f"rule {i}: {e}") from None
            if hit:
                ctx.log(f"rule {i} ({shown}) matched -> branch '{rule['branch']}'")
                return {rule["branch"]: item, "decision": {"branch": rule["branch"], "rule": i, "why": shown}}
        ctx.log("no rule matched -> branch 'otherwise'")
        return {"otherwise": item, "decision": {"branch": "otherwise", "rule": None, "why": "no rule matched"}}


class ForEach(Step):
    spec = StepSpec(
        id="flow.for_each",
        title="For each",
        category="Flow",
        description="Runs one step on every row (pages, parts, records) and collects the "
                    "results as rows, e.g. ai.summarize on each part of a split text.",
        inputs=(Port("rows", PortType.ROWS, help="the items"),),
        outputs=(Port("results", PortType.ROWS, help="rows of {index, value}"),),
        params=(Param("step", "string", "text.template", required=True, help="the step to run on each"),
                Param("params", "json", {}, help="that step's options"),
                Param("output", "string", "", help="which output to collect (default: its first)")),
    )

    @staticmethod
    def _inner(params: Mapping[str, Any], registry: Any = None) -> tuple[Any, list[str]]:
        from desktop.engine.registry import default_registry

        cls = (registry or default_registry()).get(params["step"])
        if cls is None:
            return None, [f"option 'step': unknown step type '{params['step']}'"]
        spec = cls.spec
        problems = []
        if spec.routing or spec.source or not spec.inputs or spec.id == "human.approve":
            problems.append(f"option 'step': '{spec.id}' cannot run once per row")
        inner = params["params"] if isinstance(params["params"], dict) else {}
        for name in inner:
            if spec.param(name) is None:
                problems.append(f"option 'params': '{spec.id}' has no option '{name}'")
        values = spec.resolve_params(inner)
        problems += [m for p in spec.params if (m := p.check(values.get(p.name)))]
        outputs = [o.name for o in cls.outputs_for(values)]
        if params["output"] and params["output"] not in outputs:
            problems.append(f"option 'output': '{spec.id}' has no output '{params['output']}'")
        return cls, problems

    @classmethod
    def check_params(cls, params: Mapping[str, Any]) -> list[str]:
        return cls._inner(params)[1]

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        from desktop.engine.context import StepContext as Ctx
        from desktop.engine.spec import ERROR_PORT

        inner_cls, problems = self._inner(ctx.params, ctx.registry)
        if problems:
            raise StepError(problems[0])
        spec = inner_cls.spec
        port = next((p for p in spec.inputs if p.required), None) or next(
            (p for p in spec.inputs if p.type == PortType.TEXT), spec.inputs[0])
        values = spec.resolve_params(ctx.params["params"] or {})
        want = ctx.params["output"] or next(o.name for o in inner_cls.outputs_for(values)
                                            if o.name != ERROR_PORT)
        rows = inputs["rows"] or []
        results = []
        for i, row in enumerate(rows):
            ctx.progress(i / max(1, len(rows)), f"{spec.title.lower()} {i + 1} of {len(rows)}")
            item = row.get("text", row) if isinstance(row, dict) and port.type == PortType.TEXT else row
            sub = Ctx(**{**ctx.__dict__, "params": values, "node_id": f"{ctx.node_id}[{i + 1}]",
                         "_ops": []})
            out = inner_cls().run(sub, **{port.name: item})
            ctx.tokens_in += sub.tokens_in
            ctx.tokens_out += sub.tokens_out
            ctx.model = sub.model or ctx.model
            results.append({"index": i + 1, "value": out.get(want)})
        return {"results": results}


class Merge(Step):
    spec = StepSpec(
        id="flow.merge",
        title="Merge branches",
        category="Flow",
        description="Continues with whichever branch arrived: the first of a, b, c that was taken.",
        inputs=(Port("a", PortType.ANY, required=False), Port("b", PortType.ANY, required=False),
                Port("c", PortType.ANY, required=False)),
        outputs=(Port("item", PortType.ANY),),
        waits_for="any",
    )

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        for key in ("a", "b", "c"):
            if inputs.get(key) is not None:
                return {"item": inputs[key]}
        raise StepError("none of the merged branches delivered anything")


STEPS = [Route, ForEach, Merge]
