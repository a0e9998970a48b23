"""Writing results: a file inside a folder the workflow declares, never outside it,
never over an existing file, never half-written."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from desktop.engine.context import StepContext
from desktop.engine.document import Document
from desktop.engine.errors import StepError
from desktop.engine.spec import Param, Port, Step, StepSpec
from desktop.engine.types import PortType

_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]')
MAX_SUFFIX = 9999


def clean_filename(name: str) -> str:
    """A single safe file name: separators and control characters become '_'."""
    name = _UNSAFE.sub("_", name).strip().strip(".")
    return name[:200] or "output"


def confined(root: Path, name: str) -> Path:
    """`root/name`, refusing anything that resolves outside `root` (.., symlinks)."""
    target = (root / name).resolve()
    if target.parent != root.resolve():
        raise StepError(f"'{name}' would be written outside the declared folder {root}")
    return target


def numbered(path: Path, n: int) -> Path:
    return path if n == 1 else path.with_name(f"{path.stem} ({n}){path.suffix}")


def write_new(root: Path, name: str, data: bytes) -> Path:
    """Write `data` to root/name, or 'name (2)', ... if taken. Atomic: the content goes
    to a temporary file first and is linked into place only when complete."""
    target = confined(root, name)
    fd, tmp = tempfile.mkstemp(prefix=".runnel-", suffix=".part", dir=root)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        for n in range(1, MAX_SUFFIX + 1):
            candidate = numbered(target, n)
            try:
                os.link(tmp, candidate)      # fails if the name exists: no overwrite
                return candidate
            except FileExistsError:
                continue
        raise StepError(f"{target.name}: {MAX_SUFFIX} files of that name already exist")
    finally:
        Path(tmp).unlink(missing_ok=True)


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
                  help="name of the file; {stem}, {name}, {date}, {time} are filled in"),
            Param("format", "choice", "auto", choices=("auto", "text", "json"),
                  help="auto: JSON for .json names, text otherwise"),
        ),
        side_effects=True,
    )

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        p = ctx.params
        root = ctx.root(p["folder"])
        name = clean_filename(self._name(ctx, p["filename"]))
        fmt = p["format"]
        if fmt == "auto":
            fmt = "json" if name.lower().endswith(".json") else "text"
        data = serialise(inputs["content"], fmt)
        if ctx.dry_run:
            target = confined(root, name) if root.exists() else root / name
            n = 1
            while numbered(target, n).exists():
                n += 1
            target = numbered(target, n)
            ctx.journal("write", target, size=len(data))
            ctx.log(f"dry run: would write {target} ({len(data)} bytes)")
            return {"file": target}
        try:
            root.mkdir(parents=True, exist_ok=True)
            target = write_new(root, name, data)
        except PermissionError:
            raise StepError(f"the folder {root} is not writable (permission denied)") from None
        except OSError as e:
            raise StepError(f"could not write into {root}: {e.strerror or e}") from None
        ctx.journal("write", target, size=len(data))
        return {"file": target}

    @staticmethod
    def _name(ctx: StepContext, pattern: str) -> str:
        now = dt.datetime.now()
        source = ctx.run_input or Path("output")
        fields = {"stem": source.stem, "name": source.name, "date": now.strftime("%Y-%m-%d"),
                  "time": now.strftime("%H%M%S"), "run": ctx.run_id[:8]}
        try:
            return pattern.format_map(fields)
        except (KeyError, IndexError, ValueError) as e:
            known = ", ".join("{%s}" % k for k in fields)
            raise StepError(f"file name '{pattern}' uses an unknown field {e} (known: {known})") from None


STEPS = [WriteFile]
