from __future__ import annotations

import textwrap

from desktop.engine.fileformat import loads
from desktop.engine.workflow import Workflow


def workflow(body: str, name: str = "t") -> Workflow:
    """A workflow from the YAML of its nodes and links (schema_version and name added)."""
    return loads(f"schema_version: 1\nname: {name}\n" + textwrap.dedent(body))
