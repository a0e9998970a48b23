"""Comparing extracted records with labelled ones (no model)."""

from desktop.extract.evaluation import Evaluation, same

NUM = {"name": "total", "type": "number"}
DATE = {"name": "date", "type": "date"}
TEXT = {"name": "vendor", "type": "string"}


def test_values_are_compared_by_their_type():
    assert same(NUM, 214.08, 214.080001) and not same(NUM, 214.08, 214.09)
    assert same(DATE, "2026-11-02", "2026-11-02") and not same(DATE, "2026-11-02", "2026-02-11")
    assert same(TEXT, "NORTHWIND Office-Supplies", "Northwind Office Supplies")
    assert same({"name": "n", "type": "string"}, "INV 0417", "INV-0417")
    assert same(TEXT, None, None) and not same(TEXT, None, "x") and not same(TEXT, "x", None)
    assert same({"name": "l", "type": "list"}, ["b", "A"], ["a", "b"])


def test_a_wrong_value_is_silent_unless_it_was_sent_to_review():
    ev = Evaluation()
    specs = [NUM, DATE]
    ev.add(specs, {"total": 10.0, "date": "2026-01-01"},
           {"record": {"total": 11.0, "date": "2026-01-01"},
            "provenance": {"total": {"confidence": 0.9}, "date": {"confidence": 0.95}}}, 1.0, 0.6, "a")
    ev.add(specs, {"total": 10.0, "date": "2026-01-01"},
           {"review": {"record": {"total": 11.0, "date": None},
                       "reasons": [{"field": "total", "reason": "low"}, {"field": "date", "reason": "x"}]},
            "provenance": {"total": {"confidence": 0.3}, "date": {"confidence": 0.1}}}, 3.0, 0.6, "b")
    s = ev.summary()
    assert s["documents"] == 2 and s["fields"] == 4 and s["accuracy"] == 0.25
    assert s["silent_error_rate"] == 0.25 and s["silent_errors"] == ["a total: got 11.0, expected 10.0"]
    assert s["review_rate"] == 0.5 and s["seconds_per_document"] == 2.0
    assert s["accuracy_at_or_above_threshold"] == 0.5 and s["accuracy_below_threshold"] == 0.0
    both = Evaluation.combined([ev, ev]).summary()
    assert both["documents"] == 4 and both["accuracy"] == 0.25
