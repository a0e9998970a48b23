from pathlib import Path

import pytest

from desktop.engine import fileformat
from desktop.engine.errors import WorkflowFileError
from desktop.engine.fileformat import dumps, load_workflow, loads, save_workflow
from desktop.engine.triggers import Schedule, Trigger
from desktop.engine.workflow import Link, Node, Workflow
from tests.conftest import WORKFLOWS

EXAMPLES = sorted(WORKFLOWS.glob("*.yaml"))


def test_there_are_examples():
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_round_trips_exactly(path: Path, tmp_path: Path):
    text = path.read_text(encoding="utf-8")
    wf = load_workflow(path)
    assert dumps(wf) == text                      # file -> model -> same bytes
    copy = tmp_path / path.name
    save_workflow(wf, copy)
    assert load_workflow(copy) == wf              # model -> file -> same model


def test_a_full_workflow_round_trips(tmp_path: Path):
    wf = Workflow(
        name="Everything", description="two\nlines", folders={"out": "~/x"},
        triggers=[Trigger("folder", "~/in", ["*.pdf"], ["~$*"], True, after_success="move",
                          success_name="{today}_{name}", after_failure="move",
                          schedule=Schedule(("mon", "fri"), "08:00", "18:00"), paused=True,
                          settle_seconds=0.5, observer="polling"),
                  Trigger("quick_action")],
        nodes=[Node("a", "test.emit", {"value": "x: y", "n": [1, 2]}, 1.5, -3, title="Start"),
               Node("b", "test.append", {}, 100, 0, on_error="retry", retries=2)],
        links=[Link("a", "text", "b", "text")])
    assert loads(dumps(wf)) == wf
    save_workflow(wf, tmp_path / "w.yaml")
    assert load_workflow(tmp_path / "w.yaml") == wf
    assert not list(tmp_path.glob(".*tmp"))       # atomic save left no temp file


BAD = {
    "not_yaml": ("name: [unclosed\n", "not valid YAML at line"),
    "not_mapping": ("- just\n- a list\n", "must be a YAML mapping"),
    "no_version": ("name: x\nnodes: []\n", "'schema_version' is missing"),
    "future_version": ("schema_version: 99\nname: x\n", "schema_version 99 is newer"),
    "zero_version": ("schema_version: 0\nname: x\n", "schema_version 0 does not exist"),
    "text_version": ("schema_version: one\nname: x\n", "must be a whole number"),
    "no_name": ("schema_version: 1\nnodes: []\n", "'name' is missing"),
    "unknown_key": ("schema_version: 1\nname: x\nstepz: []\n", "unknown key 'stepz'"),
    "node_without_id": ("schema_version: 1\nname: x\nnodes:\n- type: a.b\n", "node 1 has a missing"),
    "node_without_type": ("schema_version: 1\nname: x\nnodes:\n- id: n1\n", "node 'n1': 'type' is missing"),
    "duplicate_ids": ("schema_version: 1\nname: x\nnodes:\n- {id: a, type: a.b}\n- {id: a, type: a.b}\n",
                      "node 'a': this node id is used twice"),
    "params_list": ("schema_version: 1\nname: x\nnodes:\n- {id: a, type: a.b, params: [1]}\n",
                    "node 'a': 'params' must be a mapping"),
    "bad_policy": ("schema_version: 1\nname: x\nnodes:\n- {id: a, type: a.b, on_error: maybe}\n",
                   "'on_error' is 'maybe'"),
    "bad_link": ("schema_version: 1\nname: x\nlinks:\n- {from: a, to: b.c}\n", "link 1: 'from' is 'a'"),
    "link_extra": ("schema_version: 1\nname: x\nlinks:\n- {from: a.b, to: b.c, via: x}\n",
                   "exactly 'from' and 'to'"),
    "bad_trigger": ("schema_version: 1\nname: x\ntriggers:\n- {kind: folder}\n", "needs a 'path'"),
    "bad_schedule": ("schema_version: 1\nname: x\ntriggers:\n- {kind: folder, path: /in, schedule: "
                     "{days: [mon], from: '18:00', to: '08:00'}}\n", "'from' must be before its 'to'"),
    "bad_after": ("schema_version: 1\nname: x\ntriggers:\n- {kind: folder, path: /in, after_success: "
                  "delete}\n", "'after_success' must be one of leave, move"),
    "bad_ui": ("schema_version: 1\nname: x\nnodes:\n- {id: a, type: a.b, ui: {x: left}}\n",
               "'ui' must be"),
    "deep_nesting": ("schema_version: 1\nname: " + "[" * 5000 + "]" * 5000 + "\n",
                     "nested too deeply"),
    "alias_bomb": ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                   "schema_version: *b\nname: x\n", "anchors ('&name') are not allowed"),
    "huge_version": ("schema_version: " + "9" * 5000 + "\nname: x\n",
                     "a number in the file is too long to be read"),
    "big_version": ("schema_version: " + "9" * 40 + "\nname: x\n",
                    "schema_version a huge number is newer"),
    "duplicate_key": ("schema_version: 1\nname: x\nnodes: []\nnodes:\n- {id: a, type: a.b}\n",
                      "'nodes' is given twice in the same mapping (line 4)"),
    "list_key": ("schema_version: 1\nname: x\n? [a, b]\n: 1\n", "a mapping key must be text"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_files_give_one_sentence_naming_the_file(case: str, tmp_path: Path):
    text, expected = BAD[case]
    path = tmp_path / f"{case}.yaml"
    path.write_text(text)
    with pytest.raises(WorkflowFileError) as info:
        load_workflow(path)
    message = str(info.value)
    assert message.startswith(str(path))
    assert expected in message
    assert "\n" not in message


def test_devices_and_pipes_are_refused_without_hanging(tmp_path: Path):
    import os

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(WorkflowFileError, match="not a regular file"):
        load_workflow(fifo)
    with pytest.raises(WorkflowFileError, match="not a regular file"):
        load_workflow("/dev/zero")


def test_a_long_chain_is_fine(registry):
    nodes = "".join(f"- {{id: s{i}, type: test.append}}\n" for i in range(1, 1500))
    links = "".join(f"- {{from: s{i}.text, to: s{i + 1}.text}}\n" for i in range(1, 1499))
    wf = loads("schema_version: 1\nname: chain\nnodes:\n- {id: s0, type: test.emit}\n" + nodes
               + "links:\n- {from: s0.text, to: s1.text}\n" + links)
    from desktop.engine.executor import Executor
    from desktop.engine.validate import validate
    assert validate(wf, registry) == []
    assert Executor(registry).run(wf).output("s1499", "text") == "hello" + "!" * 1499


def test_unreadable_files(tmp_path: Path):
    with pytest.raises(WorkflowFileError, match="does not exist"):
        load_workflow(tmp_path / "missing.yaml")
    with pytest.raises(WorkflowFileError, match="is a folder"):
        load_workflow(tmp_path)
    (tmp_path / "bin.yaml").write_bytes(b"\xff\xfe\x00\x81garbage")
    with pytest.raises(WorkflowFileError, match="not UTF-8"):
        load_workflow(tmp_path / "bin.yaml")


def test_yaml_is_safe_loaded(tmp_path: Path):
    text = "schema_version: 1\nname: !!python/object/apply:os.system ['touch pwned']\n"
    with pytest.raises(WorkflowFileError, match="not valid YAML"):
        loads(text, tmp_path / "evil.yaml")


def test_migration_hook_upgrades_older_files(monkeypatch):
    monkeypatch.setattr(fileformat, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(fileformat, "_MIGRATIONS", {})

    @fileformat.migration(1)
    def rename_steps(data: dict) -> dict:
        for node in data.get("nodes", []):
            node["type"] = node["type"].replace("old.", "new.")
        return data

    wf = loads("schema_version: 1\nname: x\nnodes:\n- {id: a, type: old.step}\n")
    assert wf.nodes[0].type == "new.step"
    assert dumps(wf).startswith("schema_version: 2\n")


def test_a_version_without_its_migration_is_reported(monkeypatch):
    monkeypatch.setattr(fileformat, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(fileformat, "_MIGRATIONS", {})
    with pytest.raises(WorkflowFileError, match="no upgrade from schema_version 1"):
        loads("schema_version: 1\nname: x\n")
