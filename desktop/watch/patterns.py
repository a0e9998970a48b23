"""Which file names a trigger takes: its include/exclude globs, never temporary or
partial files (downloads in progress, editor swap files, Office lock files)."""

from __future__ import annotations

import fnmatch
from pathlib import PurePath

_TEMPORARY = ("*.part", "*.partial", "*.crdownload", "*.download", "*.tmp", "*.temp", "~$*",
              ".*", "*~", "*.swp", "*.swx", "#*#", "*.lock", ".~lock.*", "*.!ut", "*.opdownload")


def is_temporary(name: str) -> bool:
    lower = name.lower()
    return any(fnmatch.fnmatchcase(lower, p) for p in _TEMPORARY)


def matches(relative: PurePath | str, include: list[str], exclude: list[str]) -> tuple[bool, str]:
    """(taken, why) for a path relative to the watched folder."""
    rel = PurePath(relative)
    name = rel.name
    if is_temporary(name):
        return False, "a temporary or partial file name"
    if any(part.startswith(".") for part in rel.parts[:-1]):
        return False, "inside a hidden folder"
    for pattern in exclude:
        if fnmatch.fnmatch(name.lower(), pattern.lower()) or fnmatch.fnmatch(str(rel).lower(), pattern.lower()):
            return False, f"excluded by '{pattern}'"
    if not include:
        return True, "every file is taken"
    for pattern in include:
        if fnmatch.fnmatch(name.lower(), pattern.lower()) or fnmatch.fnmatch(str(rel).lower(), pattern.lower()):
            return True, f"matches '{pattern}'"
    return False, f"matches none of {', '.join(repr(p) for p in include)}"
