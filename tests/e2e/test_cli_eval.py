"""`runnel eval`: a workflow's extract step on its labelled examples, with the real
default model; nothing is written outside the examples."""

from __future__ import annotations

import json
import shutil

import pytest

from desktop.cli import main
from tests.conftest import SAMPLES, WORKFLOWS
from tests.pdfmaker import write_pdf

pytestmark = pytest.mark.model

RIGHT = {"vendor": "Northwind Office Supplies Ltd", "invoice_number": "2026-0417",
         "date": "2026-11-02", "total": 214.08, "currency": "GBP"}


def test_eval_prints_accuracy_silent_errors_and_review_rate(tmp_path, capsys):
    wf = tmp_path / "intake.yaml"
    shutil.copy(WORKFLOWS / "invoice-intake.yaml", wf)
    for name, record in (("right.json", RIGHT),
                         # a label that is wrong on purpose: the step's sure answer now
                         # counts as a silent error
                         ("wrong.json", {**RIGHT, "total": 999.99})):
        (tmp_path / name).write_text(json.dumps(record))
    doc2 = shutil.copy(SAMPLES / "invoice-northwind.pdf", tmp_path / "copy.pdf")
    with open(doc2, "ab") as f:       # another document (another hash), the same content
        f.write(b"\n% copy\n")
    receipt = write_pdf(tmp_path / "receipt.pdf", ["Harbour Coffee Co\nThank you\nTotal  EUR 7.00"])
    (tmp_path / "receipt.json").write_text(json.dumps(
        {"vendor": "Harbour Coffee Co", "invoice_number": None, "date": None, "total": 7.0,
         "currency": "EUR"}))
    for doc, rec in ((SAMPLES / "invoice-northwind.pdf", "right.json"), (doc2, "wrong.json"),
                     (receipt, "receipt.json")):
        assert main(["examples", "add", str(wf), str(doc), str(tmp_path / rec)]) == 0
    capsys.readouterr()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert main(["eval", str(wf), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)["steps"]["fields"]
    assert report["documents"] == 3 and report["fields"] == 15
    assert report["per_field"]["total"]["silent_errors"] == 1
    assert report["silent_errors"] == ["copy.pdf total: got 214.08, expected 999.99"]
    # the receipt has no number and no date: it goes to review, where it is no silent error
    assert report["review_rate"] == pytest.approx(1 / 3)
    assert report["per_field"]["invoice_number"]["flagged"] == 1
    assert report["accuracy"] == pytest.approx(14 / 15)
    assert report["seconds_per_document"] > 0
    assert sorted(p.name for p in tmp_path.rglob("*")) == before       # nothing written
    assert main(["eval", str(wf)]) == 0
    out = capsys.readouterr().out
    assert "fields: 3 documents, 15 fields, each read with the other examples to learn from" in out
    assert "silent error: copy.pdf total" in out
    assert main(["eval", str(wf), "--json", "--no-teach"]) == 0
    alone = json.loads(capsys.readouterr().out)["steps"]["fields"]
    assert alone["taught"] is False and report["taught"] is True and alone["documents"] == 3


def test_eval_without_examples_or_extract_step(tmp_path, capsys):
    wf = tmp_path / "intake.yaml"
    shutil.copy(WORKFLOWS / "invoice-intake.yaml", wf)
    assert main(["eval", str(wf)]) == 0
    assert "no examples in" in capsys.readouterr().out
    assert main(["eval", str(WORKFLOWS / "document-digest.yaml")]) == 2
    assert "has no ai.extract_fields step" in capsys.readouterr().err
