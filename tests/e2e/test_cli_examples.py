"""`runnel examples add|list|remove` as a user types it, on real workflow files, PDFs
and records; RUNNEL_HOME and HOME are a temporary folder (tests/conftest.py)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.engine.fileformat import load_workflow
from tests.conftest import SAMPLES, WORKFLOWS
from tests.pdfmaker import write_pdf

INVOICE = SAMPLES / "invoice-northwind.pdf"
ID = hashlib.sha256(INVOICE.read_bytes()).hexdigest()[:12]
RECORD = {"vendor": "Northwind Traders", "invoice_number": "2026-0417", "date": "2026-04-17",
          "total": 1234.5}
FLOW = """schema_version: 1
name: My invoices
nodes:
- {id: read, type: documents.read}
- id: fields
  type: ai.extract_fields
  params:
    fields:
    - {name: vendor, type: string, description: who sent it}
    - {name: invoice_number, type: string}
    - {name: date, type: date}
    - {name: total, type: number}
links:
- {from: read.document, to: fields.text}
"""
TWO_STEPS = """schema_version: 1
name: Two extractors
nodes:
- id: read
  type: documents.read
- id: parties
  type: ai.extract_fields
  params:
    fields: [{name: client, type: string}]
- id: amounts
  type: ai.extract_fields
  params:
    fields: [{name: total, type: number}]
links:
- {from: read.document, to: parties.text}
- {from: read.document, to: amounts.text}
"""


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["examples", *map(str, args)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def flow(tmp_path: Path) -> Path:
    """A user's invoice workflow, in a folder of their own."""
    path = tmp_path / "flows" / "invoices.yaml"
    path.parent.mkdir()
    path.write_text(FLOW)
    return path


def record_file(tmp_path: Path, data: object, name: str = "record.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def test_add_list_remove(capsys, tmp_path, flow):
    code, out, err = run(capsys, "add", flow, INVOICE, record_file(tmp_path, RECORD))
    folder = flow.parent / "invoices.examples"
    assert code == 0, err
    assert out == f"added example {ID} for step 'fields' (invoice-northwind.pdf) in {folder}\n"
    assert (folder / "fields" / ID / "document.pdf").read_bytes() == INVOICE.read_bytes()

    code, out, err = run(capsys, "list", flow)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"1 example in {folder}"
    assert lines[1].startswith(f"{ID}  fields  invoice-northwind.pdf  added 20") and lines[1].endswith("by cli")
    assert lines[2] == "    vendor=Northwind Traders  invoice_number=2026-0417  date=2026-04-17  total=1234.5"

    code, out, _ = run(capsys, "remove", flow, ID)
    assert code == 0 and out == f"removed example {ID} of step 'fields' from {folder}\n"
    assert not folder.exists()
    code, out, _ = run(capsys, "list", flow)
    assert code == 0 and out == f"no examples yet (they would be kept in {folder})\n"


def test_adding_the_same_document_again_says_it_replaced_the_record(capsys, tmp_path, flow):
    assert run(capsys, "add", flow, INVOICE, record_file(tmp_path, RECORD))[0] == 0
    fixed = record_file(tmp_path, {"record": {**RECORD, "total": 1243.5}, "note": "typo fixed"})
    code, out, _ = run(capsys, "add", flow, INVOICE, fixed)
    assert code == 0
    assert out.startswith(f"replaced the record of example {ID} for step 'fields' "
                          "(invoice-northwind.pdf, added before)")
    code, out, _ = run(capsys, "list", flow, "--json")
    listed = json.loads(out)
    assert [e["id"] for e in listed["examples"]] == [ID] and listed["problems"] == []
    assert listed["examples"][0]["record"]["total"] == 1243.5
    assert listed["examples"][0]["note"] == "typo fixed"
    assert listed["folder"] == str(flow.parent / "invoices.examples")


def test_a_record_that_does_not_fit_is_refused_with_exit_1(capsys, tmp_path, flow):
    bad = record_file(tmp_path, {**RECORD, "total": "abc", "date": "17.04.2026", "colour": "red"})
    code, out, err = run(capsys, "add", flow, INVOICE, bad)
    assert code == 1 and out == ""
    assert err.startswith("runnel: the record does not fit the step's fields: 'colour' is not a field")
    assert "field 'date' must be a date written YYYY-MM-DD" in err
    assert "field 'total' must be a number (written without quotes), not the text \"abc\"" in err
    assert not (flow.parent / "invoices.examples" / "fields" / ID).exists()


@pytest.mark.parametrize("content, says", [
    ("{not json", "the record file is not valid JSON"),
    ('"just text"', "a record is a JSON object of field names and values, not the text"),
    (None, "the record file cannot be read"),
])
def test_an_unreadable_record_file(capsys, tmp_path, flow, content, says):
    path = tmp_path / "r.json"
    if content is not None:
        path.write_text(content)
    code, _, err = run(capsys, "add", flow, INVOICE, path)
    assert code == 1 and says in err


def test_a_missing_document(capsys, tmp_path, flow):
    code, _, err = run(capsys, "add", flow, tmp_path / "nowhere.pdf", record_file(tmp_path, RECORD))
    assert code == 1 and "nowhere.pdf: there is no such document" in err


def fitting(fields: list[dict]) -> dict:
    """A record any field list takes (the shipped workflow's fields may grow)."""
    value = {"string": "Northwind Traders", "number": 1234.5, "integer": 2, "boolean": True,
             "date": "2026-04-17", "list": ["chairs"]}
    return {f["name"]: f["choices"][0] if "choices" in f else value[f.get("type", "string")]
            for f in fields}


def test_a_shipped_workflow_keeps_its_examples_in_the_data_folder(capsys, tmp_path, isolated_home):
    shipped = WORKFLOWS / "invoice-intake.yaml"
    fields = load_workflow(shipped).node("fields").params["fields"]
    code, out, err = run(capsys, "add", shipped, INVOICE, record_file(tmp_path, fitting(fields)))
    assert code == 0, err
    folder = isolated_home / "runnel" / "examples" / "invoice-intake"
    assert code == 0 and out.endswith(f" in {folder}\n")
    assert (folder / "fields" / ID / "record.json").is_file()
    assert not (WORKFLOWS / "invoice-intake.examples").exists()
    assert json.loads(run(capsys, "list", shipped, "--json")[1])["examples"][0]["id"] == ID


def test_choosing_the_step(capsys, tmp_path):
    wf = tmp_path / "two.yaml"
    wf.write_text(TWO_STEPS)
    pdf = write_pdf(tmp_path / "deal.pdf", ["Client: Fabrikam\nTotal 12.00"])
    rec = record_file(tmp_path, {"client": "Fabrikam"}, "client.json")
    code, _, err = run(capsys, "add", wf, pdf, rec)
    assert code == 2
    assert err == ("runnel: the workflow has 2 ai.extract_fields steps (parties, amounts); "
                   "say which one with --node\n")
    code, _, err = run(capsys, "add", wf, pdf, rec, "--node", "read")
    assert code == 2 and "step 'read' is a documents.read step; only ai.extract_fields" in err
    code, _, err = run(capsys, "add", wf, pdf, rec, "--node", "nosuch")
    assert code == 2 and err == ("runnel: the workflow has no step 'nosuch'; its ai.extract_fields "
                                 "steps: parties, amounts\n")
    assert run(capsys, "add", wf, pdf, rec, "--node", "parties")[0] == 0
    assert run(capsys, "add", wf, pdf, record_file(tmp_path, {"total": 12}), "--node", "amounts")[0] == 0
    code, _, err = run(capsys, "add", wf, pdf, rec, "--node", "amounts")      # wrong step's record
    assert code == 1 and "'client' is not a field of this step (its fields: total)" in err
    code, out, _ = run(capsys, "list", wf)
    assert out.count("deal.pdf") == 2 and "client=Fabrikam" in out and "total=12" in out
    code, out, _ = run(capsys, "list", wf, "--node", "amounts", "--json")
    assert [e["node"] for e in json.loads(out)["examples"]] == ["amounts"]
    code, _, err = run(capsys, "remove", wf, ID := hashlib.sha256(pdf.read_bytes()).hexdigest()[:12])
    assert code == 1 and "steps amounts, parties each have an example" in err
    assert run(capsys, "remove", wf, ID, "--node", "amounts")[0] == 0
    assert run(capsys, "remove", wf, ID)[0] == 0                                # now only one has it


def test_a_workflow_without_an_extract_step(capsys, tmp_path):
    code, _, err = run(capsys, "add", WORKFLOWS / "document-digest.yaml", INVOICE,
                       record_file(tmp_path, RECORD))
    assert code == 2 and err == ("runnel: the workflow 'Document digest' has no ai.extract_fields "
                                 "step, so it takes no examples\n")


@pytest.mark.parametrize("text", [None, "name: [unclosed", "schema_version: 1\nname: x\nnodes: 3\n"])
def test_an_unreadable_or_invalid_workflow_exits_3(capsys, tmp_path, text):
    wf = tmp_path / "wf.yaml"
    if text is not None:
        wf.write_text(text)
    for args in (["add", wf, INVOICE, record_file(tmp_path, RECORD)], ["list", wf], ["remove", wf, ID]):
        code, out, err = run(capsys, *args)
        assert code == 3 and out == "" and str(wf) in err


def test_invalid_fields_of_the_step_exit_3(capsys, tmp_path, flow):
    flow.write_text(flow.read_text().replace("type: number", "type: money"))
    code, _, err = run(capsys, "add", flow, INVOICE, record_file(tmp_path, RECORD))
    assert code == 3 and "step 'fields': the step's field list is not valid: field 'total' has type 'money'" in err


def test_list_reports_bad_examples(capsys, tmp_path, flow):
    rec = record_file(tmp_path, RECORD)
    assert run(capsys, "add", flow, INVOICE, rec)[0] == 0
    other = write_pdf(tmp_path / "other.pdf", ["Contoso\nInvoice 9"])
    assert run(capsys, "add", flow, other, rec)[0] == 0
    folder = flow.parent / "invoices.examples"
    (folder / "fields" / ID / "record.json").write_text("{broken")
    shutil.copytree(folder / "fields", folder / "extract")              # a step since renamed
    code, out, _ = run(capsys, "list", flow)
    assert code == 0
    assert out.splitlines()[0] == f"1 example in {folder}" and "other.pdf" in out
    assert f"problem: example {folder / 'fields' / ID}: record.json is not valid JSON" in out
    assert (f"problem: {folder / 'extract'}: examples for step 'extract', but the workflow has "
            "no such step") in out
    problems = json.loads(run(capsys, "list", flow, "--json")[1])["problems"]
    assert len(problems) == 2
    assert run(capsys, "remove", flow, ID, "--node", "fields")[0] == 0     # a broken one goes too
    shutil.rmtree(folder / "extract")
    assert json.loads(run(capsys, "list", flow, "--json")[1])["problems"] == []


def test_an_explicit_examples_folder(capsys, tmp_path, flow):
    elsewhere = tmp_path / "labelled"
    code, out, _ = run(capsys, "add", flow, INVOICE, record_file(tmp_path, RECORD), "--examples", elsewhere)
    assert code == 0 and out.endswith(f" in {elsewhere}\n")
    assert not (flow.parent / "invoices.examples").exists()
    assert ID in run(capsys, "list", flow, "--examples", elsewhere)[1]
    assert run(capsys, "remove", flow, ID, "--examples", elsewhere)[0] == 0
    assert elsewhere.is_dir()                       # a folder you named is not removed


def test_unknown_example_and_usage(capsys, flow):
    code, _, err = run(capsys, "remove", flow, "0123456789ab")
    assert code == 1 and "there is no example '0123456789ab'" in err
    with pytest.raises(SystemExit) as e:
        main(["examples"])
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        main(["examples", "add", str(flow)])
    assert e.value.code == 2
