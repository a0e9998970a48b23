from importlib.metadata import EntryPoint

import pytest

from desktop.engine import registry as registry_module
from desktop.engine.registry import Registry
from tests.engine import packs


def test_builtin_packs_come_from_the_entry_point_group():
    reg = Registry.from_entry_points()
    assert reg.load_errors == []
    for step_id in ("core.input_file", "documents.read", "text.template", "files.write_text"):
        assert step_id in reg


def test_a_third_party_pack_registers_the_same_way(monkeypatch):
    eps = [EntryPoint("thirdparty", "tests.engine.packs", "runnel.steps"),
           EntryPoint("broken", "tests.engine.no_such_module", "runnel.steps")]
    monkeypatch.setattr(registry_module, "entry_points", lambda group: eps)
    reg = Registry.from_entry_points()
    assert "test.route" in reg and "test.emit" in reg
    assert len(reg.load_errors) == 1
    assert "step pack 'broken'" in reg.load_errors[0]


def test_a_pack_can_be_a_callable():
    reg = Registry()
    reg.load_pack("fn", lambda: [packs.Emit])
    assert reg.get("test.emit") is packs.Emit


def test_two_steps_with_one_id_is_an_error():
    reg = Registry()
    reg.register(packs.Emit)

    class Other(packs.Emit):
        pass

    with pytest.raises(ValueError, match="registered twice"):
        reg.register(Other)
