import threading

from desktop.engine.cache import StepCache
from desktop.engine.context import CancelToken
from desktop.engine.events import (BatchProgress, FileOperation, RunFinished, RunStarted,
                                   Status, StepProgress, StepStatusChanged)
from desktop.engine.executor import Executor
from tests.engine import packs
from tests.engine.conftest import workflow

CHAIN = """
nodes:
- {id: a, type: test.emit, params: {value: hi}}
- {id: b, type: test.append, params: {suffix: '!'}}
- {id: c, type: test.append, params: {suffix: '?'}}
links:
- {from: b.text, to: c.text}
- {from: a.text, to: b.text}
"""


def statuses(run):
    return {node: res.status for node, res in run.steps.items()}


def test_steps_run_in_dependency_order_and_emit_events(registry, events):
    ex = Executor(registry, listeners=[events.append])
    run = ex.run(workflow(CHAIN))
    assert run.ok
    assert run.output("c", "text") == "hi!?"
    started = [e.node_id for e in events if isinstance(e, StepStatusChanged) and e.status == "running"]
    assert started == ["a", "b", "c"]
    assert isinstance(events[0], RunStarted) and isinstance(events[-1], RunFinished)
    done = [e for e in events if isinstance(e, StepStatusChanged) and e.status == Status.DONE]
    assert all(e.duration is not None and e.output_digest for e in done)
    assert done[-1].output_preview == "hi!?"


def test_routing_skips_the_branch_not_taken(registry):
    wf = workflow("""
    nodes:
    - {id: src, type: test.emit, params: {value: an invoice}}
    - {id: route, type: test.route, params: {word: invoice}}
    - {id: pay, type: test.append, params: {suffix: ' paid'}}
    - {id: file, type: test.append, params: {suffix: ' filed'}}
    - {id: after_file, type: test.append}
    - {id: merge, type: test.join}
    links:
    - {from: src.text, to: route.text}
    - {from: route.yes, to: pay.text}
    - {from: route.no, to: file.text}
    - {from: file.text, to: after_file.text}
    - {from: pay.text, to: merge.a}
    - {from: after_file.text, to: merge.b}
    """)
    run = Executor(registry).run(wf)
    assert run.ok
    assert statuses(run) == {"src": "done", "route": "done", "pay": "done", "file": "skipped",
                             "after_file": "skipped", "merge": "done"}
    assert run.output("merge", "text") == "an invoice paid"
    assert packs.CALLS.get("file") is None
    # the other document takes the other branch
    wf.nodes[0].params["value"] = "a letter"
    run = Executor(registry).run(wf)
    assert statuses(run)["pay"] == "skipped" and statuses(run)["after_file"] == "done"
    assert run.output("merge", "text") == "a letter filed!"


def test_fail_policy_stops_the_run_with_the_reason(registry, events):
    wf = workflow("""
    nodes:
    - {id: a, type: test.emit}
    - {id: bad, type: test.flaky, params: {failures: 5}}
    - {id: c, type: test.append}
    links:
    - {from: a.text, to: bad.text}
    - {from: bad.text, to: c.text}
    """)
    run = Executor(registry, listeners=[events.append]).run(wf)
    assert run.status == Status.FAILED and run.failed_node == "bad"
    assert run.error == "flaky failure number 1"
    assert statuses(run) == {"a": "done", "bad": "failed", "c": "skipped"}
    assert events[-1] == RunFinished(run.run_id, "failed", events[-1].finished_at,
                                     "flaky failure number 1", "bad")


def test_retry_policy_retries_then_succeeds(registry):
    wf = workflow("""
    nodes:
    - {id: a, type: test.emit}
    - {id: flaky, type: test.flaky, params: {failures: 2}, on_error: retry, retries: 2}
    links:
    - {from: a.text, to: flaky.text}
    """)
    run = Executor(registry).run(wf)
    assert run.ok
    assert run.steps["flaky"].attempts == 3 and packs.CALLS["flaky"] == 3


def test_retry_policy_gives_up_after_n_retries(registry):
    wf = workflow("""
    nodes:
    - {id: a, type: test.emit}
    - {id: flaky, type: test.flaky, params: {failures: 9}, on_error: retry, retries: 2}
    links:
    - {from: a.text, to: flaky.text}
    """)
    run = Executor(registry).run(wf)
    assert run.status == Status.FAILED and packs.CALLS["flaky"] == 3
    assert run.error == "flaky failure number 3"


def test_error_branch_routes_failures_to_a_handler(registry, tmp_path):
    wf = workflow(f"""
    folders: {{out: '{tmp_path}'}}
    nodes:
    - {{id: a, type: test.emit}}
    - {{id: bug, type: test.crash, on_error: branch}}
    - {{id: normal, type: test.append}}
    - {{id: handler, type: text.template, params: {{template: 'failed: {{{{ record.message }}}}'}}}}
    links:
    - {{from: a.text, to: bug.text}}
    - {{from: bug.text, to: normal.text}}
    - {{from: bug.error, to: handler.record}}
    """)
    run = Executor(registry).run(wf)
    assert run.status == Status.DONE       # the failure was handled by its branch
    assert statuses(run) == {"a": "done", "bug": "failed", "normal": "skipped", "handler": "done"}
    assert run.output("handler", "text") == (
        "failed: internal error in step 'test.crash': TypeError: "
        "unsupported operand type(s) for /: 'str' and 'int'")


def test_cache_reruns_only_the_changed_step_and_what_follows(registry):
    ex = Executor(registry, cache=StepCache())
    wf = workflow(CHAIN)
    assert ex.run(wf).ok
    assert packs.CALLS == {"a": 1, "b": 1, "c": 1}
    again = ex.run(wf)
    assert statuses(again) == {"a": "cached", "b": "cached", "c": "cached"}
    assert packs.CALLS == {"a": 1, "b": 1, "c": 1}
    wf.node("b").params["suffix"] = "#"
    changed = ex.run(wf)
    assert statuses(changed) == {"a": "cached", "b": "done", "c": "done"}
    assert packs.CALLS == {"a": 1, "b": 2, "c": 2}
    assert changed.output("c", "text") == "hi#?"
    assert ex.executions == 5


def test_rerun_from_a_step_runs_it_and_what_follows_and_takes_the_rest_from_cache(registry):
    from desktop.engine.editing import WorkflowDocument
    ex = Executor(registry, cache=StepCache())
    wf = workflow(CHAIN)
    assert ex.run(wf).ok
    fresh = frozenset(WorkflowDocument(wf, registry).downstream("b"))
    assert fresh == {"b", "c"}
    again = ex.run(wf, fresh=fresh)
    assert statuses(again) == {"a": "cached", "b": "done", "c": "done"}
    assert packs.CALLS == {"a": 1, "b": 2, "c": 2}


def test_side_effect_steps_are_never_cached(registry, tmp_path):
    wf = workflow(f"""
    folders: {{out: '{tmp_path}'}}
    nodes:
    - {{id: a, type: test.emit}}
    - {{id: t, type: test.touch}}
    links:
    - {{from: a.text, to: t.text}}
    """)
    ex = Executor(registry)
    ex.run(wf)
    run = ex.run(wf)
    assert statuses(run) == {"a": "cached", "t": "done"}
    assert packs.CALLS["t"] == 2


def test_dry_run_reports_and_writes_nothing(registry, tmp_path, events):
    wf = workflow(f"""
    folders: {{out: '{tmp_path / "out"}'}}
    nodes:
    - {{id: a, type: test.emit}}
    - {{id: t, type: test.touch}}
    links:
    - {{from: a.text, to: t.text}}
    """)
    run = Executor(registry, listeners=[events.append]).run(wf, dry_run=True)
    assert run.ok
    ops = [e for e in events if isinstance(e, FileOperation)]
    assert len(ops) == 1 and ops[0].dry_run and ops[0].target == str(tmp_path / "out" / "marker.txt")
    assert not (tmp_path / "out").exists()


def test_cancel_between_steps(registry):
    cancel = CancelToken()

    def on_event(e):
        if isinstance(e, StepStatusChanged) and e.node_id == "a" and e.status == "done":
            cancel.cancel()

    run = Executor(registry, listeners=[on_event]).run(workflow(CHAIN), cancel=cancel)
    assert run.status == Status.CANCELLED
    assert statuses(run) == {"a": "done", "b": "cancelled", "c": "cancelled"}


def test_cancel_inside_a_long_step(registry, events):
    wf = workflow("""
    nodes:
    - {id: a, type: test.emit}
    - {id: w, type: test.wait}
    - {id: c, type: test.append}
    links:
    - {from: a.text, to: w.text}
    - {from: w.text, to: c.text}
    """)
    cancel = CancelToken()
    result = {}
    worker = threading.Thread(target=lambda: result.update(
        run=Executor(registry, listeners=[events.append]).run(wf, cancel=cancel)))
    worker.start()
    assert packs.STARTED.wait(10)
    cancel.cancel()
    worker.join(10)
    assert not worker.is_alive()
    run = result["run"]
    assert run.status == Status.CANCELLED
    assert statuses(run) == {"a": "done", "w": "cancelled", "c": "cancelled"}
    assert any(isinstance(e, StepProgress) and e.node_id == "w" for e in events)


def test_a_batch_runs_each_file_and_reports_progress(registry, tmp_path, events):
    files = []
    for i in range(3):
        f = tmp_path / f"doc{i}.txt"
        f.write_text(f"document number {i}")
        files.append(f)
    files.insert(1, tmp_path / "missing.txt")
    wf = workflow("""
    nodes:
    - {id: input, type: core.input_file}
    - {id: read, type: documents.read}
    - {id: t, type: text.template, params: {template: '{{ document.text | upper }}'}}
    links:
    - {from: input.file, to: read.file}
    - {from: read.document, to: t.document}
    """)
    batch = Executor(registry, listeners=[events.append]).run_batch(wf, files)
    assert [r.status for r in batch.runs] == ["done", "failed", "done", "done"]
    assert [r.output("t", "text") for r in batch.runs if r.ok] == [
        "DOCUMENT NUMBER 0", "DOCUMENT NUMBER 1", "DOCUMENT NUMBER 2"]
    assert "missing.txt does not exist" in batch.runs[1].error
    progress = [(e.done, e.total, e.failed) for e in events if isinstance(e, BatchProgress)]
    assert progress == [(0, 4, 0), (1, 4, 0), (2, 4, 1), (3, 4, 1), (4, 4, 1)]


def test_an_invalid_workflow_is_refused_before_any_step_runs(registry, events):
    wf = workflow("""
    nodes:
    - {id: a, type: test.emit}
    - {id: b, type: test.append, params: {times: 99}}
    links:
    - {from: a.text, to: b.text}
    """)
    run = Executor(registry, listeners=[events.append]).run(wf)
    assert run.status == Status.FAILED and packs.CALLS == {}
    assert "option 'times' is 99" in run.error
    assert [type(e) for e in events] == [RunStarted, RunFinished]


def test_a_cancelled_batch_stops(registry, tmp_path):
    files = [tmp_path / f"{i}.txt" for i in range(5)]
    for f in files:
        f.write_text("x")
    cancel = CancelToken()
    seen = []

    def on_event(e):
        if isinstance(e, BatchProgress) and e.done == 2:
            cancel.cancel()
        seen.append(e)

    wf = workflow("""
    nodes:
    - {id: input, type: core.input_file}
    """)
    batch = Executor(registry, listeners=[on_event]).run_batch(wf, files, cancel=cancel)
    assert batch.cancelled and len(batch.runs) == 2


def test_template_results_follow_the_input_not_the_cache(registry, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("same words")
    b.write_text("same words")
    wf = workflow("""
    nodes:
    - {id: input, type: core.input_file}
    - {id: read, type: documents.read}
    - {id: t, type: text.template, params: {template: '{{ input }}: {{ document.text }}'}}
    links:
    - {from: input.file, to: read.file}
    - {from: read.document, to: t.document}
    """)
    batch = Executor(registry).run_batch(wf, [a, b])
    assert [r.output("t", "text") for r in batch.runs] == ["a.txt: same words", "b.txt: same words"]


def test_a_branch_not_taken_gates_optional_inputs_too(registry):
    wf = workflow("""
    nodes:
    - {id: src, type: test.emit, params: {value: a letter}}
    - {id: route, type: test.route, params: {word: invoice}}
    - {id: t, type: text.template, params: {template: 'paid {{ text }}'}}
    links:
    - {from: src.text, to: route.text}
    - {from: route.yes, to: t.text}
    """)
    run = Executor(registry).run(wf)
    assert run.ok and run.steps["t"].status == "skipped"


def test_independent_branches_finish_while_an_approval_waits(registry, tmp_path):
    wf = workflow("""
    nodes:
    - {id: src, type: test.emit}
    - {id: ask, type: human.approve}
    - {id: after, type: test.append}
    - {id: other, type: test.append, params: {suffix: ' meanwhile'}}
    links:
    - {from: src.text, to: ask.item}
    - {from: ask.approved, to: after.text}
    - {from: src.text, to: other.text}
    """)
    run = Executor(registry).run(wf)
    assert run.status == "waiting"
    assert statuses(run) == {"src": "done", "ask": "waiting", "after": "queued", "other": "done"}
    assert run.output("other", "text") == "hello meanwhile"
