from __future__ import annotations

import textwrap

import pytest

from desktop.engine.events import Event
from desktop.engine.fileformat import loads
from desktop.engine.registry import Registry
from desktop.engine.workflow import Workflow
from tests.engine import packs


@pytest.fixture
def registry() -> Registry:
    reg = Registry.from_entry_points()
    reg.load_pack("test", packs)
    packs.CALLS.clear()
    packs.STARTED.clear()
    return reg


@pytest.fixture
def events() -> list[Event]:
    return []


def workflow(body: str, name: str = "t") -> Workflow:
    """A workflow from the YAML of its nodes and links (schema_version and name added)."""
    return loads(f"schema_version: 1\nname: {name}\n" + textwrap.dedent(body))
