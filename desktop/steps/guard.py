"""Guardrails: check a record against a schema and rules; pass or fail with reasons."""

from __future__ import annotations

import re
from typing import Any, Mapping

import jsonschema

from desktop.engine.context import StepContext
from desktop.engine.spec import Param, Port, Step, StepSpec
from desktop.engine.types import PortType
from desktop.steps.flow import _number, lookup

_KINDS = ("required", "min", "max", "regex", "allowed", "sum")


def check_guard_rules(rules: Any) -> list[str]:
    if not isinstance(rules, list):
        return ["option 'rules' must be a list"]
    problems = []
    for i, r in enumerate(rules, 1):
        if not isinstance(r, dict) or not ({"field", "sum"} & set(r)):
            problems.append(f"rule {i} needs a 'field' (or 'sum' for a total check)")
            continue
        if "regex" in r:
            try:
                re.compile(r["regex"])
            except re.error as e:
                problems.append(f"rule {i}: the pattern is not a valid regular expression ({e})")
        if "sum" in r and (not isinstance(r["sum"], list) or "equals" not in r):
            problems.append(f"rule {i}: a total check is {{sum: [fields...], equals: field}}")
        for key in ("min", "max", "tolerance"):
            if key in r and (isinstance(r[key], bool) or not isinstance(r[key], (int, float))):
                problems.append(f"rule {i}: '{key}' must be a number")
    return problems


def evaluate(record: Mapping[str, Any], schema: dict | None, rules: list[dict]) -> list[str]:
    reasons: list[str] = []
    if schema:
        for err in jsonschema.Draft202012Validator(schema).iter_errors(record):
            where = "/".join(map(str, err.absolute_path)) or "the record"
            reasons.append(f"{where}: {err.message}")
    for r in rules:
        if "sum" in r:
            parts = [_number(lookup(record, f)[1]) for f in r["sum"]]
            total = _number(lookup(record, r["equals"])[1])
            tol = float(r.get("tolerance", 0.01))
            if None in parts or total is None:
                reasons.append(f"{' + '.join(r['sum'])} = {r['equals']}: a value is missing or not a number")
            elif abs(sum(parts) - total) > tol:
                reasons.append(f"{' + '.join(r['sum'])} is {sum(parts):g}, but {r['equals']} is {total:g}")
            continue
        field = r["field"]
        found, value = lookup(record, field)
        empty = not found or value in (None, "", [])
        if r.get("required") and empty:
            reasons.append(f"{field} is missing")
            continue
        if empty:
            continue
        num = _number(value)
        if "min" in r and (num is None or num < r["min"]):
            reasons.append(f"{field} is {value!r}; it must be at least {r['min']}")
        if "max" in r and (num is None or num > r["max"]):
            reasons.append(f"{field} is {value!r}; it must be at most {r['max']}")
        if "regex" in r and not re.fullmatch(r["regex"], str(value)):
            reasons.append(f"{field} is {value!r}; it does not match {r['regex']!r}")
        if "allowed" in r and str(value) not in [str(a) for a in r["allowed"]]:
            reasons.append(f"{field} is {value!r}; allowed: {', '.join(map(str, r['allowed']))}")
    return reasons


class Validate(Step):
    spec = StepSpec(
        id="guard.validate",
        title="Check record",
        category="Guardrails",
        description="Checks a record against a JSON schema and rules (required, min/max, "
                    "pattern, allowed values, totals) and takes 'pass' or 'fail'; the reasons "
                    "are recorded.",
        inputs=(Port("record", PortType.JSON),),
        outputs=(Port("pass", PortType.JSON, branch=True, help="the record, when every check passes"),
                 Port("fail", PortType.JSON, branch=True, help="the record and why it failed"),
                 Port("report", PortType.JSON, help="{valid, reasons}")),
        params=(Param("schema", "json", {}, help="optional JSON schema the record must match"),
                Param("rules", "json", [], help="list of {field, required | min | max | regex | "
                                                "allowed} or {sum: [a, b], equals: total}")),
        routing=True,
    )

    @classmethod
    def check_params(cls, params: Mapping[str, Any]) -> list[str]:
        problems = check_guard_rules(params["rules"])
        if params["schema"]:
            try:
                jsonschema.Draft202012Validator.check_schema(params["schema"])
            except jsonschema.SchemaError as e:
                problems.append(f"option 'schema' is not a valid JSON schema: {e.message}")
        return problems

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        record = inputs["record"]
        if isinstance(record, dict):
            reasons = evaluate(record, ctx.params["schema"] or None, ctx.params["rules"])
        else:
            reasons = [f"the item is not a record (a JSON object) but {type(record).__name__}"]
        report = {"valid": not reasons, "reasons": reasons}
        if reasons:
            ctx.log("check failed: " + "; ".join(reasons), "warning")
            return {"fail": {"record": record, "reasons": reasons}, "report": report}
        return {"pass": record, "report": report}


STEPS = [Validate]
