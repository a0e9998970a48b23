"""Token-exact chunking with overlap, for text longer than a model's context."""

from __future__ import annotations


def token_windows(count: int, size: int, overlap: int) -> list[tuple[int, int]]:
    """[start, end) windows of at most `size` tokens covering `count` tokens, each
    sharing `overlap` tokens with the previous one."""
    if size <= 0:
        raise ValueError("chunk size must be positive")
    overlap = max(0, min(overlap, size // 2))
    if count <= size:
        return [(0, count)]
    windows, start = [], 0
    while True:
        end = min(start + size, count)
        windows.append((start, end))
        if end == count:
            return windows
        start = end - overlap
