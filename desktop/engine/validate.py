"""Checks a workflow against the registry before any run; reports every problem."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.engine.graph import find_cycle
from desktop.engine.registry import Registry
from desktop.engine.spec import ERROR_PORT, find_output
from desktop.engine.types import can_connect
from desktop.engine.workflow import Workflow


@dataclass(frozen=True)
class Problem:
    path: str | None
    node: str | None
    message: str
    folder: str | None = None      # the declared folder it is about (shown in its panel)

    def __str__(self) -> str:
        where = self.path or "workflow"
        if self.node:
            where += f": node '{self.node}'"
        return f"{where}: {self.message}"


def validate(wf: Workflow, registry: Registry) -> list[Problem]:
    path = str(wf.path) if wf.path else None
    problems: list[Problem] = []

    def add(node: str | None, message: str) -> None:
        problems.append(Problem(path, node, message))

    if not wf.nodes:
        add(None, "the workflow has no steps")

    specs = {}
    outputs: dict[str, tuple] = {}
    for node in wf.nodes:
        cls = registry.get(node.type)
        if cls is None:
            add(node.id, f"unknown step type '{node.type}' (is its step pack installed? "
                         "`runnel steps` lists the known ones)")
            continue
        spec = specs[node.id] = cls.spec
        for name in node.params:
            if spec.param(name) is None:
                known = ", ".join(p.name for p in spec.params) or "none"
                add(node.id, f"'{node.type}' has no option '{name}' (its options: {known})")
        values = spec.resolve_params(node.params)
        param_ok = True
        for param in spec.params:
            msg = param.check(values.get(param.name))
            if msg:
                param_ok = False
                add(node.id, msg)
            elif (param.kind == "folder" and values.get(param.name) not in wf.folders
                  and (param.required or values.get(param.name))):
                declared = ", ".join(sorted(wf.folders)) or "none"
                add(node.id, f"option '{param.name}' names folder '{values.get(param.name)}', "
                             f"which the workflow does not declare under 'folders' (declared: {declared})")
        if param_ok:
            try:
                for msg in cls.check_params(values):
                    add(node.id, msg)
                outputs[node.id] = cls.outputs_for(values)
            except Exception as e:   # a step's own check must not crash validation
                add(node.id, f"its options cannot be checked ({type(e).__name__}: {e})")
                outputs[node.id] = spec.outputs
        else:
            outputs[node.id] = spec.outputs
        if node.on_error == "retry" and node.retries < 1:
            add(node.id, "on_error is 'retry' but 'retries' is 0; set how many times to retry")

    seen_inputs: set[tuple[str, str]] = set()
    for link in wf.links:
        label = f"link {link.source_ref} -> {link.target_ref}"
        src, dst = wf.node(link.source), wf.node(link.target)
        if src is None:
            add(link.target if dst else None, f"{label} comes from node '{link.source}', which does not exist")
        if dst is None:
            add(link.source if src else None, f"{label} goes to node '{link.target}', which does not exist")
        if src is None or dst is None or link.source not in specs or link.target not in specs:
            continue
        out = find_output(outputs[link.source], link.source_port)
        inp = specs[link.target].input(link.target_port)
        if out is None:
            known = ", ".join(p.name for p in outputs[link.source]) or "none"
            add(link.source, f"{label}: '{src.type}' has no output '{link.source_port}' (outputs: {known})")
        if inp is None:
            known = ", ".join(p.name for p in specs[link.target].inputs) or "none"
            add(link.target, f"{label}: '{dst.type}' has no input '{link.target_port}' (inputs: {known})")
        if out is None or inp is None:
            continue
        if not can_connect(out.type, inp.type):
            add(link.target, f"{label}: output '{link.source_port}' gives {out.type.value} but "
                             f"input '{link.target_port}' takes {inp.type.value}")
        if link.source_port == ERROR_PORT and src.on_error != "branch":
            add(link.source, f"{label} uses the error output, but on_error is '{src.on_error}'; "
                             "set on_error: branch")
        key = (link.target, link.target_port)
        if key in seen_inputs:
            add(link.target, f"input '{link.target_port}' has more than one incoming link")
        seen_inputs.add(key)

    error_linked = {link.source for link in wf.links if link.source_port == ERROR_PORT}
    for node in wf.nodes:
        if node.on_error == "branch" and node.id not in error_linked:
            add(node.id, "on_error is 'branch' but nothing is connected to its error output, so a "
                         "failure would go unnoticed; connect it or choose fail or retry")
        spec = specs.get(node.id)
        if spec is None:
            continue
        for port in spec.inputs:
            if port.required and (node.id, port.name) not in seen_inputs:
                add(node.id, f"required input '{port.name}' ({port.type.value}) is not connected")
        if spec.one_of and not any((node.id, name) in seen_inputs for name in spec.one_of):
            add(node.id, "connect its input " + " or ".join(f"'{n}'" for n in spec.one_of))
        if node.id in outputs:           # its options passed their own checks
            linked = frozenset(port for target, port in seen_inputs if target == node.id)
            try:
                for msg in registry.get(node.type).check_inputs(
                        spec.resolve_params(node.params), linked):
                    add(node.id, msg)
            except Exception as e:   # a step's own check must not crash validation
                add(node.id, f"its inputs cannot be checked ({type(e).__name__}: {e})")

    cycle = find_cycle([n.id for n in wf.nodes],
                       [(link.source, link.target) for link in wf.links])
    if cycle:
        add(cycle[0], "the links form a loop: " + " -> ".join(cycle + [cycle[0]]))
    return problems
