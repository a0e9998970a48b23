"""Writing results: a file inside a folder the workflow declares, never outside it,
never over an existing file, never half-written."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Mapping

import psutil

from desktop.engine.context import StepContext
from desktop.engine.document import Document
from desktop.engine.errors import StepError
from desktop.engine.spec import Param, Port, Step, StepSpec
from desktop.engine.types import PortType

_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]')
MAX_SUFFIX = 9999


MAX_NAME_BYTES = 200     # file systems allow 255; room is left for ' (2)' suffixes


def clean_filename(name: str) -> str:
    """A single safe file name: separators and control characters become '_', and it is
    shortened (keeping its extension) to fit every file system."""
    name = _UNSAFE.sub("_", name).strip().strip(".") or "output"
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 10:
        stem, ext = name, ""
    room = MAX_NAME_BYTES - len(ext.encode("utf-8")) - (1 if ext else 0)
    stem = stem.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip()
    return f"{stem}.{ext}" if ext else stem


def confined(root: Path, name: str) -> Path:
    """`root/name`, refusing anything that resolves outside `root` (.., symlinks)."""
    target = (root / name).resolve()
    if target.parent != root.resolve():
        raise StepError(f"'{name}' would be written outside the declared folder {root}")
    return target


def numbered(path: Path, n: int) -> Path:
    return path if n == 1 else path.with_name(f"{path.stem} ({n}){path.suffix}")


PART_PREFIX = ".runnel-"


def remove_stale_parts(root: Path) -> int:
    """Delete temporary files left in `root` by writers that were killed mid-write."""
    removed = 0
    try:
        entries = list(os.scandir(root))
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        if not (name.startswith(PART_PREFIX) and name.endswith(".part")):
            continue
        pid = name[len(PART_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not psutil.pid_exists(int(pid)):
            try:
                os.unlink(entry.path)
                removed += 1
            except OSError:
                pass
    return removed


def numbered_free(root: Path, name: str) -> Path:
    """The name write_new would pick now, with the same checks (for dry runs)."""
    target = confined(root, name)
    n = 1
    while numbered(target, n).exists() or numbered(target, n).is_symlink():
        n += 1
    return numbered(target, n)


def write_new(root: Path, name: str, data: bytes,
              before_link: Callable[[Path], None] | None = None) -> Path:
    """Write `data` to root/name, or 'name (2)', ... if taken. Atomic: the content goes
    to a temporary file first and is linked into place only when complete."""
    target = confined(root, name)
    fd, tmp = tempfile.mkstemp(prefix=f"{PART_PREFIX}{os.getpid()}-", suffix=".part", dir=root)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)      # mkstemp makes 0600; a result is an ordinary file
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        for n in range(1, MAX_SUFFIX + 1):
            candidate = numbered(target, n)
            if candidate.exists() or candidate.is_symlink():
                continue
            if before_link is not None:
                before_link(candidate)       # journaled before it exists: a crash cannot hide it
            try:
                os.link(tmp, candidate)      # fails if the name exists: no overwrite
                return candidate
            except FileExistsError:
                continue
        raise StepError(f"{target.name}: {MAX_SUFFIX} files of that name already exist")
    finally:
        Path(tmp).unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()      # read once: os.umask is process-wide and not thread-safe


def move_no_overwrite(source: Path, folder: Path, name: str,
                      before_link: Callable[[Path], None] | None = None) -> Path:
    """Move `source` into `folder` as `name` (or 'name (2)' ...), atomically on one
    file system, copy-then-delete across file systems. Never replaces a file."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / clean_filename(name)
    for n in range(1, 10000):
        candidate = numbered(target, n)
        if candidate.exists() or candidate.is_symlink():
            continue
        if before_link is not None:
            before_link(candidate)       # journaled first: a crash cannot hide the move
        try:
            os.link(source, candidate)
        except FileExistsError:
            continue
        except OSError as e:
            if e.errno not in (errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EMLINK):
                raise
            if candidate.exists():
                continue
            fd, tmp_name = tempfile.mkstemp(prefix=f"{PART_PREFIX}{os.getpid()}-", suffix=".part",
                                            dir=folder)
            os.close(fd)
            tmp = Path(tmp_name)
            shutil.copy2(source, tmp)
            try:
                os.link(tmp, candidate)
            except FileExistsError:
                tmp.unlink()
                continue
            tmp.unlink()
        source.unlink()
        return candidate
    raise StepError(f"{folder} already holds 9,999 files named {target.name}")


@contextmanager
def writing_into(root: Path) -> Iterator[None]:
    """File-system failures while writing into a declared folder, as one sentence."""
    try:
        yield
    except PermissionError:
        raise StepError(f"the folder {root} is not writable (permission denied)") from None
    except OSError as e:
        raise StepError(f"could not write into {root}: {e.strerror or e}") from None


def serialise(content: Any, fmt: str) -> bytes:
    if isinstance(content, Document):
        content = content.text
    if fmt == "json":
        if isinstance(content, str):
            try:
                content = json.loads(content)
            except json.JSONDecodeError as e:
                raise StepError(f"the content is not valid JSON ({e.msg} at line {e.lineno}); "
                                "choose format 'text' or pass a record") from None
        return (json.dumps(content, indent=2, ensure_ascii=False, default=str) + "\n").encode()
    if not isinstance(content, str):
        content = json.dumps(content, indent=2, ensure_ascii=False, default=str)
    return content.encode("utf-8")


class WriteFile(Step):
    spec = StepSpec(
        id="files.write_text",
        title="Write file",
        category="Files",
        description="Writes text, markdown or JSON into one of the workflow's declared "
                    "folders. An existing file is never replaced: a number is added.",
        inputs=(Port("content", PortType.ANY, help="text, a document or a JSON record"),),
        outputs=(Port("file", PortType.FILE, help="the file written"),),
        params=(
            Param("folder", "folder", "output", required=True,
                  help="the declared folder to write into"),
            Param("filename", "string", "{stem}.txt", required=True,
                  help="name of the file; {stem}, {name}, {today}, {time} are filled in"),
            Param("format", "choice", "auto", choices=("auto", "text", "json"),
                  help="auto: JSON for .json names, text otherwise"),
        ),
        side_effects=True,
    )

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        p = ctx.params
        root = ctx.root(p["folder"])
        name = target_name(ctx, None, None)
        fmt = p["format"]
        if fmt == "auto":
            fmt = "json" if name.lower().endswith(".json") else "text"
        data = serialise(inputs["content"], fmt)
        if ctx.dry_run:
            target = numbered_free(root, name)
            ctx.journal("write", target, size=len(data))
            ctx.log(f"dry run: would write {target} ({len(data)} bytes)")
            return {"file": target}
        with writing_into(root):
            root.mkdir(parents=True, exist_ok=True)
            target = write_new(root, name, data,
                               lambda t: ctx.journal("write", t, content=data))
        return {"file": target}


class _Fields(dict):
    """Template fields for file names; a missing one is reported by name."""

    def __missing__(self, key: str) -> Any:
        raise KeyError(key)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def name_fields(ctx: StepContext, source: Path | None, record: dict | None) -> dict[str, Any]:
    """Fields for a name pattern. Dates (today, and record values like 2026-11-02) are
    dates, so '{date:%Y-%m}' works; '{date}' still gives 2026-11-02."""
    now = dt.datetime.now()
    src = source or ctx.run_input or Path("output")
    fields: dict[str, Any] = {"stem": src.stem, "name": src.name, "ext": src.suffix,
                              "today": now.date(), "time": now.strftime("%H%M%S"),
                              "run": ctx.run_id[:8]}
    for key, value in (record if isinstance(record, dict) else {}).items():
        if isinstance(key, str) and key.isidentifier():
            if value is None or value == "":
                value = "unknown"
            elif isinstance(value, str) and _ISO_DATE.match(value):
                try:
                    value = dt.date.fromisoformat(value)
                except ValueError:
                    pass
            fields[key] = value
    return fields


def fill_name(pattern: str, fields: dict[str, Any]) -> str:
    try:
        return pattern.format_map(_Fields(fields))
    except KeyError as e:
        known = ", ".join("{%s}" % k for k in fields)
        raise StepError(f"file name '{pattern}' uses an unknown field {e} (known: {known})") from None
    except (IndexError, ValueError, TypeError) as e:
        raise StepError(f"file name '{pattern}' is not a valid pattern ({e})") from None


def target_name(ctx: StepContext, source: Path | None, record: Any) -> str:
    """The step's 'filename' pattern filled in and made a safe single name."""
    return clean_filename(fill_name(ctx.params["filename"], name_fields(ctx, source, record)))


class CopyFile(Step):
    spec = StepSpec(
        id="files.copy_file",
        title="Copy and rename",
        category="Files",
        description="Copies a file into a declared folder under a name built from a pattern, "
                    "e.g. '{date}_{vendor}{ext}' with fields from a record. The original stays; "
                    "an existing file is never replaced.",
        inputs=(Port("file", PortType.FILE, help="the file to copy"),
                Port("record", PortType.JSON, required=False, help="fields for the name")),
        outputs=(Port("file", PortType.FILE, help="the copy"),),
        params=(
            Param("folder", "folder", "output", required=True, help="the declared folder to copy into"),
            Param("filename", "string", "{stem}{ext}", required=True,
                  help="new name; {stem}, {ext}, {today} and the record's fields are filled in"),
        ),
        side_effects=True,
    )

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        source = Path(inputs["file"])
        root = ctx.root(ctx.params["folder"])
        name = target_name(ctx, source, inputs.get("record"))
        try:
            data = source.read_bytes()
        except FileNotFoundError:
            raise StepError(f"{source} disappeared before it could be copied") from None
        except OSError as e:
            raise StepError(f"{source} cannot be read: {e.strerror}") from None
        if ctx.dry_run:
            target = numbered_free(root, name)
            ctx.journal("copy", target, source, size=len(data))
            return {"file": target}
        with writing_into(root):
            root.mkdir(parents=True, exist_ok=True)
            target = write_new(root, name, data,
                               lambda t: ctx.journal("copy", t, source, content=data))
        return {"file": target}


class MoveFile(Step):
    spec = StepSpec(
        id="files.move_file",
        title="Move and rename",
        category="Files",
        description="Moves a file into a declared folder under a name built from a pattern, "
                    "e.g. '{date:%Y-%m}/{vendor}_{total}.pdf' is not allowed (one folder), but "
                    "'{date:%Y-%m-%d}_{vendor}_{total}{ext}' is. Never replaces a file; undoable.",
        inputs=(Port("file", PortType.FILE, help="the file to move"),
                Port("record", PortType.JSON, required=False, help="fields for the name")),
        outputs=(Port("file", PortType.FILE, help="where the file is now"),),
        params=(
            Param("folder", "folder", "output", required=True, help="the declared folder to move into"),
            Param("filename", "string", "{name}", required=True,
                  help="new name; {stem}, {ext}, {today:%Y-%m-%d} and the record's fields"),
        ),
        side_effects=True,
    )

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        source = Path(inputs["file"])
        root = ctx.root(ctx.params["folder"])
        name = target_name(ctx, source, inputs.get("record"))
        if not source.exists():
            raise StepError(f"{source} disappeared before it could be moved")
        if ctx.dry_run:
            target = numbered_free(root, name)
            ctx.journal("move", target, source, size=source.stat().st_size)
            return {"file": target}
        if root.exists():
            confined(root, name)             # refuses a name that escapes the folder
        size = source.stat().st_size
        try:
            target = move_no_overwrite(source, root, name,
                                       before_link=lambda t: ctx.journal("move", t, source, size=size))
        except PermissionError:
            raise StepError(f"the folder {root} is not writable (permission denied)") from None
        except OSError as e:
            raise StepError(f"could not move {source.name} into {root}: {e.strerror or e}") from None
        return {"file": target}


class AppendRow(Step):
    spec = StepSpec(
        id="files.append_row",
        title="Append to table",
        category="Files",
        description="Appends a record as a row to a CSV file or a SQLite table in a declared "
                    "folder (a ledger of invoices, say). Undoable while nothing was added after it.",
        inputs=(Port("record", PortType.JSON, help="the row"),),
        outputs=(Port("record", PortType.JSON, help="the row as written"),),
        params=(
            Param("folder", "folder", "output", required=True, help="the declared folder"),
            Param("filename", "string", "ledger.csv", required=True,
                  help="a .csv file, or a .db/.sqlite file for a SQLite table"),
            Param("table", "string", "rows", help="the table, for a SQLite file"),
            Param("unique_by", "json", [],
                  help="fields that identify a row, e.g. [vendor, invoice_number]: a row whose "
                       "values of these are already in the table is not added again"),
            Param("if_present", "choice", "skip", choices=("skip", "fail"),
                  help="when the row is already there: skip it (a warning, the run goes on) "
                       "or fail the step"),
        ),
        side_effects=True,
    )

    @classmethod
    def check_params(cls, params: Mapping[str, Any]) -> list[str]:
        keys = params.get("unique_by")
        if keys in (None, []):
            return []
        if not isinstance(keys, list) or not all(isinstance(k, str) and k.strip() for k in keys):
            return ["option 'unique_by' must be a list of field names, e.g. [vendor, invoice_number]"]
        return []

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        record = inputs["record"]
        if not isinstance(record, dict):
            raise StepError("append to table needs a record (a JSON object)")
        row = {str(k): (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v)
               for k, v in record.items()}
        root = ctx.root(ctx.params["folder"])
        name = clean_filename(ctx.params["filename"])
        target = confined(root, name) if root.exists() else root / name
        sqlite = target.suffix.lower() in (".db", ".sqlite", ".sqlite3")
        keys = [k.strip() for k in ctx.params.get("unique_by") or []]
        if keys:
            missing = [k for k in keys if k not in row]
            if missing:
                raise StepError(f"unique_by names {', '.join(repr(k) for k in missing)}, which the "
                                f"record does not have (it has {', '.join(row) or 'no fields'})")
            where = self._present(target, sqlite, ctx.params["table"] or "rows", row, keys)
            if where:
                said = ", ".join(f"{k}={row[k]}" for k in keys)
                if ctx.params.get("if_present") == "fail":
                    raise StepError(f"{said} is already in {target.name} ({where}); not added again")
                ctx.log(f"{said} is already in {target.name} ({where}); not added again", "warning")
                return {"record": row}
        if ctx.dry_run:
            ctx.journal("append", target, size=None)
            ctx.log(f"dry run: would append a row to {target}" + (f" table {ctx.params['table']}" if sqlite else ""))
            return {"record": row}
        try:
            root.mkdir(parents=True, exist_ok=True)
            if sqlite:
                self._sqlite(ctx, target, row)
            else:
                self._csv(ctx, target, row)
        except PermissionError:
            raise StepError(f"{target} is not writable (permission denied)") from None
        except OSError as e:
            raise StepError(f"could not append to {target}: {e.strerror or e}") from None
        return {"record": row}

    @staticmethod
    def _present(target: Path, sqlite: bool, table: str, row: dict[str, Any],
                 keys: list[str]) -> str | None:
        """Where a row with the same values of `keys` already is ('row 4', counting the
        rows under the header), or None."""
        if not target.exists() or not target.stat().st_size:
            return None
        if sqlite:
            import sqlite3

            from sqlite_utils import Database

            try:
                db = Database(target)
                try:
                    if not db[table].exists() or not set(keys) <= set(db[table].columns_dict):
                        return None
                    cond = " AND ".join(f"[{k}] = ?" for k in keys)
                    found = list(db.query(f"SELECT rowid FROM [{table}] WHERE {cond} LIMIT 1",
                                          [row[k] for k in keys]))
                finally:
                    db.close()
            except sqlite3.Error as e:
                raise StepError(f"could not read table {table} in {target.name}: {e}") from None
            return f"table {table}, rowid {found[0]['rowid']}" if found else None
        import csv

        wanted = [_cell(row[k]) for k in keys]
        reader = csv.DictReader(_decoded(target.read_bytes())[0].splitlines())
        for number, existing in enumerate(reader, start=1):
            if [(existing.get(k) or "").strip() for k in keys] == wanted:
                return f"row {number}"
        return None

    @staticmethod
    def _csv(ctx: StepContext, target: Path, row: dict[str, Any]) -> None:
        import csv
        import io

        header, encoding, newline, start = list(row), "utf-8", "\n", 0
        prefix = ""
        if target.exists() and target.stat().st_size:
            raw = target.read_bytes()
            start = len(raw)
            # keep the ledger as it is: its encoding (Excel's BOM, or a legacy code page),
            # its line ends, and a missing final newline
            text, encoding = _decoded(raw)
            first = text.splitlines(keepends=True)[0] if text else ""
            newline = "\r\n" if first.endswith("\r\n") else "\n"
            header = next(csv.reader([first.rstrip("\r\n")]), header)
            if not text.endswith(("\n", "\r")):
                prefix = newline
            extra = [k for k in row if k not in header]
            if extra:
                ctx.log(f"{target.name} has no column for {', '.join(extra)}; left out", "warning")
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=header, extrasaction="ignore", lineterminator=newline)
        if not start:
            writer.writeheader()
        writer.writerow(row)
        data = (prefix + buf.getvalue()).encode(encoding, errors="replace")
        ctx.journal("append", target, Path(f"bytes:{start}-{start + len(data)}"), size=start + len(data),
                    content=data)
        with target.open("ab") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())

    @staticmethod
    def _sqlite(ctx: StepContext, target: Path, row: dict[str, Any]) -> None:
        import sqlite3

        from sqlite_utils import Database

        table = ctx.params["table"] or "rows"
        try:
            db = Database(target)
            rowid = db[table].insert(row, alter=True).last_rowid
            db.conn.commit()
            db.close()
        except sqlite3.Error as e:
            raise StepError(f"could not append to table {table} in {target.name}: {e}") from None
        ctx.journal("append", target, Path(f"rowid:{table}:{rowid}"))


def _decoded(raw: bytes) -> tuple[str, str]:
    """A ledger's text and the encoding to append in: UTF-8 (with or without Excel's
    BOM), else a legacy code page."""
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "cp1252"


def _cell(value: Any) -> str:
    """A value as the CSV writer puts it in a cell (None is empty)."""
    return "" if value is None else str(value).strip()


STEPS = [WriteFile, CopyFile, MoveFile, AppendRow]
