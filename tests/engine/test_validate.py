from desktop.engine.validate import validate
from tests.engine.conftest import workflow


def messages(wf, registry):
    return [str(p) for p in validate(wf, registry)]


def test_a_good_workflow_has_no_problems(registry):
    wf = workflow("""
    nodes:
    - {id: a, type: test.emit}
    - {id: b, type: test.append, params: {times: 2}}
    links:
    - {from: a.text, to: b.text}
    """)
    assert validate(wf, registry) == []


def test_all_problems_are_reported_at_once(registry, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("""schema_version: 1
name: bad
nodes:
- {id: a, type: test.emit}
- {id: b, type: test.append, params: {times: 9, colour: red}}
- {id: c, type: nope.missing}
- {id: d, type: test.append}
- {id: e, type: test.touch, params: {folder: nowhere}}
- {id: f, type: documents.read}
links:
- {from: a.text, to: b.nosuch}
- {from: a.txt, to: e.text}
- {from: a.text, to: f.file}
""")
    from desktop.engine.fileformat import load_workflow
    msgs = messages(load_workflow(path), registry)
    expected = [
        "node 'b': 'test.append' has no option 'colour'",
        "node 'b': option 'times' is 9; the largest allowed is 5",
        "node 'c': unknown step type 'nope.missing'",
        "node 'e': option 'folder' names folder 'nowhere', which the workflow does not declare",
        "node 'b': link a.text -> b.nosuch: 'test.append' has no input 'nosuch'",
        "node 'a': link a.txt -> e.text: 'test.emit' has no output 'txt'",
        "node 'f': link a.text -> f.file: output 'text' gives text but input 'file' takes file",
        "node 'b': required input 'text' (text) is not connected",
        "node 'd': required input 'text' (text) is not connected",
        "node 'e': required input 'text' (text) is not connected",   # its only link is broken
    ]
    for fragment in expected:
        assert any(fragment in m for m in msgs), (fragment, msgs)
    assert all(m.startswith(str(path)) for m in msgs)
    assert len(msgs) == len(expected)


def test_cycles_are_reported(registry):
    wf = workflow("""
    nodes:
    - {id: a, type: test.append}
    - {id: b, type: test.append}
    links:
    - {from: a.text, to: b.text}
    - {from: b.text, to: a.text}
    """)
    assert any("the links form a loop: a -> b -> a" in m for m in messages(wf, registry))


def test_missing_nodes_and_double_inputs(registry):
    wf = workflow("""
    nodes:
    - {id: a, type: test.emit}
    - {id: b, type: test.emit}
    - {id: c, type: test.append}
    links:
    - {from: a.text, to: c.text}
    - {from: b.text, to: c.text}
    - {from: ghost.text, to: c.text}
    """)
    msgs = messages(wf, registry)
    assert any("comes from node 'ghost', which does not exist" in m for m in msgs)
    assert any("input 'text' has more than one incoming link" in m for m in msgs)


def test_error_output_needs_the_branch_policy(registry):
    wf = workflow("""
    nodes:
    - {id: a, type: test.emit}
    - {id: b, type: test.append}
    - {id: c, type: test.join}
    links:
    - {from: a.text, to: b.text}
    - {from: b.error, to: c.a}
    """)
    msgs = messages(wf, registry)
    assert any("uses the error output, but on_error is 'fail'" in m for m in msgs)
    assert any("output 'error' gives json but input 'a' takes text" in m for m in msgs)


def test_an_empty_workflow_is_a_problem(registry):
    assert messages(workflow("nodes: []\n"), registry) == ["workflow: the workflow has no steps"]


def test_error_branch_without_a_handler_is_a_problem(registry):
    wf = workflow("""
    nodes:
    - {id: a, type: test.emit}
    - {id: b, type: test.append, on_error: branch}
    links:
    - {from: a.text, to: b.text}
    """)
    assert messages(wf, registry) == [
        "workflow: node 'b': on_error is 'branch' but nothing is connected to its error output, "
        "so a failure would go unnoticed; connect it or choose fail or retry"]


def test_step_specific_checks_run_before_any_run(registry):
    wf = workflow("""
    nodes:
    - {id: t, type: text.template, params: {template: '{% if %}'}}
    - {id: r, type: documents.read, params: {pages: first}}
    - {id: f, type: core.input_file}
    links:
    - {from: f.file, to: r.file}
    """)
    msgs = messages(wf, registry)
    assert any("node 't': option 'template' has a template error at line 1" in m for m in msgs)
    assert any("node 'r': option 'pages': page range 'first' is not understood" in m for m in msgs)
