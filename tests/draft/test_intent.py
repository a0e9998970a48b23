"""What a sentence asks for, read without the model (desktop/draft/intent.py)."""

import pytest

from desktop.draft import _choices, hinted, read_sentence
from desktop.engine.registry import Registry

CHOICES = _choices(Registry.from_entry_points())


def read(sentence):
    return read_sentence(sentence, CHOICES)


def test_hints_follow_the_sentence():
    assert hinted("extract vendor and total, then file it in the ledger", CHOICES) == [
        "ai.extract_fields", "files.move_file", "files.append_row"]


def test_the_fields_the_sentence_names_are_extracted():
    intent = read("Extract the vendor, the due date and the total of each bill, then file it")
    assert [(f["name"], f["type"]) for f in intent.fields] == [
        ("vendor", "string"), ("due_date", "date"), ("total", "number")]


def test_filing_by_a_field_extracts_that_field():
    intent = read("when a PDF invoice arrives, extract the total and file it by vendor")
    assert intent.file_by == ["vendor"]
    assert [f["name"] for f in intent.fields] == ["total", "vendor"]
    assert read("File invoices by month").steps == ["ai.extract_fields", "files.move_file"]
    assert [f["name"] for f in read("File invoices by month").fields] == ["date"]


def test_labels_become_output_names():
    intent = read("Triage support tickets into bug, question and feature request")
    assert intent.steps == ["ai.classify"]
    assert intent.labels == ["bug", "question", "feature_request"]


@pytest.mark.parametrize("sentence,folder", [
    ("move them to the Contracts folder", "Contracts"),
    ("file it in a folder called Tax 2026", "Tax 2026"),
    ("archive it into 'Old scans'", "Old scans"),
])
def test_the_folder_the_sentence_names(sentence, folder):
    assert read(sentence).folder == folder


@pytest.mark.parametrize("sentence,asked", [
    ("summarize it and ask me to approve before it is moved", True),
    ("let me review them, then move them", True),
    ("Ask a person to sign off each expense claim", True),
    ("summarize it and move it", False),
])
def test_approval_is_there_when_asked(sentence, asked):
    assert read(sentence).approval is asked


@pytest.mark.parametrize("sentence", ["banana telescope whispers quietly", "hello",
                                      "the weather in Paris is lovely in spring"])
def test_a_sentence_with_no_action_asks_for_nothing(sentence):
    intent = read(sentence)
    assert intent.steps == [] and not intent.approval
