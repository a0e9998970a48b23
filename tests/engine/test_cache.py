"""The step cache: what it keeps when full, and what makes a cached result stale.

Each test here guards one line that a one-line change could break unnoticed: the
eviction order, the parts of a file's identity, and the model in an AI step's key."""

import os

from desktop.engine.cache import StepCache
from desktop.engine.executor import Executor
from desktop.engine.signature import HASHED_BYTES, digest
from tests.engine import packs
from tests.engine.conftest import workflow


def test_a_full_cache_drops_the_least_recently_used_entry_and_keeps_the_new_one():
    cache = StepCache(max_entries=2)
    cache.put("old", {"n": 1})
    cache.put("mid", {"n": 2})
    assert cache.get("old") == {"n": 1}          # used again: now the most recent
    cache.put("new", {"n": 3})
    assert len(cache) == 2
    assert cache.get("new") == {"n": 3}          # what was just computed is kept
    assert cache.get("old") == {"n": 1}
    assert cache.get("mid") is None              # the least recently used went


def test_a_full_cache_keeps_accepting_new_results():
    cache = StepCache(max_entries=3)
    for n in range(10):
        cache.put(f"k{n}", {"n": n})
        assert cache.get(f"k{n}") == {"n": n}
    assert len(cache) == 3
    assert [cache.get(f"k{n}") is not None for n in range(10)] == [False] * 7 + [True] * 3


READ = """
nodes:
- {id: input, type: core.input_file}
- {id: read, type: documents.read}
links:
- {from: input.file, to: read.file}
"""


def _read_twice_with_an_edit(registry, path, edit):
    ex = Executor(registry, cache=StepCache())
    wf = workflow(READ)
    first = ex.run(wf, path)
    assert first.ok, first.error
    edit(path)
    second = ex.run(wf, path)
    assert second.ok, second.error
    return first, second


def test_a_same_size_edit_of_the_input_is_read_again(registry, tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Total due: 120.50 EUR\n")

    def edit(p):
        st = p.stat()
        p.write_text("Total due: 980.75 EUR\n")  # same length
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))

    first, second = _read_twice_with_an_edit(registry, path, edit)
    assert second.steps["read"].status == "done"
    assert "980.75" in second.output("read", "document").text
    assert "120.50" in first.output("read", "document").text


def test_a_same_size_edit_with_its_mtime_put_back_is_read_again(registry, tmp_path):
    """Editors and sync tools restore the mtime; the content must still decide."""
    path = tmp_path / "note.txt"
    path.write_text("Vendor: ACME GmbH\n")

    def edit(p):
        st = p.stat()
        p.write_text("Vendor: Zeta GmbH\n")
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert p.stat().st_mtime_ns == st.st_mtime_ns and p.stat().st_size == st.st_size

    _, second = _read_twice_with_an_edit(registry, path, edit)
    assert second.steps["read"].status == "done"
    assert "Zeta" in second.output("read", "document").text


def test_an_untouched_input_stays_cached(registry, tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Vendor: ACME GmbH\n")
    _, second = _read_twice_with_an_edit(registry, path, lambda p: None)
    assert second.steps["read"].status == "cached"


def test_a_large_file_edited_with_its_mtime_put_back_still_changes_identity(tmp_path):
    """Above HASHED_BYTES the bytes are not read; the inode's change time, which no
    tool can set back, still tells the edit apart."""
    path = tmp_path / "big.bin"
    path.write_bytes(b"a" * (HASHED_BYTES + 10))
    before = digest(path)
    st = path.stat()
    with path.open("r+b") as f:
        f.write(b"b")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    assert digest(path) != before


class _Models:
    """The one thing the executor asks an LLM client for when keying AI steps."""

    def __init__(self, identity: str):
        self.identity = identity

    def model_identity(self, name):
        return f"{name or 'default'}@{self.identity}"


AI = """
nodes:
- {id: a, type: test.emit}
- {id: m, type: test.model}
links:
- {from: a.text, to: m.text}
"""


def test_switching_models_runs_ai_steps_again(registry):
    models = _Models("smollm2.gguf:1000:1")
    ex = Executor(registry, cache=StepCache(), llm=models)
    wf = workflow(AI)
    assert ex.run(wf).ok
    again = ex.run(wf)
    assert again.steps["m"].status == "cached"
    models.identity = "qwen.gguf:2000:2"       # another model (or the file replaced)
    switched = ex.run(wf)
    assert switched.steps["a"].status == "cached"   # not an AI step: unaffected
    assert switched.steps["m"].status == "done"
    assert packs.CALLS["m"] == 2
