"""Typing a correction into a review form: text to value by the field's type, a
sentence for what does not fit, and what a correction changed; how a waiting item
reads on a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.engine.document import Document
from desktop.review.fields import changes, parse, show
from desktop.review.items import ReviewItem

NUMBER = {"name": "total", "type": "number"}


@pytest.mark.parametrize("text, value", [
    ("214.08", 214.08), ("1,234.56", 1234.56), ("1.234,56", 1234.56), ("€ 56,02", 56.02),
    ("56.02 EUR", 56.02), ("1,5", 1.5), ("1,500", 1500.0), ("-3.20", -3.2), ("2 037.21", 2037.21),
    ("", None)])
def test_numbers_as_people_type_them(text, value):
    assert parse(NUMBER, text) == value


@pytest.mark.parametrize("field, text, says", [
    (NUMBER, "6.2O", "'6.2O' is not a number"),
    (NUMBER, "abc", "is not a number"),
    ({"name": "n", "type": "integer"}, "3.5", "is not a whole number"),
    ({"name": "d", "type": "date"}, "02.11.2026", "is not a date as YYYY-MM-DD"),
    ({"name": "d", "type": "date"}, "2026-13-01", "is not a date as YYYY-MM-DD"),
    ({"name": "b", "type": "boolean"}, "maybe", "answer yes or no"),
    ({"name": "c", "choices": ["EUR", "USD"]}, "GBP", "choose one of: EUR, USD"),
])
def test_what_does_not_fit_is_a_sentence(field, text, says):
    with pytest.raises(ValueError, match=says):
        parse(field, text)


def test_other_types_and_back():
    assert parse({"name": "d", "type": "date"}, " 2026-11-02 ") == "2026-11-02"
    assert parse({"name": "b", "type": "boolean"}, "Yes") is True
    assert parse({"name": "c", "choices": ["EUR", "USD"]}, "usd") == "USD"
    assert parse({"name": "l", "type": "list"}, "a; b ;; c") == ["a", "b", "c"]
    assert parse({"name": "n", "type": "integer"}, "12") == 12
    assert show(NUMBER, 214.0) == "214.00" and show(NUMBER, 6.2) == "6.20" and show(NUMBER, None) == ""
    assert show(NUMBER, 0.125) == "0.125"
    assert show({"name": "l", "type": "list"}, ["a", "b"]) == "a; b"
    assert show({"name": "b", "type": "boolean"}, False) == "no"


def test_changes_name_each_changed_field():
    assert changes({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": None}) == [{"field": "b", "before": 2, "after": 3}]
    assert changes(None, {"a": 1}) == [{"field": "a", "before": None, "after": 1}]


def item(payload) -> ReviewItem:  # type: ignore[no-untyped-def]
    return ReviewItem(1, "r", "ask", "/w/flow.yaml", "/in/x.pdf", "Check it", 0.0, payload)


def test_a_waiting_item_reads_as_its_fields_never_internal_encodings():
    review = item({"record": {"vendor": "ACME", "total": None},
                   "provenance": {"total": {"status": "not_found"}},
                   "reasons": [{"field": "total", "reason": "not found in the document"}]})
    assert review.is_extraction and review.workflow_name == "flow"
    assert review.lines() == ["record: vendor: ACME · total: —",
                              "to check: total: not found in the document"]
    assert review.why() == "total: not found in the document"
    doc = Document(Path("/in/notes.txt"), "text", ("\n  Budget approved\nNext",))
    assert item(doc).lines() == ["document: notes.txt: Budget approved"]
    assert item({"total": "120.50"}).lines() == ['{"total": "120.50"}']
    assert item({"total": "1"}).why() == "Check it" and item({"a": 1}).record == {"a": 1}
