"""Settings shared by the CLI, the app and the worker side, in settings.json under
the Runnel data folder. No Qt (the window keeps its own layout in QSettings)."""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from desktop.paths import runnel_home

_lock = threading.Lock()


def settings_path() -> Path:
    return runnel_home() / "settings.json"


def load() -> dict[str, Any]:
    path = settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        # a damaged settings file must not stop Runnel: keep it aside, start fresh
        path.replace(path.with_suffix(".damaged.json"))
        return {}


def get(key: str, default: Any = None) -> Any:
    return load().get(key, default)


def update(**changes: Any) -> dict[str, Any]:
    """Apply changes (a value of None removes the key) and save atomically."""
    with _lock:
        data = load()
        for key, value in changes.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        path = settings_path()
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=2, sort_keys=True)
        os.replace(tmp, path)
        return data
