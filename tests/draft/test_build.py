"""The order and links of a draft (desktop/draft/build.py): nothing is moved before a
step that can fail, and an approval holds back everything written after it."""

from desktop.draft import _choices, build, read_sentence
from desktop.engine.registry import Registry
from desktop.engine.validate import validate

REGISTRY = Registry.from_entry_points()
CHOICES = _choices(REGISTRY)


def drafted(sentence):
    intent = read_sentence(sentence, CHOICES)
    wf = build("t", sentence, intent.steps, REGISTRY, intent)
    assert validate(wf, REGISTRY) == []
    return wf


def downstream(wf, node_id):
    found, frontier = set(), {node_id}
    while frontier:
        nxt = {l.target for l in wf.links if l.source in frontier} - found
        found |= nxt
        frontier = nxt
    return found


def test_the_move_comes_after_every_step_that_can_fail_whatever_the_wording():
    wf = drafted("File it by vendor after you redact it and summarize it")
    types = [n.type for n in wf.nodes]
    assert types[-1] == "files.move_file"
    assert types.index("files.write_text") < types.index("files.move_file")


def test_the_file_is_named_by_the_fields_it_is_filed_by():
    wf = drafted("when a PDF invoice arrives, extract vendor and total and file it by vendor")
    extract = next(n for n in wf.nodes if n.type == "ai.extract_fields")
    assert [f["name"] for f in extract.params["fields"]] == ["vendor", "total"]
    move = next(n for n in wf.nodes if n.type == "files.move_file")
    assert move.params["filename"] == "{vendor} {name}"
    # the name's fields come from the extracted record, not from its provenance
    assert any(l.source == "extract_fields" and l.source_port == "record" and l.target == "move_file"
               for l in wf.links)


def test_an_approval_holds_back_the_move():
    wf = drafted("Summarize it, ask me to approve, then move it to the Done folder")
    assert "move_file" in downstream(wf, "approve")
    assert wf.folders == {"done": "~/Runnel/Done"}
    wf = drafted("Extract the vendor and total, check them and ask me before it is filed")
    assert {"merge", "move_file"} <= downstream(wf, "approve")


def test_the_move_takes_the_input_file_not_a_file_the_draft_wrote():
    wf = drafted("Summarize long reports and file them away")
    move_in = next(l for l in wf.links if l.target == "move_file" and l.target_port == "file")
    assert (move_in.source, move_in.source_port) == ("input", "file")
