"""How many times each step ran is the same wherever it is read: the run's result
(`runnel run --json`), the history store (`runnel history --json`) and the text of
`runnel history RUN`. A skipped, cached or never-started step ran 0 times."""

import json

from desktop.engine.cache import StepCache
from desktop.engine.executor import Executor
from desktop.paths import database_path
from desktop.store.runs import RunStore
from tests.e2e.test_cli import runnel
from tests.engine.conftest import workflow

WF = """
nodes:
- {id: a, type: test.emit, params: {value: hello}}
- {id: flaky, type: test.flaky, on_error: retry, retries: 2, params: {failures: 2}}
- {id: route, type: test.route, params: {word: nowhere}}
- {id: hit, type: test.append}
- {id: miss, type: test.append}
links:
- {from: a.text, to: flaky.text}
- {from: flaky.text, to: route.text}
- {from: route.yes, to: hit.text}
- {from: route.no, to: miss.text}
"""


def test_attempts_agree_between_the_run_and_its_history(registry):
    store = RunStore(database_path())
    ex = Executor(registry, listeners=[store.record], cache=StepCache())
    run = ex.run(workflow(WF))
    assert run.ok, run.error
    recorded = {s["node_id"]: s["attempts"] for s in store.step_runs(run.run_id)}
    assert {n: r.attempts for n, r in run.steps.items()} == recorded
    assert recorded == {"a": 1, "flaky": 3, "route": 1, "hit": 0, "miss": 1}   # hit: skipped
    again = ex.run(workflow(WF))                     # the same again: every step cached
    assert {s["node_id"]: s["attempts"] for s in store.step_runs(again.run_id)} == \
        {n: 0 for n in recorded}
    store.close()

    detail = json.loads(runnel("history", run.run_id[:8], "--json").stdout)
    assert {s["node_id"]: s["attempts"] for s in detail["steps"]} == recorded
    text = runnel("history", run.run_id[:8]).stdout
    flaky = next(line for line in text.splitlines() if line.strip().startswith("- flaky"))
    assert flaky.endswith("(3 attempts)")
    assert "attempts" not in next(line for line in text.splitlines() if line.strip().startswith("- a "))
