"""The model catalog: GGUF files in the user's model folder and the checkout's
models/, their metadata (read without loading), import, the default model, memory
estimates and the list of models that crashed the worker."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from desktop import settings
from desktop.llm.gguf import GGUFError, GGUFInfo, read_gguf
from desktop.paths import checkout_models_dir, user_models_dir

DEFAULT_MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
DEFAULT_CONTEXT = 4096
_COMPUTE_OVERHEAD = 96 * 1024 * 1024       # scratch buffers beyond weights and KV


class ModelError(Exception):
    """A model cannot be used; the message says which and why, and what to do."""


@dataclass(frozen=True)
class Model:
    path: Path
    info: GGUFInfo

    @property
    def name(self) -> str:
        return self.path.name

    def memory_needed(self, n_ctx: int) -> int:
        """Bytes: the weights, the f16 KV cache for n_ctx tokens, scratch buffers."""
        return self.info.file_size + self.info.kv_bytes_per_token() * n_ctx + _COMPUTE_OVERHEAD

    def context_for(self, requested: int | None) -> int:
        trained = self.info.context_length or DEFAULT_CONTEXT
        return min(requested or DEFAULT_CONTEXT, trained)

    def context_capped(self, requested: int | None) -> str | None:
        """Why the context used is less than `requested`, as a sentence (None: it is not)."""
        used = self.context_for(requested)
        if requested is None or used >= requested:
            return None
        return (f"asked for {requested} tokens; capped at {used}, the most {self.name} was "
                "trained for")


_infos: dict[tuple[str, int, int], GGUFInfo] = {}


def read_info(path: Path) -> GGUFInfo:
    """GGUF metadata, read once per file version (a model's token list takes ~80 ms to
    walk, and every AI step asks which model it runs)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise GGUFError(f"the model file {path} does not exist") from None
    except OSError as e:
        raise GGUFError(f"the model file {path} cannot be read: {e.strerror}") from None
    key = (str(path), st.st_size, st.st_mtime_ns)
    info = _infos.get(key)
    if info is None:
        info = _infos[key] = read_gguf(path)
    return info


def model_dirs() -> list[Path]:
    return [user_models_dir(), checkout_models_dir()]


def list_models() -> tuple[list[Model], list[str]]:
    """Every readable GGUF in the model folders, and a problem line per unreadable one."""
    models, problems, seen = [], [], set()
    for folder in model_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.gguf")):
            if path.name in seen:
                continue
            try:
                models.append(Model(path, read_info(path)))
                seen.add(path.name)
            except GGUFError as e:
                problems.append(str(e))
    return models, problems


def find_model(name: str | None) -> Model:
    """A model by file name, stem or unique prefix; None or '' means the default."""
    if not name:
        return default_model()
    candidate = Path(name).expanduser()
    if candidate.suffix == ".gguf" and (candidate.is_absolute() or os.sep in name):
        return _load(candidate)
    models, _ = list_models()
    exact = [m for m in models if name in (m.name, m.path.stem)]
    if exact:
        return exact[0]
    prefix = [m for m in models if m.name.lower().startswith(name.lower())]
    if len(prefix) == 1:
        return prefix[0]
    if prefix:
        raise ModelError(f"'{name}' matches several models: {', '.join(m.name for m in prefix)}")
    raise ModelError(f"no model named '{name}' is installed (see `runnel models list`; "
                     "import one with `runnel models import FILE.gguf`)")


def _load(path: Path) -> Model:
    try:
        return Model(path, read_info(path))
    except GGUFError as e:
        raise ModelError(str(e)) from None


def default_model() -> Model:
    chosen = settings.get("default_model")
    if chosen:
        try:
            return find_model(chosen)
        except ModelError:
            pass     # the chosen default was removed: fall back below
    models, _ = list_models()
    for m in models:
        if m.name == DEFAULT_MODEL_FILE:
            return m
    if models:
        return models[0]
    raise ModelError("no model is installed: run the set-up (`bash packaging/setup.sh`) to "
                     "install the default model, or import one with `runnel models import FILE.gguf`")


def set_default(name: str) -> Model:
    model = find_model(name)
    settings.update(default_model=model.name)
    return model


def import_model(source: Path | str, link: bool = False) -> Model:
    """Copy (or symlink) a GGUF into the user's model folder after checking it."""
    given = Path(source).expanduser()
    source = given.resolve()
    info = _load(source).info          # refuses what is not a readable GGUF
    target_dir = user_models_dir()
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / given.name
    if target.exists() or target.is_symlink():
        raise ModelError(f"a model named {given.name} is already in {target_dir}")
    if link:
        target.symlink_to(source)
    else:
        free = shutil.disk_usage(target_dir).free
        if free < info.file_size + 64 * 1024 * 1024:
            raise ModelError(f"not enough free disk space in {target_dir} to copy {given.name} "
                             f"({info.file_size / 1e9:.1f} GB needed, {free / 1e9:.1f} GB free)")
        fd, tmp = tempfile.mkstemp(dir=target_dir, prefix=".import-", suffix=".part")
        os.close(fd)
        try:
            shutil.copyfile(source, tmp)
            if Path(tmp).stat().st_size != info.file_size:
                raise ModelError(f"copying {given.name} gave a file of the wrong size")
            os.replace(tmp, target)
        finally:
            Path(tmp).unlink(missing_ok=True)
    return _load(target)


def available_memory() -> int:
    return psutil.virtual_memory().available


def check_fits(model: Model, n_ctx: int) -> str | None:
    """A warning sentence when the model will not fit in the memory available."""
    need, have = model.memory_needed(n_ctx), available_memory()
    if need > have:
        return (f"{model.name} needs about {need / 2**30:.1f} GiB at a context of {n_ctx} tokens, "
                f"but only {have / 2**30:.1f} GiB of memory is available")
    return None


# ---------------------------------------------------------------- crashed models

def crashed_models() -> dict[str, dict]:
    return settings.get("crashed_models", {}) or {}


def remember_crash(model: Model, reason: str) -> None:
    crashed = crashed_models()
    crashed[model.name] = {"at": time.time(), "reason": reason}
    settings.update(crashed_models=crashed)


def forget_crash(name: str) -> bool:
    crashed = crashed_models()
    found = crashed.pop(name, None) is not None
    settings.update(crashed_models=crashed or None)
    return found
