"""The step registry. Built-in packs and third-party packs load the same way: an
entry point in the `runnel.steps` group naming a module with a `STEPS` list (or a
callable returning step classes)."""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from types import ModuleType
from typing import Iterable

from desktop.engine.spec import Step

ENTRY_POINT_GROUP = "runnel.steps"


@dataclass
class Registry:
    steps: dict[str, type[Step]] = field(default_factory=dict)
    load_errors: list[str] = field(default_factory=list)   # packs that failed to load

    def register(self, step_cls: type[Step], pack: str = "") -> None:
        spec = getattr(step_cls, "spec", None)
        if spec is None or not (inspect.isclass(step_cls) and issubclass(step_cls, Step)):
            raise TypeError(f"{step_cls!r} is not a Step class with a spec")
        if spec.id in self.steps and self.steps[spec.id] is not step_cls:
            raise ValueError(f"step id {spec.id!r} registered twice (pack {pack or '?'})")
        self.steps[spec.id] = step_cls

    def register_all(self, classes: Iterable[type[Step]], pack: str = "") -> None:
        for cls in classes:
            self.register(cls, pack)

    def get(self, step_id: str) -> type[Step] | None:
        return self.steps.get(step_id)

    def __contains__(self, step_id: str) -> bool:
        return step_id in self.steps

    def all(self) -> list[type[Step]]:
        return sorted(self.steps.values(), key=lambda c: (c.spec.category, c.spec.id))

    def load_pack(self, name: str, target: object) -> None:
        """Register what an entry point gave: a module with STEPS, or a callable."""
        if isinstance(target, ModuleType):
            classes = getattr(target, "STEPS", None)
            if classes is None:
                raise TypeError(f"module {target.__name__} has no STEPS list")
        elif callable(target):
            classes = target()
        else:
            raise TypeError(f"entry point {name!r} gave {target!r}")
        self.register_all(classes, name)

    @classmethod
    def from_entry_points(cls, group: str = ENTRY_POINT_GROUP) -> "Registry":
        reg = cls()
        for ep in sorted(entry_points(group=group), key=lambda e: e.name):
            try:
                reg.load_pack(ep.name, ep.load())
            except Exception as e:  # a broken third-party pack must not stop the app
                reg.load_errors.append(f"step pack '{ep.name}' ({ep.value}) failed to load: {e}")
        return reg


_default: Registry | None = None


def default_registry() -> Registry:
    """The registry of every installed pack, built once per process."""
    global _default
    if _default is None:
        _default = Registry.from_entry_points()
    return _default
