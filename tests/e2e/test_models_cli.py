"""`runnel models reset` as a user meets it: a model file llama.cpp cannot load fails
its step, is remembered and not loaded again (each later run fails at once, naming the
command), and `runnel models reset NAME` makes the next run try it again."""

from __future__ import annotations

import json
import struct

import pytest

from desktop.llm import catalog
from tests.e2e.test_cli import runnel

pytestmark = pytest.mark.model

WORKFLOW = """schema_version: 1
name: Ask a broken model
nodes:
- {id: input, type: core.input_file}
- {id: read, type: documents.read}
- {id: ask, type: ai.prompt, params: {prompt: 'Say hi. {{ text }}', max_tokens: 4, model: broken-arch.gguf}}
links:
- {from: input.file, to: read.file}
- {from: read.document, to: ask.text}
"""
NOTE = "(failed to load: see `runnel models reset`)"


def _broken_model(folder):
    """The default model with its architecture renamed: a GGUF that reads fine (so it
    imports and is listed) but that llama.cpp refuses to load."""
    data = bytearray(catalog.default_model().path.read_bytes())
    key = b"general.architecture"
    at = data.index(key) + len(key)
    length, = struct.unpack_from("<Q", data, at + 4)
    data[at + 12:at + 12 + length] = b"x" * length
    path = folder / "broken-arch.gguf"
    path.write_bytes(bytes(data))
    return path


def _listed(name: str) -> str:
    return next(line for line in runnel("models", "list").stdout.splitlines() if name in line)


def test_models_reset_lets_a_model_that_failed_to_load_be_tried_again(isolated_home, tmp_path):
    assert runnel("models", "import", str(_broken_model(tmp_path)), "--link").returncode == 0
    (tmp_path / "wf.yaml").write_text(WORKFLOW)
    (tmp_path / "in.txt").write_text("hello\n")
    run = lambda: runnel("run", str(tmp_path / "wf.yaml"), str(tmp_path / "in.txt"))

    first = run()
    assert first.returncode == 1
    assert "failed at step 'ask': broken-arch.gguf could not be loaded" in first.stdout + first.stderr
    assert _listed("broken-arch.gguf").endswith(NOTE)
    again = run()                        # remembered: not loaded again
    assert again.returncode == 1
    assert ("it is not loaded automatically again. When the file is fixed, run "
            "`runnel models reset broken-arch.gguf`") in again.stdout + again.stderr

    reset = runnel("models", "reset", "broken-arch.gguf")
    assert (reset.returncode, reset.stdout.strip()) == (
        0, "broken-arch.gguf will be loaded again when a step needs it")
    assert NOTE not in _listed("broken-arch.gguf")
    assert json.loads(runnel("models", "list", "--json").stdout)["failed"] == {}
    twice = runnel("models", "reset", "broken-arch.gguf")
    assert (twice.returncode, twice.stdout.strip()) == (0, "broken-arch.gguf had not failed; nothing to reset")

    tried = run()                        # reset: llama.cpp is asked again (and refuses again)
    assert tried.returncode == 1
    out = tried.stdout + tried.stderr
    assert "broken-arch.gguf could not be loaded" in out and "not loaded automatically again" not in out


def test_models_reset_of_a_model_that_is_gone_or_unknown(isolated_home, tmp_path):
    """A model that failed and whose file was then deleted can still be reset (its note
    would otherwise stay in the settings for good); an unknown name is one sentence."""
    model = catalog.import_model(_broken_model(tmp_path), link=True)
    catalog.remember_crash(model, "llama.cpp could not load the model")
    model.path.unlink()
    gone = runnel("models", "reset", "broken-arch.gguf")
    assert (gone.returncode, gone.stdout.strip()) == (
        0, "broken-arch.gguf will be loaded again when a step needs it")
    assert catalog.crashed_models() == {}
    unknown = runnel("models", "reset", "nosuch")
    assert unknown.returncode == 1
    assert unknown.stderr.strip() == ("runnel: no model named 'nosuch' is installed (see `runnel models "
                                      "list`; import one with `runnel models import FILE.gguf`)")
