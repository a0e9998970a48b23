import json

import pytest

from desktop.llm import catalog
from desktop.llm.catalog import ModelError
from tests.conftest import ROOT

MODEL = ROOT / "models" / catalog.DEFAULT_MODEL_FILE
pytestmark = pytest.mark.model


def test_lists_the_checkout_model_and_defaults_to_it():
    models, problems = catalog.list_models()
    assert [m.name for m in models] == [catalog.DEFAULT_MODEL_FILE]
    assert problems == []
    assert catalog.default_model().path == MODEL
    assert catalog.find_model("smollm2").name == catalog.DEFAULT_MODEL_FILE


def test_import_copy_and_link_and_choose_default(tmp_path):
    copied = catalog.import_model(MODEL)
    assert copied.path.parent == catalog.user_models_dir() and not copied.path.is_symlink()
    assert copied.path.stat().st_size == MODEL.stat().st_size
    with pytest.raises(ModelError, match="already in"):
        catalog.import_model(MODEL)
    other = tmp_path / "second.gguf"
    other.symlink_to(MODEL)
    linked = catalog.import_model(other, link=True)
    assert linked.path.is_symlink()
    catalog.set_default("second")
    assert catalog.default_model().name == "second.gguf"
    linked.path.unlink()            # the chosen default disappears: fall back
    assert catalog.default_model().name == catalog.DEFAULT_MODEL_FILE


def test_import_refuses_what_is_not_a_model(tmp_path):
    bad = tmp_path / "fake.gguf"
    bad.write_bytes(b"not a model at all")
    with pytest.raises(ModelError, match="fake.gguf is not a GGUF model file"):
        catalog.import_model(bad)
    assert not (catalog.user_models_dir() / "fake.gguf").exists()


def test_no_model_installed(monkeypatch, tmp_path):
    monkeypatch.setattr(catalog, "model_dirs", lambda: [tmp_path])
    with pytest.raises(ModelError, match="no model is installed: run the set-up"):
        catalog.default_model()
    with pytest.raises(ModelError, match="no model named 'llama-70b' is installed"):
        catalog.find_model("llama-70b")


def test_memory_estimate_and_fit_warning(monkeypatch):
    model = catalog.default_model()
    need = model.memory_needed(4096)
    assert need > model.info.file_size + 4096 * model.info.kv_bytes_per_token()
    assert catalog.check_fits(model, 4096) is None
    monkeypatch.setattr(catalog, "available_memory", lambda: 50 * 2**20)
    warning = catalog.check_fits(model, 4096)
    assert warning.startswith(f"{model.name} needs about 0.3 GiB at a context of 4096 tokens")
    assert "only 0.0 GiB of memory is available" in warning


def test_a_context_beyond_what_the_model_was_trained_for_is_capped_and_says_so():
    model = catalog.default_model()
    trained = model.info.context_length
    assert model.context_for(trained * 4) == trained
    assert model.context_capped(trained * 4) == (
        f"asked for {trained * 4} tokens; capped at {trained}, the most {model.name} was trained for")
    assert model.context_capped(trained) is None and model.context_capped(None) is None
    assert model.context_capped(1024) is None


def test_runnel_models_info_says_when_the_context_was_capped(isolated_home):
    from tests.e2e.test_cli import runnel

    trained = catalog.default_model().info.context_length
    text = runnel("models", "info", "--context", str(trained * 4)).stdout
    assert f"Runnel uses {trained}" in text
    assert f"note          asked for {trained * 4} tokens; capped at {trained}" in text
    assert "note" not in runnel("models", "info", "--context", "2048").stdout
    info = json.loads(runnel("models", "info", "--json", "--context", str(trained * 4)).stdout)
    assert info["context"] == trained and info["context_requested"] == trained * 4
    assert info["context_capped"].startswith(f"asked for {trained * 4} tokens")
