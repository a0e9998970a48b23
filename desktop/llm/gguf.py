"""Reads a GGUF file's metadata without loading the model: the header, the key/value
section and the tensor table (for the parameter count). Bounded against corrupt files."""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

MAGIC = b"GGUF"
_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?",
            10: "<Q", 11: "<q", 12: "<d"}
_STRING, _ARRAY = 8, 9
MAX_STRING = 16 * 1024 * 1024
MAX_ARRAY_KEPT = 64        # longer arrays (token lists) are skipped, only counted

FILE_TYPES = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K",
    11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S",
    17: "Q5_K_M", 18: "Q6_K", 19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S", 22: "IQ3_XS",
    23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL", 26: "IQ3_S", 27: "IQ3_M", 28: "IQ2_S",
    29: "IQ2_M", 30: "IQ4_XS", 31: "IQ1_M", 32: "BF16", 36: "TQ1_0", 37: "TQ2_0",
}


class GGUFError(Exception):
    """Not a GGUF file, or a damaged one; the message names the file."""


@dataclass
class GGUFInfo:
    path: Path
    version: int
    file_size: int
    metadata: dict[str, Any] = field(default_factory=dict)
    array_lengths: dict[str, int] = field(default_factory=dict)   # skipped long arrays
    tensor_count: int = 0
    parameter_count: int = 0

    def _arch(self, key: str, default: Any = None) -> Any:
        return self.metadata.get(f"{self.architecture}.{key}", default)

    @property
    def architecture(self) -> str:
        return str(self.metadata.get("general.architecture", "unknown"))

    @property
    def name(self) -> str:
        return str(self.metadata.get("general.name") or self.path.stem)

    @property
    def quantization(self) -> str:
        ft = self.metadata.get("general.file_type")
        return FILE_TYPES.get(ft, f"type {ft}") if ft is not None else "unknown"

    @property
    def context_length(self) -> int:
        return int(self._arch("context_length", 0) or 0)

    @property
    def chat_template(self) -> str | None:
        return self.metadata.get("tokenizer.chat_template")

    @property
    def layers(self) -> int:
        return int(self._arch("block_count", 0) or 0)

    def kv_bytes_per_token(self) -> int:
        """f16 K and V for every layer: what one token of context costs."""
        n_embd = int(self._arch("embedding_length", 0) or 0)
        heads = int(self._arch("attention.head_count", 0) or 0) or 1
        kv_heads = int(self._arch("attention.head_count_kv", heads) or heads)
        key_len = int(self._arch("attention.key_length", n_embd // heads) or n_embd // heads)
        value_len = int(self._arch("attention.value_length", key_len) or key_len)
        return self.layers * kv_heads * (key_len + value_len) * 2


class _Reader:
    def __init__(self, f: BinaryIO, size: int, path: Path):
        self.f, self.size, self.path = f, size, path

    def fail(self, what: str) -> GGUFError:
        return GGUFError(f"{self.path.name} is damaged or not a GGUF model ({what})")

    def take(self, n: int) -> bytes:
        data = self.f.read(n)
        if len(data) != n:
            raise self.fail("the file ends too early; is it truncated?")
        return data

    def scalar(self, fmt: str) -> Any:
        return struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]

    def string(self) -> str:
        n = self.scalar("<Q")
        if n > MAX_STRING:
            raise self.fail(f"a text field claims {n} bytes")
        return self.take(n).decode("utf-8", errors="replace")

    def skip(self, n: int) -> None:
        if self.f.tell() + n > self.size:
            raise self.fail("the file ends too early; is it truncated?")
        self.f.seek(n, 1)

    def value(self, vtype: int, key: str, info: GGUFInfo) -> Any:
        if vtype in _SCALARS:
            return self.scalar(_SCALARS[vtype])
        if vtype == _STRING:
            return self.string()
        if vtype == _ARRAY:
            etype, count = self.scalar("<I"), self.scalar("<Q")
            if count > self.size:
                raise self.fail(f"array '{key}' claims {count} items")
            if count > MAX_ARRAY_KEPT:
                info.array_lengths[key] = count
                if etype in _SCALARS:
                    self.skip(count * struct.calcsize(_SCALARS[etype]))
                elif etype == _STRING:
                    for _ in range(count):
                        self.skip(self.scalar("<Q"))
                else:
                    raise self.fail(f"array '{key}' has items of unknown type {etype}")
                return None
            return [self.value(etype, key, info) for _ in range(count)]
        raise self.fail(f"'{key}' has unknown value type {vtype}")


def read_gguf(path: Path | str) -> GGUFInfo:
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            r = _Reader(f, size, path)
            if f.read(4) != MAGIC:
                raise GGUFError(f"{path.name} is not a GGUF model file (it does not start with 'GGUF')")
            version = r.scalar("<I")
            if version not in (2, 3):
                raise GGUFError(f"{path.name} uses GGUF version {version}; Runnel reads versions 2 and 3")
            n_tensors, n_kv = r.scalar("<Q"), r.scalar("<Q")
            if n_tensors > 1_000_000 or n_kv > 1_000_000:
                raise r.fail("impossible header counts")
            info = GGUFInfo(path=path, version=version, file_size=size, tensor_count=n_tensors)
            for _ in range(n_kv):
                key = r.string()
                info.metadata[key] = r.value(r.scalar("<I"), key, info)
            params, last_offset = 0, 0
            for _ in range(n_tensors):
                r.string()
                n_dims = r.scalar("<I")
                if n_dims > 8:
                    raise r.fail("a tensor has more than 8 dimensions")
                count = 1
                for _ in range(n_dims):
                    count *= r.scalar("<Q")
                r.scalar("<I")
                last_offset = max(last_offset, r.scalar("<Q"))
                params += count
            info.parameter_count = params
            align = int(info.metadata.get("general.alignment", 32) or 32)
            data_start = -(-f.tell() // align) * align
            if n_tensors and data_start + last_offset >= size:
                raise r.fail("the tensor data is cut short; is the file truncated?")
            return info
    except FileNotFoundError:
        raise GGUFError(f"the model file {path} does not exist") from None
    except IsADirectoryError:
        raise GGUFError(f"{path} is a folder, not a model file") from None
    except OSError as e:
        raise GGUFError(f"the model file {path} cannot be read: {e.strerror}") from None
