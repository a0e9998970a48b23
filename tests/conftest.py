from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop.engine.events import Event
from desktop.engine.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
WORKFLOWS = ROOT / "workflows"
VENV_BIN = Path(sys.executable).parent


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own Runnel data folder and home (examples write under ~)."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("RUNNEL_HOME", str(base / "runnel"))
    monkeypatch.setenv("HOME", str(base))
    return base


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def registry() -> Registry:
    """The installed packs plus the engine tests' own pack (tests/engine/packs.py)."""
    from tests.engine import packs

    reg = Registry.from_entry_points()
    reg.load_pack("test", packs)
    packs.CALLS.clear()
    packs.STARTED.clear()
    return reg


@pytest.fixture
def events() -> list[Event]:
    return []


@pytest.fixture(scope="session")
def llm():
    """One inference worker for the session, the default model staying loaded."""
    from desktop.llm.client import LLMClient

    client = LLMClient()
    yield client
    client.close()


@pytest.fixture
def fresh_llm():
    """A worker of its own, for tests that kill or break it."""
    from desktop.llm.client import LLMClient

    client = LLMClient()
    yield client
    client.close()


@pytest.fixture
def default_model():
    from desktop.llm import catalog

    return catalog.default_model()
