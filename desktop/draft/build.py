"""A valid workflow from a list of step ids and what the sentence asked for. No Qt.

The order is fixed by what each step does, whatever order it was asked in: reading
first, then the steps that work on the text (and can fail), then checks, then a
person's approval, then writing, and moving the input last, so a draft never moves
its input before a step that can still fail."""

from __future__ import annotations

import re

from desktop.draft.intent import Intent
from desktop.engine.registry import Registry
from desktop.engine.types import PortType, can_connect
from desktop.engine.validate import validate
from desktop.engine.workflow import Link, Node, Workflow

FIXED = ("core.input_file", "documents.read")
NOT_DRAFTED = {"core.input_file", "documents.read", "flow.for_each", "flow.merge", "ai.agent",
               "human.approve"}
# outputs that are reports beside the result, or branches a draft does not follow
_ASIDE = {"provenance", "report", "decision", "review", "rejected", "fail", "uncertain", "error",
          "otherwise"}
_STAGE = {"guard.validate": 2, "human.approve": 3, "files.write_text": 4, "files.append_row": 4,
          "files.copy_file": 4, "files.move_file": 5}
_X, _Y = 220, 160
_WRITES_TEXT = {"ai.summarize", "ai.translate", "text.redact_pii"}
_SUFFIX = {"ai.summarize": "summary", "ai.translate": "translation", "text.redact_pii": "redacted"}


def stage(step_id: str) -> int:
    return _STAGE.get(step_id, 1)


def folder_name(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_") or "output"


def file_name(by: list[str]) -> str:
    parts = ["{date:%Y-%m}" if key == "month" else "{date:%Y}" if key == "year" else f"{{{key}}}"
             for key in by]
    return " ".join(parts + ["{name}"]) if parts else "{name}"


def _params(step_id: str, intent: Intent, folder: str) -> dict:
    if step_id == "ai.extract_fields" and intent.fields:
        return {"fields": [dict(f) for f in intent.fields]}
    if step_id == "ai.classify" and intent.labels:
        return {"labels": [{"label": label, "description": label} for label in intent.labels]}
    if step_id in ("files.move_file", "files.copy_file"):
        return {"folder": folder, "filename": file_name(intent.file_by)}
    if step_id == "human.approve":
        return {"message": "Please check this before it is filed."}
    return {}


def build(name: str, description: str, step_ids: list[str], registry: Registry,
          intent: Intent | None = None) -> Workflow:
    """input -> read -> each step linked to the latest result that fits; a step that
    cannot be linked is left out, and anything validation still dislikes is removed."""
    intent = intent or Intent()
    folder = folder_name(intent.folder) if intent.folder else "output"
    wf = Workflow(name=name or "Drafted workflow", description=description,
                  folders={folder: f"~/Runnel/{intent.folder or 'Output'}"})
    wanted: list[str] = []
    for step_id in step_ids:
        if step_id not in wanted and registry.get(step_id) is not None and step_id not in NOT_DRAFTED:
            wanted.append(step_id)      # a draft uses each kind of step once
    if intent.approval:
        wanted.append("human.approve")
    # a summary, translation or redacted text is kept: written beside the filed document
    if any(s in _WRITES_TEXT for s in wanted) and "files.write_text" not in wanted:
        wanted.append("files.write_text")
    wanted.sort(key=stage)              # stable: the sentence's order within a stage
    nodes = [Node("input", "core.input_file", {}, 40, _Y), Node("read", "documents.read", {}, 40 + _X, _Y)]
    links = [Link("input", "file", "read", "file")]
    available: list[tuple[str, str, PortType]] = [("input", "file", PortType.FILE),
                                                  ("read", "document", PortType.DOCUMENT)]

    column = [2]

    def place(node_id: str, step_id: str, params: dict, row: int = 0) -> None:
        nodes.append(Node(node_id, step_id, params, 40 + _X * column[0], _Y + 130 * row))
        column[0] += 1

    for step_id in wanted:
        cls = registry.get(step_id)
        spec = cls.spec
        node_id = re.sub(r"[^a-z0-9_]", "_", spec.id.split(".", 1)[1])
        params = _params(step_id, intent, folder)
        if step_id == "files.write_text":
            params["filename"] = "{stem} " + _SUFFIX.get(next(
                (s for s in reversed(wanted) if s in _WRITES_TEXT), ""), "result") + ".txt"
        params.update({p.name: folder for p in spec.params
                       if p.kind == "folder" and p.required and p.name not in params})
        if step_id == "human.approve" and any(n.type == "ai.extract_fields" for n in nodes):
            # what the extraction is unsure of waits for a person; the rest goes on, and
            # both ways meet again before anything is written
            place("approve", step_id, params, row=1)
            links.append(Link("extract_fields", "review", "approve", "item"))
            place("merge", "flow.merge", {})
            links += [Link("extract_fields", "record", "merge", "a"),
                      Link("approve", "approved", "merge", "b")]
            available.append(("merge", "item", PortType.JSON))
            continue
        if step_id == "human.approve":
            # what is written and moved after it must wait for the decision: a record
            # when there is one (its fields name the file), else the input file itself
            item = next((a for a in reversed(available) if a[2] == PortType.JSON), None)
            if item is None:
                item = ("input", "file", PortType.FILE) if any(
                    stage(s) > stage(step_id) for s in wanted) else available[-1]
            place("approve", step_id, params)
            links.append(Link(item[0], item[1], "approve", "item"))
            available.append(("approve", "approved", item[2]))
            continue
        new_links, ok = [], True
        for port in spec.inputs:
            text = next((a for a in reversed(available) if a[2] == PortType.TEXT), None)
            if step_id == "files.write_text" and text is not None:
                new_links.append(Link(text[0], text[1], node_id, port.name))
                continue
            source = next((a for a in reversed(available) if a[2] == port.type), None) or next(
                (a for a in reversed(available) if can_connect(a[2], port.type)
                 and PortType.ANY not in (a[2], port.type)), None)
            if source is None and port.type == PortType.ANY and available:
                source = available[-1]
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
        place(node_id, step_id, params)
        links += new_links
        if spec.side_effects:
            continue           # what it wrote is a result, not something to work on
        for out in cls.outputs_for(spec.resolve_params(params)):
            if out.name in _ASIDE:
                continue
            if out.branch and step_id == "ai.classify":
                continue       # one branch per label: the result record goes on instead
            available.append((node_id, out.name, out.type))
    wf.nodes, wf.links = nodes, links
    # a draft should leave a result somewhere: end with a write of the last result
    if not any(registry.steps[n.type].spec.side_effects for n in nodes):
        last = available[-1]
        place("save", "files.write_text", {"folder": folder, "filename": "{stem} result.txt"})
        links.append(Link(last[0], last[1], "save", "content"))
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
