import json

import jsonschema
import pytest

from desktop.llm.grammar import SchemaError, schema_to_gbnf
from desktop.extract.fields import fields_schema

pytestmark = pytest.mark.model


SUPPORTED = [
    {"type": "object", "properties": {"a": {"type": "string", "maxLength": 5},
                                      "b": {"type": ["integer", "null"]},
                                      "c": {"enum": ["x", 'say "hi"', None]},
                                      "d": {"type": "array", "items": {"type": "boolean"},
                                            "minItems": 1, "maxItems": 3},
                                      "e": {"type": "object", "properties": {"f": {"const": 1}}},
                                      "g": {"type": "string", "format": "date"},
                                      "h": {"type": "array", "items": {"type": "number"},
                                            "maxItems": 0},
                                      "i": {"type": "array", "minItems": 2, "maxItems": 2,
                                            "items": {"type": "object", "properties": {
                                                "j": {"enum": [1, 2.5, True, "ü"]}}}}}},
    fields_schema([{"name": "vendor", "type": "string"}, {"name": "n", "type": "integer",
                                                          "required": False},
                   {"name": "kind", "choices": ["a", "b"], "required": False}]),
    {"type": "array", "items": {"type": "string"}, "minItems": 0},
    {"enum": ["only"]},
]


@pytest.mark.parametrize("schema", SUPPORTED)
def test_supported_schemas_make_grammars_llama_cpp_parses(llm, default_model, schema):
    """Parsed by llama.cpp itself (in the worker): LlamaGrammar.from_string only
    stores the text, so it would accept anything."""
    assert llm.grammar_problem(default_model, schema_to_gbnf(schema)) is None


def test_the_agents_grammar_of_tool_calls_parses(llm, default_model):
    from desktop.llm.grammar import schemas_to_gbnf
    from desktop.steps.agent import FINISH, TOOLS, call_schema

    grammar = schemas_to_gbnf([call_schema(t, args) for t, (_, args) in TOOLS.items()]
                              + [call_schema(FINISH[0], FINISH[2])])
    assert llm.grammar_problem(default_model, grammar) is None


@pytest.mark.parametrize("grammar,problem", [
    ("root ::= ((( not a grammar", "expecting ')'"),
    ('root ::= "a" item', "Undefined rule identifier 'item'"),
    ("root ::= [a-", "unexpected end of input"),
])
def test_a_broken_grammar_is_refused_with_llama_cpps_reason(llm, default_model, grammar, problem):
    found = llm.grammar_problem(default_model, grammar)
    assert found is not None and problem in found


def test_generating_with_a_broken_grammar_is_an_error_not_a_crashed_worker(llm, default_model):
    from desktop.llm.client import ModelError, WorkerCrashed

    with pytest.raises(ModelError, match="the output grammar is invalid") as failure:
        llm.generate(default_model, "Say yes.", max_tokens=8, grammar="root ::= ((( not a grammar")
    assert not isinstance(failure.value, WorkerCrashed)
    assert llm.generate(default_model, "Say yes.", max_tokens=4).tokens_out > 0


@pytest.mark.parametrize("schema,message", [
    ({"type": "object", "properties": {"a": {"$ref": "#/x"}}}, "a uses '\\$ref'"),
    ({"type": "object", "properties": {"a": {"type": "string", "pattern": "x+"}}}, "uses 'pattern'"),
    ({"type": "object", "properties": {"a": {"type": "number", "minimum": 0}}}, "uses 'minimum'"),
    ({"type": "object", "properties": {"a": {"anyOf": []}}}, "uses 'anyOf'"),
    ({"type": "string", "format": "email"}, "format 'email' is not supported"),
    ({"type": "object"}, "needs its 'properties' listed"),
    ({"type": "array"}, "an array needs 'items'"),
])
def test_what_the_grammar_cannot_express_is_refused_clearly(schema, message):
    with pytest.raises(SchemaError, match=message):
        schema_to_gbnf(schema)


def test_grammar_output_always_passes_the_schema(llm, default_model):
    from desktop.llm.prompts import chat_prompt

    schema = fields_schema([{"name": "title", "type": "string"},
                            {"name": "pages", "type": "integer", "required": False},
                            {"name": "tags", "type": "list"}])
    prompt = chat_prompt(default_model, "Describe the document as JSON.", "A report, 3 pages, about bees.")
    gen = llm.generate(default_model, prompt.suffix, prefix=prompt.prefix, document=prompt.document,
                       max_tokens=200, grammar=schema_to_gbnf(schema))
    jsonschema.validate(json.loads(gen.text), schema)


def _generate(llm, model, instruction, text, schema, max_tokens=160):
    from desktop.llm.prompts import chat_prompt

    prompt = chat_prompt(model, instruction, text)
    gen = llm.generate(model, prompt.suffix, prefix=prompt.prefix, document=prompt.document,
                       max_tokens=max_tokens, grammar=schema_to_gbnf(schema))
    assert gen.finish == "stop", gen.text
    value = json.loads(gen.text)
    jsonschema.validate(value, schema)
    return value


def test_generating_holds_max_items_against_a_long_list(llm, default_model):
    schema = {"type": "object", "properties": {"fruits": {
        "type": "array", "items": {"type": "string", "maxLength": 12}, "minItems": 1, "maxItems": 3}}}
    value = _generate(llm, default_model, "List every fruit in the text as JSON.",
                      "apple, pear, plum, cherry, banana, mango, kiwi, lime, fig, date", schema)
    assert 1 <= len(value["fruits"]) <= 3


def test_generating_holds_min_items_against_a_short_answer(llm, default_model):
    """Left alone the model lists the one tag and closes the list (seen with the
    default model); the grammar must make it go on to three."""
    schema = {"type": "object", "properties": {
        "total": {"type": "number"},
        "tags": {"type": "array", "items": {"type": "string", "maxLength": 10},
                 "minItems": 3, "maxItems": 8}}}
    value = _generate(llm, default_model, "Answer as JSON.", "Total 12.50; tag: food", schema)
    assert 3 <= len(value["tags"]) <= 8


def test_generating_keeps_to_the_enum_when_the_text_says_otherwise(llm, default_model):
    schema = {"type": "object", "properties": {"status": {"enum": ["paid", "unpaid"]}}}
    value = _generate(llm, default_model, "Give the invoice's status as JSON.",
                      "Status: overdue, partly refunded.", schema)
    assert value["status"] in ("paid", "unpaid")


def test_generating_nested_objects_and_optional_fields(llm, default_model):
    schema = {"type": "object", "properties": {
        "vendor": {"type": "object", "properties": {
            "name": {"type": "string", "maxLength": 30},
            "vat": {"type": ["string", "null"], "maxLength": 14}}},
        "lines": {"type": "array", "maxItems": 2, "items": {"type": "object", "properties": {
            "item": {"type": "string", "maxLength": 20},
            "amount": {"type": ["number", "null"]}}}},
        "due": {"type": ["string", "null"], "format": "date"}}}
    value = _generate(llm, default_model, "Describe the invoice as JSON.",
                      "ACME Ltd invoices 2 chairs at 40.00 and a desk at 120.00.", schema,
                      max_tokens=200)
    assert set(value) == {"vendor", "lines", "due"} and set(value["vendor"]) == {"name", "vat"}
