"""Draft a workflow from a sentence with the local model. The model only chooses a
name and a sequence of registered step types (grammar-constrained); the links,
options and folders are worked out here, so the file always passes validation.
The user reviews it before use. No Qt."""

from __future__ import annotations

import json
import re
from pathlib import Path

from desktop.engine.fileformat import save_workflow
from desktop.engine.registry import Registry
from desktop.engine.types import PortType, can_connect
from desktop.engine.validate import validate
from desktop.engine.workflow import Link, Node, Workflow
from desktop.llm import catalog
from desktop.llm.client import LLMClient
from desktop.llm.grammar import schema_to_gbnf
from desktop.llm.prompts import chat_prompt

_FIXED = ("core.input_file", "documents.read")
_NOT_DRAFTED = {"core.input_file", "documents.read", "flow.for_each", "flow.merge", "ai.agent",
                "human.approve"}


# words in the sentence that point at a step: given to the model as a hint
HINTS = [
    (r"extract|fields?|vendor|total|amount|number", "ai.extract_fields"),
    (r"summar|digest|gist|overview", "ai.summarize"),
    (r"classif|categor|sort|triage|kind of|type of", "ai.classify"),
    (r"translat", "ai.translate"),
    (r"redact|anonymi|personal data|pii|gdpr", "text.redact_pii"),
    (r"check|validat|verify|rules?", "guard.validate"),
    (r"route|branch|if |when .* (over|above|below)", "flow.route"),
    (r"rename|file it|file them|archive|move", "files.move_file"),
    (r"copy", "files.copy_file"),
    (r"ledger|spreadsheet|csv|table|append|log it", "files.append_row"),
    (r"report|save|write|export|markdown", "files.write_text"),
]


class DraftError(Exception):
    pass


def hinted(sentence: str, choices: list[str]) -> list[str]:
    found = []
    for pattern, step in HINTS:
        if step in choices and step not in found and re.search(pattern, sentence, re.IGNORECASE):
            found.append(step)
    return found


def _choices(registry: Registry) -> list[str]:
    return [c.spec.id for c in registry.all() if c.spec.id not in _NOT_DRAFTED]


def build(name: str, description: str, step_ids: list[str], registry: Registry) -> Workflow:
    """A valid workflow: input -> read -> each chosen step linked to the latest output
    that fits; a step that cannot be linked is left out."""
    wf = Workflow(name=name or "Drafted workflow", description=description,
                  folders={"output": "~/Runnel/Output"})
    nodes: list[Node] = [Node("input", "core.input_file", {}, 40, 160), Node("read", "documents.read", {}, 240, 160)]
    links = [Link("input", "file", "read", "file")]
    available: list[tuple[str, str, PortType]] = [("input", "file", PortType.FILE),
                                                  ("read", "document", PortType.DOCUMENT)]
    used: dict[str, int] = {}
    for step_id in step_ids:
        cls = registry.get(step_id)
        if cls is None:
            continue
        spec = cls.spec
        if step_id in used:
            continue                   # a draft uses each kind of step once
        used[step_id] = 1
        node_id = re.sub(r"[^a-z0-9_]", "_", spec.id.split(".", 1)[1])
        params = {p.name: "output" for p in spec.params if p.kind == "folder" and p.required}
        new_links = []
        ok = True
        for port in spec.inputs:
            source = next((a for a in reversed(available) if a[2] == port.type), None) or next(
                (a for a in reversed(available) if can_connect(a[2], port.type) and a[2] != PortType.ANY), None)
            if source is None:
                if port.required:
                    ok = False
                    break
                continue
            if not port.required and source[2] != port.type:
                continue
            new_links.append(Link(source[0], source[1], node_id, port.name))
            if not port.required:
                break          # one optional input is enough to feed it
        if not ok or not new_links:
            continue
        nodes.append(Node(node_id, spec.id, params, 40 + 220 * len(nodes), 160))
        links += new_links
        values = spec.resolve_params(params)
        for out in cls.outputs_for(values):
            if not out.branch or out.name != "otherwise":
                available.append((node_id, out.name, out.type))
    wf.nodes, wf.links = nodes, links
    # a draft should leave a result somewhere: end with a write of the last output
    if not any(registry.steps[n.type].spec.side_effects for n in nodes):
        last = available[-1]
        nodes.append(Node("save", "files.write_text", {"folder": "output", "filename": "{stem} result.txt"},
                          40 + 220 * len(nodes), 160))
        links.append(Link(last[0], last[1], "save", "content"))
    # anything the checks still dislike is removed, last first, until the workflow is valid
    for _ in range(len(nodes)):
        problems = validate(wf, registry)
        if not problems:
            return wf
        bad = next((p.node for p in reversed(problems) if p.node and p.node not in ("input", "read")), None)
        if bad is None:
            break
        wf.nodes = [n for n in wf.nodes if n.id != bad]
        wf.links = [l for l in wf.links if bad not in (l.source, l.target)]
    return wf


def draft(sentence: str, registry: Registry, llm: LLMClient, model_name: str = "") -> Workflow:
    sentence = sentence.strip()
    if not sentence:
        raise DraftError("say in a sentence what the workflow should do")
    choices = _choices(registry)
    schema = {"type": "object", "properties": {
        "name": {"type": "string", "maxLength": 60},
        "steps": {"type": "array", "items": {"enum": choices}, "minItems": 1, "maxItems": 6}}}
    catalogue = "\n".join(f"- {registry.steps[c].spec.id}: {registry.steps[c].spec.description}"
                          for c in choices)
    hints = hinted(sentence, choices)
    instruction = ("You design document workflows. Every workflow starts by reading the input "
                   "document. Choose, in order, the steps that do what the user asks, from this "
                   f"list only:\n{catalogue}\n"
                   + (f"The request mentions: {', '.join(hints)}.\n" if hints else "")
                   + "Answer with JSON: a short name and the step ids.")
    model = catalog.find_model(model_name)
    prompt = chat_prompt(model, instruction, sentence)
    gen = llm.generate(model, prompt.suffix, prefix=prompt.prefix, document=prompt.document,
                       max_tokens=200, grammar=schema_to_gbnf(schema))
    try:
        answer = json.loads(gen.text)
    except ValueError:
        answer = {"name": "", "steps": []}
    picked = [s for s in answer.get("steps", []) if s in choices]
    # the hinted steps come first, in the sentence's order; the model's picks follow
    steps = hints + [s for s in picked if s not in hints]
    return build(str(answer.get("name", "")).strip() or sentence[:60], f"Drafted from: {sentence}",
                 steps, registry)


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
