"""Step output cache keyed by signature (step type + version + params + inputs).

Kept in memory for the life of the process (the app is long-lived, and a CLI run is
one pass). Cached values are shared: steps must not mutate their inputs.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any


class StepCache:
    def __init__(self, max_entries: int = 512):
        self.max_entries = max_entries
        self._entries: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None:
                self._entries.move_to_end(key)
            return hit

    def put(self, key: str, outputs: dict[str, Any]) -> None:
        with self._lock:
            self._entries[key] = outputs
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
