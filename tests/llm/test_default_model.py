"""Set-up placed the default model, verified; a second set-up changes nothing."""

import subprocess
import sys

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "packaging"))
import install_default_model as installer  # noqa: E402

pytestmark = pytest.mark.model


def test_default_model_is_installed_and_verified():
    path = installer.MODELS / installer.FILENAME
    assert path.stat().st_size == installer.SIZE
    assert installer.sha256(path) == installer.SHA256
    with path.open("rb") as f:
        assert f.read(4) == b"GGUF"


def test_second_setup_does_nothing():
    before = (installer.MODELS / installer.FILENAME).stat().st_mtime_ns
    proc = subprocess.run([sys.executable, str(ROOT / "packaging" / "install_default_model.py")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0
    assert "is installed and verified" in proc.stdout and "fetching" not in proc.stdout
    assert (installer.MODELS / installer.FILENAME).stat().st_mtime_ns == before


def test_a_damaged_model_file_fails_verification(tmp_path):
    fake = tmp_path / installer.FILENAME
    fake.write_bytes(b"GGUF" + b"\0" * 100)
    assert not installer.verified(fake)
