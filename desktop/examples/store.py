"""The labelled examples on disk: add, list, remove, load (checked against the fields).

Layout, under an examples folder (see `examples_dir`):

    <node id>/<example id>/document.<ext>   a copy of the source document
    <node id>/<example id>/record.json      {"record": {...}, "source": "<file name>",
                                             "sha256": "...", "added": "<ISO time>",
                                             "added_by": "cli" | "review", "note": ""}

The example id is the first 12 hex digits of the document's SHA-256, so the same
document added again for the same step replaces its record. A new example is built
in a hidden folder and renamed into place, and record.json is replaced atomically, so
a crash never leaves half an example; hidden folders are ignored when reading.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.engine.atomic import write_text_atomic
from desktop.engine.workflow import NODE_ID
from desktop.examples.location import SUFFIX
from desktop.examples.record import check_record, fields_problem

ID_LENGTH = 12
EXAMPLE_ID = re.compile(rf"^[0-9a-f]{{{ID_LENGTH}}}$")
RECORD_FILE = "record.json"
DOCUMENT = "document"
ADDED_BY = ("cli", "review")
_EXT = re.compile(r"^\.[A-Za-z0-9]{1,10}$")
_STALE_SECONDS = 24 * 3600


class ExampleError(Exception):
    """An example cannot be added or removed; the message is a whole sentence."""


@dataclass
class Example:
    id: str
    node_id: str
    document: Path
    record: dict
    source: str
    sha256: str
    added: str
    added_by: str
    note: str = ""
    replaced: bool = field(default=False, compare=False)   # add_example replaced an earlier record

    @property
    def folder(self) -> Path:
        return self.document.parent

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "node": self.node_id, "source": self.source,
                "document": str(self.document), "record": self.record, "sha256": self.sha256,
                "added": self.added, "added_by": self.added_by, "note": self.note}


# ---------------------------------------------------------------- add

def add_example(dir: Path | str, node_id: str, document_path: Path | str, record: dict, *,
                fields: list[dict] | None = None, added_by: str = "cli", note: str = "") -> Example:
    """Keep `document_path` and its correct `record` as an example of step `node_id`.
    With `fields` (the step's field list) the record is checked first and stored in
    the fields' order. Refuses with ExampleError; `.replaced` on the result says the
    same document had been added before and its record was replaced."""
    node_dir = _node_dir(Path(dir), node_id)
    if added_by not in ADDED_BY:
        raise ExampleError(f"'added_by' is one of {', '.join(ADDED_BY)}, not {added_by!r}")
    if fields is not None:
        problem = fields_problem(fields)
        if problem:
            raise ExampleError(f"cannot check the record: {problem}")
        record, problems = check_record(record, fields)
        if problems:
            raise ExampleError("the record does not fit the step's fields: " + "; ".join(problems))
    elif not isinstance(record, dict):
        raise ExampleError("a record is a JSON object of field names and values")
    else:
        record = dict(record)
    source = Path(document_path)
    if not source.is_file():
        raise ExampleError(f"{source}: there is no such document"
                           + (" (it is a folder)" if source.is_dir() else ""))
    try:
        node_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExampleError(f"cannot create the examples folder {node_dir}: {e.strerror or e}") from None
    _sweep(node_dir)
    ext = source.suffix.lower() if _EXT.match(source.suffix) else ""
    try:
        tmp = Path(tempfile.mkdtemp(prefix=".adding-", dir=node_dir))
    except OSError as e:
        raise ExampleError(f"cannot write in the examples folder {node_dir}: {e.strerror or e}") from None
    try:
        sha = _copy(source, tmp / (DOCUMENT + ext))
        meta = {"record": record, "source": source.name, "sha256": sha,
                "added": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                "added_by": added_by, "note": note}
        try:
            text = json.dumps(meta, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
        except (TypeError, ValueError) as e:
            raise ExampleError(f"the record cannot be saved as JSON ({e})") from None
        write_text_atomic(tmp / RECORD_FILE, text)
        final = node_dir / sha[:ID_LENGTH]
        replaced = _exists(final)
        if replaced:
            _replace_into(tmp, final, DOCUMENT + ext)
        else:
            try:
                os.rename(tmp, final)
            except OSError:               # appeared meanwhile (another add of the same file)
                replaced = True
                _replace_into(tmp, final, DOCUMENT + ext)
    except OSError as e:
        raise ExampleError(f"cannot save the example in {node_dir}: {e.strerror or e}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return Example(sha[:ID_LENGTH], node_id, final / (DOCUMENT + ext), record, source.name, sha,
                   meta["added"], added_by, note, replaced=replaced)


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _copy(source: Path, target: Path) -> str:
    """Copy with the SHA-256 computed on the way, flushed to disk; an empty file is refused."""
    digest = hashlib.sha256()
    size = 0
    try:
        src = source.open("rb")
    except OSError as e:
        raise ExampleError(f"{source}: the document cannot be read ({e.strerror or e})") from None
    with src, target.open("xb") as dst:
        while True:
            try:
                chunk = src.read(1 << 20)
            except OSError as e:
                raise ExampleError(f"{source}: the document cannot be read ({e.strerror or e})") from None
            if not chunk:
                break
            digest.update(chunk)
            dst.write(chunk)
            size += len(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    if not size:
        raise ExampleError(f"{source}: the document is empty")
    return digest.hexdigest()


def _replace_into(tmp: Path, final: Path, document_name: str) -> None:
    """The same document again: its copy and then its record replace the old ones, each
    in one step; an older copy under another extension goes last."""
    if not final.is_dir() or final.is_symlink():
        raise ExampleError(f"{final} is in the way: it is not an example folder")
    os.replace(tmp / document_name, final / document_name)
    os.replace(tmp / RECORD_FILE, final / RECORD_FILE)
    for old in _documents(final):
        if old.name != document_name:
            old.unlink(missing_ok=True)


def _sweep(node_dir: Path) -> None:
    """Hidden leftovers of an add or remove that a crash interrupted, a day old or more."""
    now = time.time()
    for p in node_dir.glob(".*-*"):
        try:
            if p.name.startswith((".adding-", ".removing-")) and now - p.lstat().st_mtime > _STALE_SECONDS:
                shutil.rmtree(p, ignore_errors=True)
        except OSError:
            pass


def read_record_file(path: Path | str) -> tuple[Any, str]:
    """A record file a person wrote, as (record, note): a bare `{...}` record, or one
    wrapped like record.json, `{"record": {...}, "note": ...}`. ExampleError if unreadable."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ExampleError(f"{path}: the record file cannot be read ({e.strerror or e})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ExampleError(f"{path}: the record file is not valid JSON ({e})") from None
    if isinstance(data, dict) and isinstance(data.get("record"), dict):
        return data["record"], str(data.get("note") or "")
    return data, ""


# ---------------------------------------------------------------- remove

def remove_example(dir: Path | str, node_id: str | None, example_id: str) -> str:
    """Delete one example, readable or not: renamed out of sight in one step, then its
    files removed. With `node_id` None, the one step that has this example id. Returns
    the step's id; ExampleError when there is no such example (or several steps have it)."""
    example_id = example_id.strip().lower()
    if node_id is None:
        nodes = [n for n in node_ids(dir) if EXAMPLE_ID.match(example_id)
                 and (Path(dir) / n / example_id).is_dir()]
        if len(nodes) > 1:
            raise ExampleError(f"steps {', '.join(nodes)} each have an example '{example_id}'; "
                               "say which one with --node")
        if not nodes:
            raise ExampleError(f"there is no example '{example_id}' in {Path(dir)}")
        node_id = nodes[0]
    node_dir = _node_dir(Path(dir), node_id)
    folder = node_dir / example_id
    if not EXAMPLE_ID.match(example_id) or not folder.is_dir() or folder.is_symlink():
        raise ExampleError(f"there is no example '{example_id}' for step '{node_id}' in {Path(dir)}")
    gone = node_dir / f".removing-{example_id}-{os.getpid()}-{time.monotonic_ns()}"
    try:
        os.rename(folder, gone)
    except OSError as e:
        raise ExampleError(f"cannot remove the example {folder}: {e.strerror or e}") from None
    shutil.rmtree(gone, ignore_errors=True)
    empties = [node_dir] + ([Path(dir)] if Path(dir).name.endswith(SUFFIX) else [])
    for empty in empties:                      # no empty folder left beside a workflow
        try:
            empty.rmdir()
        except OSError:
            break
    return node_id


# ---------------------------------------------------------------- read

def node_ids(dir: Path | str) -> list[str]:
    """The steps that have an examples folder under `dir`."""
    try:
        return sorted(p.name for p in Path(dir).iterdir() if p.is_dir() and NODE_ID.match(p.name))
    except OSError:
        return []


def list_examples(dir: Path | str, node_id: str | None = None) -> list[Example]:
    """The examples that can be read (of one step, or of all), oldest first; the ones
    that cannot are left out (load_examples says why)."""
    nodes = [node_id] if node_id is not None else node_ids(dir)
    out: list[Example] = []
    for node in nodes:
        out += _scan(Path(dir), node)[0]
    return out


def load_examples(dir: Path | str, node_id: str, fields: list[dict]) -> tuple[list[Example], list[str]]:
    """The good examples of step `node_id`, their records checked against `fields`
    and put in the fields' order, and one sentence per bad one. Never raises: a
    missing folder is simply no examples."""
    examples, problems = _scan(Path(dir), node_id)
    problem = fields_problem(fields)
    if problem:
        return [], problems + [f"the examples of step '{node_id}' cannot be checked: {problem}"]
    good = []
    for ex in examples:
        record, wrong = check_record(ex.record, fields)
        if wrong:
            problems.append(f"example {ex.folder}: the record does not fit the step's fields: "
                            + "; ".join(wrong))
        else:
            ex.record = record
            good.append(ex)
    return good, problems


def fingerprint(dir: Path | str, node_id: str) -> str:
    """A short digest that changes whenever an example of step `node_id` is added,
    removed or edited ('' when it has none): what a cached result of the step depends
    on. Only the folder listing and the records' sizes and times are read."""
    if not isinstance(node_id, str) or not NODE_ID.match(node_id):
        return ""
    node_dir = Path(dir) / node_id
    parts = []
    try:
        for folder in sorted(node_dir.iterdir()):
            if folder.name.startswith("."):
                continue
            try:
                st = (folder / RECORD_FILE).stat()
                parts.append(f"{folder.name}:{st.st_size}:{st.st_mtime_ns}")
            except OSError:
                parts.append(f"{folder.name}:-")
    except OSError:
        return ""
    if not parts:
        return ""
    return "examples:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _node_dir(dir: Path, node_id: str) -> Path:
    if not isinstance(node_id, str) or not NODE_ID.match(node_id):
        raise ExampleError(f"{node_id!r} is not a step id")
    return dir / node_id


def _scan(dir: Path, node_id: str) -> tuple[list[Example], list[str]]:
    if not isinstance(node_id, str) or not NODE_ID.match(node_id):
        return [], [f"{node_id!r} is not a step id, so it has no examples"]
    node_dir = dir / node_id
    if not node_dir.exists():
        return [], []
    if not node_dir.is_dir():
        return [], [f"{node_dir} should be the folder of step '{node_id}''s examples, but it is a file"]
    try:
        entries = sorted(node_dir.iterdir())
    except OSError as e:
        return [], [f"{node_dir}: the examples folder cannot be read ({e.strerror or e})"]
    examples, problems = [], []
    for folder in entries:
        if folder.name.startswith("."):
            continue
        try:
            examples.append(_read(folder, node_id))
        except _Bad as e:
            problems.append(f"example {folder}: {e}")
    examples.sort(key=lambda ex: (ex.added, ex.id))
    return examples, problems


class _Bad(Exception):
    pass


def _documents(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and (p.name == DOCUMENT or p.name.startswith(DOCUMENT + ".")))


def _read(folder: Path, node_id: str) -> Example:
    if not folder.is_dir():
        raise _Bad("this is a file, not an example folder")
    if not EXAMPLE_ID.match(folder.name):
        raise _Bad(f"the folder name is not an example id ({ID_LENGTH} hex digits "
                   "of the document's SHA-256)")
    try:
        raw = (folder / RECORD_FILE).read_bytes()
    except FileNotFoundError:
        raise _Bad(f"{RECORD_FILE} is missing") from None
    except OSError as e:
        raise _Bad(f"{RECORD_FILE} cannot be read ({e.strerror or e})") from None
    try:
        meta = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _Bad(f"{RECORD_FILE} is not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise _Bad(f"{RECORD_FILE} is not valid JSON ({e.msg} at line {e.lineno}, "
                   f"column {e.colno})") from None
    if not isinstance(meta, dict) or not isinstance(meta.get("record"), dict):
        raise _Bad(f"{RECORD_FILE} has no \"record\" object (it should hold "
                   "{\"record\": {...}, \"source\": ..., \"sha256\": ...})")
    try:
        docs = _documents(folder)
    except OSError as e:
        raise _Bad(f"the folder cannot be read ({e.strerror or e})") from None
    if not docs:
        raise _Bad(f"the document is missing (there is no {DOCUMENT}.<ext> beside {RECORD_FILE})")
    if len(docs) > 1:
        raise _Bad(f"it holds {len(docs)} documents ({', '.join(d.name for d in docs)}); keep one")
    try:
        sha = _sha256(docs[0])
    except OSError as e:
        raise _Bad(f"the document {docs[0].name} cannot be read ({e.strerror or e})") from None
    stored = meta.get("sha256")
    if isinstance(stored, str) and stored and stored.lower() != sha:
        raise _Bad(f"the document {docs[0].name} was changed after it was added "
                   "(its SHA-256 does not match record.json)")
    return Example(folder.name, node_id, docs[0], meta["record"], _text(meta.get("source")) or docs[0].name,
                   sha, _text(meta.get("added")), _text(meta.get("added_by")) or "cli",
                   _text(meta.get("note")))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
