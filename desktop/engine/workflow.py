"""The workflow model: nodes, links, triggers, declared folders. Pure data."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.engine.triggers import Trigger

NODE_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
ERROR_POLICIES = ("fail", "retry", "branch")


@dataclass
class Node:
    id: str
    type: str
    params: dict[str, Any] = field(default_factory=dict)
    x: float = 0
    y: float = 0
    on_error: str = "fail"          # fail | retry | branch
    retries: int = 0                # extra attempts when on_error is retry
    title: str | None = None        # the user's own label on the canvas


@dataclass(frozen=True)
class Link:
    source: str        # node id
    source_port: str
    target: str
    target_port: str

    @property
    def source_ref(self) -> str:
        return f"{self.source}.{self.source_port}"

    @property
    def target_ref(self) -> str:
        return f"{self.target}.{self.target_port}"


@dataclass
class Workflow:
    name: str
    description: str = ""
    folders: dict[str, str] = field(default_factory=dict)   # declared output roots
    triggers: list[Trigger] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    path: Path | None = field(default=None, compare=False)  # where it was loaded from

    def node(self, node_id: str) -> Node | None:
        return next((n for n in self.nodes if n.id == node_id), None)

    def links_into(self, node_id: str) -> list[Link]:
        return [link for link in self.links if link.target == node_id]

    def links_from(self, node_id: str) -> list[Link]:
        return [link for link in self.links if link.source == node_id]

    def resolve_folders(self, overrides: dict[str, str] | None = None) -> dict[str, Path]:
        """Declared folders as absolute paths: `~` and $VARS expanded, relative paths
        taken from the workflow file's folder. `overrides` replaces declarations."""
        base = self.path.parent if self.path else Path.cwd()
        merged = {**self.folders, **(overrides or {})}
        out: dict[str, Path] = {}
        for name, raw in merged.items():
            p = Path(os.path.expandvars(os.path.expanduser(raw)))
            out[name] = (p if p.is_absolute() else base / p).resolve()
        return out
