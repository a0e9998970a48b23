"""Step declarations: ports, params and the frozen spec every step class carries.

The inspector form is generated from `Param`s, so each one says its kind, default,
help text and limits; `check` gives the plain sentence validation reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Mapping

from desktop.engine.types import PortType

if TYPE_CHECKING:
    from desktop.engine.context import StepContext

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
PARAM_KINDS = ("string", "text", "int", "float", "bool", "choice", "folder", "json")
ERROR_PORT = "error"  # every step has it; taken when its error policy is `branch`


@dataclass(frozen=True)
class Port:
    name: str
    type: PortType
    required: bool = True
    help: str = ""
    branch: bool = False   # on a routing step: one of the branches, of which one is taken


@dataclass(frozen=True)
class Param:
    name: str
    kind: str                        # one of PARAM_KINDS
    default: Any = None
    help: str = ""
    required: bool = False           # must be set (a default counts as set)
    choices: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in PARAM_KINDS:
            raise ValueError(f"param {self.name!r}: unknown kind {self.kind!r}")
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"param {self.name!r}: a choice needs choices")

    def check(self, value: Any) -> str | None:
        """Return a plain sentence saying what is wrong with `value`, or None."""
        if value is None:
            return f"option '{self.name}' is required" if self.required else None
        kind = self.kind
        if kind in ("string", "text", "folder") and not isinstance(value, str):
            return f"option '{self.name}' must be text, not {_describe(value)}"
        if kind in ("string", "folder") and self.required and not value.strip():
            return f"option '{self.name}' is required"
        if kind == "bool" and not isinstance(value, bool):
            return f"option '{self.name}' must be true or false, not {_describe(value)}"
        if kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
            return f"option '{self.name}' must be a whole number, not {_describe(value)}"
        if kind == "float" and (isinstance(value, bool) or not isinstance(value, (int, float))):
            return f"option '{self.name}' must be a number, not {_describe(value)}"
        if kind == "choice" and value not in self.choices:
            allowed = ", ".join(repr(c) for c in self.choices)
            shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:59] + "…"
            return f"option '{self.name}' is {shown}; it must be one of {allowed}"
        if kind == "json" and not isinstance(value, (dict, list)):
            return f"option '{self.name}' must be a mapping or a list, not {_describe(value)}"
        if kind in ("int", "float"):
            shown = str(value) if abs(value) < 10**18 else "a huge number"
            if self.min is not None and value < self.min:
                return f"option '{self.name}' is {shown}; the smallest allowed is {_num(self.min)}"
            if self.max is not None and value > self.max:
                return f"option '{self.name}' is {shown}; the largest allowed is {_num(self.max)}"
        return None


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _describe(value: Any) -> str:
    names = {dict: "a mapping", list: "a list", str: "text", bool: "true/false",
             int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)


@dataclass(frozen=True)
class StepSpec:
    id: str                                   # stable: pack.verb_noun
    title: str
    category: str
    description: str
    inputs: tuple[Port, ...] = ()
    outputs: tuple[Port, ...] = ()
    params: tuple[Param, ...] = ()
    side_effects: bool = False   # touches the outside world: honours dry-run, never cached
    routing: bool = False        # has branch outputs; run() returns exactly one of them
    version: int = 1             # bump when behaviour changes, so cached results expire
    source: bool = False         # receives the run's input file (the workflow's entry)
    uses_model: bool = False     # the result depends on the model file: it joins the cache key
    cache: bool = True           # False when the result depends on more than the inputs (the clock)
    # "all": skipped unless every linked input arrived (a branch not taken gates it);
    # "any": runs when at least one did (merging branches)
    waits_for: str = "all"
    # optional inputs of which at least one must be linked (a document, or plain text)
    one_of: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not ID_PATTERN.match(self.id):
            raise ValueError(f"step id {self.id!r} must look like 'pack.verb_noun'")
        names = [p.name for p in self.inputs] + [p.name for p in self.outputs]
        if ERROR_PORT in names:
            raise ValueError(f"{self.id}: '{ERROR_PORT}' is reserved for the error branch")

    def input(self, name: str) -> Port | None:
        return next((p for p in self.inputs if p.name == name), None)

    def output(self, name: str) -> Port | None:
        return find_output(self.outputs, name)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def resolve_params(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Defaults overlaid with the node's own values."""
        values = self.defaults()
        values.update(given)
        return values

    @property
    def cacheable(self) -> bool:
        return self.cache and not self.side_effects and not self.source


ERROR_OUTPUT = Port(ERROR_PORT, PortType.JSON, required=False, help="the error, when the step fails")


def find_output(outputs: tuple[Port, ...], name: str) -> Port | None:
    """An output port by name; every step also has the `error` output."""
    if name == ERROR_PORT:
        return ERROR_OUTPUT
    return next((p for p in outputs if p.name == name), None)


class Step:
    """Base class of every step. Subclasses set `spec` and implement `run`.

    `run` receives its inputs by port name and returns {output port: value}. A port
    left out of the result is a branch not taken (routing steps return exactly one).
    """

    spec: ClassVar[StepSpec]

    @classmethod
    def outputs_for(cls, params: Mapping[str, Any]) -> tuple[Port, ...]:
        """Output ports for these params. Steps whose branches depend on their options
        (one per label, one per rule) override this."""
        return cls.spec.outputs

    @classmethod
    def check_params(cls, params: Mapping[str, Any]) -> list[str]:
        """Problems with the whole set of params that single-param checks cannot see,
        found before any run (e.g. a schema that cannot become a grammar)."""
        return []

    @classmethod
    def check_inputs(cls, params: Mapping[str, Any], linked: frozenset[str]) -> list[str]:
        """Problems that depend on which of its inputs are linked (`linked`: port
        names), found before any run: e.g. a template naming an input nothing feeds."""
        return []

    @classmethod
    def depends_on(cls, workflow: Any, node_id: str, params: Mapping[str, Any]) -> str:
        """What the result depends on besides the step's inputs, params and model, as a
        short string joined into its cache key ('' for nothing): e.g. the labelled
        examples kept with the workflow. Called before each cacheable run; keep it cheap."""
        return ""

    def run(self, ctx: "StepContext", **inputs: Any) -> dict[str, Any]:  # pragma: no cover
        raise NotImplementedError
