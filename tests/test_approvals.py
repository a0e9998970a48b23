"""human.approve: the run pauses durably, survives a restart, resumes on the decision."""

import json
import subprocess

import pytest

from tests.conftest import VENV_BIN
from tests.e2e.test_cli import runnel

WORKFLOW = """schema_version: 1
name: Approve notes
folders: {{out: '{out}'}}
nodes:
- {{id: input, type: core.input_file}}
- {{id: read, type: documents.read}}
- {{id: find, type: text.regex_extract, params: {{pattern: 'Total: (?P<total>[0-9.]+)'}}}}
- {{id: ask, type: human.approve, params: {{message: 'Is this total right?'}}}}
- {{id: keep, type: files.write_text, params: {{folder: out, filename: approved.json}}}}
- {{id: drop, type: files.write_text, params: {{folder: out, filename: rejected.json}}}}
links:
- {{from: input.file, to: read.file}}
- {{from: read.document, to: find.text}}
- {{from: find.record, to: ask.item}}
- {{from: ask.approved, to: keep.content}}
- {{from: ask.rejected, to: drop.content}}
"""


def setup(tmp_path):
    out = tmp_path / "out"
    wf = tmp_path / "approve.yaml"
    wf.write_text(WORKFLOW.format(out=out))
    doc = tmp_path / "bill.txt"
    doc.write_text("Invoice\nTotal: 120.50\n")
    return wf, doc, out


def test_a_run_waits_then_an_edited_approval_resumes_it(isolated_home, tmp_path):
    wf, doc, out = setup(tmp_path)
    proc = runnel("run", str(wf), str(doc))
    assert proc.returncode == 0 and "wait for a person's approval" in proc.stderr
    assert not out.exists()
    # a new process (a restart) sees the pending item
    pending = json.loads(runnel("approvals", "list", "--json").stdout)
    assert len(pending) == 1 and pending[0]["payload"] == {"total": "120.50"}
    assert pending[0]["message"] == "Is this total right?"
    edit = tmp_path / "fixed.json"
    edit.write_text('{"total": "125.50"}')
    proc = runnel("approvals", "approve", str(pending[0]["id"]), "--edit", str(edit), "--note", "typo")
    assert proc.returncode == 0, proc.stderr
    assert json.loads((out / "approved.json").read_text()) == {"total": "125.50"}
    assert not (out / "rejected.json").exists()
    assert json.loads(runnel("approvals", "list", "--json").stdout) == []
    again = runnel("approvals", "approve", str(pending[0]["id"]))
    assert again.returncode == 1 and "was already approved" in again.stderr
    # one run, one row: the part after the decision, which says it was approved, edited
    runs = json.loads(runnel("history", "--json").stdout)
    assert [(r["status"], r["decision"], r["decision_edited"]) for r in runs] == [("done", "approved", 1)]
    assert "(after an edited approval)" in runnel("history").stdout


def test_rejection_takes_the_rejected_branch(isolated_home, tmp_path):
    wf, doc, out = setup(tmp_path)
    runnel("run", str(wf), str(doc))
    pending = json.loads(runnel("approvals", "list", "--json").stdout)
    proc = runnel("approvals", "reject", str(pending[0]["id"]), "--note", "not ours")
    assert proc.returncode == 0 and ": rejected" in proc.stdout, proc.stdout
    assert json.loads((out / "rejected.json").read_text()) == {
        "item": {"total": "120.50"}, "reason": "not ours"}
    # listed as what it is: rejected, not a green "done"
    runs = json.loads(runnel("history", "--json").stdout)
    assert [(r["status"], r["decision"]) for r in runs] == [("rejected", "rejected")]


def test_approving_something_that_no_longer_exists(isolated_home, tmp_path):
    wf, doc, out = setup(tmp_path)
    runnel("run", str(wf), str(doc))
    pending = json.loads(runnel("approvals", "list", "--json").stdout)
    assert runnel("approvals", "approve", "9999").stderr.strip() == "runnel: there is no approval 9999"
    wf.write_text(wf.read_text().replace("id: ask,", "id: asked,").replace("ask.", "asked."))
    proc = runnel("approvals", "approve", str(pending[0]["id"]))
    assert proc.returncode == 1
    assert "the workflow no longer has the step 'ask' that asked" in proc.stderr
    wf.unlink()
    proc = runnel("approvals", "approve", str(pending[0]["id"]))
    assert "cannot be loaded" in proc.stderr and "does not exist" in proc.stderr


def test_dry_run_does_not_wait(isolated_home, tmp_path):
    wf, doc, out = setup(tmp_path)
    proc = subprocess.run([str(VENV_BIN / "runnel"), "run", str(wf), str(doc), "--dry-run", "--json"],
                          capture_output=True, text=True)
    summary = json.loads(proc.stdout)
    assert summary["runs"][0]["status"] == "done"
    assert [f["target"].rsplit("/", 1)[1] for f in summary["runs"][0]["files"]] == ["approved.json"]


def test_save_example_needs_an_extraction_and_then_decides_nothing(isolated_home, tmp_path):
    wf, doc, out = setup(tmp_path)
    runnel("run", str(wf), str(doc))
    pending = json.loads(runnel("approvals", "list", "--json").stdout)
    proc = runnel("approvals", "approve", str(pending[0]["id"]), "--save-example")
    assert proc.returncode == 1
    assert "does not review an extraction (no ai.extract_fields step feeds 'ask')" in proc.stderr
    # refused before the decision: the run still waits
    assert len(json.loads(runnel("approvals", "list", "--json").stdout)) == 1
    assert not out.exists()


SLIPS = """schema_version: 1
name: Slips
folders: {{out: '{out}'}}
nodes:
- {{id: input, type: core.input_file}}
- {{id: read, type: documents.read}}
- {{id: fields, type: ai.extract_fields, params: {{fields: {fields}}}}}
- {{id: ask, type: human.approve, params: {{message: 'Check this slip'}}}}
- {{id: both, type: flow.merge}}
- {{id: keep, type: files.write_text, params: {{folder: out, filename: '{{stem}}.json'}}}}
links:
- {{from: input.file, to: read.file}}
- {{from: read.document, to: fields.document}}
- {{from: fields.review, to: ask.item}}
- {{from: ask.approved, to: both.a}}
- {{from: fields.record, to: both.b}}
- {{from: both.item, to: keep.content}}
"""


@pytest.mark.model
def test_a_corrected_approval_kept_as_an_example_teaches_the_next_run(isolated_home, tmp_path):
    """The loop a person goes through: a slip waits for review, they correct and approve
    it and keep it as an example; the next slip from the same café is filed by itself."""
    from tests.pdfmaker import write_pdf

    fields = [{"name": "vendor", "type": "string", "description": "the company that issued the invoice"},
              {"name": "total", "type": "number", "description": "the total amount due"}]
    out = tmp_path / "out"
    wf = tmp_path / "slips.yaml"
    wf.write_text(SLIPS.format(out=out, fields=json.dumps(fields)))
    slip = "Tillys Kitchen\nHarbour Road 12\n\nSlip 00{n}\n\n{items}\n\nAltogether  {total}\n\nMerci"
    october = write_pdf(tmp_path / "october.pdf", [slip.format(n=417, items="Coffee  3.40\nScone  2.80",
                                                               total="6.20")])
    proc = runnel("run", str(wf), str(october))
    assert proc.returncode == 0 and "wait for a person's approval" in proc.stderr, proc.stderr
    pending = json.loads(runnel("approvals", "list", "--json").stdout)
    assert pending[0]["payload"]["reasons"]
    listed = runnel("approvals", "list").stdout       # for a person: the fields and why
    assert "october.pdf: Check this slip" in listed and "record: vendor: " in listed
    assert "to check: " in listed and '"provenance"' not in listed
    fixed = tmp_path / "fixed.json"
    fixed.write_text(json.dumps({"vendor": "Tillys Kitchen", "total": 6.2}))
    proc = runnel("approvals", "approve", str(pending[0]["id"]), "--edit", str(fixed), "--save-example")
    assert proc.returncode == 0, proc.stderr
    assert "kept as example" in proc.stdout and "of step 'fields'" in proc.stdout
    assert json.loads((out / "october.json").read_text()) == {"vendor": "Tillys Kitchen", "total": 6.2}
    listed = json.loads(runnel("examples", "list", str(wf), "--json").stdout)["examples"]
    assert [(e["record"], e["added_by"], e["source"]) for e in listed] == [
        ({"vendor": "Tillys Kitchen", "total": 6.2}, "review", "october.pdf")]

    november = write_pdf(tmp_path / "november.pdf", [slip.format(
        n=533, items="Tea  2.90\nMuffin  3.10\nToast  1.50", total="7.50")])
    proc = runnel("run", str(wf), str(november))
    assert proc.returncode == 0 and "approval" not in proc.stderr, proc.stderr
    assert json.loads((out / "november.json").read_text()) == {"vendor": "Tillys Kitchen", "total": 7.5}


def test_a_decision_is_taken_back_while_nothing_else_came_of_it(isolated_home, tmp_path):
    wf, doc, out = setup(tmp_path)
    runnel("run", str(wf), str(doc))
    [item] = json.loads(runnel("approvals", "list", "--json").stdout)
    nothing = runnel("approvals", "undo", str(item["id"]))
    assert nothing.returncode == 1 and "has not been decided" in nothing.stderr
    assert runnel("approvals", "approve", str(item["id"])).returncode == 0
    assert (out / "approved.json").exists()
    proc = runnel("approvals", "undo", str(item["id"]))
    assert proc.returncode == 0, proc.stderr
    assert "approval of approval" in proc.stdout and "1 file change reversed" in proc.stdout
    assert not (out / "approved.json").exists()
    assert [p["id"] for p in json.loads(runnel("approvals", "list", "--json").stdout)] == [item["id"]]
    assert [r["status"] for r in json.loads(runnel("history", "--json").stdout)] == ["undone", "waiting"]
    # decided again, the other way; then a file it wrote is edited: no taking back now
    assert runnel("approvals", "reject", str(item["id"]), "--note", "no").returncode == 0
    (out / "rejected.json").write_text("edited by hand\n")
    refused = runnel("approvals", "undo", str(item["id"]))
    assert refused.returncode == 1 and "cannot be taken back" in refused.stderr
    assert "was changed after the run" in refused.stderr or "modified after the run" in refused.stderr
    assert (out / "rejected.json").read_text() == "edited by hand\n"
    assert json.loads(runnel("approvals", "list", "--json").stdout) == []
