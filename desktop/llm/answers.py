"""Is a model's answer language at all? A model whose weights are damaged (header
intact, so it loads) answers nothing, a jumble of word pieces, or one token over and
over; a healthy small model sometimes loops until the token limit. Such an answer must
fail its step instead of being passed on as a result.

`answer_problem` says what is wrong in a short sentence ("it is empty", "it repeats
'the the the' over and over"), or None. It never judges what an answer means: "yes",
"42", a one-word label, {"total": 12.5}, a bullet list whose items begin alike or a
table all pass. Linear in the answer's length (an 8k-token answer takes milliseconds).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from typing import Any, Iterator

__all__ = ["answer_problem"]

# words, and runs of punctuation (so a table rule '|---|---|' is one token, not many)
_TOKEN = re.compile(r"\w+|[^\w\s]+")
_MAX_UNIT = 32              # longest repeated unit looked for, in tokens (a sentence)
_MIN_TOKENS = 12            # shorter answers are never "repeating over and over"
# a unit of 1-12 characters repeated 5+ times with no space between: 'ikenikeniken...'
_CHAR_LOOP = re.compile(r"(\S{1,12}?)\1{4,}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_LETTERS = re.compile(r"[^\W\d_]+")
_CASE_STEP = re.compile(r"(?<=[a-zß-ÿ])(?=[A-ZÀ-Þ])")
_UNREADABLE_CATEGORIES = {"Cc", "Co", "Cs", "Cn"}   # not Cf: ZWNJ in Persian, soft hyphens


def answer_problem(text: str, *, finish: str = "stop", structured: bool = False) -> str | None:
    """Why `text` is not a usable answer (a short clause, e.g. "it is empty"), or None.

    `finish` is the generation's finish reason ("length": it stopped at the token
    limit). `structured`: the answer is JSON (grammar-constrained); then the string
    values in it are checked and the JSON itself may be anything, e.g. [] or {}."""
    if text is None or not text.strip():
        return "it is empty"
    stripped = text.strip()
    if structured or stripped[:1] in "{[":
        try:
            data = json.loads(stripped)
        except ValueError:
            data = _NOT_JSON
        if data is not _NOT_JSON:
            return _json_problem(data, finish)
    return _text_problem(text, finish)


_NOT_JSON = object()


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _json_problem(data: Any, finish: str) -> str | None:
    """A JSON answer: each string value on its own (a list of equal short values is
    fine), and the words of all of them together."""
    strings = [s for s in _strings(data) if s.strip()]
    for s in strings:
        problem = _text_problem(s, finish, whole=False)
        if problem:
            return problem
    return _salad_problem(" ".join(strings))


def _text_problem(text: str, finish: str, whole: bool = True) -> str | None:
    problem = _character_problem(text, whole)
    if problem:
        return problem
    problem = _repetition_problem(text, finish)
    if problem:
        return problem
    return _salad_problem(text)


# ---------------------------------------------------------------- characters

def _character_problem(text: str, whole: bool) -> str | None:
    """Only or mostly punctuation, symbols or unreadable characters (U+FFFD, control
    codes). A JSON string value may well be '-', '$' or '****': only `whole` answers
    must have a letter or digit in them."""
    visible = alnum = unreadable = same = raw = 0
    previous = ""
    for ch in text:
        if ch.isspace():
            previous = ""
            continue
        raw += 1
        same = same + 1 if ch == previous else 0
        previous = ch
        if ch.isalnum():
            alnum += 1
        elif ch == "\ufffd" or unicodedata.category(ch) in _UNREADABLE_CATEGORIES:
            unreadable += 1
        elif same:
            continue      # a rule '-------' or leader dots '.....' count as one character
        visible += 1
    if not visible:
        return "it is empty" if whole else None
    if unreadable >= 3 and unreadable >= 0.1 * visible:
        return "it is full of unreadable characters (U+FFFD or control codes)"
    if alnum == 0 and (whole or raw >= 16):
        return "it is only punctuation/unreadable characters"
    if visible >= 24 and alnum < 0.1 * visible:
        return "it is mostly punctuation/unreadable characters, not words"
    return None


# ---------------------------------------------------------------- repetition

def _clip(s: str, limit: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def _repetition_problem(text: str, finish: str) -> str | None:
    at_limit = finish == "length"
    found = _segment_loops(text) or _token_loops(text, at_limit) or _char_loops(text, at_limit)
    if found is None:
        return None
    what, _ = found
    return f"it ran to the token limit repeating {what}" if at_limit else f"it repeats {what}"


def _token_loops(text: str, at_limit: bool) -> tuple[str, float] | None:
    """A unit of 1-32 tokens repeated back to back over most of the answer, or (at the
    token limit) over its tail."""
    matches = list(_TOKEN.finditer(text))
    n = len(matches)
    if n < _MIN_TOKENS:
        return None
    ids: dict[str, int] = {}
    seq = [ids.setdefault(m.group().lower(), len(ids)) for m in matches]
    wordy = [m.group()[0].isalnum() or m.group()[0] == "_" for m in matches]
    runs: list[tuple[int, int, int]] = []          # (start, end, unit length) in tokens
    for k in range(1, min(_MAX_UNIT, n // 2) + 1):
        run = 0
        for i in range(k, n + 1):
            if i < n and seq[i] == seq[i - k]:
                run += 1
                continue
            span = run + k
            if run and span >= 2.5 * k and span >= 8 and any(wordy[i - span:i - span + k]):
                runs.append((i - span, i, k))
            run = 0
    if not runs:
        return None

    def needed(k: int) -> float:       # copies back to back that make a loop
        return max(3.0, 8.0 / k)

    loops = [r for r in runs if (r[1] - r[0]) / r[2] >= needed(r[2]) and r[1] - r[0] >= 12]
    covered = _covered(loops)
    longest = max(loops, key=lambda r: (r[1] - r[0], -r[2]), default=None)
    # at the limit the last copy is cut short, perhaps inside a word ('compa' for 'company')
    def to_the_end(r: tuple[int, int, int]) -> bool:
        return r[1] == n or (r[1] == n - 1 and matches[n - 1 - r[2]].group().lower()
                             .startswith(matches[n - 1].group().lower()))

    tail = [r for r in runs if to_the_end(r) and r[1] - r[0] >= 12]
    tail_cover = max((r[1] - r[0] for r in tail), default=0)
    chosen = None
    if covered >= 0.5 * n or (longest and longest[1] - longest[0] >= 120):
        chosen = longest
    elif at_limit and tail_cover >= 0.2 * n:
        chosen = max(tail, key=lambda r: (r[1] - r[0], -r[2]))
    if chosen is None:
        return None
    start, end, k = chosen
    copies = 3 if k == 1 else 2 if k <= 3 else 1
    # show the unit as it reads: from a sentence's start when one begins inside it
    offsets = [j for j in range(k) if start + j + k * copies <= end]
    j = next((j for j in offsets if start + j > 0 and matches[start + j - 1].group()[-1] in ".!?:;"
              and matches[start + j].group()[0].isupper()), 0)
    shown = text[matches[start + j].start():matches[start + j + k * copies - 1].end()]
    how = "" if at_limit else " over and over"
    return f"'{_clip(shown)}'{how}", covered / n


def _covered(runs: list[tuple[int, int, int]]) -> int:
    total, reach = 0, 0
    for start, end, _ in sorted(runs):
        if end > reach:
            total += end - max(start, reach)
            reach = end
    return total


def _char_loops(text: str, at_limit: bool) -> tuple[str, float] | None:
    """The same few characters back to back with no space: 'ikenikeniken...', '的的的'."""
    visible = sum(1 for ch in text if not ch.isspace())
    if visible < 24:
        return None
    covered, best = 0, None
    for m in _CHAR_LOOP.finditer(text):
        unit = m.group(1)
        if len(m.group()) < 20 or not any(ch.isalnum() for ch in unit):
            continue      # '1000000', '.......' leader dots, '|---|---|' rules
        covered += len(m.group())
        if best is None or len(m.group()) > len(best.group()):
            best = m
    tail = best is not None and at_limit and best.end() >= len(text.rstrip()) - len(best.group(1))
    if best is None or not (covered >= 0.5 * visible or (tail and len(best.group()) >= 0.2 * visible)):
        return None
    how = "" if at_limit else " over and over"
    return f"'{_clip(best.group(1) * 3)}'{how}", covered / visible


def _segment_loops(text: str) -> tuple[str, float] | None:
    """The same line (or sentence) many times, not necessarily back to back; of the two,
    the one counted more often is named."""
    found = [f for f in (_segment_loop("line", text.splitlines()),
                         _segment_loop("sentence", _SENTENCE_END.split(text))) if f]
    if not found:
        return None
    count, kind, original, share = max(found, key=lambda f: (f[0], f[1] == "line"))
    return f"the same {kind} {count} times ('{_clip(original, 50)}')", share


def _segment_loop(kind: str, parts: list[str]) -> tuple[int, str, str, float] | None:
    """(count, kind, the segment as written, its share of the text) for the most
    repeated segment, when it repeats 4+ times and makes half the text."""
    normal = [" ".join(p.split()) for p in parts]
    segments = [n.lower() for n in normal if n]
    total = sum(len(s) for s in segments)
    if len(segments) < 4 or total < 40:
        return None
    counts = Counter(s for s in segments if len(s) >= 8 and any(ch.isalnum() for ch in s))
    if not counts:
        return None
    seg, count = counts.most_common(1)[0]
    if count < 4 or count * len(seg) < 0.5 * total:
        return None
    original = next(n for n in normal if n.lower() == seg)
    return count, kind, original, count * len(seg) / total


# ---------------------------------------------------------------- word salad

def _salad_problem(text: str) -> str | None:
    """Pieces of words glued together ('ioticoidalraphaliscushylatic comprom ...'): in
    Latin script the words of any language average 4-8 letters; a damaged model's
    pieces run together average well over 10. Only lower-case words count (not IBAN,
    DNA, acronyms), camelCase is split, and web and mail addresses are left out."""
    letters = pieces = 0
    longest = ""
    for word in text.split():
        if "://" in word or "@" in word or word.lower().startswith("www."):
            continue
        for run in _LETTERS.findall(word):
            if not all(ord(ch) < 0x250 for ch in run):
                continue           # other scripts: not every one separates its words
            for piece in _CASE_STEP.split(run):
                if piece.isupper():
                    continue
                letters += len(piece)
                pieces += 1
                if len(piece) > len(longest):
                    longest = piece
    if pieces >= 20 and letters >= 120 and letters / pieces >= 10:
        return f"it is a jumble of word pieces, not language ('{_clip(longest, 40)}' ...)"
    return None
