from pathlib import Path

import pytest

from desktop.llm.gguf import GGUFError, read_gguf
from tests.conftest import ROOT

MODEL = ROOT / "models" / "SmolLM2-135M-Instruct.Q4_1.gguf"
pytestmark = pytest.mark.model


def test_reads_metadata_without_loading():
    info = read_gguf(MODEL)
    assert info.architecture == "llama"
    assert info.quantization == "Q4_1"
    assert info.context_length == 8192
    assert 130e6 < info.parameter_count < 140e6
    assert info.layers == 30
    assert "<|im_start|>" in info.chat_template
    assert info.array_lengths["tokenizer.ggml.tokens"] == 49152
    assert info.kv_bytes_per_token() == 30 * 3 * (64 + 64) * 2


def test_truncated_model_is_refused(tmp_path: Path):
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(MODEL.read_bytes()[: 20 * 1024 * 1024])
    with pytest.raises(GGUFError, match="cut.gguf is damaged .*truncated"):
        read_gguf(cut)
    header_only = tmp_path / "header.gguf"
    header_only.write_bytes(MODEL.read_bytes()[:1000])
    with pytest.raises(GGUFError, match="header.gguf is damaged .*ends too early"):
        read_gguf(header_only)


def test_not_a_model(tmp_path: Path):
    text = tmp_path / "notes.gguf"
    text.write_text("hello")
    with pytest.raises(GGUFError, match="notes.gguf is not a GGUF model file"):
        read_gguf(text)
    junk = tmp_path / "junk.gguf"
    junk.write_bytes(b"GGUF" + (3).to_bytes(4, "little") + b"\xff" * 64)
    with pytest.raises(GGUFError, match="junk.gguf is damaged"):
        read_gguf(junk)
    with pytest.raises(GGUFError, match="does not exist"):
        read_gguf(tmp_path / "missing.gguf")
