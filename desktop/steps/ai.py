"""AI steps: free prompt, summarize, classify, translate (and extract fields, from
steps/extract.py, in this pack).

All run on the local model through the inference worker (ctx.llm). Temperature 0 and
a fixed seed by default, so a result is a function of its inputs and the cache means
something. Text longer than the context is chunked by tokens, with overlap, and the
parts are combined (map-reduce), with progress per chunk. Every model request is
recorded (model, settings, prompt digest, tokens, time).
"""

from __future__ import annotations

import math
import re
from typing import Any, Mapping

from desktop.engine.context import StepContext
from desktop.engine.errors import StepError
from desktop.engine.spec import Param, Port, StepSpec
from desktop.engine.types import PortType
from desktop.llm.answers import answer_problem
from desktop.llm.grammar import SchemaError, schema_to_gbnf
from desktop.llm.prompts import chat_prompt
from desktop.steps.aibase import AIStep, model_call, model_params, structured
from desktop.steps.extract import ExtractFields
from desktop.steps.text import render, template_problems, unfed_variables


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
                ) + model_params(256),
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

    @classmethod
    def check_inputs(cls, params: Mapping[str, Any], linked: frozenset[str]) -> list[str]:
        return unfed_variables(params["prompt"], "prompt", tuple(p.name for p in cls.spec.inputs),
                               linked)

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
                ) + model_params(400),
        uses_model=True,
    )

    def instruction(self, final: bool) -> str:
        p = self.params
        what = "the document" if final else "this part of a longer document"
        focus = f" Focus on {p['focus']}." if p["focus"].strip() else ""
        return (f"Summarize {what} {_LENGTHS[p['length']]}, {_STYLES[p['style']]}.{focus} "
                "Use only facts stated in the text. Write the summary only, no preamble.")

    def asked(self, text: str, final: bool) -> str:
        """The text, then the request again: with the instruction only before it (in the
        system message) a small model reads a list in the text as one to continue, and
        writes invented entries to the token limit instead of a summary."""
        p = self.params
        what = "text above" if final else "part above"
        return (f"{text}\n\n---\nSummarize the {what} {_LENGTHS[p['length']]}, "
                f"{_STYLES[p['style']]}. Keep its names, dates and numbers.")

    def produce(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        self.params = ctx.params
        model = self.model(ctx)
        text = (inputs["text"])
        if not text.strip():
            raise StepError("there is no text to summarize")
        # the request repeated after each part takes room in the context too
        budget = self.budget(ctx, model, self.instruction(False) + self.asked("", False),
                             ctx.params["max_tokens"])
        # each part's summary must be much shorter than the part, or rounds would not shrink
        part_tokens = max(32, min(ctx.params["max_tokens"], budget // 4))
        previous = None
        for _round in range(6):
            parts = self.chunks(ctx, model, text, budget)
            if len(parts) == 1:
                gen = self.ask(ctx, model, chat_prompt(model, self.instruction(True),
                                                       self.asked(text, True)))
                return {"text": gen.text.strip()}
            if previous is not None and len(parts) >= previous:
                raise StepError("the text does not get shorter when summarized in parts; "
                                "lower max_tokens or use a model with a longer context")
            previous = len(parts)
            summaries = []
            for i, part in enumerate(parts):
                ctx.progress(i / len(parts), f"summarizing part {i + 1} of {len(parts)}")
                gen = self.ask(ctx, model, chat_prompt(model, self.instruction(False),
                                                       self.asked(part, False)),
                               max_tokens=part_tokens, stream=False)
                summaries.append(gen.text.strip())
            ctx.progress(1.0, "combining the parts")
            text = "\n\n".join(summaries)
        raise StepError("the text is too long to summarize even in parts")


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
                ) + model_params(60),
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
            # the reason is a courtesy: an unusable one is left out, not a failure
            gen = self.ask(ctx, model, why, stream=False, check_answer=False)
            reason = "" if answer_problem(gen.text, finish=gen.finish) else gen.text.strip().split("\n")[0]
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
                ) + model_params(512),
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
