import pytest

from desktop.engine.spec import Param, Port, StepSpec
from desktop.engine.types import PortType, can_connect


def test_param_checks_say_what_is_wrong():
    times = Param("times", "int", 1, min=1, max=5)
    assert times.check(3) is None
    assert times.check(9) == "option 'times' is 9; the largest allowed is 5"
    assert times.check(0) == "option 'times' is 0; the smallest allowed is 1"
    assert times.check("3") == "option 'times' must be a whole number, not text"
    assert times.check(True) == "option 'times' must be a whole number, not true/false"
    mode = Param("mode", "choice", "a", choices=("a", "b"))
    assert mode.check("c") == "option 'mode' is 'c'; it must be one of 'a', 'b'"
    assert Param("name", "string", required=True).check(None) == "option 'name' is required"
    assert Param("ratio", "float", 0.5, min=0, max=1).check(2) == \
        "option 'ratio' is 2; the largest allowed is 1"


def test_spec_rejects_bad_ids_and_the_reserved_error_port():
    with pytest.raises(ValueError, match="pack.verb_noun"):
        StepSpec(id="NoDot", title="x", category="x", description="x")
    with pytest.raises(ValueError, match="reserved"):
        StepSpec(id="a.b", title="x", category="x", description="x",
                 outputs=(Port("error", PortType.TEXT),))
    with pytest.raises(ValueError, match="choices"):
        Param("mode", "choice")


def test_every_step_has_an_error_output():
    spec = StepSpec(id="a.b", title="x", category="x", description="x")
    assert spec.output("error").type == PortType.JSON
    assert spec.output("nothing") is None


def test_port_type_compatibility():
    assert can_connect(PortType.DOCUMENT, PortType.TEXT)
    assert can_connect(PortType.TEXT, PortType.ANY)
    assert not can_connect(PortType.TEXT, PortType.DOCUMENT)
    assert not can_connect(PortType.JSON, PortType.TEXT)
