"""Prompts rendered with the model's own chat template (read from its GGUF), split
into the instruction prefix shared by every document of a batch and the rest."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from desktop.llm.catalog import Model

# Used when a model carries no chat template: ChatML, the most common convention.
FALLBACK_TEMPLATE = (
    "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}")
_MARK = "\u2063RUNNEL-DOCUMENT\u2063"


def _raise(message: str) -> None:
    raise TemplateError(message)


_ENV = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
_ENV.globals["raise_exception"] = _raise


@dataclass(frozen=True)
class Prompt:
    prefix: str     # identical for every document: its model state can be reused
    document: str   # plain text: tokenized without control tokens
    suffix: str     # the end of the template and the start of the model's answer

    @property
    def body(self) -> str:
        return self.document + self.suffix

    @property
    def text(self) -> str:
        return self.prefix + self.document + self.suffix


def render(model: Model, messages: list[dict[str, str]]) -> str:
    return render_template(model.info.chat_template, messages)


def render_template(template: str | None, messages: list[dict[str, str]]) -> str:
    """Messages through a chat template (ChatML when the model has none or it fails)."""
    template = template or FALLBACK_TEMPLATE
    try:
        return _ENV.from_string(template).render(
            messages=messages, add_generation_prompt=True, bos_token="", eos_token="")
    except TemplateError:
        pass
    # Some templates (Gemma's) refuse a system role: fold it into the first user turn.
    if messages and messages[0]["role"] == "system" and len(messages) > 1:
        merged = [{"role": messages[1]["role"],
                   "content": messages[0]["content"] + "\n\n" + messages[1]["content"]}] + messages[2:]
        try:
            return _ENV.from_string(template).render(
                messages=merged, add_generation_prompt=True, bos_token="", eos_token="")
        except TemplateError:
            pass
    return _ENV.from_string(FALLBACK_TEMPLATE).render(messages=messages, add_generation_prompt=True)


def chat_prompt(model: Model, instruction: str, document: str, answer_start: str = "") -> Prompt:
    """System message = the instruction (shared), user message = the document."""
    text = render(model, [{"role": "system", "content": instruction},
                          {"role": "user", "content": _MARK}])
    head, _, tail = text.partition(_MARK)
    return Prompt(prefix=head, document=document, suffix=tail + answer_start)
