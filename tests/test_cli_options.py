"""Options go anywhere on the command line: before, between and after the files, for
every subcommand that takes files (the parser alone, then one real `runnel run`)."""

from __future__ import annotations

import json

import pytest

from desktop.cli import _parser
from tests.e2e.test_cli import runnel


@pytest.mark.parametrize("argv", [
    ["run", "wf.yaml", "a.pdf", "b.pdf", "--json", "--dry-run"],        # after
    ["run", "wf.yaml", "--json", "a.pdf", "--dry-run", "b.pdf"],        # between
    ["run", "--json", "--dry-run", "wf.yaml", "a.pdf", "b.pdf"],        # before
    ["run", "wf.yaml", "--folder", "out=/tmp/x", "a.pdf", "--json", "b.pdf", "--dry-run"],
])
def test_run_takes_its_options_anywhere(argv):  # type: ignore[no-untyped-def]
    args = _parser().parse_args(argv)
    assert (args.workflow, args.inputs, args.json, args.dry_run) == ("wf.yaml", ["a.pdf", "b.pdf"], True, True)


def test_every_subcommand_with_files_takes_options_between_them():
    parse = _parser().parse_args
    assert parse(["watch", "a.yaml", "--polling", "b.yaml"]).workflows == ["a.yaml", "b.yaml"]
    assert parse(["validate", "a.yaml", "b.yaml"]).workflows == ["a.yaml", "b.yaml"]
    args = parse(["approvals", "approve", "--note", "ok", "7", "--save-example"])
    assert (args.id, args.note, args.save_example) == (7, "ok", True)
    assert parse(["open", "a.pdf", "b.pdf"]).files == ["a.pdf", "b.pdf"]


def test_a_real_run_with_an_option_between_its_files(isolated_home, tmp_path):  # type: ignore[no-untyped-def]
    from desktop.paths import examples_dir

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("first")
    b.write_text("second")
    proc = runnel("run", str(examples_dir() / "extract-text.yaml"), str(a), "--json", "--dry-run", str(b))
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["ok"] and len(summary["runs"]) == 2
