"""The shipped AI workflows run from the command line on the default model."""

import json

import jsonschema
import pytest

from desktop.extract.fields import fields_schema
from tests.conftest import SAMPLES, WORKFLOWS
from tests.e2e.test_cli import history, runnel

pytestmark = pytest.mark.model


def test_invoice_to_records(isolated_home):
    proc = runnel("run", str(WORKFLOWS / "invoice-to-records.yaml"),
                  str(SAMPLES / "invoice-northwind.pdf"), "--json")
    assert proc.returncode == 0, proc.stderr
    run = json.loads(proc.stdout)["runs"][0]
    targets = {f["target"] for f in run["files"]}
    record_file = isolated_home / "Runnel" / "Records" / "invoice-northwind.json"
    assert str(record_file) in targets
    record = json.loads(record_file.read_text())
    from desktop.engine.fileformat import load_workflow
    fields = load_workflow(WORKFLOWS / "invoice-to-records.yaml").node("fields").params["fields"]
    jsonschema.validate(record, fields_schema(fields))
    copies = list((isolated_home / "Runnel" / "Invoices").iterdir())
    assert len(copies) == 1 and copies[0].suffix == ".pdf"
    assert copies[0].name == f"{record['date']}_{record['vendor']}.pdf".replace("/", "_")
    assert copies[0].read_bytes() == (SAMPLES / "invoice-northwind.pdf").read_bytes()
    steps = {s["node"]: s for s in run["steps"]}
    assert steps["fields"]["status"] == "done"


@pytest.mark.slow
def test_long_report_summary(isolated_home):
    proc = runnel("run", str(WORKFLOWS / "report-summary.yaml"),
                  str(SAMPLES / "field-study-report.md"))
    assert proc.returncode == 0, proc.stderr
    out = isolated_home / "Runnel" / "Summaries" / "field-study-report summary.md"
    text = out.read_text()
    assert text.startswith("# Summary of field-study-report.md\n\n")
    assert len(text) > 200
    run_id = history()[0]["id"]
    detail = json.loads(runnel("history", run_id, "--json").stdout)
    assert any("processed in" in line["message"] and "overlapping parts" in line["message"]
               for line in detail["log"])
    summary = [s for s in detail["steps"] if s["node_id"] == "summary"][0]
    assert summary["tokens_in"] > 4000 and summary["model"]


def test_models_commands(isolated_home, tmp_path):
    listing = json.loads(runnel("models", "list", "--json").stdout)
    assert [m["name"] for m in listing["models"]] == ["SmolLM2-135M-Instruct.Q4_1.gguf"]
    assert listing["models"][0]["default"] and listing["models"][0]["quantization"] == "Q4_1"
    info = json.loads(runnel("models", "info", "--json", "--context", "2048").stdout)
    assert info["context"] == 2048 and info["memory_needed"] > info["file_size"]
    bad = tmp_path / "fake.gguf"
    bad.write_text("nope")
    proc = runnel("models", "import", str(bad))
    assert proc.returncode == 1 and "fake.gguf is not a GGUF model file" in proc.stderr
    proc = runnel("models", "default", "nothing-like-it")
    assert proc.returncode == 1 and "no model named 'nothing-like-it' is installed" in proc.stderr


# Found by issue 16 item 17: with the request only in the system message, the default
# model read the notes' attendee list as one to continue and wrote invented names
# ('Liam (Marketing)', ...) to the token limit; the request now follows the text too.
def test_the_summary_of_the_meeting_notes_is_about_the_notes(isolated_home):
    proc = runnel("run", str(WORKFLOWS / "report-summary.yaml"), str(SAMPLES / "meeting-notes.md"))
    assert proc.returncode == 0, proc.stderr
    text = (isolated_home / "Runnel" / "Summaries" / "meeting-notes summary.md").read_text()
    body = text.split("\n\n", 1)[1].rsplit("\n\n_Summarized on", 1)[0]
    lines = [l.strip() for l in body.splitlines() if l.strip()]
    assert len(lines) == len(set(lines)), "the summary repeats lines"
    assert "Marketing" not in body and "Sales" not in body          # nobody in the notes
    assert sum(w in body for w in ("Falcon", "legal", "8 December", "rollback", "migration")) >= 2
