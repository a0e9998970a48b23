"""Draft a workflow from a sentence. No Qt.

    draft(sentence, registry, llm) -> Draft(workflow, trial)

The sentence's own words decide the steps, the fields to extract, the labels, what
to file by, the folder and whether a person approves (desktop/draft/intent.py); the
local model only names the draft. The links, options and order are worked out in
desktop/draft/build.py, so the file always passes validation and never moves its
input before a step that can fail. Every draft is then run, dry, on a sample
document (desktop/draft/trial.py) before it is offered; a sentence with no action in
it is answered with "I could not make a workflow from that"."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from desktop.draft.build import NOT_DRAFTED, build
from desktop.draft.intent import DOCUMENT_WORDS, Intent, read_sentence
from desktop.draft.trial import Trial, trial
from desktop.engine.fileformat import save_workflow
from desktop.engine.registry import Registry
from desktop.engine.workflow import Workflow
from desktop.llm import catalog
from desktop.llm.client import LLMClient
from desktop.llm.grammar import schema_to_gbnf
from desktop.llm.prompts import chat_prompt

__all__ = ["Draft", "DraftError", "Intent", "Trial", "build", "draft", "hinted", "read_sentence",
           "save_draft", "slug"]


class DraftError(Exception):
    pass


@dataclass
class Draft:
    workflow: Workflow
    trial: Trial


def _choices(registry: Registry) -> list[str]:
    return [c.spec.id for c in registry.all() if c.spec.id not in NOT_DRAFTED]


def hinted(sentence: str, choices: list[str]) -> list[str]:
    """The step ids the sentence's words point at, in the sentence's order."""
    return read_sentence(sentence, choices).steps


def _name(sentence: str, llm: LLMClient, model_name: str) -> str:
    """A short name for the workflow, from the model (the sentence's start if it fails)."""
    model = catalog.find_model(model_name)
    schema = {"type": "object", "properties": {"name": {"type": "string", "maxLength": 50}}}
    prompt = chat_prompt(model, "Give a short title (2 to 5 words) for a document workflow that "
                         "does what the user asks. Answer with JSON.", sentence)
    gen = llm.generate(model, prompt.suffix, prefix=prompt.prefix, document=prompt.document,
                       max_tokens=40, grammar=schema_to_gbnf(schema))
    try:
        name = " ".join(str(json.loads(gen.text).get("name", "")).split())
    except ValueError:
        name = ""
    words = name.split()
    # a small model's name can be a word repeated, or not words at all
    if (not 1 <= len(words) <= 6 or len(set(w.lower() for w in words)) < len(words)
            or not re.fullmatch(r"[A-Za-zÀ-ÿ][\w&' -]*", name)):
        return _plain_name(sentence)
    return name


def _plain_name(sentence: str) -> str:
    """A name from the sentence itself: its first document word and actions."""
    m = DOCUMENT_WORDS.search(sentence)
    what = m.group().rstrip("s").capitalize() if m else "Document"
    actions = [title for pattern, title in _ACTIONS if re.search(pattern, sentence, re.I)]
    return f"{what} {', '.join(actions[:3])}" if actions else f"{what} workflow"


_ACTIONS = [(r"extract|pull out|capture", "extraction"), (r"summar", "summary"),
            (r"classif|sort|triage|categor", "sorting"), (r"translat", "translation"),
            (r"redact|anonymi", "redaction"), (r"approv|sign", "approval"),
            (r"\bfil(?:e|ed|ing)\b|\bmov|archiv|renam", "filing")]


def draft(sentence: str, registry: Registry, llm: LLMClient, model_name: str = "",
          sample: Path | None = None) -> Draft:
    sentence = " ".join(sentence.split())
    if not sentence:
        raise DraftError("say in a sentence what the workflow should do")
    intent = read_sentence(sentence, _choices(registry))
    if not intent.steps and not intent.approval:
        raise DraftError(
            "I could not make a workflow from that: it asks for nothing a step does. Say what "
            "should happen to a document, e.g. \"when an invoice arrives, extract the vendor "
            "and total and file it by vendor\"")
    wf = build(_name(sentence, llm, model_name), f"Drafted from: {sentence}", intent.steps,
               registry, intent)
    result = trial(wf, registry, llm, sentence, sample)
    if not result.ok:
        raise DraftError(f"the draft did not run on the sample {result.sample.name}, so it is not "
                         f"offered: {result.error}")
    return Draft(wf, result)


def save_draft(wf: Workflow, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    n, path = 1, target
    while path.exists():
        n += 1
        path = target.with_name(f"{target.stem} ({n}){target.suffix}")
    save_workflow(wf, path)
    return path


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:50] or "draft"
