"""guard.validate's plausibility rules: dates within bounds, ISO 4217 currencies,
values grounded in the document, totals only when their fields exist, structured
reasons, and the provenance input through a real run."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from desktop.engine.context import StepContext
from desktop.engine.executor import Executor
from desktop.engine.spec import Param, Port, Step, StepSpec
from desktop.engine.types import PortType
from desktop.engine.validate import validate
from desktop.steps import guard
from desktop.steps.guard import ISO_4217, Validate, check_guard_rules, evaluate, failures
from tests.engine.conftest import workflow
from tests.steps.conftest import Harness

TODAY = date(2026, 12, 1)
INVOICE_DATE = [{"field": "date", "not_before": "2000-01-01", "not_after": "+1y"}]


def reasons(record: dict, *rules: dict, **kw: Any) -> list[str]:
    kw.setdefault("today", TODAY)
    return evaluate(record, None, list(rules), **kw)


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("value", ["2000-01-01", "2026-12-01", "2027-12-01", "2013-06-30"])
def test_dates_inside_the_bounds_pass(value):
    assert reasons({"date": value}, *INVOICE_DATE) == []


def test_the_far_future_and_the_far_past_fail_with_the_bound_they_break():
    assert reasons({"date": "3122-12-20"}, *INVOICE_DATE) == [
        "date is '3122-12-20'; it must be on or before 2027-12-01 (a year from today)"]
    assert reasons({"date": "0320-04-20"}, *INVOICE_DATE) == [
        "date is '0320-04-20'; it must be on or after 2000-01-01"]


def test_the_bounds_are_inclusive_to_the_day():
    assert reasons({"date": "2027-12-02"}, *INVOICE_DATE) == [
        "date is '2027-12-02'; it must be on or before 2027-12-01 (a year from today)"]
    assert reasons({"date": "1999-12-31"}, *INVOICE_DATE) == [
        "date is '1999-12-31'; it must be on or after 2000-01-01"]


@pytest.mark.parametrize("bound,on,after,how", [
    ("today", "2026-12-01", "2026-12-02", "today"),
    ("+30d", "2026-12-31", "2027-01-01", "30 days from today"),
    ("+1d", "2026-12-02", "2026-12-03", "a day from today"),
    ("-30d", "2026-11-01", "2026-11-02", "30 days ago"),
    ("+2w", "2026-12-15", "2026-12-16", "2 weeks from today"),
    ("+6m", "2027-06-01", "2027-06-02", "6 months from today"),
    ("-1m", "2026-11-01", "2026-11-02", "a month ago"),
    ("+1y", "2027-12-01", "2027-12-02", "a year from today"),
    ("-10y", "2016-12-01", "2016-12-02", "10 years ago"),
    ("2026-06-30", "2026-06-30", "2026-07-01", None),
])
def test_not_after_counts_from_the_injected_today(bound, on, after, how):
    rule = {"field": "due", "not_after": bound}
    assert reasons({"due": on}, rule) == []
    suffix = f" ({how})" if how else ""
    assert reasons({"due": after}, rule) == [f"due is '{after}'; it must be on or before {on}{suffix}"]


def test_not_before_relative_to_today():
    rule = {"field": "due", "not_before": "-10y"}
    assert reasons({"due": "2016-12-01"}, rule) == []
    assert reasons({"due": "2016-11-30"}, rule) == [
        "due is '2016-11-30'; it must be on or after 2016-12-01 (10 years ago)"]
    assert reasons({"due": "2026-12-01"}, {"field": "due", "not_before": "today"}) == []
    assert reasons({"due": "2026-11-30"}, {"field": "due", "not_before": "today"}) == [
        "due is '2026-11-30'; it must be on or after 2026-12-01 (today)"]


def test_months_end_on_the_last_day_of_a_shorter_month():
    rule = {"field": "d", "not_after": "+1m"}
    assert reasons({"d": "2027-02-28"}, rule, today=date(2027, 1, 31)) == []
    assert reasons({"d": "2027-03-01"}, rule, today=date(2027, 1, 31)) == [
        "d is '2027-03-01'; it must be on or before 2027-02-28 (a month from today)"]
    assert reasons({"d": "2025-02-28"}, {"field": "d", "not_before": "-1y"},
                   today=date(2026, 2, 28)) == []


def test_today_moves_with_the_clock_when_not_given(monkeypatch):
    monkeypatch.setattr(guard, "today", lambda: date(2030, 1, 1))
    assert evaluate({"d": "2030-01-02"}, None, [{"field": "d", "not_after": "today"}]) == [
        "d is '2030-01-02'; it must be on or before 2030-01-01 (today)"]
    monkeypatch.setattr(guard, "today", lambda: date(2030, 1, 2))
    assert evaluate({"d": "2030-01-02"}, None, [{"field": "d", "not_after": "today"}]) == []


def test_a_yaml_date_works_as_a_bound_and_as_a_value():
    # an unquoted 2000-01-01 in a workflow file loads as a date, not a string
    rule = {"field": "d", "not_before": date(2000, 1, 1), "not_after": "+1y"}
    assert check_guard_rules([rule]) == []
    assert reasons({"d": date(2001, 1, 1)}, rule) == []
    assert reasons({"d": date(1999, 1, 1)}, rule) == ["d is '1999-01-01'; it must be on or after 2000-01-01"]


@pytest.mark.parametrize("value,why", [
    ("20/12/2022", "it is not a date in the form YYYY-MM-DD"),
    ("December 20, 2022", "it is not a date in the form YYYY-MM-DD"),
    ("2022-12-20T10:00:00", "it is not a date in the form YYYY-MM-DD"),
    ("22-12-20", "it is not a date in the form YYYY-MM-DD"),
    (20221220, "it is not a date in the form YYYY-MM-DD"),
    ("2026-02-30", "it is not a real calendar date"),
    ("2026-13-01", "it is not a real calendar date"),
])
def test_a_value_that_is_not_an_iso_date_fails_clearly(value, why):
    assert reasons({"date": value}, *INVOICE_DATE) == [f"date is {value!r}; {why}"]
    assert reasons({"date": value}, {"field": "date", "date": True}) == [f"date is {value!r}; {why}"]


def test_date_true_checks_only_the_form():
    assert reasons({"date": "3122-12-20"}, {"field": "date", "date": True}) == []
    assert reasons({"date": "3122-12-20"}, {"field": "date", "date": False}) == []


def test_a_missing_date_passes_unless_required():
    assert reasons({}, *INVOICE_DATE) == []
    assert reasons({"date": None}, *INVOICE_DATE) == []
    assert reasons({}, {**INVOICE_DATE[0], "required": True}) == ["date is missing"]


# ---------------------------------------------------------------- currency

@pytest.mark.parametrize("code", ["EUR", "USD", "GBP", "JPY", "CHF", "SEK", "INR", "XOF", "XCG", "ZWG"])
def test_iso_currency_codes_pass(code):
    assert reasons({"currency": code}, {"field": "currency", "currency": True}) == []


@pytest.mark.parametrize("value,hint", [
    ("EURO", ""), ("€", ""), ("$", ""), ("US$", ""), ("ABC", ""), ("XXX", ""), ("XTS", ""),
    ("HRK", ""), ("DEM", ""), ("eur", " (did you mean 'EUR'?)"), (" USD", " (did you mean 'USD'?)"),
    (978, ""),
])
def test_what_is_not_an_iso_currency_code_fails(value, hint):
    assert reasons({"currency": value}, {"field": "currency", "currency": True}) == [
        f"currency is {value!r}; it is not an ISO 4217 currency code{hint}"]


def test_the_currency_list_is_complete_and_clean():
    assert all(len(c) == 3 and c.isalpha() and c.isupper() for c in ISO_4217)
    assert len(ISO_4217) > 170
    assert {"EUR", "USD", "CNY", "BRL", "ZAR", "AUD", "NZD", "MXN", "KRW", "SGD"} <= ISO_4217


def test_currency_false_does_nothing_and_an_empty_currency_passes():
    assert reasons({"currency": "EURO"}, {"field": "currency", "currency": False}) == []
    assert reasons({"currency": ""}, {"field": "currency", "currency": True}) == []


# ---------------------------------------------------------------- grounded

PROVENANCE = {
    "vendor": {"status": "grounded", "page": 1},
    "total": {"status": "unverified", "reason": "214.08 is not in the text"},
    "iban": {"status": "not_found"},
    "date": {"status": "ambiguous", "reason": "two dates on the page"},
}


def test_a_grounded_value_passes():
    assert reasons({"vendor": "Northwind"}, {"field": "vendor", "grounded": True},
                   provenance=PROVENANCE) == []


@pytest.mark.parametrize("field,detail", [
    ("total", "unverified: 214.08 is not in the text"),
    ("iban", "not_found"),
    ("date", "ambiguous: two dates on the page"),
])
def test_a_value_not_grounded_fails_with_its_status(field, detail):
    assert reasons({field: "x"}, {"field": field, "grounded": True}, provenance=PROVENANCE) == [
        f"{field} is not grounded in the document ({detail})"]


def test_grounded_without_provenance_says_what_to_link():
    assert reasons({"vendor": "Northwind"}, {"field": "vendor", "grounded": True}) == [
        "vendor: no provenance to check it is grounded (link the extract step's provenance output)"]


def test_a_field_the_provenance_does_not_know_is_not_grounded():
    assert reasons({"po": "PO-1"}, {"field": "po", "grounded": True}, provenance=PROVENANCE) == [
        "po is not grounded in the document (the provenance has no entry for it)"]
    assert reasons({"po": "PO-1"}, {"field": "po", "grounded": True}, provenance={}) == [
        "po is not grounded in the document (the provenance has no entry for it)"]


def test_a_provenance_entry_may_be_a_bare_status():
    assert reasons({"a": "x"}, {"field": "a", "grounded": True}, provenance={"a": "grounded"}) == []
    assert reasons({"a": "x"}, {"field": "a", "grounded": True}, provenance={"a": "unverified"}) == [
        "a is not grounded in the document (unverified)"]
    assert reasons({"a": "x"}, {"field": "a", "grounded": True}, provenance={"a": {"page": 2}}) == [
        "a is not grounded in the document (no status given)"]


def test_grounded_false_needs_no_provenance_and_an_empty_value_passes():
    assert reasons({"vendor": "x"}, {"field": "vendor", "grounded": False}) == []
    assert reasons({"vendor": None}, {"field": "vendor", "grounded": True}) == []


# ---------------------------------------------------------------- totals

TOTAL = {"sum": ["subtotal", "tax"], "equals": "total", "tolerance": 0.01}


def test_a_total_within_tolerance_passes_and_outside_fails():
    assert reasons({"subtotal": 100, "tax": 20, "total": 120.01}, TOTAL) == []
    assert reasons({"subtotal": "100.00", "tax": "20.00", "total": "120.00"}, TOTAL) == []
    assert reasons({"subtotal": 100, "tax": 20, "total": 120.02}, TOTAL) == [
        "subtotal + tax is 120, but total is 120.02"]


def test_a_missing_value_fails_a_total_by_default():
    assert reasons({"subtotal": 100, "total": 120}, TOTAL) == [
        "subtotal + tax = total: a value is missing or not a number"]
    assert reasons({"subtotal": 100, "tax": 20}, TOTAL) == [
        "subtotal + tax = total: a value is missing or not a number"]


@pytest.mark.parametrize("record", [
    {"subtotal": 100, "total": 120},
    {"subtotal": 100, "tax": None, "total": 120},
    {"subtotal": 100, "tax": 20},
    {"subtotal": 100, "tax": 20, "total": ""},
    {},
])
def test_if_present_skips_a_total_when_a_field_is_missing(record):
    assert reasons(record, {**TOTAL, "if_present": True}) == []


def test_if_present_still_checks_a_total_whose_fields_exist():
    rule = {**TOTAL, "if_present": True}
    assert reasons({"subtotal": 100, "tax": 20, "total": 120}, rule) == []
    assert reasons({"subtotal": 100, "tax": 20, "total": 125}, rule) == [
        "subtotal + tax is 120, but total is 125"]
    # present but not a number is not "missing": still a failure
    assert reasons({"subtotal": 100, "tax": "twenty", "total": 120}, rule) == [
        "subtotal + tax = total: a value is missing or not a number"]
    assert reasons({"subtotal": 100, "total": 120}, {**TOTAL, "if_present": False}) == [
        "subtotal + tax = total: a value is missing or not a number"]


# ---------------------------------------------------------------- structured reasons

def test_failures_name_the_field_each_reason_is_about():
    schema = {"type": "object", "required": ["vendor"],
              "properties": {"lines": {"type": "array"}, "buyer": {"type": "object", "required": ["name"]}}}
    record = {"lines": "one", "buyer": {}, "date": "3122-12-20", "currency": "EURO",
              "subtotal": 1, "tax": 1, "total": 3}
    rules = [*INVOICE_DATE, {"field": "currency", "currency": True},
             {"field": "vendor_name", "grounded": True, "required": True},
             {"field": "currency", "grounded": True}, TOTAL]
    found = failures(record, schema, rules, provenance={"currency": {"status": "not_found"}}, today=TODAY)
    assert found == [
        ("vendor", "the record: 'vendor' is a required property"),
        ("lines", "lines: 'one' is not of type 'array'"),
        ("buyer.name", "buyer: 'name' is a required property"),
        ("date", "date is '3122-12-20'; it must be on or before 2027-12-01 (a year from today)"),
        ("currency", "currency is 'EURO'; it is not an ISO 4217 currency code"),
        ("vendor_name", "vendor_name is missing"),
        ("currency", "currency is not grounded in the document (not_found)"),
        ("total", "subtotal + tax is 2, but total is 3"),
    ]
    assert evaluate(record, schema, rules, provenance={"currency": {"status": "not_found"}},
                    today=TODAY) == [reason for _, reason in found]


def test_a_schema_error_about_the_whole_record_has_no_field():
    assert failures([], {"type": "object"}, []) == [(None, "the record: [] is not of type 'object'")]


def test_evaluate_keeps_its_three_argument_form():
    # the AI steps' `check` option calls evaluate(checked, None, rules)
    assert evaluate({"total": 5}, None, [{"field": "total", "min": 10}]) == [
        "total is 5; it must be at least 10"]
    assert evaluate({"total": 50}, None, [{"field": "total", "min": 10}]) == []


# ---------------------------------------------------------------- option problems

def test_bad_new_options_are_found_before_the_run():
    problems = check_guard_rules([
        {"field": "a", "required": True},
        {"field": "b", "not_before": "2000-01-01", "not_after": "+1y"},
        {"field": "c", "not_after": "+1q"},
        {"field": "d", "not_before": "next week"},
        {"field": "e", "not_before": "2026-02-30"},
        {"field": "f", "not_after": 2027},
        {"field": "g", "currency": "yes"},
        {"field": "h", "grounded": 1},
        {"sum": ["a", "b"], "equals": "c", "if_present": "true"},
        {"field": "i", "if_present": True},
        {"field": "j", "date": "iso"},
        {"field": "k", "not_after": "today", "not_before": "-30d", "currency": False, "grounded": True},
        {"sum": ["a", "b"], "equals": "c", "if_present": True, "tolerance": 0.5},
    ])
    assert problems == [
        "rule 3: 'not_after' must be an ISO date, 'today' or like '+1y', '-30d'",
        "rule 4: 'not_before' must be an ISO date, 'today' or like '+1y', '-30d'",
        "rule 5: 'not_before' must be an ISO date, 'today' or like '+1y', '-30d'",
        "rule 6: 'not_after' must be an ISO date, 'today' or like '+1y', '-30d'",
        "rule 7: 'currency' must be true or false",
        "rule 8: 'grounded' must be true or false",
        "rule 9: 'if_present' must be true or false",
        "rule 10: 'if_present' belongs to a total check ({sum: [...], ...})",
        "rule 11: 'date' must be true or false",
    ]


def test_bad_rules_name_the_node_in_a_workflow(registry):
    wf = workflow("""
    nodes:
    - {id: src, type: guardtest.emit_json}
    - {id: g, type: guard.validate, params: {rules: [{field: date, not_after: '+1q'},
                                                      {field: c, currency: 'yes'}]}}
    links:
    - {from: src.record, to: g.record}
    """)
    registry.load_pack("guardtest", lambda: [EmitJson])
    msgs = [str(p) for p in validate(wf, registry)]
    assert any("node 'g': rule 1: 'not_after' must be an ISO date, 'today' or like '+1y', '-30d'" in m
               for m in msgs), msgs
    assert any("node 'g': rule 2: 'currency' must be true or false" in m for m in msgs), msgs


# ---------------------------------------------------------------- the step

class EmitJson(Step):
    """Gives its `value` option as a JSON record (what an extract step would give)."""
    spec = StepSpec(id="guardtest.emit_json", title="Emit JSON", category="Test",
                    description="emits a record",
                    outputs=(Port("record", PortType.JSON),),
                    params=(Param("value", "json", {}),))

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        return {"record": ctx.params["value"]}


RULES = [{"field": "vendor", "required": True, "grounded": True},
         {"field": "total", "grounded": True},
         {"field": "currency", "currency": True},
         {"sum": ["subtotal", "tax"], "equals": "total", "if_present": True}]


def guarded_run(registry, record: dict, provenance: dict | None):
    registry.load_pack("guardtest", lambda: [EmitJson])
    prov_node = (f"- {{id: prov, type: guardtest.emit_json, params: {{value: {json.dumps(provenance)}}}}}"
                 if provenance is not None else "")
    prov_link = "- {from: prov.record, to: g.provenance}" if provenance is not None else ""
    wf = workflow(f"""
    nodes:
    - {{id: src, type: guardtest.emit_json, params: {{value: {json.dumps(record)}}}}}
    {prov_node}
    - {{id: g, type: guard.validate, params: {{rules: {json.dumps(RULES)}}}}}
    - {{id: good, type: text.template, params: {{template: 'filed'}}}}
    - {{id: bad, type: text.template, params: {{template: '{{{{ record.reasons | join("; ") }}}}'}}}}
    links:
    - {{from: src.record, to: g.record}}
    {prov_link}
    - {{from: g.pass, to: good.record}}
    - {{from: g.fail, to: bad.record}}
    """)
    assert validate(wf, registry) == []
    return Executor(registry).run(wf)


def test_the_provenance_input_is_optional_and_typed():
    port = next(p for p in Validate.spec.inputs if p.name == "provenance")
    assert port.type == PortType.JSON and not port.required
    assert port.help == "the extract step's provenance, for 'grounded' rules"
    help_text = next(p for p in Validate.spec.params if p.name == "rules").help
    for kind in ("not_before", "not_after", "currency", "grounded", "if_present"):
        assert kind in help_text


def test_a_run_with_grounded_provenance_passes(registry):
    record = {"vendor": "Northwind", "total": 120, "subtotal": 100, "tax": 20, "currency": "EUR"}
    run = guarded_run(registry, record, {"vendor": {"status": "grounded"}, "total": {"status": "grounded"}})
    assert run.ok
    assert run.output("g", "report") == {"valid": True, "reasons": []}
    assert run.steps["good"].status == "done" and run.steps["bad"].status == "skipped"


def test_a_run_with_unverified_provenance_fails_per_field(registry):
    record = {"vendor": "Northwind", "total": 999, "subtotal": 100, "tax": 20, "currency": "EURO"}
    provenance = {"vendor": {"status": "grounded"},
                  "total": {"status": "unverified", "reason": "999 is not in the text"}}
    run = guarded_run(registry, record, provenance)
    assert run.ok
    assert run.steps["good"].status == "skipped" and run.steps["bad"].status == "done"
    assert run.output("g", "fail") == {
        "record": record,
        "reasons": ["total is not grounded in the document (unverified: 999 is not in the text)",
                    "currency is 'EURO'; it is not an ISO 4217 currency code",
                    "subtotal + tax is 120, but total is 999"],
        "fields": {"total": ["total is not grounded in the document (unverified: 999 is not in the text)",
                             "subtotal + tax is 120, but total is 999"],
                   "currency": ["currency is 'EURO'; it is not an ISO 4217 currency code"]}}
    assert run.output("bad", "text").startswith("total is not grounded in the document")


def test_a_run_without_provenance_says_to_link_it(registry):
    run = guarded_run(registry, {"vendor": "Northwind", "currency": "EUR"}, None)
    assert run.ok
    assert run.output("g", "fail")["fields"] == {"vendor": [
        "vendor: no provenance to check it is grounded (link the extract step's provenance output)"]}


def test_the_step_passes_provenance_on_and_lists_fields_on_failure():
    rules = [{"field": "vendor", "grounded": True}, {"field": "date", "not_before": "2000-01-01"}]
    out = Harness().run(Validate, {"rules": rules}, record={"vendor": "A", "date": "0320-04-20"},
                        provenance={"vendor": {"status": "ambiguous", "reason": "two vendors"}})
    assert out["fail"]["fields"] == {
        "vendor": ["vendor is not grounded in the document (ambiguous: two vendors)"],
        "date": ["date is '0320-04-20'; it must be on or after 2000-01-01"]}
    out = Harness().run(Validate, {"rules": rules}, record={"vendor": "A", "date": "2020-04-20"},
                        provenance={"vendor": {"status": "grounded"}})
    assert out == {"pass": {"vendor": "A", "date": "2020-04-20"}, "report": {"valid": True, "reasons": []}}


def test_a_record_level_failure_has_no_field_entry():
    out = Harness().run(Validate, {"schema": {"type": "object", "minProperties": 2}, "rules": []},
                        record={"a": 1})
    assert len(out["fail"]["reasons"]) == 1 and out["fail"]["reasons"][0].startswith("the record: ")
    assert out["fail"]["fields"] == {}
