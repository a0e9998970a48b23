"""Prefix-state reuse: 20 short documents through a structured ai.prompt with a
~400-token instruction, reuse on vs off, on the default model, in one process.

    .venv/bin/python bench/prefix_reuse.py

Target (issue 3): >= 1.5x faster with reuse, identical outputs.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.engine.cache import StepCache  # noqa: E402
from desktop.engine.events import ModelCall  # noqa: E402
from desktop.engine.executor import Executor  # noqa: E402
from desktop.engine.fileformat import loads  # noqa: E402
from desktop.engine.registry import Registry  # noqa: E402
from desktop.llm.client import LLMClient  # noqa: E402

GUIDANCE = (
    "You are reading documents from a small firm's inbox: supplier invoices, delivery notes, "
    "reminders and receipts. The vendor is the company that sent the document, never the "
    "customer it is addressed to. The invoice number is the identifier printed after words such "
    "as 'Invoice No.', 'Ref' or 'Number', including any letters and dashes. The date is the date "
    "the document was issued, not the due date and not the delivery date; write it as "
    "YYYY-MM-DD. The total is the final amount to pay including tax, as a plain number without "
    "currency symbols or thousands separators. The currency is the three-letter code (EUR, GBP, "
    "USD) of that total. When a document shows several amounts, prefer the one labelled 'Total "
    "due', 'Amount payable' or 'Balance'. When a value is printed twice with different figures, "
    "take the one in the summary block at the end. Do not invent values: if a field is missing, "
    "answer null for it. Names must be copied with their legal suffix (Ltd, GmbH, S.A.) when the "
    "document shows one. Ignore greetings, payment instructions, bank details and marketing "
    "text. A credit note has a negative total. A receipt that is already paid still has a total. "
    "Reminders repeat the original invoice number and date; use those.")
FIELDS = [
    {"name": "vendor", "type": "string", "description": "the company that sent the document"},
    {"name": "invoice_number", "type": "string", "description": "the document's number"},
    {"name": "date", "type": "date", "description": "the issue date"},
    {"name": "total", "type": "number", "description": "the total amount due"},
    {"name": "currency", "type": "string", "description": "three-letter currency code"},
]
VENDORS = ["Alder Print Ltd", "Birchwood Foods GmbH", "Cobalt Cleaning", "Delta Couriers",
           "Elm Street Stationers", "Fjord Software AS", "Granite IT Services", "Harbour Coffee Co"]


def documents(folder: Path) -> list[Path]:
    paths = []
    for i in range(20):
        vendor = VENDORS[i % len(VENDORS)]
        p = folder / f"doc{i:02d}.txt"
        p.write_text(f"{vendor}\nInvoice No. INV-{4100 + i}\nDate: 2026-10-{(i % 27) + 1:02d}\n"
                     f"Services rendered in October.\nTotal due: EUR {120 + 17 * i}.50\n")
        paths.append(p)
    return paths


def run(reuse: bool, paths: list[Path]) -> tuple[float, list[dict], int, int]:
    # a structured ai.prompt: the long instruction is the shared prefix. (ai.extract_fields
    # now scores candidates after a short instruction and reuses each document's own state
    # across its fields; bench/extraction.py measures it.)
    from desktop.steps.extract import ExtractFields, fields_schema

    system = ExtractFields.instruction(FIELDS, GUIDANCE)
    wf = loads("schema_version: 1\nname: bench\nnodes:\n- {id: input, type: core.input_file}\n"
               "- {id: read, type: documents.read}\n"
               f"- {{id: ai, type: ai.prompt, params: {{system: {json.dumps(system)}, "
               f"json_schema: {json.dumps(fields_schema(FIELDS))}, max_tokens: 120}}}}\n"
               "links:\n- {from: input.file, to: read.file}\n- {from: read.document, to: ai.text}\n")
    client = LLMClient(reuse_prefix=reuse)
    calls: list[ModelCall] = []
    try:
        client.generate(__import__("desktop.llm.catalog", fromlist=["x"]).default_model(),
                        "warm up", max_tokens=1)           # model load is not what we measure
        ex = Executor(Registry.from_entry_points(), cache=StepCache(max_entries=0), llm=client,
                      listeners=[lambda e: calls.append(e) if isinstance(e, ModelCall) else None])
        started = time.perf_counter()
        batch = ex.run_batch(wf, paths)
        elapsed = time.perf_counter() - started
    finally:
        client.close()
    assert not batch.failed, [r.error for r in batch.failed]
    return elapsed, [r.output("ai", "record") for r in batch.runs], \
        sum(c.tokens_in for c in calls), len(calls)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = documents(Path(tmp))
        from desktop.llm import catalog
        from desktop.llm.prompts import chat_prompt
        from desktop.steps.extract import ExtractFields

        model = catalog.default_model()
        client = LLMClient()
        prefix_tokens = client.count_tokens(
            model, chat_prompt(model, ExtractFields.instruction(FIELDS, GUIDANCE), "").prefix)
        client.close()
        off, out_off, tin, n = run(False, paths)
        on, out_on, _, _ = run(True, paths)
    print(f"20 documents through a structured ai.prompt, instruction prefix {prefix_tokens} tokens, "
          f"{n} model calls, {tin} prompt tokens in all")
    print(f"  reuse off: {off:.2f} s   reuse on: {on:.2f} s   speed-up {off / on:.2f}x "
          f"(target >= 1.5x) {'OK' if off / on >= 1.5 else 'BELOW TARGET'}")
    same = out_on == out_off
    print(f"  outputs identical: {same}")
    if not same:
        for a, b in zip(out_off, out_on):
            if a != b:
                print(f"    off: {a}\n    on:  {b}")


if __name__ == "__main__":
    main()
