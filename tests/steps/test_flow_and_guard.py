import json

from desktop.engine.executor import Executor
from desktop.engine.validate import validate
from tests.engine.conftest import workflow


def routed(registry, record, rules, tmp_path):
    """Route the JSON text of `record` (a template step produces it)."""
    wf = workflow(f"""
    nodes:
    - {{id: src, type: text.template, params: {{template: {json.dumps(json.dumps(record))}}}}}
    - {{id: route, type: flow.route, params: {{rules: {json.dumps(rules)}}}}}
    links:
    - {{from: src.text, to: route.item}}
    """)
    return Executor(registry).run(wf)


def test_route_takes_the_first_matching_rule_and_says_why(registry, tmp_path):
    rules = [{"branch": "big", "field": "text", "op": "matches", "value": r'"total": \d{4,}'},
             {"branch": "northwind", "field": "text", "op": "contains", "value": "NORTHWIND"}]
    run = routed(registry, {"vendor": "Northwind Ltd", "total": 214.08}, rules, tmp_path)
    assert run.ok
    assert run.output("route", "decision") == {"branch": "northwind", "rule": 2,
                                               "why": "text contains 'NORTHWIND'"}
    assert "northwind" in run.steps["route"].outputs and "big" not in run.steps["route"].outputs
    other = routed(registry, {"vendor": "Acme", "total": 5}, rules, tmp_path)
    assert other.output("route", "decision")["branch"] == "otherwise"


def test_route_on_record_fields_and_documents(registry, tmp_path, samples):
    wf = workflow("""
    nodes:
    - {id: input, type: core.input_file}
    - {id: read, type: documents.read}
    - {id: route, type: flow.route, params: {rules: [
        {branch: long, field: pages, op: '>=', value: 2},
        {branch: pdf, field: kind, op: '==', value: pdf}]}}
    - {id: on_long, type: text.template, params: {template: 'long'}}
    - {id: on_pdf, type: text.template, params: {template: 'pdf'}}
    links:
    - {from: input.file, to: read.file}
    - {from: read.document, to: route.item}
    - {from: route.long, to: on_long.text}
    - {from: route.pdf, to: on_pdf.text}
    """)
    run = Executor(registry).run(wf, samples / "invoice-northwind.pdf")
    assert run.ok
    assert run.steps["on_long"].status == "done" and run.steps["on_pdf"].status == "skipped"


def test_bad_rules_are_found_before_the_run(registry):
    wf = workflow("""
    nodes:
    - {id: t, type: text.template}
    - {id: route, type: flow.route, params: {rules: [{branch: Big, field: total, op: '>'},
                                                      {branch: x, field: y, op: matches, value: '('},
                                                      {branch: z, field: y, op: near, value: 1}]}}
    - {id: g, type: guard.validate, params: {schema: {type: nonsense}, rules: [{regex: '['}]}}
    links:
    - {from: t.text, to: route.item}
    - {from: t.text, to: g.record}
    """)
    msgs = [str(p) for p in validate(wf, registry)]
    assert any("branch 'Big' must be lower-case" in m for m in msgs)
    assert any("rule 1: op '>' needs a 'value'" in m for m in msgs)
    assert any("rule 2: the pattern is not a valid regular expression" in m for m in msgs)
    assert any("rule 3: op 'near' is not one of" in m for m in msgs)
    assert any("node 'g': option 'schema' is not a valid JSON schema" in m for m in msgs)
    assert any("node 'g': rule 1 needs a 'field'" in m for m in msgs)
    assert any("link t.text -> g.record: output 'text' gives text but input 'record' takes json" in m
               for m in msgs)


def test_guard_passes_or_fails_with_reasons(registry):
    def check(record):
        wf = workflow("""
        nodes:
        - {id: src, type: text.template, params: {template: 'x'}}
        - {id: g, type: guard.validate, params: {
            schema: {type: object, required: [vendor]},
            rules: [{field: total, required: true, min: 0, max: 10000},
                    {field: currency, allowed: [EUR, GBP]},
                    {field: iban, regex: '[A-Z]{2}[0-9]{2}[A-Z0-9]+'},
                    {sum: [net, vat], equals: total}]}}
        links:
        - {from: src.text, to: g.record}
        """)
        from desktop.steps.guard import evaluate
        node = wf.node("g")
        return evaluate(record, node.params["schema"], node.params["rules"])

    assert check({"vendor": "A", "total": 120, "net": 100, "vat": 20, "currency": "EUR",
                  "iban": "DE44500105175407324931"}) == []
    reasons = check({"total": 20000, "net": 100, "vat": 20, "currency": "USD", "iban": "nope"})
    assert reasons == [
        "the record: 'vendor' is a required property",
        "total is 20000; it must be at most 10000",
        "currency is 'USD'; allowed: EUR, GBP",
        "iban is 'nope'; it does not match '[A-Z]{2}[0-9]{2}[A-Z0-9]+'",
        "net + vat is 120, but total is 20000"]


def test_guard_branches_in_a_run(registry):
    wf = workflow("""
    nodes:
    - {id: src, type: ai.prompt, params: {prompt: 'Say ok.'}}
    - {id: g, type: guard.validate, params: {rules: [{field: text, regex: 'ok.*'}]}}
    - {id: good, type: text.template, params: {template: 'filed'}}
    - {id: bad, type: text.template, params: {template: '{{ record.reasons | join(", ") }}'}}
    links:
    - {from: src.record, to: g.record}
    - {from: g.pass, to: good.record}
    - {from: g.fail, to: bad.record}
    """)
    assert validate(wf, registry) == []
    from desktop.steps.guard import Validate
    from tests.steps.conftest import Harness
    out = Harness().run(Validate, {"rules": [{"field": "text", "regex": "ok.*"}]}, record={"text": "no"})
    assert out == {"fail": {"record": {"text": "no"}, "reasons": ["text is 'no'; it does not match 'ok.*'"],
                            "fields": {"text": ["text is 'no'; it does not match 'ok.*'"]}},
                   "report": {"valid": False, "reasons": ["text is 'no'; it does not match 'ok.*'"]}}
    out = Harness().run(Validate, {"rules": [{"field": "text", "regex": "ok.*"}]}, record={"text": "okay"})
    assert out == {"pass": {"text": "okay"}, "report": {"valid": True, "reasons": []}}
