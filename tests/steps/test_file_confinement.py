"""Every step that writes a file stays inside the folder the workflow declares: one
table of escapes (a name with '..', an absolute name, a symlink into a sibling folder
whose name starts like the declared one, a symlink out, a dangling symlink) over every
action that writes, for real and as a dry run (which must refuse what the real run
refuses). Nothing outside the declared folder may change, whatever happens."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

import pytest

from desktop.engine.context import CancelToken, StepContext
from desktop.engine.document import Document
from desktop.engine.errors import StepError
from desktop.engine.events import EventBus
from desktop.engine.spec import Step
from desktop.steps.agent import Agent, Tools
from desktop.steps.files import AppendRow, CopyFile, MoveFile, WriteFile
from desktop.steps.scans import SearchablePdf

REFUSED = "would be written outside the declared folder"


def _context(step: type[Step], params: dict[str, Any], roots: dict[str, Path],
             dry_run: bool) -> StepContext:
    return StepContext(run_id="r" * 32, node_id="n", cancel=CancelToken(), dry_run=dry_run,
                       params=step.spec.resolve_params(params), roots=roots,
                       bus=EventBus([lambda e: None]))


def _step(step: type[Step], **inputs: Any) -> Callable[[Path, str, bool], str]:
    """Runs a files step writing `name` into the declared folder 'out'; what it answered."""

    def act(tmp: Path, name: str, dry_run: bool) -> str:
        params = {"folder": "out", "filename": name}
        ctx = _context(step, params, {"out": tmp / "out"}, dry_run)
        given = {k: (v(tmp) if callable(v) else v) for k, v in inputs.items()}
        try:
            step().run(ctx, **given)
        except StepError as e:
            return f"error: {e}"
        return "ok"
    return act


def _source(tmp: Path) -> Path:
    source = tmp / "in" / "source.txt"
    source.parent.mkdir(exist_ok=True)
    if not source.exists():
        source.write_text("the input\n")
    return source


def _note(tmp: Path, name: str, dry_run: bool) -> str:
    """ai.agent's write_note tool, called with the hostile name a document could suggest."""
    ctx = _context(Agent, {"notes_folder": "out", "tools": ["write_note"]}, {"out": tmp / "out"},
                   dry_run)
    tools = Tools(ctx, Document(tmp / "in.pdf", "pdf", ("page",), {}), ["write_note"])
    answer = tools.call("write_note", {"name": name, "text": "a note\n"})
    return answer if answer.startswith("error") else "ok"


def _scan(tmp: Path) -> Document:
    """A scanned page as documents.read gives it (no text on it: the copy is the image)."""
    from PIL import Image

    image = tmp / "in" / "scan.png"
    image.parent.mkdir(exist_ok=True)
    if not image.exists():
        Image.new("RGB", (200, 283), "white").save(image, dpi=(24, 24))
    return Document(image, "image", ("",), {}, page_sizes=((600.0, 849.0),), recognised=((0, None),))


# action: (how to run it, the file name it writes)
ACTIONS: dict[str, tuple[Callable[[Path, str, bool], str], str]] = {
    "write_text": (_step(WriteFile, content="written\n"), "report.txt"),
    "copy_file": (_step(CopyFile, file=_source), "copy.txt"),
    "move_file": (_step(MoveFile, file=_source), "moved.txt"),
    "append_row csv": (_step(AppendRow, record={"vendor": "Northwind", "total": 1}), "ledger.csv"),
    "append_row sqlite": (_step(AppendRow, record={"vendor": "Northwind", "total": 1}), "ledger.db"),
    "agent write_note": (_note, "note.txt"),
    "searchable_pdf": (_step(SearchablePdf, document=_scan), "scan.pdf"),
}


def _outside(tmp: Path, base: str) -> Path:
    """A file outside the declared folder, there before the step runs (a SQLite file is
    empty, which SQLite would happily write a table into)."""
    target = tmp / "elsewhere" / base
    target.write_bytes(b"" if base.endswith(".db") else b"keep\n")
    return target


def _link(tmp: Path, base: str, to: Path) -> str:
    (tmp / "out").mkdir(exist_ok=True)
    (tmp / "out" / base).symlink_to(to)
    return base


# escape: (sets it up and gives the name to write, whether the step must refuse it)
ESCAPES: dict[str, tuple[Callable[[Path, str], str], bool]] = {
    # a name is one file name: separators are cleaned out, so these land inside
    "dot-dot": (lambda tmp, base: f"../elsewhere/{base}", False),
    "absolute": (lambda tmp, base: str(tmp / "elsewhere" / base), False),
    # /x/out/base -> /x/out-evil/base: a check by string prefix would let it through
    "sibling prefix": (lambda tmp, base: _link(tmp, base, _sibling(tmp, base)), True),
    "symlink out": (lambda tmp, base: _link(tmp, base, _outside(tmp, base)), True),
    "dangling symlink": (lambda tmp, base: _link(tmp, base, tmp / "elsewhere" / f"new-{base}"), True),
}


def _sibling(tmp: Path, base: str) -> Path:
    target = tmp / "out-evil" / base
    target.write_bytes(b"" if base.endswith(".db") else b"keep\n")
    return target


def _snapshot(folder: Path) -> dict[str, Any]:
    """Every entry under `folder`: a link's target, a file's bytes, a folder's name."""
    seen: dict[str, Any] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for n in dirnames + filenames:
            p = Path(dirpath) / n
            rel = str(p.relative_to(folder))
            if p.is_symlink():
                seen[rel] = ("link", os.readlink(p))
            elif p.is_file():
                seen[rel] = ("file", p.read_bytes())
            else:
                seen[rel] = ("dir",)
    return seen


@pytest.mark.parametrize("dry_run", [False, True], ids=["run", "dry run"])
@pytest.mark.parametrize("escape", list(ESCAPES))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_no_file_action_writes_outside_its_declared_folder(tmp_path, action, escape, dry_run):
    act, base = ACTIONS[action]
    setup, refused = ESCAPES[escape]
    for folder in ("elsewhere", "out-evil", "in"):
        (tmp_path / folder).mkdir()
    name = setup(tmp_path, base)
    source = _source(tmp_path) if action in ("copy_file", "move_file") else None
    outside = {f: _snapshot(tmp_path / f) for f in ("elsewhere", "out-evil")}
    inside = _snapshot(tmp_path / "out") if (tmp_path / "out").exists() else {}
    top = sorted(p.name for p in tmp_path.iterdir() if p.name != "out")

    answer = act(tmp_path, name, dry_run)

    # whatever the step answered, nothing outside the declared folder changed
    assert {f: _snapshot(tmp_path / f) for f in outside} == outside
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "out") == top
    assert not (tmp_path.parent / "elsewhere").exists()
    if refused:
        assert answer.startswith("error: ") and REFUSED in answer, answer
        assert f"'{base}'" in answer            # it names the file it refused
    else:
        assert answer == "ok", answer
    after = _snapshot(tmp_path / "out") if (tmp_path / "out").exists() else {}
    for rel, entry in inside.items():            # the links in the folder are left as they were
        assert after.get(rel) == entry
    new = {rel: e for rel, e in after.items() if rel not in inside}
    if refused or dry_run:
        assert new == {}, new                    # nothing written anywhere
    else:
        assert len(new) == 1, new
        (rel, entry), = new.items()
        assert entry[0] == "file" and os.sep not in rel      # a plain file, directly inside
    if source is not None:                       # the input is only gone if it was moved in
        moved = action == "move_file" and not refused and not dry_run
        assert source.exists() != moved
