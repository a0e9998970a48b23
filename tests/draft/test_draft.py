"""`runnel draft`: whatever steps are asked for, the file written passes validation and\nruns; a sentence that asks for nothing is answered, not drafted."""

import json
import random
import shutil

import pytest

from desktop.draft import _choices, build
from desktop.engine.fileformat import load_workflow
from desktop.engine.registry import Registry
from desktop.engine.validate import validate
from tests.conftest import SAMPLES
from tests.e2e.test_cli import runnel


def test_any_sequence_of_steps_becomes_a_valid_workflow():
    registry = Registry.from_entry_points()
    choices = _choices(registry)
    rng = random.Random(7)
    for _ in range(300):
        steps = [rng.choice(choices) for _ in range(rng.randint(0, 7))]
        wf = build("x", "", steps, registry)
        assert validate(wf, registry) == [], steps
        assert [n.type for n in wf.nodes[:2]] == ["core.input_file", "documents.read"]


@pytest.mark.model
def test_draft_from_a_sentence_writes_a_file_that_runs(isolated_home, tmp_path):
    sentence = "when a PDF invoice arrives, extract vendor and total and file it by vendor"
    out = tmp_path / "drafted.yaml"
    proc = runnel("draft", sentence, "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "it ran, dry, on invoice-northwind.pdf" in proc.stdout
    wf = load_workflow(out)
    assert validate(wf, Registry.from_entry_points()) == []
    extract = next(n for n in wf.nodes if n.type == "ai.extract_fields")
    assert [f["name"] for f in extract.params["fields"]] == ["vendor", "total"]
    assert [n.type for n in wf.nodes][-1] == "files.move_file"
    # and for real, on a copy of the sample: done, or waiting for a person when unsure
    doc = tmp_path / "invoice.pdf"
    shutil.copy(SAMPLES / "invoice-northwind.pdf", doc)
    ran = runnel("run", str(out), str(doc), "--json")
    assert ran.returncode == 0, ran.stderr
    run = json.loads(ran.stdout)["runs"][0]
    # every value found: done, the invoice filed by the vendor's name in the declared folder
    assert run["status"] == "done", run
    filed = isolated_home / "Runnel" / "Output" / "Northwind Office Supplies Ltd invoice.pdf"
    assert run["files"] == [{"op": "move", "target": str(filed), "dry_run": False}]
    assert filed.read_bytes() == (SAMPLES / "invoice-northwind.pdf").read_bytes() and not doc.exists()
    again = runnel("draft", sentence, "--output", str(out))
    assert again.returncode == 0 and (tmp_path / "drafted (2).yaml").exists()   # never overwrites


@pytest.mark.model
def test_nonsense_is_answered_not_drafted(isolated_home, tmp_path):
    proc = runnel("draft", "banana telescope whispers quietly", "--output", str(tmp_path / "x.yaml"))
    assert proc.returncode == 1
    assert "I could not make a workflow from that" in proc.stderr
    assert not (tmp_path / "x.yaml").exists()
    assert runnel("draft", "   ").returncode == 1
