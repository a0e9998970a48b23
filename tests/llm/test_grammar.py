import json

import jsonschema
import pytest
from llama_cpp import LlamaGrammar

from desktop.llm.grammar import SchemaError, schema_to_gbnf
from desktop.extract.fields import fields_schema

pytestmark = pytest.mark.model


def test_supported_schemas_make_grammars_llama_cpp_accepts():
    schemas = [
        {"type": "object", "properties": {"a": {"type": "string", "maxLength": 5},
                                          "b": {"type": ["integer", "null"]},
                                          "c": {"enum": ["x", 'say "hi"', None]},
                                          "d": {"type": "array", "items": {"type": "boolean"},
                                                "minItems": 1, "maxItems": 3},
                                          "e": {"type": "object", "properties": {"f": {"const": 1}}},
                                          "g": {"type": "string", "format": "date"}}},
        fields_schema([{"name": "vendor", "type": "string"}, {"name": "n", "type": "integer",
                                                              "required": False},
                       {"name": "kind", "choices": ["a", "b"], "required": False}]),
    ]
    for schema in schemas:
        LlamaGrammar.from_string(schema_to_gbnf(schema), verbose=False)


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
