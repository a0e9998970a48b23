"""Where a workflow's labelled examples are kept."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from desktop import paths

SUFFIX = ".examples"


def name_slug(name: str) -> str:
    """A folder name for a workflow name: lower-case ASCII words joined by '-'."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60].strip("-")
    return slug or "workflow-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]


def is_shipped(workflow_path: Path | str) -> bool:
    """True for the example workflows that come with Runnel (the checkout's `workflows/`)."""
    try:
        Path(workflow_path).resolve().relative_to(paths.examples_dir().resolve())
    except ValueError:
        return False
    return True


def _writable(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def examples_dir(workflow_path: Path | str, name: str | None = None) -> Path:
    """The folder holding the labelled examples of the workflow saved at `workflow_path`.

    The rule:

    * A user's workflow keeps them beside itself, in `<file stem>.examples/` next to
      the `.yaml` (`~/Flows/invoices.yaml` -> `~/Flows/invoices.examples/`), so they
      travel with the workflow when it is copied, shared or put under version control.
      That needs the workflow's folder to be writable, or the `.examples/` folder to be
      there already (examples shared with a workflow in a read-only folder are read).
    * A workflow shipped with Runnel (under the checkout's `workflows/`, see
      `desktop.paths.examples_dir`), or a user's workflow in a folder that is not
      writable, keeps them in the data folder: `<data folder>/examples/<slug of the
      workflow's name>/` (`RUNNEL_HOME` moves the data folder), so the checkout stays
      clean and read-only places still work.

    `name` is the workflow's name; when not given it is read from the file (the file's
    stem if the file cannot be read). Nothing is created here: adding the first
    example creates the folder. A folder given explicitly (the EXAMPLES argument of
    `runnel eval`, `--examples`) bypasses this rule: pass it to the store directly.
    """
    path = Path(os.path.abspath(Path(workflow_path).expanduser()))
    beside = path.with_name(path.stem + SUFFIX)
    if not is_shipped(path) and (beside.is_dir() or _writable(path.parent)):
        return beside
    if name is None:
        name = _read_name(path)
    return paths.runnel_home() / "examples" / name_slug(name)


def _read_name(path: Path) -> str:
    from desktop.engine.errors import WorkflowFileError
    from desktop.engine.fileformat import load_workflow

    try:
        return load_workflow(path).name
    except WorkflowFileError:
        return path.stem
