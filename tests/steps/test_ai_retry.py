"""A retried AI step asks differently: at temperature 0 with the same seed and prompt
the model would repeat the answer that just failed (three identical answers, 113 s
wasted, in the review that found it)."""

import pytest

from desktop.engine.events import ModelCall
from desktop.engine.executor import Executor
from desktop.llm.catalog import ModelError
from desktop.steps.aibase import RETRY_TEMPERATURE
from tests.engine.conftest import workflow

pytestmark = pytest.mark.model


class _FailsFirst:
    """The real client, except that its first answer fails the step (as a failed
    check would); every request is recorded as sent."""

    def __init__(self, llm):
        self.llm, self.sent = llm, []

    def __getattr__(self, name):
        return getattr(self.llm, name)

    def generate(self, model, prompt, **kw):
        self.sent.append(kw)
        if len(self.sent) == 1:
            raise ModelError("the total 120.50 is not on the page")
        return self.llm.generate(model, prompt, **kw)


PROMPT = """
nodes:
- {id: t, type: text.template, params: {template: 'Invoice total: 120.50 EUR'}}
- {id: a, type: ai.prompt, on_error: retry, retries: 2,
   params: {prompt: 'What is the total? {{ text }}', max_tokens: 12}}
links:
- {from: t.text, to: a.text}
"""


def test_a_retry_shows_the_model_the_failure_and_varies_seed_and_temperature(registry, llm):
    client = _FailsFirst(llm)
    events = []
    run = Executor(registry, llm=client, listeners=[events.append]).run(workflow(PROMPT))
    assert run.ok, run.error
    assert run.steps["a"].attempts == 2
    first, second = client.sent
    assert (first["temperature"], first["seed"]) == (0.0, 0)
    assert second["seed"] == 1 and second["temperature"] >= RETRY_TEMPERATURE
    assert "the total 120.50 is not on the page" not in first["document"]
    assert "An earlier attempt at this failed: the total 120.50 is not on the page" in second["document"]
    calls = [e for e in events if isinstance(e, ModelCall)]
    assert [c.settings["attempt"] for c in calls] == [2]            # the one that answered
    assert calls[0].settings["seed"] == 1                           # recorded as sent


def test_the_first_attempt_is_asked_as_configured(registry, llm):
    client = _FailsFirst(llm)
    client.sent.append({})                       # nothing fails: the first call answers
    run = Executor(registry, llm=client).run(workflow(PROMPT))
    assert run.ok and run.steps["a"].attempts == 1
    assert (client.sent[1]["temperature"], client.sent[1]["seed"]) == (0.0, 0)
    assert "earlier attempt" not in client.sent[1]["document"]
