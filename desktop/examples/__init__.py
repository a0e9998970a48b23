"""Labelled examples of a workflow's `ai.extract_fields` steps (no Qt): a document and
its correct record, kept on disk beside the workflow (see `examples_dir`). They serve
as few-shot demonstrations (`most_similar`) and as the test set of `runnel eval`; a
record a person corrected at review can be saved as one (`added_by="review"`).
"""

from desktop.examples.location import examples_dir
from desktop.examples.record import check_record, fields_problem, format_value
from desktop.examples.similarity import most_similar, similarities
from desktop.examples.store import (Example, ExampleError, add_example, fingerprint, list_examples,
                                    load_examples, node_ids, read_record_file, remove_example)
from desktop.examples.workflow import NodeChoiceError, choose_node, load_all, node_fields, reviewed_step

__all__ = ["Example", "ExampleError", "NodeChoiceError", "add_example", "check_record",
           "choose_node", "examples_dir", "fields_problem", "fingerprint", "format_value", "list_examples",
           "load_all", "load_examples", "most_similar", "node_fields", "node_ids",
           "read_record_file", "remove_example", "reviewed_step", "similarities"]
