"""The workflow file: YAML, safe-loaded, checked shape by shape, saved canonically.

`dumps(loads(text)) == text` for a file in canonical form (all shipped examples), and
`loads(dumps(wf)) == wf` for any workflow. Files of an older schema_version are
upgraded through the functions registered with `migration`.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any, Callable

import yaml

from desktop.engine.atomic import write_text_atomic
from desktop.engine.errors import WorkflowFileError
from desktop.engine.triggers import dump_trigger, parse_trigger
from desktop.engine.workflow import ERROR_POLICIES, NODE_ID, Link, Node, Workflow

SCHEMA_VERSION = 1
_TOP_KEYS = ("schema_version", "name", "description", "folders", "triggers", "nodes", "links")
_NODE_KEYS = ("id", "type", "title", "params", "on_error", "retries", "ui")
_LINK_KEYS = ("from", "to")
MAX_FILE_BYTES = 5 * 1024 * 1024

# version N -> function upgrading the raw mapping from N to N + 1
_MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


def migration(from_version: int) -> Callable[[Callable[[dict], dict]], Callable[[dict], dict]]:
    """Register the upgrade of a raw workflow mapping from `from_version` to the next."""
    def register(fn: Callable[[dict], dict]) -> Callable[[dict], dict]:
        _MIGRATIONS[from_version] = fn
        return fn
    return register


# ---------------------------------------------------------------- loading

def load_workflow(path: Path | str) -> Workflow:
    path = Path(path)
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(st.st_mode):
            raise WorkflowFileError(path, "this is not a regular file (a device or a pipe?)")
        with path.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise WorkflowFileError(path, "the file is larger than 5 MB; it is not a workflow")
    except FileNotFoundError:
        raise WorkflowFileError(path, "the file does not exist") from None
    except IsADirectoryError:
        raise WorkflowFileError(path, "this is a folder, not a workflow file") from None
    except OSError as e:
        raise WorkflowFileError(path, f"the file cannot be read ({e.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise WorkflowFileError(path, "the file is not UTF-8 text; a workflow is a YAML text file") from None
    wf = loads(text, path)
    return wf


def loads(text: str, path: Path | str | None = None) -> Workflow:
    p = Path(path) if path else None
    try:
        data = yaml.load(text, Loader=_Loader)
    except RecursionError:
        raise WorkflowFileError(p, "the YAML is nested too deeply to be a workflow") from None
    except _Refused as e:
        raise WorkflowFileError(p, str(e)) from None
    except (ValueError, OverflowError):
        raise WorkflowFileError(p, "a number in the file is too long to be read") from None
    except yaml.YAMLError as e:
        where = ""
        mark = getattr(e, "problem_mark", None)
        if mark is not None:
            where = f" at line {mark.line + 1}, column {mark.column + 1}"
        problem = getattr(e, "problem", None) or "invalid syntax"
        raise WorkflowFileError(p, f"this is not valid YAML{where}: {problem}") from None
    if not isinstance(data, dict):
        raise WorkflowFileError(p, "a workflow file must be a YAML mapping with name, nodes and links")
    data = _migrate(data, p)
    wf = _from_mapping(data, p)
    wf.path = p.resolve() if p else None
    return wf


class _Refused(Exception):
    pass


class _Loader(yaml.SafeLoader):
    """Safe loading, plus: no anchors or aliases (they let a small file expand into a
    huge one), and a key given twice is an error rather than a silent overwrite."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise _Refused(f"YAML aliases ('*name') are not allowed in a workflow file "
                           f"(line {mark.line + 1})")
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise _Refused(f"YAML anchors ('&name') are not allowed in a workflow file "
                           f"(line {event.start_mark.line + 1})")
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise _Refused(f"line {key_node.start_mark.line + 1}: a mapping key must be "
                               "text") from None
            if key in seen:
                raise _Refused(f"'{_short(key)}' is given twice in the same mapping "
                               f"(line {key_node.start_mark.line + 1})")
            seen.add(key)
        return super().construct_mapping(node, deep)


def _short(value: Any, limit: int = 60) -> str:
    """A value as it may appear inside an error sentence: bounded."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**18:
        return "a huge number"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _migrate(data: dict, path: Path | None) -> dict:
    version = data.get("schema_version")
    if version is None:
        raise WorkflowFileError(path, "'schema_version' is missing (this format is version 1)")
    if isinstance(version, bool) or not isinstance(version, int):
        raise WorkflowFileError(path, f"'schema_version' must be a whole number, not '{_short(version)}'")
    if version > SCHEMA_VERSION:
        raise WorkflowFileError(path, f"schema_version {_short(version)} is newer than this Runnel understands "
                                      f"(up to {SCHEMA_VERSION}); update Runnel to open it")
    if version < 1:
        raise WorkflowFileError(path, f"schema_version {_short(version)} does not exist; the first version is 1")
    while version < SCHEMA_VERSION:
        upgrade = _MIGRATIONS.get(version)
        if upgrade is None:
            raise WorkflowFileError(path, f"no upgrade from schema_version {version} is known")
        data = upgrade(dict(data))
        version += 1
        data["schema_version"] = version
    return data


def _from_mapping(data: dict, path: Path | None) -> Workflow:
    def fail(msg: str, node: str | None = None) -> WorkflowFileError:
        return WorkflowFileError(path, msg, node)

    unknown = [k for k in data if k not in _TOP_KEYS]
    if unknown:
        raise fail(f"unknown key '{unknown[0]}' at the top level (allowed: {', '.join(_TOP_KEYS)})")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise fail("'name' is missing or empty; give the workflow a name")
    description = data.get("description") or ""
    if not isinstance(description, str):
        raise fail("'description' must be text")

    folders = data.get("folders") or {}
    if not isinstance(folders, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in folders.items()):
        raise fail("'folders' must map a folder name to a path, e.g. 'reports: ~/Runnel/Reports'")

    triggers = [parse_trigger(t, i, fail) for i, t in enumerate(_seq(data, "triggers", fail))]

    nodes: list[Node] = []
    seen: set[str] = set()
    for i, raw in enumerate(_seq(data, "nodes", fail)):
        node = _node(raw, i, fail)
        if node.id in seen:
            raise fail("this node id is used twice; node ids must be unique", node.id)
        seen.add(node.id)
        nodes.append(node)

    links = [_link(raw, i, fail) for i, raw in enumerate(_seq(data, "links", fail))]
    return Workflow(name=name, description=description, folders=dict(folders),
                    triggers=triggers, nodes=nodes, links=links)


def _seq(data: dict, key: str, fail: Callable[..., WorkflowFileError]) -> list:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise fail(f"'{key}' must be a list")
    return value


def _node(raw: Any, i: int, fail: Callable[..., WorkflowFileError]) -> Node:
    if not isinstance(raw, dict):
        raise fail(f"node {i + 1} must be a mapping with 'id' and 'type'")
    node_id = raw.get("id")
    if not isinstance(node_id, str) or not NODE_ID.match(node_id):
        raise fail(f"node {i + 1} has a missing or invalid id '{_short(node_id)}' "
                   "(use letters, digits, '_' and '-', starting with a letter)")
    unknown = [k for k in raw if k not in _NODE_KEYS]
    if unknown:
        raise fail(f"unknown key '{unknown[0]}' (allowed: {', '.join(_NODE_KEYS)})", node_id)
    step_type = raw.get("type")
    if not isinstance(step_type, str) or not step_type.strip():
        raise fail("'type' is missing; it names the step, e.g. 'documents.read'", node_id)
    params = raw.get("params") or {}
    if not isinstance(params, dict) or not all(isinstance(k, str) for k in params):
        raise fail("'params' must be a mapping of option names to values", node_id)
    on_error = raw.get("on_error", "fail")
    if on_error not in ERROR_POLICIES:
        raise fail(f"'on_error' is '{_short(on_error)}'; it must be one of {', '.join(ERROR_POLICIES)}", node_id)
    retries = raw.get("retries", 0)
    if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= 10:
        raise fail("'retries' must be a whole number from 0 to 10", node_id)
    title = raw.get("title")
    if title is not None and not isinstance(title, str):
        raise fail("'title' must be text", node_id)
    ui = raw.get("ui") or {}
    if not isinstance(ui, dict) or set(ui) - {"x", "y"} or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in ui.values()):
        raise fail("'ui' must be {x: number, y: number}", node_id)
    return Node(id=node_id, type=step_type, params=dict(params), x=ui.get("x", 0),
                y=ui.get("y", 0), on_error=on_error, retries=retries, title=title)


def _link(raw: Any, i: int, fail: Callable[..., WorkflowFileError]) -> Link:
    if not isinstance(raw, dict) or set(raw) != set(_LINK_KEYS):
        raise fail(f"link {i + 1} must be a mapping with exactly 'from' and 'to'")
    ends = []
    for key in _LINK_KEYS:
        ref = raw[key]
        if not isinstance(ref, str) or ref.count(".") != 1 or not all(ref.split(".")):
            raise fail(f"link {i + 1}: '{key}' is '{_short(ref)}'; it must be 'node.port'")
        ends.extend(ref.split("."))
    return Link(*ends)


# ---------------------------------------------------------------- saving

class _FlowMap(dict):
    """A mapping written on one line (`ui: {x: 10, y: 20}`)."""


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(_FlowMap, lambda d, v: d.represent_mapping(
    "tag:yaml.org,2002:map", v.items(), flow_style=True))


def _num(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v


def to_mapping(wf: Workflow) -> dict:
    out: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "name": wf.name}
    if wf.description:
        out["description"] = wf.description
    if wf.folders:
        out["folders"] = dict(wf.folders)
    if wf.triggers:
        out["triggers"] = [dump_trigger(t) for t in wf.triggers]
    out["nodes"] = []
    for n in wf.nodes:
        d = {"id": n.id, "type": n.type}
        if n.title is not None:
            d["title"] = n.title
        if n.params:
            d["params"] = dict(n.params)
        if n.on_error != "fail":
            d["on_error"] = n.on_error
        if n.retries:
            d["retries"] = n.retries
        d["ui"] = _FlowMap(x=_num(n.x), y=_num(n.y))
        out["nodes"].append(d)
    out["links"] = [{"from": link.source_ref, "to": link.target_ref} for link in wf.links]
    return out


def dumps(wf: Workflow) -> str:
    return yaml.dump(to_mapping(wf), Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, default_flow_style=False, width=100, indent=2)


def save_workflow(wf: Workflow, path: Path | str) -> None:
    """Write atomically: a crash or full disk never leaves a half-written workflow."""
    path = Path(path)
    write_text_atomic(path, dumps(wf))
    wf.path = path.resolve()
