"""`runnel run` on content its workflow has already processed: a warning line, and
`--skip-done` leaves it out (the real CLI, real files, the real history)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.e2e.test_cli import runnel

NOTES = """\
schema_version: 1
name: Notes
folders:
  out: {out}
nodes:
- {{id: input, type: core.input_file}}
- {{id: read, type: documents.read}}
- {{id: note, type: text.template, params: {{template: '{{{{ document.text }}}}'}}}}
- {{id: save, type: files.write_text, params: {{folder: out, filename: '{{stem}}.txt'}}}}
links:
- {{from: input.file, to: read.file}}
- {{from: read.document, to: note.document}}
- {{from: note.text, to: save.content}}
"""


def test_a_file_run_again_is_warned_about_and_skip_done_skips_it(isolated_home, tmp_path: Path) -> None:
    out = tmp_path / "out"
    wf = tmp_path / "notes.yaml"
    wf.write_text(NOTES.format(out=out), encoding="utf-8")
    first = tmp_path / "inbox" / "note.md"
    first.parent.mkdir()
    first.write_text("number 7: call Alice\n", encoding="utf-8")
    proc = runnel("run", str(wf), str(first))
    assert proc.returncode == 0, proc.stderr
    assert "already processed" not in proc.stderr

    # the same content under another name: warned, and run again (a second copy)
    copy = tmp_path / "inbox" / "note again.md"
    shutil.copy(first, copy)
    fresh = tmp_path / "inbox" / "other.md"
    fresh.write_text("something else\n", encoding="utf-8")
    proc = runnel("run", str(wf), str(copy), str(fresh))
    assert proc.returncode == 0, proc.stderr
    warnings = [l for l in proc.stderr.splitlines() if l.startswith("runnel: warning:")]
    assert len(warnings) == 1, proc.stderr
    assert warnings[0].startswith("runnel: warning: this workflow already processed note again.md today at ")
    assert "(run " in warnings[0] and "--skip-done" in warnings[0]
    assert sorted(p.name for p in out.iterdir()) == ["note again.txt", "note.txt", "other.txt"]

    # --skip-done, before the files: only the new content runs
    newer = tmp_path / "inbox" / "newer.md"
    newer.write_text("brand new\n", encoding="utf-8")
    proc = runnel("run", "--skip-done", str(wf), str(first), str(newer), "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert [Path(r["input"]).name for r in summary["runs"]] == ["newer.md"]
    assert [Path(s["input"]).name for s in summary["skipped"]] == ["note.md"]
    assert "runnel: skipped note.md: this workflow already processed it" in proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["newer.txt", "note again.txt", "note.txt", "other.txt"]

    # everything done already: nothing runs, and that is no failure
    proc = runnel("run", str(wf), str(first), str(copy), "--skip-done")
    assert proc.returncode == 0, proc.stderr
    assert "nothing to run" in proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["newer.txt", "note again.txt", "note.txt", "other.txt"]


def test_a_dry_run_does_not_count_as_processed(isolated_home, tmp_path: Path) -> None:
    out = tmp_path / "out"
    wf = tmp_path / "notes.yaml"
    wf.write_text(NOTES.format(out=out), encoding="utf-8")
    doc = tmp_path / "note.md"
    doc.write_text("hello\n", encoding="utf-8")
    assert runnel("run", str(wf), str(doc), "--dry-run").returncode == 0
    proc = runnel("run", str(wf), str(doc), "--skip-done")
    assert proc.returncode == 0, proc.stderr
    assert "skipped" not in proc.stderr
    assert [p.name for p in out.iterdir()] == ["note.txt"]
