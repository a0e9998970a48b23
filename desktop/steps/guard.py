"""Guardrails: check a record against a schema and rules; pass or fail with reasons.

Rule kinds (one rule may combine several for one field):

- `{field, required: true}`; `{field, min: N}`, `{field, max: N}`; `{field, regex: '...'}`;
  `{field, allowed: [...]}`
- dates: `{field, date: true}` (an ISO date, YYYY-MM-DD), `{field, not_before: B,
  not_after: B}`: each bound an ISO date, `today`, or relative to today (`+30d`, `-2w`,
  `+6m`, `-10y`)
- `{field, currency: true}`: an ISO 4217 currency code
- `{field, grounded: true}`: the extract step's provenance says the value was found in
  the document
- totals: `{sum: [a, b], equals: total, tolerance: 0.01, if_present: false}`

An empty value (missing, null, '' or []) passes every rule but `required`.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from typing import Any, Mapping

import jsonschema

from desktop.engine.context import StepContext
from desktop.engine.errors import StepError
from desktop.engine.spec import Param, Port, Step, StepSpec
from desktop.engine.types import PortType
from desktop.steps.flow import _number, lookup

_FLAGS = ("required", "date", "currency", "grounded", "if_present")

# ISO 4217 active codes (list one, 2025), with funds codes and precious metals. Left out
# on purpose: XTS (reserved for testing) and XXX ("no currency"), which a model writes
# as a placeholder, not as a currency. Kept while invoices still carry them: ANG (to
# XCG, 2025), SLL (to SLE), ZWL (to ZWG), CUC, BGN.
ISO_4217 = frozenset("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD
BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP
DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR
IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD
MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB
PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD
SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS
VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XUA YER
ZAR ZMW ZWG ZWL
""".split())

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_RELATIVE = re.compile(r"([+-])(\d{1,4})([dwmy])")
_UNITS = {"d": "day", "w": "week", "m": "month", "y": "year"}
_BOUND_HELP = "must be an ISO date, 'today' or like '+1y', '-30d'"


def today() -> date:
    """The date relative bounds count from (tests pass `today=` to evaluate instead)."""
    return date.today()


# ---------------------------------------------------------------- dates

def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    if not 1 <= year <= 9999:
        raise OverflowError
    return d.replace(year=year, month=month, day=min(d.day, calendar.monthrange(year, month)[1]))


def _iso_date(value: Any) -> date | None:
    """A date from a date object or a YYYY-MM-DD string; None when it is neither."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _valid_bound(bound: Any) -> bool:
    if isinstance(bound, date) or bound == "today":
        return True
    if isinstance(bound, str):
        return _iso_date(bound) is not None or _RELATIVE.fullmatch(bound.strip()) is not None
    return False


def resolve_bound(bound: Any, now: date) -> tuple[date, str]:
    """(the date, how it was given when not as a date: ' (a year from today)')."""
    fixed = _iso_date(bound)
    if fixed is not None:
        return fixed, ""
    if bound == "today":
        return now, " (today)"
    m = _RELATIVE.fullmatch(str(bound).strip())
    if m is None:
        raise ValueError(f"not a date bound: {bound!r}")
    sign, n, unit = -1 if m[1] == "-" else 1, int(m[2]), m[3]
    try:
        if unit in "dw":
            d = now.fromordinal(now.toordinal() + sign * n * (7 if unit == "w" else 1))
        else:
            d = _add_months(now, sign * n * (12 if unit == "y" else 1))
    except (OverflowError, ValueError):
        d = date.max if sign > 0 else date.min
    if n == 0:
        return d, " (today)"
    amount = f"a {_UNITS[unit]}" if n == 1 else f"{n} {_UNITS[unit]}s"
    return d, f" ({amount} from today)" if sign > 0 else f" ({amount} ago)"


def _date_failures(field: str, value: Any, rule: Mapping[str, Any], now: date) -> list[str]:
    parsed = _iso_date(value)
    if parsed is None:
        if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
            return [f"{field} is {value!r}; it is not a real calendar date"]
        return [f"{field} is {value!r}; it is not a date in the form YYYY-MM-DD"]
    shown = value if isinstance(value, str) else parsed.isoformat()
    reasons = []
    if "not_before" in rule:
        bound, how = resolve_bound(rule["not_before"], now)
        if parsed < bound:
            reasons.append(f"{field} is {shown!r}; it must be on or after {bound.isoformat()}{how}")
    if "not_after" in rule:
        bound, how = resolve_bound(rule["not_after"], now)
        if parsed > bound:
            reasons.append(f"{field} is {shown!r}; it must be on or before {bound.isoformat()}{how}")
    return reasons


# ---------------------------------------------------------------- checks

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
            except (re.error, TypeError) as e:
                problems.append(f"rule {i}: the pattern is not a valid regular expression ({e})")
        if "sum" in r and (not isinstance(r["sum"], list) or "equals" not in r):
            problems.append(f"rule {i}: a total check is {{sum: [fields...], equals: field}}")
        for key in ("min", "max", "tolerance"):
            if key in r and (isinstance(r[key], bool) or not isinstance(r[key], (int, float))):
                problems.append(f"rule {i}: '{key}' must be a number")
        for key in ("not_before", "not_after"):
            if key in r and not _valid_bound(r[key]):
                problems.append(f"rule {i}: '{key}' {_BOUND_HELP}")
        for key in _FLAGS:
            if key in r and not isinstance(r[key], bool):
                problems.append(f"rule {i}: '{key}' must be true or false")
        if "if_present" in r and "sum" not in r:
            problems.append(f"rule {i}: 'if_present' belongs to a total check ({{sum: [...], ...}})")
    return problems


def _schema_field(err: jsonschema.ValidationError) -> str | None:
    path = [str(p) for p in err.absolute_path]
    if err.validator == "required":
        m = re.fullmatch(r"'(.+)' is a required property", err.message)
        if m:
            path.append(m[1])
    return ".".join(path) or None


def _absent(record: Mapping[str, Any], field: str) -> bool:
    found, value = lookup(record, field)
    return not found or value is None or value == ""


def failures(record: Mapping[str, Any], schema: dict | None, rules: list[dict],
             provenance: Mapping[str, Any] | None = None,
             today: date | None = None) -> list[tuple[str | None, str]]:
    """Every failed check as (the field it is about, or None for the whole record; the
    reason). A total check is about its `equals` field. `provenance` maps a field to
    {status: grounded | unverified | not_found | ambiguous, reason}, for 'grounded'
    rules; `today` is the date relative date bounds count from (default: the module's
    today())."""
    out: list[tuple[str | None, str]] = []
    now = today

    if schema:
        for err in jsonschema.Draft202012Validator(schema).iter_errors(record):
            where = "/".join(map(str, err.absolute_path)) or "the record"
            out.append((_schema_field(err), f"{where}: {err.message}"))
    for r in rules:
        if "sum" in r:
            fields = [*r["sum"], r["equals"]]
            if r.get("if_present") and any(_absent(record, f) for f in fields):
                continue
            parts = [_number(lookup(record, f)[1]) for f in r["sum"]]
            total = _number(lookup(record, r["equals"])[1])
            tol = float(r.get("tolerance", 0.01))
            if None in parts or total is None:
                out.append((r["equals"], f"{' + '.join(r['sum'])} = {r['equals']}: "
                                         "a value is missing or not a number"))
            # "within 0.01" includes 0.01 itself: 100 + 20 vs 120.01 differs by 0.0100000000000051
            elif abs(sum(parts) - total) > tol + 1e-9 * max(1.0, abs(total)):
                out.append((r["equals"], f"{' + '.join(r['sum'])} is {sum(parts):g}, "
                                         f"but {r['equals']} is {total:g}"))
            continue
        field = r["field"]
        found, value = lookup(record, field)
        empty = not found or value in (None, "", [])
        if r.get("required") and empty:
            out.append((field, f"{field} is missing"))
            continue
        if empty:
            continue
        reasons: list[str] = []
        num = _number(value)
        if "min" in r and (num is None or num < r["min"]):
            reasons.append(f"{field} is {value!r}; it must be at least {r['min']}")
        if "max" in r and (num is None or num > r["max"]):
            reasons.append(f"{field} is {value!r}; it must be at most {r['max']}")
        if "regex" in r and not re.fullmatch(r["regex"], str(value)):
            reasons.append(f"{field} is {value!r}; it does not match {r['regex']!r}")
        if "allowed" in r and str(value) not in [str(a) for a in r["allowed"]]:
            reasons.append(f"{field} is {value!r}; allowed: {', '.join(map(str, r['allowed']))}")
        if r.get("date") or "not_before" in r or "not_after" in r:
            now = now or _today()
            reasons += _date_failures(field, value, r, now)
        if r.get("currency"):
            reasons += _currency_failures(field, value)
        if r.get("grounded"):
            reasons += _grounded_failures(field, provenance)
        out += [(field, reason) for reason in reasons]
    return out


def _today() -> date:
    return today()      # the module function, looked up at call time (tests may patch it)


def _currency_failures(field: str, value: Any) -> list[str]:
    if isinstance(value, str) and value in ISO_4217:
        return []
    reason = f"{field} is {value!r}; it is not an ISO 4217 currency code"
    if isinstance(value, str) and value.strip().upper() in ISO_4217:
        reason += f" (did you mean '{value.strip().upper()}'?)"
    return [reason]


def _grounded_failures(field: str, provenance: Mapping[str, Any] | None) -> list[str]:
    if provenance is None:
        return [f"{field}: no provenance to check it is grounded "
                "(link the extract step's provenance output)"]
    found, entry = lookup(provenance, field)
    if not found or entry is None:
        return [f"{field} is not grounded in the document (the provenance has no entry for it)"]
    status = entry.get("status") if isinstance(entry, Mapping) else entry
    if status == "grounded":
        return []
    reason = entry.get("reason") if isinstance(entry, Mapping) else None
    status = status or "no status given"
    detail = f"{status}: {reason}" if reason else str(status)
    return [f"{field} is not grounded in the document ({detail})"]


def evaluate(record: Mapping[str, Any], schema: dict | None, rules: list[dict],
             provenance: Mapping[str, Any] | None = None,
             today: date | None = None) -> list[str]:
    """The reasons the record fails, in order; [] when it passes."""
    return [reason for _, reason in failures(record, schema, rules, provenance, today)]


class Validate(Step):
    spec = StepSpec(
        id="guard.validate",
        title="Check record",
        category="Guardrails",
        description="Checks a record against a JSON schema and rules (required, min/max, "
                    "pattern, allowed values, dates within bounds, ISO 4217 currency codes, "
                    "values grounded in the document, totals) and takes 'pass' or 'fail'; "
                    "the reasons are recorded.",
        inputs=(Port("record", PortType.JSON),
                Port("provenance", PortType.JSON, required=False,
                     help="the extract step's provenance, for 'grounded' rules")),
        outputs=(Port("pass", PortType.JSON, branch=True, help="the record, when every check passes"),
                 Port("fail", PortType.JSON, branch=True,
                      help="{record, reasons, fields: {field: [reasons]}}"),
                 Port("report", PortType.JSON, help="{valid, reasons}")),
        params=(Param("schema", "json", {}, help="optional JSON schema the record must match"),
                Param("rules", "json", [], help=(
                    "list of {field, ...} with required | min | max | regex | allowed | "
                    "date: true | not_before / not_after (an ISO date, 'today', '+30d', "
                    "'-10y', '+6m') | currency: true (ISO 4217) | grounded: true (needs the "
                    "provenance input); or {sum: [a, b], equals: total, tolerance: 0.01, "
                    "if_present: true (skip when a value is missing)}"))),
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
        provenance = inputs.get("provenance")
        if provenance is not None and not isinstance(provenance, Mapping):
            raise StepError("the provenance input is not a record of fields (a JSON object) "
                            f"but {type(provenance).__name__}")
        if isinstance(record, dict):
            found = failures(record, ctx.params["schema"] or None, ctx.params["rules"], provenance)
        else:
            found = [(None, f"the item is not a record (a JSON object) but {type(record).__name__}")]
        reasons = [reason for _, reason in found]
        report = {"valid": not reasons, "reasons": reasons}
        if reasons:
            fields: dict[str, list[str]] = {}
            for field, reason in found:
                if field is not None:
                    fields.setdefault(field, []).append(reason)
            ctx.log("check failed: " + "; ".join(reasons), "warning")
            return {"fail": {"record": record, "reasons": reasons, "fields": fields},
                    "report": report}
        return {"pass": record, "report": report}


STEPS = [Validate]
