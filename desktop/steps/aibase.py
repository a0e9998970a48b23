"""What every AI step shares: the model options, the request to the worker (recorded
as a model call), the room a document has beside the instructions, chunking, the
grammar-constrained structured answer with one retry, and the output `check`.

A module of its own below the step modules (ai, extract, agent, text) so that none of
them imports another to reach it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, Callable, Mapping, TypeVar

import jsonschema

from desktop.engine.context import StepContext
from desktop.engine.errors import StepError
from desktop.engine.signature import digest
from desktop.engine.spec import Param, Step
from desktop.llm.answers import answer_problem
from desktop.llm.catalog import Model, ModelError
from desktop.llm.client import Generation, LLMClient
from desktop.llm.grammar import schema_to_gbnf
from desktop.llm.prompts import Prompt, chat_prompt

_MARGIN = 16
# A retry of a failed step (its on_error: retry) at temperature 0 with the same seed
# and prompt would give the same answer again: attempt n uses seed + n - 1, at least
# this temperature, and shows the model why the attempt before failed.
RETRY_TEMPERATURE = 0.4
T = TypeVar("T")


def model_params(max_tokens: int) -> tuple[Param, ...]:
    return (
        Param("model", "string", "", help="model file name; empty uses the default model"),
        Param("max_tokens", "int", max_tokens, min=1, max=8192,
              help="the most tokens the model may write per request"),
        Param("temperature", "float", 0.0, min=0.0, max=2.0,
              help="0 always gives the same answer for the same input"),
        Param("seed", "int", 0, min=0, help="random seed, used when temperature is above 0"),
        Param("check", "json", [], help="rules the output must pass, as in guard.validate "
                                         "(e.g. [{field: total, required: true, min: 0}]); "
                                         "an output that fails them fails the step"),
    )


class AIStep(Step):
    """Shared machinery of the AI steps. Subclasses implement `produce`; `run` adds the
    output check every AI step can carry."""

    @classmethod
    def check_params(cls, params: Mapping[str, Any]) -> list[str]:
        from desktop.steps.guard import check_guard_rules

        return [f"option 'check': {m}" for m in check_guard_rules(params.get("check", []))]

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        outputs = self.produce(ctx, **inputs)
        rules = ctx.params.get("check") or []
        if rules:
            from desktop.steps.guard import evaluate

            checked = next((outputs[k] for k in ("record", "result") if isinstance(outputs.get(k), dict)),
                           None)
            if checked is None:
                text = next((outputs[k] for k in ("text", "answer") if isinstance(outputs.get(k), str)), "")
                checked = {"text": text}
            reasons = evaluate(checked, None, rules, provenance=outputs.get("provenance"))
            if reasons:
                raise StepError("the model's output failed its check: " + "; ".join(reasons))
        return outputs

    def produce(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:  # pragma: no cover
        raise NotImplementedError

    def client(self, ctx: StepContext) -> LLMClient:
        if ctx.llm is None:
            raise StepError("no language model is available to this run")
        return ctx.llm

    def model(self, ctx: StepContext) -> Model:
        from desktop.llm import catalog

        try:
            return catalog.find_model(ctx.params["model"])
        except ModelError as e:
            raise StepError(str(e)) from None

    def ask(self, ctx: StepContext, model: Model, prompt: Prompt, *, grammar: str | None = None,
            max_tokens: int | None = None, stream: bool = True, check_answer: bool = True) -> Generation:
        """One request to the model, recorded. An empty, unreadable or endlessly repeating
        answer is asked once more with a stronger repetition penalty (free text only), then
        fails the step: a damaged model file answers like that, and it must never pass for
        a result."""
        # free text from small models loops without a mild repetition penalty
        penalties = (1.0,) if grammar else (1.1, 1.3)
        for attempt, penalty in enumerate(penalties, 1):
            gen = self._generate(ctx, model, prompt, grammar, max_tokens or ctx.params["max_tokens"],
                                 penalty, stream)
            problem = answer_problem(gen.text, finish=gen.finish, structured=grammar is not None) \
                if check_answer else None
            if not problem:
                return gen
            if attempt < len(penalties):
                ctx.log(f"the model's answer was unusable ({problem}); asking again with a stronger "
                        "repetition penalty", "warning")
        raise StepError(f"{model.name} gave an answer that cannot be used: {problem}. If every "
                        "answer is like this, the model file may be damaged; try another model")

    def _generate(self, ctx: StepContext, model: Model, prompt: Prompt, grammar: str | None,
                  max_tokens: int, repeat_penalty: float, stream: bool) -> Generation:
        p = ctx.params
        temperature, seed = p["temperature"], p["seed"]
        if ctx.attempt > 1:
            seed += ctx.attempt - 1
            temperature = max(temperature, RETRY_TEMPERATURE)
            if ctx.previous_error:
                prompt = replace(prompt, document=f"{prompt.document}\n\nAn earlier attempt at "
                                 f"this failed: {ctx.previous_error[:300]}. Answer again, avoiding that.")
        try:
            gen = self.client(ctx).generate(
                model, prompt.suffix, prefix=prompt.prefix, document=prompt.document,
                max_tokens=max_tokens, temperature=temperature, seed=seed, grammar=grammar,
                repeat_penalty=repeat_penalty,
                cancel=ctx.cancel, on_token=ctx.stream if stream else None)
        except ModelError as e:
            raise StepError(str(e)) from None
        ctx.model_call(model.name, {"temperature": temperature, "seed": seed,
                                    "attempt": ctx.attempt,
                                    "max_tokens": max_tokens, "grammar": grammar is not None,
                                    "repeat_penalty": repeat_penalty,
                                    "n_ctx": self.client(ctx).context_size(model)},
                       digest(prompt.text), gen.tokens_in, gen.tokens_out, gen.seconds, gen.finish,
                       prompt.text, gen.text)
        return gen

    def budget(self, ctx: StepContext, model: Model, instruction: str, max_tokens: int) -> int:
        """How many tokens of document fit beside the instruction and the answer."""
        client = self.client(ctx)
        overhead = model_call(lambda: client.count_tokens(
            model, chat_prompt(model, instruction, "").text, ctx.cancel))
        room = client.context_size(model) - overhead - max_tokens - _MARGIN
        if room < 64:
            raise StepError(f"the instructions and the answer length leave no room for the document "
                            f"in the context of {client.context_size(model)} tokens of {model.name}; "
                            "shorten the instructions or lower max_tokens")
        return room

    def chunks(self, ctx: StepContext, model: Model, text: str, budget: int,
               overlap: int = 64) -> list[str]:
        """The text as it is when it fits; else overlapping pieces of it, cut on
        character boundaries."""
        parts, count = model_call(lambda: self.client(ctx).chunks(
            model, text, budget, overlap, ctx.cancel))
        if len(parts) > 1:
            ctx.log(f"the text has {count} tokens, more than the {budget} that fit: "
                    f"it is processed in {len(parts)} overlapping parts")
        return parts


def model_call(fn: Callable[[], T]) -> T:
    """A request to the model whose failure is the step's, with the model's message."""
    try:
        return fn()
    except ModelError as e:
        raise StepError(str(e)) from None


def structured(step: AIStep, ctx: StepContext, model: Model, instruction: str, document: str,
               schema: dict) -> tuple[dict, str]:
    """Grammar-constrained JSON, validated; one retry that shows the model its error."""
    grammar = schema_to_gbnf(schema)
    error = ""
    for attempt in (1, 2):
        body = document if attempt == 1 else (
            f"{document}\n\nYour previous answer was not valid: {error}. Answer again with JSON "
            "that follows the instructions exactly.")
        gen = step.ask(ctx, model, chat_prompt(model, instruction, body), grammar=grammar)
        try:
            record = json.loads(gen.text)
            jsonschema.validate(record, schema)
            return record, gen.text
        except json.JSONDecodeError as e:
            error = f"it is not complete JSON ({e.msg}; the answer stopped: {gen.finish})"
        except jsonschema.ValidationError as e:
            where = "/".join(map(str, e.absolute_path)) or "the record"
            error = f"{where}: {e.message}"
        ctx.log(f"attempt {attempt}: the model's answer did not match the schema ({error})",
                "warning")
    raise StepError(f"the model's answer did not match the schema after a retry: {error}")
