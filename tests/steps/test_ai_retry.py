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


class _FirstAnswerBreaksTheSchema:
    """The real client and the real model. The first request is sent with the grammar
    of a look-alike schema (the total as a string), so the model's real first answer
    is well-formed JSON that fails the step's schema; every request and answer is
    recorded as sent and received."""

    def __init__(self, llm, wrong_grammar: str):
        self.llm, self.wrong_grammar = llm, wrong_grammar
        self.sent: list[dict] = []
        self.answers: list[str] = []

    def __getattr__(self, name):
        return getattr(self.llm, name)

    def generate(self, model, prompt, **kw):
        self.sent.append(dict(kw))
        if len(self.sent) == 1:
            kw["grammar"] = self.wrong_grammar
        gen = self.llm.generate(model, prompt, **kw)
        self.answers.append(gen.text)
        return gen


SCHEMA = {"type": "object", "properties": {"total": {"type": "number"}}, "required": ["total"]}
STRUCTURED = """
nodes:
- {id: t, type: text.template, params: {template: 'Invoice total: 120.50 EUR'}}
- id: a
  type: ai.prompt
  params:
    prompt: 'What is the total? {{ text }}'
    max_tokens: 24
    json_schema: {type: object, properties: {total: {type: number}}, required: [total]}
links:
- {from: t.text, to: a.text}
"""


def test_a_structured_answer_that_fails_its_schema_is_asked_again_with_the_error(registry, llm):
    """aibase.structured: the one retry shows the model why its first answer was wrong,
    word for word as jsonschema said it, and the second, valid answer is the record."""
    import json

    import jsonschema

    from desktop.engine.events import StepLog
    from desktop.llm.grammar import schema_to_gbnf

    wrong = schema_to_gbnf({"type": "object", "properties": {"total": {"type": "string", "maxLength": 12}}})
    client = _FirstAnswerBreaksTheSchema(llm, wrong)
    events = []
    run = Executor(registry, llm=client, listeners=[events.append]).run(workflow(STRUCTURED))
    assert run.ok, run.error
    assert len(client.sent) == 2 and run.steps["a"].attempts == 1      # a retry within the step
    first = json.loads(client.answers[0])
    assert isinstance(first["total"], str)                             # the model's own answer
    with pytest.raises(jsonschema.ValidationError) as failed:
        jsonschema.validate(first, SCHEMA)
    error = f"total: {failed.value.message}"                           # e.g. "'120.50' is not of type 'number'"
    assert "is not of type 'number'" in error
    assert "previous answer" not in client.sent[0]["document"]
    assert (f"Your previous answer was not valid: {error}. Answer again with JSON that follows "
            "the instructions exactly.") in client.sent[1]["document"]
    assert client.sent[1]["grammar"] == schema_to_gbnf(SCHEMA)         # asked under the real schema
    warnings = [e.message for e in events if isinstance(e, StepLog) and e.level == "warning"]
    assert f"attempt 1: the model's answer did not match the schema ({error})" in warnings
    assert run.output("a", "record") == json.loads(client.answers[1])
    assert isinstance(run.output("a", "record")["total"], float)
