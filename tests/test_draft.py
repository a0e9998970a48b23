"""`runnel draft`: whatever the model picks, the file written passes validation."""

import random

import pytest

from desktop.draft import _choices, build, hinted
from desktop.engine.fileformat import load_workflow
from desktop.engine.registry import Registry
from desktop.engine.validate import validate
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


def test_hints_follow_the_sentence():
    choices = _choices(Registry.from_entry_points())
    assert hinted("extract vendor and total, then file it in the ledger", choices) == [
        "ai.extract_fields", "files.move_file", "files.append_row"]


@pytest.mark.model
def test_draft_from_a_sentence_writes_a_valid_file(isolated_home, tmp_path):
    out = tmp_path / "drafted.yaml"
    proc = runnel("draft", "when an invoice arrives, extract vendor and total, rename it and file it",
                  "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    wf = load_workflow(out)
    assert validate(wf, Registry.from_entry_points()) == []
    assert "ai.extract_fields" in [n.type for n in wf.nodes]
    again = runnel("draft", "the same again", "--output", str(out))
    assert again.returncode == 0 and (tmp_path / "drafted (2).yaml").exists()   # never overwrites
    assert runnel("draft", "   ").returncode == 1
