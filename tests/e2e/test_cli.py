"""The `runnel` command as a user runs it: a real process, real files, real history."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, VENV_BIN, WORKFLOWS
from tests.pdfmaker import make_pdf, write_encrypted_pdf

DIGEST = WORKFLOWS / "document-digest.yaml"


def runnel(*args: str, check_no_traceback: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(VENV_BIN / "runnel"), *args], capture_output=True, text=True,
                          env=os.environ.copy(), timeout=300)
    if check_no_traceback:
        assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    return proc


def history() -> list[dict]:
    return json.loads(runnel("history", "--json").stdout)


def test_example_runs_on_the_sample_pdf(isolated_home, tmp_path):
    proc = runnel("run", str(DIGEST), str(SAMPLES / "invoice-northwind.pdf"), "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["ok"] and len(summary["runs"]) == 1
    out = isolated_home / "Runnel" / "Reports" / "invoice-northwind digest.md"
    assert summary["runs"][0]["files"] == [{"op": "write", "target": str(out), "dry_run": False}]
    text = out.read_text()
    assert text.startswith("# Invoice 2026-0417\n")
    assert "Kind: pdf, 2 page(s)" in text and "## Page 2" in text
    runs = history()
    assert runs[0]["status"] == "done" and runs[0]["workflow_name"] == "Document digest"
    detail = runnel("history", runs[0]["id"][:8])
    assert "digest" in detail.stdout and "write" in detail.stdout


def test_every_example_runs_as_shipped(isolated_home):
    """Dry-run first (nothing written), then for real; approvals may leave a run waiting."""
    for wf in sorted(WORKFLOWS.glob("*.yaml")):
        dry = runnel("run", str(wf), str(SAMPLES / "invoice-northwind.pdf"), "--dry-run", "--json")
        assert dry.returncode == 0, (wf, dry.stderr)
        assert all(f["dry_run"] for r in json.loads(dry.stdout)["runs"] for f in r["files"])
        assert not (isolated_home / "Runnel").exists()
    notes = SAMPLES / "meeting-notes.md"
    runnel_dir = isolated_home / "Runnel"
    seen: dict[str, tuple[str, list[str], list[str]]] = {}
    for wf in sorted(WORKFLOWS.glob("*.yaml")):
        proc = runnel("run", str(wf), str(notes), "--json")
        assert proc.returncode == 0, (wf, proc.stderr)
        run = json.loads(proc.stdout)["runs"][0]
        assert run["error"] is None, (wf.name, run["error"])
        seen[wf.stem] = (run["status"], [s["node"] for s in run["steps"] if s["status"] == "waiting"],
                         [str(Path(f["target"]).relative_to(runnel_dir)) for f in run["files"]])
    # what each example does with meeting notes: the ones that need a person wait at
    # their approval (nothing filed yet); the others write exactly these files
    assert seen == {
        "contract-triage": ("waiting", ["approve"], ["Contracts/meeting-notes triage.json"]),
        "document-digest": ("done", [], ["Reports/meeting-notes digest.md"]),
        "extract-text": ("done", [], ["Text/meeting-notes.txt"]),
        "invoice-intake": ("waiting", ["approve"], []),
        "invoice-to-records": ("waiting", ["approve"], []),
        "meeting-actions": ("waiting", ["approve"], []),
        "redacted-export": ("done", [], ["Export/meeting-notes redacted.txt",
                                         "Export/meeting-notes redactions.json"]),
        "report-summary": ("done", [], ["Summaries/meeting-notes summary.md"]),
    }
    written = sorted(str(p.relative_to(runnel_dir)) for p in runnel_dir.rglob("*") if p.is_file())
    assert written == sorted(f for _, _, files in seen.values() for f in files)   # and nothing else
    text = notes.read_text(encoding="utf-8")
    assert (runnel_dir / "Text" / "meeting-notes.txt").read_text(encoding="utf-8") == text
    # nothing in the notes is an e-mail, phone, IBAN...: the export is the notes as they are
    assert (runnel_dir / "Export" / "meeting-notes redacted.txt").read_text(encoding="utf-8") == text
    assert json.loads((runnel_dir / "Export" / "meeting-notes redactions.json").read_text()) == {
        "removed": [], "counts": {}}
    digest = (runnel_dir / "Reports" / "meeting-notes digest.md").read_text(encoding="utf-8")
    assert digest.startswith("# meeting-notes\n\n- File: meeting-notes.md\n- Kind: text, 1 page(s)\n")
    assert "## Page 1\n\n# Project Falcon" in digest
    triage = json.loads((runnel_dir / "Contracts" / "meeting-notes triage.json").read_text())
    assert (triage["label"], triage["branch"]) == ("high_risk", "high_risk")     # a contract to review
    summary = (runnel_dir / "Summaries" / "meeting-notes summary.md").read_text(encoding="utf-8")
    head, _, rest = summary.partition("\n\n")
    assert head == "# Summary of meeting-notes.md" and rest.rstrip().endswith("by the local model._")
    assert rest.split("\n\n_Summarized on")[0].strip()                       # a summary in between


def test_a_batch_with_dry_run(isolated_home):
    inputs = [str(SAMPLES / "invoice-northwind.pdf"), str(SAMPLES / "meeting-notes.md")]
    proc = runnel("run", str(DIGEST), *inputs, "--dry-run", "--json")
    assert proc.returncode == 0
    summary = json.loads(proc.stdout)
    assert [f["dry_run"] for r in summary["runs"] for f in r["files"]] == [True, True]
    assert not (isolated_home / "Runnel").exists()
    assert all(r["dry_run"] == 1 for r in history())


def test_folder_override(tmp_path):
    proc = runnel("run", str(DIGEST), str(SAMPLES / "meeting-notes.md"),
                  "--folder", f"reports={tmp_path / 'elsewhere'}")
    assert proc.returncode == 0
    assert [p.name for p in (tmp_path / "elsewhere").iterdir()] == ["meeting-notes digest.md"]
    assert str(tmp_path / "elsewhere" / "meeting-notes digest.md") in proc.stdout


def _bad_input(tmp_path: Path, case: str) -> Path:
    p = tmp_path / {"missing": "nowhere.pdf", "empty": "empty.pdf", "corrupt": "corrupt.pdf",
                    "encrypted": "locked.pdf", "junk": "junk.txt"}[case]
    if case == "empty":
        p.write_bytes(b"")
    elif case == "corrupt":
        p.write_bytes(make_pdf(["half a file"])[:250])
    elif case == "encrypted":
        write_encrypted_pdf(p, ["secret"], user_password="s3cret")
    elif case == "junk":
        p.write_bytes(os.urandom(4096))
    return p


@pytest.mark.parametrize("case,cause", [
    ("missing", "does not exist"),
    ("empty", "is empty (0 bytes)"),
    ("corrupt", "is damaged or not a valid PDF"),
    ("encrypted", "is password-protected"),
    ("junk", "looks like binary data"),
])
def test_bad_input_files(isolated_home, tmp_path, case, cause):
    bad = _bad_input(tmp_path, case)
    out = tmp_path / "out"
    proc = runnel("run", str(DIGEST), str(bad), "--folder", f"reports={out}")
    assert proc.returncode == 1
    lines = [l for l in proc.stderr.splitlines() if cause in l]
    assert lines and bad.name in lines[0], proc.stderr
    run = history()[0]
    assert run["status"] == "failed" and cause in run["error"] and run["input_path"] == str(bad)
    assert not out.exists() or list(out.iterdir()) == []      # nothing half-written


@pytest.mark.parametrize("text,cause", [
    ("name: [oops\n", "not valid YAML"),
    ("schema_version: 7\nname: x\n", "schema_version 7 is newer"),
    ("schema_version: 1\nname: x\nnodes:\n- {id: a, type: core.input_file}\nlinks:\n"
     "- {from: a.file, to: ghost.file}\n", "goes to node 'ghost', which does not exist"),
    ("schema_version: 1\nname: x\nnodes:\n- {id: a, type: core.input_file}\n"
     "- {id: r, type: documents.read}\nlinks:\n- {from: a.nope, to: r.file}\n",
     "'core.input_file' has no output 'nope'"),
])
def test_bad_workflow_files(isolated_home, tmp_path, text, cause):
    wf = tmp_path / "broken.yaml"
    wf.write_text(text)
    proc = runnel("run", str(wf), str(SAMPLES / "meeting-notes.md"))
    assert proc.returncode == 3
    assert cause in proc.stderr and str(wf) in proc.stderr
    run = history()[0]
    assert run["status"] == "failed" and cause in run["error"]
    assert runnel("validate", str(wf)).returncode == 3


def test_unwritable_output_folder(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file in the way")
    proc = runnel("run", str(DIGEST), str(SAMPLES / "meeting-notes.md"),
                  "--folder", f"reports={blocker}")
    assert proc.returncode == 1
    assert f"could not write into {blocker}" in proc.stderr
    assert blocker.read_text() == "a file in the way"
    assert history()[0]["failed_node"] == "save"


def test_validate_lists_every_problem(tmp_path):
    wf = tmp_path / "two-problems.yaml"
    wf.write_text("schema_version: 1\nname: x\nnodes:\n- {id: r, type: documents.read, "
                  "params: {max_pages: 0}}\n- {id: z, type: zz.top}\n")
    proc = runnel("validate", str(wf))
    assert proc.returncode == 3
    assert "3 problems" in proc.stdout
    assert "option 'max_pages' is 0; the smallest allowed is 1" in proc.stdout
    assert "unknown step type 'zz.top'" in proc.stdout
    assert "required input 'file' (file) is not connected" in proc.stdout
    examples = sorted(WORKFLOWS.glob("*.yaml"))
    ok = runnel("validate", *map(str, examples))
    assert ok.returncode == 0 and ok.stdout.count(": ok (") == len(examples)


def test_steps_lists_the_registry():
    listing = json.loads(runnel("steps", "--json").stdout)
    ids = {s["id"] for s in listing}
    assert {"core.input_file", "documents.read", "text.template", "files.write_text"} <= ids
    read = next(s for s in listing if s["id"] == "documents.read")
    assert {"name": "pages", "kind": "string", "default": "", "choices": [], "min": None,
            "max": None, "help": read["params"][0]["help"]} == read["params"][0]
    assert "documents.read" in runnel("steps").stdout


def test_history_of_an_unknown_run():
    proc = runnel("history", "deadbeef")
    assert proc.returncode == 4 and "no run with an id starting 'deadbeef'" in proc.stderr


def test_usage_errors_exit_2():
    assert runnel("frobnicate", check_no_traceback=False).returncode == 2
    assert runnel("run", check_no_traceback=False).returncode == 2


def test_ctrl_c_cancels_the_batch_and_records_it(isolated_home, tmp_path):
    import signal

    files = []
    for i in range(400):
        f = tmp_path / f"n{i}.txt"
        f.write_text(f"note {i}")
        files.append(str(f))
    proc = subprocess.Popen([str(VENV_BIN / "runnel"), "run", str(WORKFLOWS / "extract-text.yaml"),
                             *files, "--folder", f"text={tmp_path / 'out'}"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = proc.stderr.readline()          # "[1/400] n0.txt: done"
    assert first.startswith("[1/400] n0.txt: done"), first
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Traceback" not in err
    runs = json.loads(runnel("history", "--json", "--last", "500").stdout)
    assert 1 <= len(runs) < 400                        # the batch stopped
    # the run in flight ends cleanly (done, or cancelled if the signal caught it mid-run;
    # which one depends on when it lands) and every run before it is done
    assert {r["status"] for r in runs[1:]} <= {"done"} and runs[0]["status"] in ("cancelled", "done")
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    done = [Path(r["input_path"]).stem for r in runs if r["status"] == "done"]
    assert written == sorted(f"{stem}.txt" for stem in done)      # one file per done run, no partials


def test_relative_inputs_are_recorded_as_absolute_paths(isolated_home):
    proc = subprocess.run([str(VENV_BIN / "runnel"), "run", str(DIGEST), "meeting-notes.md"],
                          cwd=SAMPLES, capture_output=True, text=True, env=os.environ.copy())
    assert proc.returncode == 0, proc.stderr
    assert history()[0]["input_path"] == str(SAMPLES / "meeting-notes.md")


def test_folder_option_errors_are_usage_errors(tmp_path):
    proc = runnel("run", str(DIGEST), str(SAMPLES / "meeting-notes.md"), "--folder", "bogus",
                  check_no_traceback=False)
    assert proc.returncode == 2 and "NAME=PATH" in proc.stderr
    proc = runnel("run", str(DIGEST), str(SAMPLES / "meeting-notes.md"), "--folder", "reportz=/tmp/x")
    assert proc.returncode == 2
    assert "--folder reportz: the workflow declares no folder of that name (declared: reports)" in proc.stderr


def test_relative_folder_is_taken_from_where_you_are(tmp_path):
    proc = subprocess.run([str(VENV_BIN / "runnel"), "run", str(DIGEST), str(SAMPLES / "meeting-notes.md"),
                           "--folder", "reports=here"], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "here" / "meeting-notes digest.md").exists()


def test_a_data_folder_that_is_a_file(tmp_path, monkeypatch):
    blocker = tmp_path / "home-file"
    blocker.write_text("x")
    monkeypatch.setenv("RUNNEL_HOME", str(blocker))
    proc = runnel("history")
    assert proc.returncode == 4
    assert f"the Runnel data folder {blocker} is a file, not a folder" in proc.stderr


def test_a_second_ctrl_c_stops_at_once(isolated_home, tmp_path):
    import signal

    slow = tmp_path / "slow.yaml"
    slow.write_text("schema_version: 1\nname: slow\nnodes:\n- {id: input, type: core.input_file}\n"
                    "- {id: read, type: documents.read}\n"
                    "- {id: t, type: text.template, params: {template: "
                    "'{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}'}}\n"
                    "links:\n- {from: input.file, to: read.file}\n- {from: read.document, to: t.document}\n")
    proc = subprocess.Popen([str(VENV_BIN / "runnel"), "run", str(slow), str(SAMPLES / "meeting-notes.md")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # wait until the run is recorded as started, then interrupt twice
    import time
    for _ in range(600):
        if runnel("history", "--json").stdout.strip() not in ("[]", ""):
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    line = proc.stderr.readline()
    assert "cancelling" in line
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "Traceback" not in err
    assert history()[0]["status"] == "interrupted"


@pytest.mark.model
@pytest.mark.slow
def test_privacy_check_runs_the_model_example_with_the_network_blocked(isolated_home):
    proc = runnel("privacy-check", "--json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    assert report["ok"] and report["run_status"] == "done"
    assert report["socket_attempts"] == [] and report["processes_checked"] == ["app", "worker"]
    assert report["model_calls"] >= 1
    assert history() == []                     # the check keeps no history of its own run
    assert not (isolated_home / "Runnel").exists()
    text = runnel("privacy-check", str(DIGEST), str(SAMPLES / "meeting-notes.md"))
    assert text.returncode == 0 and text.stdout.startswith("No socket was opened.")


def test_privacy_check_of_a_bad_workflow(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("nodes: [")
    proc = runnel("privacy-check", str(bad))
    assert proc.returncode == 3 and "bad.yaml" in proc.stderr


def test_privacy_check_fails_when_the_run_fails(tmp_path):
    proc = runnel("privacy-check", str(DIGEST), str(tmp_path / "nowhere.pdf"))
    assert proc.returncode == 1
    assert proc.stdout.startswith("No socket was opened, but the check is incomplete.")


def test_audit_exports_a_run_as_json(isolated_home, tmp_path):
    doc = SAMPLES / "meeting-notes.md"
    assert runnel("run", str(DIGEST), str(doc)).returncode == 0
    run_id = history()[0]["id"]
    proc = runnel("audit", run_id[:8])
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["run"]["id"] == run_id
    assert record["input"]["sha256"] == hashlib.sha256(doc.read_bytes()).hexdigest()
    assert record["workflow"]["sha256"] == hashlib.sha256(DIGEST.read_bytes()).hexdigest()
    assert [o["op"] for o in record["file_operations"]] == ["write"]

    out = tmp_path / "audit.json"
    proc = runnel("audit", run_id[:8], "-o", str(out))
    assert proc.returncode == 0 and str(out) in proc.stdout
    assert json.loads(out.read_text())["run"]["id"] == run_id
    proc = runnel("audit", run_id[:8], "-o", str(tmp_path / "no" / "such" / "a.json"))
    assert proc.returncode == 2 and "cannot be written" in proc.stderr


def test_audit_of_an_unknown_run():
    proc = runnel("audit", "deadbeef")
    assert proc.returncode == 4 and "no run with an id starting 'deadbeef'" in proc.stderr


def test_install_desktop_entry_adds_and_removes_the_launcher(isolated_home, monkeypatch):
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    proc = runnel("install-desktop-entry")
    assert proc.returncode == 0, proc.stderr
    entry = isolated_home / ".local" / "share" / "applications" / "runnel.desktop"
    assert entry.exists() and f"wrote {entry}" in proc.stdout
    assert "Exec=" in entry.read_text() and "%F" in entry.read_text()
    gone = runnel("install-desktop-entry", "--uninstall")
    assert gone.returncode == 0 and not entry.exists()


@pytest.mark.model
def test_the_invoice_examples_read_the_scanned_sample(isolated_home):
    """The scan (no text layer) through the shipped examples: the same values as the
    born-digital invoice, filed and recorded the same way."""
    scan = SAMPLES / "invoice-northwind-scan.pdf"
    proc = runnel("run", str(WORKFLOWS / "invoice-intake.yaml"), str(scan), "--json")
    assert proc.returncode == 0, proc.stderr
    run = json.loads(proc.stdout)["runs"][0]
    assert run["status"] == "done", run
    runnel_dir = isolated_home / "Runnel"
    assert (runnel_dir / "Invoices" / "2026-11 Northwind Office Supplies Ltd 2026-0417.pdf").is_file()
    assert (runnel_dir / "Ledger" / "invoices.csv").read_text().splitlines() == [
        "vendor,invoice_number,date,total,currency",
        "Northwind Office Supplies Ltd,2026-0417,2026-11-02,214.08,GBP"]
    proc = runnel("run", str(WORKFLOWS / "invoice-to-records.yaml"), str(scan), "--json")
    assert proc.returncode == 0, proc.stderr
    records = json.loads(proc.stdout)["runs"][0]
    assert records["error"] is None, records
