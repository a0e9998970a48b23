"""The labelled-examples store on real files: add, list, replace, remove, the bad
folders load_examples reports instead of raising, and where examples live."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from desktop.engine import atomic
from desktop.engine.fileformat import loads
from desktop.examples import (Example, ExampleError, add_example, check_record, examples_dir,
                              format_value, list_examples, load_all, load_examples, remove_example)
from desktop.examples import location, store
from tests.conftest import SAMPLES, WORKFLOWS
from tests.pdfmaker import write_pdf

INVOICE = SAMPLES / "invoice-northwind.pdf"
FIELDS = [{"name": "vendor", "type": "string", "description": "who issued it"},
          {"name": "invoice_number", "type": "string"},
          {"name": "date", "type": "date"},
          {"name": "total", "type": "number"},
          {"name": "lines", "type": "integer", "required": False},
          {"name": "paid", "type": "boolean", "required": False},
          {"name": "tags", "type": "list", "required": False},
          {"name": "currency", "choices": ["EUR", "USD"], "required": False}]
FLOW = """schema_version: 1
name: Invoices
nodes:
- {id: read, type: documents.read}
- id: fields
  type: ai.extract_fields
  params:
    fields:
    - {name: vendor, type: string}
    - {name: invoice_number, type: string}
    - {name: date, type: date}
    - {name: total, type: number}
links:
- {from: read.document, to: fields.text}
"""
RECORD = {"vendor": "Northwind Traders", "invoice_number": "2026-0417", "date": "2026-04-17",
          "total": 1234.5}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    return write_pdf(tmp_path / "acme.pdf", ["ACME Corp\nInvoice INV-7\nTotal 99.00 EUR"])


# ---------------------------------------------------------------- add, list, remove

def test_add_copies_the_document_and_writes_the_record(tmp_path):
    d = tmp_path / "ex"
    ex = add_example(d, "fields", INVOICE, dict(RECORD), fields=FIELDS, note="checked by hand")
    digest = sha(INVOICE)
    assert ex.id == digest[:12] and ex.node_id == "fields" and ex.sha256 == digest
    assert ex.document == d / "fields" / ex.id / "document.pdf"
    assert ex.document.read_bytes() == INVOICE.read_bytes()
    assert not ex.replaced and ex.added_by == "cli" and ex.source == "invoice-northwind.pdf"
    saved = json.loads((ex.folder / "record.json").read_text())
    assert set(saved) == {"record", "source", "sha256", "added", "added_by", "note"}
    assert saved["record"] == {**RECORD, "lines": None, "paid": None, "tags": None, "currency": None}
    assert list(saved["record"]) == [f["name"] for f in FIELDS]       # the fields' order
    assert saved["source"] == "invoice-northwind.pdf" and saved["sha256"] == digest
    assert saved["added_by"] == "cli" and saved["note"] == "checked by hand"
    assert saved["added"][:4].isdigit() and "T" in saved["added"]     # ISO time
    assert visible(ex.folder) == ["document.pdf", "record.json"]
    assert visible(d / "fields") == [ex.id]                             # no temporary left

    [listed] = list_examples(d)
    assert listed == Example(ex.id, "fields", ex.document, saved["record"], "invoice-northwind.pdf",
                             digest, saved["added"], "cli", "checked by hand")


def test_the_same_document_again_replaces_its_record(tmp_path, pdf):
    d = tmp_path / "ex"
    first = add_example(d, "fields", pdf, {**RECORD, "total": 99}, fields=FIELDS)
    again = add_example(d, "fields", pdf, {**RECORD, "total": 99.0, "currency": "EUR"},
                        fields=FIELDS, added_by="review")
    assert again.replaced and again.id == first.id
    [ex] = list_examples(d, "fields")
    assert ex.record["currency"] == "EUR" and ex.added_by == "review"
    assert visible(d / "fields") == [first.id]
    # the same bytes under another name and extension: still one example, one document
    renamed = tmp_path / "acme copy.PDF"
    shutil.copy(pdf, renamed)
    assert add_example(d, "fields", renamed, RECORD, fields=FIELDS).replaced
    [ex] = list_examples(d)
    assert ex.source == "acme copy.PDF" and visible(ex.folder) == ["document.pdf", "record.json"]
    bare = tmp_path / "acme-scan"
    shutil.copy(pdf, bare)
    assert add_example(d, "fields", bare, RECORD, fields=FIELDS).replaced
    [ex] = list_examples(d)
    assert visible(ex.folder) == ["document", "record.json"]         # the older copy is gone
    # another step keeps its own examples of the same document
    other = add_example(d, "other", pdf, {"anything": 1})
    assert not other.replaced and [e.node_id for e in list_examples(d)] == ["fields", "other"]


def test_two_adds_of_the_same_document_at_once(tmp_path, pdf, monkeypatch):
    """The folder appears between the check and the rename: the second add replaces."""
    d = tmp_path / "ex"
    add_example(d, "fields", pdf, RECORD, fields=FIELDS)
    monkeypatch.setattr(store, "_exists", lambda path: False)
    again = add_example(d, "fields", pdf, {**RECORD, "total": 5}, fields=FIELDS)
    assert again.replaced
    [ex] = list_examples(d)
    assert ex.record["total"] == 5 and visible(d / "fields") == [ex.id]


def test_a_text_document_and_one_without_extension(tmp_path):
    d = tmp_path / "ex"
    notes = add_example(d, "fields", SAMPLES / "meeting-notes.md", RECORD, fields=FIELDS)
    assert notes.document.name == "document.md"
    bare = tmp_path / "README"
    bare.write_text("Northwind Traders, invoice 2026-0417")
    assert add_example(d, "fields", bare, RECORD, fields=FIELDS).document.name == "document"
    assert len(load_examples(d, "fields", FIELDS)[0]) == 2


def test_remove(tmp_path, pdf):
    d = tmp_path / "flow.examples"
    a = add_example(d, "fields", pdf, RECORD, fields=FIELDS)
    b = add_example(d, "fields", INVOICE, RECORD, fields=FIELDS)
    assert remove_example(d, "fields", a.id.upper()) == "fields"
    assert [e.id for e in list_examples(d)] == [b.id]
    with pytest.raises(ExampleError, match=f"no example '{a.id}' for step 'fields'"):
        remove_example(d, "fields", a.id)
    with pytest.raises(ExampleError, match="no example '../..'"):
        remove_example(d, "fields", "../..")
    assert remove_example(d, None, b.id) == "fields"          # the step found by the id
    assert not d.exists()              # no empty folder left beside the workflow
    assert pdf.exists() and INVOICE.exists()


def test_remove_takes_an_example_that_cannot_be_read(tmp_path, pdf):
    d = tmp_path / "ex"
    ex = add_example(d, "fields", pdf, RECORD, fields=FIELDS)
    (ex.folder / "record.json").write_text("{not json")
    assert list_examples(d) == []
    remove_example(d, "fields", ex.id)
    assert not ex.folder.exists()


def test_remove_asks_for_the_step_when_several_have_the_id(tmp_path, pdf):
    d = tmp_path / "ex"
    ex = add_example(d, "one", pdf, RECORD)
    add_example(d, "two", pdf, RECORD)
    with pytest.raises(ExampleError, match="steps one, two each have an example"):
        remove_example(d, None, ex.id)


# ---------------------------------------------------------------- refused on add

def test_an_explicit_null_says_the_document_has_no_such_value(tmp_path):
    pdf = write_pdf(tmp_path / "r.pdf", ["Receipt without a number"])
    ex = add_example(tmp_path / "ex", "fields", pdf, {**RECORD, "vendor": None}, fields=FIELDS)
    assert ex.record["vendor"] is None


@pytest.mark.parametrize("record, says", [
    ({**RECORD, "colour": "red"}, "'colour' is not a field of this step (its fields: vendor,"),
    ({k: v for k, v in RECORD.items() if k != "vendor"}, "the required field 'vendor' is missing"),
    ({**RECORD, "total": "abc"}, "field 'total' must be a number (written without quotes), not the text \"abc\""),
    ({**RECORD, "total": "12.50"}, "field 'total' must be a number"),
    ({**RECORD, "total": True}, "field 'total' must be a number"),
    ({**RECORD, "total": float("nan")}, "field 'total' must be a finite number"),
    ({**RECORD, "date": "17/04/2026"}, "field 'date' must be a date written YYYY-MM-DD, not the text \"17/04/2026\""),
    ({**RECORD, "date": "2026-02-30"}, "field 'date' holds '2026-02-30', which is not a real date"),
    ({**RECORD, "lines": 2.5}, "field 'lines' must be a whole number"),
    ({**RECORD, "paid": "yes"}, "field 'paid' must be true or false, not the text \"yes\""),
    ({**RECORD, "tags": "a, b"}, "field 'tags' must be a list of texts"),
    ({**RECORD, "tags": ["x" * 121]}, "longer than 120 characters"),
    ({**RECORD, "currency": "GBP"}, "field 'currency' must be one of \"EUR\", \"USD\", not the text \"GBP\""),
    ([RECORD], "a record is a JSON object of field names and values, not a list"),
])
def test_a_record_that_does_not_fit_is_refused(tmp_path, pdf, record, says):
    d = tmp_path / "ex"
    with pytest.raises(ExampleError) as e:
        add_example(d, "fields", pdf, record, fields=FIELDS)
    assert says in str(e.value)
    assert list_examples(d) == [] and not any(p.is_file() for p in d.rglob("*"))


def test_every_problem_of_a_record_is_named_at_once():
    _, problems = check_record({"vendor": 3, "date": "today", "total": "abc", "extra": 1}, FIELDS)
    assert len(problems) == 5
    assert problems[0] == "'extra' is not a field of this step (its fields: vendor, invoice_number, " \
                          "date, total, lines, paid, tags, currency)"


def test_check_record_normalises():
    record, problems = check_record({**RECORD, "lines": 3.0, "total": 7, "gone": None}, FIELDS)
    assert problems == [] and record["lines"] == 3 and isinstance(record["lines"], int)
    assert "gone" not in record           # a null for a field the step no longer has
    assert record["tags"] is None and list(record) == [f["name"] for f in FIELDS]


@pytest.mark.parametrize("node", ["../escape", "a/b", "", ".hidden", "fields\x00"])
def test_a_node_id_never_leaves_the_examples_folder(tmp_path, pdf, node):
    d = tmp_path / "deep" / "ex"
    with pytest.raises(ExampleError, match="is not a step id"):
        add_example(d, node, pdf, RECORD)
    assert not (tmp_path / "deep").exists()
    assert load_examples(d, node, FIELDS)[0] == []


def test_a_missing_or_empty_document_is_refused(tmp_path):
    with pytest.raises(ExampleError, match="nowhere.pdf: there is no such document"):
        add_example(tmp_path / "ex", "fields", tmp_path / "nowhere.pdf", RECORD)
    with pytest.raises(ExampleError, match="it is a folder"):
        add_example(tmp_path / "ex", "fields", tmp_path, RECORD)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(ExampleError, match="empty.pdf: the document is empty"):
        add_example(tmp_path / "ex", "fields", empty, RECORD)
    assert list(tmp_path.joinpath("ex", "fields").iterdir()) == []      # nothing half-made


def test_invalid_fields_or_added_by_are_refused(tmp_path, pdf):
    with pytest.raises(ExampleError, match="field list is not valid: field 'x' has type 'money'"):
        add_example(tmp_path / "ex", "fields", pdf, {"x": 1}, fields=[{"name": "x", "type": "money"}])
    with pytest.raises(ExampleError, match="'added_by' is one of cli, review"):
        add_example(tmp_path / "ex", "fields", pdf, RECORD, added_by="robot")


# ---------------------------------------------------------------- atomic writes

def test_a_failed_replace_keeps_the_old_record(tmp_path, pdf, monkeypatch):
    d = tmp_path / "ex"
    ex = add_example(d, "fields", pdf, RECORD, fields=FIELDS)
    before = (ex.folder / "record.json").read_bytes()
    real = os.replace

    def disk_full(src, dst):  # type: ignore[no-untyped-def]
        if Path(dst).name == "record.json" and Path(dst).parent == ex.folder:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(store.os, "replace", disk_full)
    with pytest.raises(ExampleError, match="cannot save the example .*No space left on device"):
        add_example(d, "fields", pdf, {**RECORD, "total": 1}, fields=FIELDS)
    assert (ex.folder / "record.json").read_bytes() == before
    assert visible(d / "fields") == [ex.id]                              # the temporary is gone
    assert load_examples(d, "fields", FIELDS)[0][0].record["total"] == 1234.5


def test_a_crash_while_writing_leaves_no_example(tmp_path, pdf, monkeypatch):
    def crash(path, text):  # type: ignore[no-untyped-def]
        Path(path).write_text(text[:10])            # half a file, then the power goes
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "write_text_atomic", crash)
    with pytest.raises(KeyboardInterrupt):
        add_example(tmp_path / "ex", "fields", pdf, RECORD, fields=FIELDS)
    assert visible(tmp_path / "ex" / "fields") == []
    assert load_examples(tmp_path / "ex", "fields", FIELDS) == ([], [])


def test_hidden_leftovers_are_ignored_and_swept(tmp_path, pdf):
    node = tmp_path / "ex" / "fields"
    stale = node / ".adding-abc"
    stale.mkdir(parents=True)
    (stale / "record.json").write_text("{")
    fresh = node / ".removing-0123456789ab-1-2"
    fresh.mkdir()
    assert load_examples(tmp_path / "ex", "fields", FIELDS) == ([], [])
    os.utime(stale, (0, 0))
    add_example(tmp_path / "ex", "fields", pdf, RECORD, fields=FIELDS)
    assert not stale.exists() and fresh.exists()                     # only a day-old one goes


def test_record_json_is_written_with_the_atomic_helper(tmp_path, pdf, monkeypatch):
    calls = []
    real = atomic.write_text_atomic
    monkeypatch.setattr(store, "write_text_atomic", lambda p, t: calls.append(p) or real(p, t))
    add_example(tmp_path / "ex", "fields", pdf, RECORD)
    assert [Path(c).name for c in calls] == ["record.json"]


# ---------------------------------------------------------------- bad folders

@pytest.fixture
def two_good(tmp_path, pdf) -> Path:
    d = tmp_path / "ex"
    add_example(d, "fields", pdf, RECORD, fields=FIELDS)
    add_example(d, "fields", INVOICE, RECORD, fields=FIELDS)
    return d


def test_a_missing_folder_is_no_examples(tmp_path):
    assert load_examples(tmp_path / "nowhere", "fields", FIELDS) == ([], [])
    assert list_examples(tmp_path / "nowhere") == []


def _break(d: Path, how: str) -> tuple[Path, str]:
    folder = d / "fields" / sha(INVOICE)[:12]
    if how == "corrupt json":
        (folder / "record.json").write_text('{"record": {"vendor": ')
        return folder, "record.json is not valid JSON (Expecting value at line 1, column 23)"
    if how == "not a record":
        (folder / "record.json").write_text('["vendor"]')
        return folder, 'record.json has no "record" object'
    if how == "no record.json":
        (folder / "record.json").unlink()
        return folder, "record.json is missing"
    if how == "not utf-8":
        (folder / "record.json").write_bytes(b'{"record": "\xff"}')
        return folder, "record.json is not UTF-8 text"
    if how == "missing document":
        (folder / "document.pdf").unlink()
        return folder, "the document is missing (there is no document.<ext> beside record.json)"
    if how == "changed document":
        (folder / "document.pdf").write_bytes(b"%PDF-1.4 something else")
        return folder, "the document document.pdf was changed after it was added"
    if how == "two documents":
        (folder / "document.txt").write_text("x")
        return folder, "it holds 2 documents (document.pdf, document.txt); keep one"
    if how == "not an id":
        renamed = folder.with_name("my-example")
        folder.rename(renamed)
        return renamed, "the folder name is not an example id"
    if how == "abc in a number":
        meta = json.loads((folder / "record.json").read_text())
        meta["record"]["total"] = "abc"
        (folder / "record.json").write_text(json.dumps(meta))
        return folder, ("the record does not fit the step's fields: field 'total' must be a number "
                        "(written without quotes), not the text \"abc\"")
    if how == "wrong fields":
        meta = json.loads((folder / "record.json").read_text())
        meta["record"] = {"vendor": "X", "date": "April 17", "color": "red"}
        (folder / "record.json").write_text(json.dumps(meta))
        return folder, ("'color' is not a field of this step (its fields: vendor, invoice_number, date, "
                        "total, lines, paid, tags, currency); the required field 'invoice_number' is "
                        "missing (write null when the document has none); field 'date' must be a date written YYYY-MM-DD, not the text "
                        "\"April 17\"; the required field 'total' is missing (write null when the document "
                        "has none)")
    raise AssertionError(how)


@pytest.mark.parametrize("how", ["corrupt json", "not a record", "no record.json", "not utf-8",
                                 "missing document", "changed document", "two documents",
                                 "not an id", "abc in a number", "wrong fields"])
def test_a_bad_example_is_a_sentence_not_an_exception(two_good, pdf, how):
    folder, says = _break(two_good, how)
    good, problems = load_examples(two_good, "fields", FIELDS)
    assert [e.id for e in good] == [sha(pdf)[:12]]                 # the good one still serves
    assert len(problems) == 1
    assert problems[0].startswith(f"example {folder}: ")
    assert says in problems[0], problems[0]


def test_a_file_where_a_folder_should_be(tmp_path):
    d = tmp_path / "ex"
    d.mkdir()
    (d / "fields").write_text("oops")
    assert load_examples(d, "fields", FIELDS) == ([], [f"{d / 'fields'} should be the folder of "
                                                       "step 'fields''s examples, but it is a file"])
    (d / "fields").unlink()
    (d / "fields").mkdir()
    (d / "fields" / "0123456789ab").write_text("oops")
    assert load_examples(d, "fields", FIELDS)[1] == [
        f"example {d / 'fields' / '0123456789ab'}: this is a file, not an example folder"]


def test_fields_changed_since_the_examples_were_added(two_good):
    grown = FIELDS + [{"name": "due", "type": "date", "required": False}]
    good, problems = load_examples(two_good, "fields", grown)
    assert problems == [] and all(e.record["due"] is None for e in good)
    stricter = [{**f, "type": "integer"} if f["name"] == "total" else f for f in FIELDS]
    good, problems = load_examples(two_good, "fields", stricter)
    assert good == [] and len(problems) == 2 and "field 'total' must be a whole number" in problems[0]
    good, problems = load_examples(two_good, "fields", [])
    assert good == [] and problems == ["the examples of step 'fields' cannot be checked: the step's "
                                       "field list is not valid: list at least one field, each with "
                                       "a name and a type"]


def test_unknown_node(two_good, tmp_path):
    """Examples kept for a step the workflow has no longer (renamed) are reported; a
    step that has no examples simply has none."""
    assert load_examples(two_good, "nosuch", FIELDS) == ([], [])
    wf = loads(FLOW)
    (two_good / "fields").rename(two_good / "extract")
    found, problems = load_all(two_good, wf)
    assert found == [] and problems == [f"{two_good / 'extract'}: examples for step 'extract', but "
                                        "the workflow has no such step (renamed or removed?)"]
    (two_good / "extract").rename(two_good / "read")
    assert load_all(two_good, wf)[1] == [f"{two_good / 'read'}: examples for step 'read', but "
                                         "that step is a documents.read step, not ai.extract_fields"]


def test_load_all_uses_the_steps_own_fields(two_good):
    found, problems = load_all(two_good, loads(FLOW))
    assert problems == [] and len(found) == 2
    assert list(found[0].record) == ["vendor", "invoice_number", "date", "total"]
    defaults = loads(FLOW.replace("  params:\n    fields:", "  params:\n    unused:"))
    found, problems = load_all(two_good, defaults)          # no fields: the step's default
    assert found == [] and "'vendor', 'invoice_number', 'date', 'total' are not fields of this " \
                           "step (its fields: title)" in problems[0]


def test_format_value_is_readable():
    assert [format_value(v) for v in (None, True, False, 1234.5, 1200.0, 7, ["a", "b"], [],
                                      "two\n  lines", {"a": 1})] == \
        ["(empty)", "yes", "no", "1234.5", "1200", "7", "a, b", "(none)", "two lines", '{"a": 1}']
    assert format_value("x" * 100) == "x" * 79 + "…"


# ---------------------------------------------------------------- where examples live

def test_a_users_workflow_keeps_them_beside_itself(tmp_path):
    wf = tmp_path / "flows" / "my invoices.yaml"
    wf.parent.mkdir()
    shutil.copy(WORKFLOWS / "invoice-intake.yaml", wf)
    assert examples_dir(wf) == tmp_path / "flows" / "my invoices.examples"
    assert examples_dir(Path(os.path.relpath(wf))) == tmp_path / "flows" / "my invoices.examples"


def test_a_shipped_workflow_keeps_them_in_the_data_folder(isolated_home):
    shipped = WORKFLOWS / "invoice-intake.yaml"
    assert location.is_shipped(shipped)
    assert examples_dir(shipped) == isolated_home / "runnel" / "examples" / "invoice-intake"
    assert examples_dir(shipped, name="Invoice intake") == examples_dir(shipped)
    assert examples_dir(WORKFLOWS / "document-digest.yaml").name == "document-digest"
    assert not (WORKFLOWS / "invoice-intake.examples").exists()


def test_a_read_only_folder_keeps_them_in_the_data_folder(tmp_path, isolated_home, monkeypatch):
    ro = tmp_path / "shared"
    ro.mkdir()
    wf = ro / "team.yaml"
    wf.write_text("schema_version: 1\nname: Team Invoices — 2026\nnodes: []\nlinks: []\n")
    real = os.access
    monkeypatch.setattr(location.os, "access",                   # root may write anywhere
                        lambda p, mode: False if Path(p) == ro else real(p, mode))
    assert examples_dir(wf) == isolated_home / "runnel" / "examples" / "team-invoices-2026"
    (ro / "team.examples").mkdir()                  # examples shared with it are read there
    assert examples_dir(wf) == ro / "team.examples"
    wf.write_text("not: [a workflow")
    (ro / "team.examples").rmdir()
    assert examples_dir(wf).name == "team"         # unreadable: the file's stem


def test_name_slug():
    assert location.name_slug("Invoice intake") == "invoice-intake"
    assert location.name_slug("  Über/Rechnungen ") == "ber-rechnungen"
    assert location.name_slug("請求書").startswith("workflow-")
    assert location.name_slug("請求書") != location.name_slug("契約")


def test_the_fingerprint_changes_with_every_add_edit_and_remove(tmp_path, pdf):
    from desktop.examples import fingerprint

    assert fingerprint(tmp_path, "fields") == ""                    # no folder: nothing
    ex = add_example(tmp_path, "fields", pdf, RECORD, fields=FIELDS[:4])
    first = fingerprint(tmp_path, "fields")
    assert first.startswith("examples:") and fingerprint(tmp_path, "fields") == first
    assert fingerprint(tmp_path, "other") == ""
    add_example(tmp_path, "fields", pdf, {**RECORD, "total": 1.0}, fields=FIELDS[:4])
    edited = fingerprint(tmp_path, "fields")
    assert edited != first
    second = write_pdf(tmp_path / "b.pdf", ["Other Ltd\nInvoice 2\nTotal 5.00"])
    add_example(tmp_path, "fields", second, {**RECORD, "total": 5.0}, fields=FIELDS[:4])
    assert fingerprint(tmp_path, "fields") not in (first, edited)
    remove_example(tmp_path, "fields", ex.id)
    remove_example(tmp_path, "fields", list_examples(tmp_path, "fields")[0].id)
    assert fingerprint(tmp_path, "fields") == ""
    assert fingerprint(tmp_path, "../x") == ""


def test_the_step_an_approval_reviews_is_found_upstream():
    from desktop.examples import reviewed_step

    wf = loads(FLOW.replace("links:\n", "- {id: check, type: guard.validate}\n"
                                         "- {id: ask, type: human.approve}\n"
                                         "- {id: other, type: human.approve}\nlinks:\n")
               + "- {from: fields.review, to: check.record}\n- {from: check.valid, to: ask.item}\n"
                 "- {from: read.document, to: other.item}\n")
    assert reviewed_step(wf, "ask").id == "fields"            # through the check step
    assert reviewed_step(wf, "other") is None                 # fed by the reader only
    assert reviewed_step(wf, "fields") is None
