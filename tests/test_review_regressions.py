"""Defects found in review, each kept from coming back."""

import json
import zipfile

import pytest

from desktop.engine.errors import StepError
from tests.steps.conftest import Harness


def test_a_ledger_saved_by_excel_keeps_its_shape(tmp_path):
    from desktop.steps.files import AppendRow

    root = tmp_path / "ledger"
    root.mkdir()
    (root / "l.csv").write_bytes("\ufeffvendor,total\r\nOld,1.00".encode("utf-8"))
    Harness().run(AppendRow, {"folder": "out", "filename": "l.csv"}, roots={"out": root},
                  record={"vendor": "New", "total": "12.00"})
    assert (root / "l.csv").read_bytes().decode("utf-8") == "\ufeffvendor,total\r\nOld,1.00\r\nNew,12.00\r\n"
    (root / "latin.csv").write_bytes("vendor,total\nMüller,3\n".encode("cp1252"))
    Harness().run(AppendRow, {"folder": "out", "filename": "latin.csv"}, roots={"out": root},
                  record={"vendor": "Café", "total": "4"})
    assert (root / "latin.csv").read_bytes().decode("cp1252").endswith("Café,4\n")


def test_guard_fails_what_is_not_a_record():
    from desktop.steps.guard import Validate

    out = Harness().run(Validate, {"rules": [{"field": "total", "min": 0}]}, record="garbage")
    assert out["report"] == {"valid": False, "reasons": ["the item is not a record (a JSON object) but str"]}
    assert Validate.check_params({"schema": {}, "rules": [{"field": "t", "min": "10"}]}) == [
        "rule 1: 'min' must be a number"]


@pytest.mark.parametrize("name,content,kind", [
    ("odd.eml", b"From: a@b.example\nSubject: x\nContent-Type: text/plain; charset=unknown-8bit\n\nhello\xff",
     "e-mail"),
    ("odd.html", b"<!DOCTYPE html><html><body><![foo[ x ]]>text</body></html>", "web page"),
])
def test_odd_documents_end_in_a_sentence(tmp_path, name, content, kind):
    from desktop.steps.documents import ReadDocument

    path = tmp_path / name
    path.write_bytes(content)
    try:
        doc = Harness().run(ReadDocument, {}, file=path)["document"]
        assert doc.text is not None
    except StepError as e:
        assert f"could not be read as a {kind}" in str(e) or f"could not be read as an {kind}" in str(e)


def test_a_damaged_word_document(tmp_path):
    from desktop.steps.documents import ReadDocument

    path = tmp_path / "bad.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document/>" * 100)
    data = bytearray(path.read_bytes())
    data[60:80] = b"\x00" * 20
    path.write_bytes(bytes(data))
    with pytest.raises(StepError, match="bad.docx"):
        Harness().run(ReadDocument, {}, file=path)


def test_for_each_refuses_approvals():
    from desktop.steps.flow import ForEach

    assert ForEach.check_params({"step": "human.approve", "params": {}, "output": ""}) == [
        "option 'step': 'human.approve' cannot run once per row"]


def test_an_approval_keeps_its_folders_and_survives_an_invalid_workflow(isolated_home, tmp_path):
    from tests.e2e.test_cli import runnel
    from tests.test_approvals import setup

    wf, doc, out = setup(tmp_path)
    custom = tmp_path / "custom"
    runnel("run", str(wf), str(doc), "--folder", f"out={custom}")
    pending = json.loads(runnel("approvals", "list", "--json").stdout)[0]
    good = wf.read_text()
    wf.write_text(good.replace("message:", "colour: red, message:"))
    broken = runnel("approvals", "approve", str(pending["id"]))
    assert broken.returncode == 1 and "the workflow is not valid now" in broken.stderr
    wf.write_text(good)
    assert runnel("approvals", "approve", str(pending["id"])).returncode == 0
    assert (custom / "approved.json").exists() and not out.exists()
