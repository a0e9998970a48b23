"""AI steps: free prompt, summarize, extract fields, classify, translate.

All run on the local model through the inference worker (ctx.llm). Temperature 0 and
a fixed seed by default, so a result is a function of its inputs and the cache means
something. Text longer than the context is chunked by tokens, with overlap, and the
parts are combined (map-reduce), with progress per chunk. Every model request is
recorded (model, settings, prompt digest, tokens, time).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, Callable, Mapping, TypeVar

import jsonschema

from desktop.engine.context import StepContext
from desktop.engine.errors import StepError
from desktop.engine.signature import digest
from desktop.engine.spec import Param, Port, Step, StepSpec
from desktop.engine.types import PortType
from desktop.llm.catalog import Model, ModelError
from desktop.llm.client import Generation, LLMClient
from desktop.llm.grammar import SchemaError, schema_to_gbnf
from desktop.llm.prompts import Prompt, chat_prompt
from desktop.steps.text import render, template_problems

_MARGIN = 16
T = TypeVar("T")


def _model_params(max_tokens: int) -> tuple[Param, ...]:
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
            reasons = evaluate(checked, None, rules)
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
            max_tokens: int | None = None, stream: bool = True) -> Generation:
        p = ctx.params
        max_tokens = max_tokens or p["max_tokens"]
        try:
            gen = self.client(ctx).generate(
                model, prompt.suffix, prefix=prompt.prefix, document=prompt.document,
                max_tokens=max_tokens,
                temperature=p["temperature"], seed=p["seed"], grammar=grammar,
                # free text from small models loops without a mild repetition penalty
                repeat_penalty=1.0 if grammar else 1.1,
                cancel=ctx.cancel, on_token=ctx.stream if stream else None)
        except ModelError as e:
            raise StepError(str(e)) from None
        ctx.model_call(model.name, {"temperature": p["temperature"], "seed": p["seed"],
                                    "max_tokens": max_tokens, "grammar": grammar is not None,
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


# ---------------------------------------------------------------- ai.prompt

class PromptStep(AIStep):
    spec = StepSpec(
        id="ai.prompt",
        title="Ask the model",
        category="AI",
        description="Free generation with a Jinja2 prompt over the inputs. With a JSON schema, "
                    "the answer is constrained to it and given as a record.",
        inputs=(Port("document", PortType.DOCUMENT, required=False),
                Port("text", PortType.TEXT, required=False),
                Port("record", PortType.JSON, required=False)),
        outputs=(Port("text", PortType.TEXT, help="the model's answer"),
                 Port("record", PortType.JSON, help="the answer as JSON (with a schema)")),
        params=(Param("prompt", "text", "{{ text }}", required=True,
                      help="Jinja2 template of the request: {{ document.text }}, {{ record.x }}"),
                Param("system", "text", "You are a careful assistant. Answer briefly.",
                      help="instructions shared by every document (reused across a batch)"),
                Param("json_schema", "json", {}, help="optional JSON schema the answer must follow"),
                ) + _model_params(256),
        uses_model=True,
    )

    @classmethod
    def check_params(cls, params: Mapping[str, Any]) -> list[str]:
        problems = super().check_params(params) + template_problems(params["prompt"], "prompt")
        if params.get("json_schema"):
            try:
                schema_to_gbnf(params["json_schema"])
            except SchemaError as e:
                problems.append(f"option 'json_schema' cannot be used for structured output: {e}")
        return problems

    def produce(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        model = self.model(ctx)
        request = (render(ctx.params["prompt"], inputs))
        system = ctx.params["system"]
        budget = self.budget(ctx, model, system, ctx.params["max_tokens"])
        if model_call(lambda: self.client(ctx).count_tokens(model, request, ctx.cancel,
                                                            special=False)) > budget:
            raise StepError(f"the prompt is longer than the {budget} tokens that fit the context of "
                            f"{model.name}; use ai.summarize or a text split first")
        schema = ctx.params["json_schema"]
        if schema:
            record, text = structured(self, ctx, model, system, request, schema)
            return {"text": text, "record": record}
        gen = self.ask(ctx, model, chat_prompt(model, system, request))
        return {"text": gen.text.strip(), "record": {"text": gen.text.strip()}}


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


# ---------------------------------------------------------------- ai.summarize

_LENGTHS = {"short": "in 2 or 3 sentences", "medium": "in one paragraph of about 120 words",
            "long": "in about 300 words"}
_STYLES = {"paragraph": "as plain prose", "bullets": "as a bullet list of the key points",
           "executive": "as an executive summary: the conclusion first, then the key facts"}


class Summarize(AIStep):
    spec = StepSpec(
        id="ai.summarize",
        title="Summarize",
        category="AI",
        description="Summarizes text of any length; long text is summarized in parts, then "
                    "the parts are combined.",
        inputs=(Port("text", PortType.TEXT, help="text or a document"),),
        outputs=(Port("text", PortType.TEXT, help="the summary"),),
        params=(Param("length", "choice", "medium", choices=tuple(_LENGTHS),
                      help="how long the summary is"),
                Param("style", "choice", "paragraph", choices=tuple(_STYLES),
                      help="how the summary is written"),
                Param("focus", "string", "", help="optional: what the summary should focus on"),
                ) + _model_params(400),
        uses_model=True,
    )

    def instruction(self, final: bool) -> str:
        p = self.params
        what = "the document" if final else "this part of a longer document"
        focus = f" Focus on {p['focus']}." if p["focus"].strip() else ""
        return (f"Summarize {what} {_LENGTHS[p['length']]}, {_STYLES[p['style']]}.{focus} "
                "Use only facts stated in the text. Write the summary only, no preamble.")

    def produce(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        self.params = ctx.params
        model = self.model(ctx)
        text = (inputs["text"])
        if not text.strip():
            raise StepError("there is no text to summarize")
        budget = self.budget(ctx, model, self.instruction(False), ctx.params["max_tokens"])
        # each part's summary must be much shorter than the part, or rounds would not shrink
        part_tokens = max(32, min(ctx.params["max_tokens"], budget // 4))
        previous = None
        for _round in range(6):
            parts = self.chunks(ctx, model, text, budget)
            if len(parts) == 1:
                gen = self.ask(ctx, model, chat_prompt(model, self.instruction(True), text))
                return {"text": gen.text.strip()}
            if previous is not None and len(parts) >= previous:
                raise StepError("the text does not get shorter when summarized in parts; "
                                "lower max_tokens or use a model with a longer context")
            previous = len(parts)
            summaries = []
            for i, part in enumerate(parts):
                ctx.progress(i / len(parts), f"summarizing part {i + 1} of {len(parts)}")
                gen = self.ask(ctx, model, chat_prompt(model, self.instruction(False), part),
                               max_tokens=part_tokens, stream=False)
                summaries.append(gen.text.strip())
            ctx.progress(1.0, "combining the parts")
            text = "\n\n".join(summaries)
        raise StepError("the text is too long to summarize even in parts")


# ---------------------------------------------------------------- ai.extract_fields

FIELD_TYPES = {"string": {"type": "string"}, "number": {"type": "number"},
               "integer": {"type": "integer"}, "boolean": {"type": "boolean"},
               "date": {"type": "string", "format": "date"},
               "list": {"type": "array", "items": {"type": "string", "maxLength": 120}}}


def fields_schema(fields: Any) -> dict:
    """The JSON schema of the record the user's field list describes."""
    if not isinstance(fields, list) or not fields:
        raise SchemaError("list at least one field, each with a name and a type")
    props: dict[str, Any] = {}
    required = []
    for i, f in enumerate(fields, 1):
        if not isinstance(f, dict) or not isinstance(f.get("name"), str) or not f["name"].strip():
            raise SchemaError(f"field {i} needs a 'name'")
        name, kind = f["name"], f.get("type", "string")
        if name in props:
            raise SchemaError(f"field '{name}' is listed twice")
        if "choices" in f:
            if not isinstance(f["choices"], list) or not f["choices"]:
                raise SchemaError(f"field '{name}': 'choices' must be a non-empty list")
            sub: dict[str, Any] = {"enum": list(f["choices"])}
        elif kind in FIELD_TYPES:
            sub = dict(FIELD_TYPES[kind])
        else:
            raise SchemaError(f"field '{name}' has type '{kind}'; the types are "
                              f"{', '.join(FIELD_TYPES)} (or give 'choices')")
        if f.get("description"):
            sub["description"] = str(f["description"])
        props[name] = sub
        if f.get("required", True):
            required.append(name)
        else:
            props[name] = {**sub, **({"type": [sub["type"], "null"]} if "type" in sub else {})}
            if "enum" in sub:
                props[name]["enum"] = sub["enum"] + [None]
    return {"type": "object", "properties": props, "required": list(props)}


class ExtractFields(AIStep):
    spec = StepSpec(
        id="ai.extract_fields",
        title="Extract fields",
        category="AI",
        description="Reads the fields you list (name, type, description) out of the text "
                    "into a JSON record that is always valid against their schema.",
        inputs=(Port("text", PortType.TEXT, help="text or a document"),),
        outputs=(Port("record", PortType.JSON, help="the fields found"),),
        params=(Param("fields", "json", [{"name": "title", "type": "string",
                                          "description": "the document's title"}],
                      help="list of {name, type, description, required, choices}; types: "
                           + ", ".join(FIELD_TYPES)),
                Param("instructions", "text", "", help="optional extra guidance for the model"),
                ) + _model_params(300),
        uses_model=True,
    )

    @classmethod
    def check_params(cls, params: Mapping[str, Any]) -> list[str]:
        try:
            schema_to_gbnf(fields_schema(params["fields"]))
        except SchemaError as e:
            return [f"option 'fields': {e}"]
        return super().check_params(params)

    @staticmethod
    def instruction(fields: list[dict], extra: str) -> str:
        lines = []
        for f in fields:
            kind = "one of " + ", ".join(map(str, f["choices"])) if "choices" in f else f.get("type", "string")
            if kind == "date":
                kind = "date as YYYY-MM-DD"
            desc = f" — {f['description']}" if f.get("description") else ""
            lines.append(f"- {f['name']} ({kind}){desc}")
        return ("Extract these fields from the document and answer with a JSON object only:\n"
                + "\n".join(lines)
                + "\nCopy values exactly as they appear in the document. Use null when a field "
                  "is not in the document." + (f"\n{extra.strip()}" if extra.strip() else ""))

    def produce(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        fields = ctx.params["fields"]
        schema = fields_schema(fields)
        model = self.model(ctx)
        instruction = self.instruction(fields, ctx.params["instructions"])
        text = (inputs["text"])
        parts = self.chunks(ctx, model, text, self.budget(ctx, model, instruction,
                                                          ctx.params["max_tokens"]))
        merged: dict[str, Any] = {}
        for i, part in enumerate(parts):
            if len(parts) > 1:
                ctx.progress(i / len(parts), f"reading part {i + 1} of {len(parts)}")
            record, _ = structured(self, ctx, model, instruction, part, schema)
            for key, value in record.items():
                if isinstance(value, list):
                    merged[key] = list(dict.fromkeys((merged.get(key) or []) + value))
                elif merged.get(key) is None:
                    merged[key] = value
        return {"record": {f["name"]: merged.get(f["name"]) for f in fields}}


# ---------------------------------------------------------------- ai.classify

def _labels(params: Mapping[str, Any]) -> list[dict]:
    labels = params.get("labels")
    if not isinstance(labels, list) or len(labels) < 2:
        raise SchemaError("list at least two labels, each with a name and a description")
    out, seen = [], set()
    for i, item in enumerate(labels, 1):
        if isinstance(item, str):
            item = {"label": item}
        if not isinstance(item, dict) or not isinstance(item.get("label"), str):
            raise SchemaError(f"label {i} needs a 'label'")
        name = item["label"]
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name) or name in ("uncertain", "result", "error"):
            raise SchemaError(f"label '{name}' must be lower-case letters, digits and '_' "
                              "(it names an output), and not 'uncertain', 'result' or 'error'")
        if name in seen:
            raise SchemaError(f"label '{name}' is listed twice")
        seen.add(name)
        out.append({"label": name, "description": str(item.get("description", ""))})
    return out


class Classify(AIStep):
    spec = StepSpec(
        id="ai.classify",
        title="Classify",
        category="AI",
        description="Chooses one of your labels for the text and routes it to that label's "
                    "output; below the confidence threshold it goes to 'uncertain'.",
        inputs=(Port("text", PortType.TEXT, help="text or a document"),),
        outputs=(Port("uncertain", PortType.TEXT, branch=True),
                 Port("result", PortType.JSON, help="label, confidence, scores and reason")),
        params=(Param("labels", "json", [{"label": "invoice", "description": "a bill to pay"},
                                         {"label": "other", "description": "anything else"}],
                      help="list of {label, description}; each label becomes an output"),
                Param("threshold", "float", 0.5, min=0.0, max=1.0,
                      help="below this confidence the text goes to 'uncertain'"),
                Param("explain", "bool", True, help="ask the model for a one-sentence reason"),
                ) + _model_params(60),
        routing=True,
        uses_model=True,
    )

    @classmethod
    def check_params(cls, params: Mapping[str, Any]) -> list[str]:
        try:
            _labels(params)
        except SchemaError as e:
            return [f"option 'labels': {e}"]
        return super().check_params(params)

    @classmethod
    def outputs_for(cls, params: Mapping[str, Any]) -> tuple[Port, ...]:
        try:
            labels = _labels(params)
        except SchemaError:
            return cls.spec.outputs
        return tuple(Port(l["label"], PortType.TEXT, branch=True, help=l["description"])
                     for l in labels) + cls.spec.outputs

    def produce(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        labels = _labels(ctx.params)
        model = self.model(ctx)
        listing = "\n".join(f"- {l['label']}: {l['description']}" for l in labels)
        instruction = ("Classify the document into exactly one of these categories:\n"
                       f"{listing}\nAnswer with the category name only.")
        text = (inputs["text"])
        answer = ctx.params["max_tokens"] + 24 if ctx.params["explain"] else 16
        parts = self.chunks(ctx, model, text, self.budget(ctx, model, instruction, answer))
        if len(parts) > 1:
            ctx.log("only the first part of the text is used to classify it")
        prompt = chat_prompt(model, instruction, parts[0])
        logprobs = model_call(lambda: self.client(ctx).score(
            model, prompt.suffix, [l["label"] for l in labels], prefix=prompt.prefix,
            document=prompt.document, cancel=ctx.cancel))
        top = max(logprobs)
        weights = [math.exp(lp - top) for lp in logprobs]
        scores = {l["label"]: w / sum(weights) for l, w in zip(labels, weights)}
        best = max(scores, key=scores.get)
        confidence = scores[best]
        reason = ""
        if ctx.params["explain"]:
            why = chat_prompt(model, instruction, parts[0],
                              answer_start=f"{best}\nReason in one sentence:")
            reason = self.ask(ctx, model, why, stream=False).text.strip().split("\n")[0]
        branch = best if confidence >= ctx.params["threshold"] else "uncertain"
        result = {"label": best, "branch": branch, "confidence": round(confidence, 4),
                  "scores": {k: round(v, 4) for k, v in scores.items()}, "reason": reason}
        ctx.log(f"classified as '{best}' with confidence {confidence:.2f} -> branch '{branch}'"
                + (f"; reason: {reason}" if reason else ""))
        return {branch: inputs["text"], "result": result}


# ---------------------------------------------------------------- ai.translate

class Translate(AIStep):
    spec = StepSpec(
        id="ai.translate",
        title="Translate",
        category="AI",
        description="Translates text of any length into the chosen language, part by part.",
        inputs=(Port("text", PortType.TEXT, help="text or a document"),),
        outputs=(Port("text", PortType.TEXT, help="the translation"),),
        params=(Param("target_language", "string", "English", required=True,
                      help="the language to translate into"),
                Param("source_language", "string", "", help="optional: the text's language"),
                ) + _model_params(512),
        uses_model=True,
    )

    def produce(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        p = ctx.params
        model = self.model(ctx)
        source = f" from {p['source_language']}" if p["source_language"].strip() else ""
        instruction = (f"Translate the text{source} into {p['target_language']}. Keep the meaning, "
                       "names, numbers and line breaks. Write the translation only.")
        text = (inputs["text"])
        # a translation is about as long as its source: parts must leave room for it
        if p["max_tokens"] < 48:
            raise StepError("max_tokens is too small to translate anything; allow at least 48")
        budget = min(self.budget(ctx, model, instruction, p["max_tokens"]), p["max_tokens"] * 2 // 3)
        parts = self.chunks(ctx, model, text, budget, overlap=0)
        out = []
        for i, part in enumerate(parts):
            if len(parts) > 1:
                ctx.progress(i / len(parts), f"translating part {i + 1} of {len(parts)}")
            out.append(self.ask(ctx, model, chat_prompt(model, instruction, part)).text.strip())
        return {"text": "\n\n".join(out)}


STEPS = [PromptStep, Summarize, ExtractFields, Classify, Translate]
