"""What waits for a person, as the Review view and `runnel approvals list` show it: one
`ReviewItem` per pending approval, oldest first, with the record an extract step sent
to review (its fields, their provenance and the reasons) or the item an approval step
asked about, and the state of the document on disk. No Qt."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.engine.codec import decode
from desktop.engine.document import Document


@dataclass
class ReviewItem:
    approval_id: int
    run_id: str
    node_id: str
    workflow_path: str | None
    input_path: str | None
    message: str
    created_at: float
    item: Any                  # the payload, decoded (a review item, a record, a document...)
    watched: bool = False      # a file from a watched folder: it waits there until decided

    @property
    def is_extraction(self) -> bool:
        """A record an extract step sent to review: {record, provenance, reasons}."""
        return (isinstance(self.item, dict) and isinstance(self.item.get("record"), dict)
                and "reasons" in self.item)

    @property
    def record(self) -> dict | None:
        if self.is_extraction:
            return self.item["record"]
        return self.item if isinstance(self.item, dict) else None

    @property
    def provenance(self) -> dict[str, dict]:
        return dict(self.item.get("provenance") or {}) if self.is_extraction else {}

    @property
    def reasons(self) -> list[dict]:
        return list(self.item["reasons"]) if self.is_extraction else []

    @property
    def ocr_lines(self) -> tuple:
        """The words OCR read on a scanned document, with their boxes (Line values), for
        clicks on the page; () for a document with a text layer of its own."""
        from desktop.engine.codec import decode_line

        rows = self.item.get("ocr_lines") if self.is_extraction else None
        try:
            return tuple(decode_line(r) for r in rows or ())
        except (TypeError, ValueError, IndexError):      # a stored item from another version
            return ()

    @property
    def workflow_name(self) -> str:
        return Path(self.workflow_path).stem if self.workflow_path else "(unsaved workflow)"

    @property
    def document_name(self) -> str:
        return Path(self.input_path).name if self.input_path else ""

    @property
    def folder(self) -> str:
        """The folder the document is in, with the home folder as ~."""
        if not self.input_path:
            return ""
        parent = Path(self.input_path).parent
        try:
            return str(Path("~") / parent.relative_to(Path.home()))
        except ValueError:
            return str(parent)

    def document_missing(self) -> bool:
        """The run's input is gone from where it was (moved or deleted since)."""
        return bool(self.input_path) and not Path(self.input_path).is_file()

    def document_changed(self) -> bool:
        """The run's input was written to after the run paused (its time says so)."""
        if not self.input_path:
            return False
        try:
            return Path(self.input_path).stat().st_mtime > self.created_at + 1.0
        except OSError:
            return False

    def why(self) -> str:
        """One line: the fields to check and why, or the approval step's message."""
        if self.reasons:
            return "; ".join(f"{r['field']}: {r['reason']}" if r.get("field") else r["reason"]
                             for r in self.reasons)
        return self.message

    def lines(self, width: int = 200) -> list[str]:
        """The item for a terminal: a record's fields and what to check, a document's
        name and first line, anything else as short JSON; never internal encodings."""
        if self.is_extraction:
            fields = " · ".join(f"{k}: {_short(v)}" for k, v in self.item["record"].items())
            return [f"record: {fields}"[:width]] + [
                (f"to check: {r['field']}: {r['reason']}" if r.get("field") else
                 f"to check: {r['reason']}")[:width] for r in self.reasons]
        if isinstance(self.item, Document):
            first = next((line.strip() for line in self.item.text.splitlines() if line.strip()), "")
            return [(f"document: {self.item.name}" + (f": {first}" if first else ""))[:width]]
        return [json.dumps(_plain(self.item), ensure_ascii=False, default=str)[:width]]


def pending_items(store: Any, workflow: str | None = None) -> list[ReviewItem]:
    """Every pending approval in the run store, oldest first; of one workflow (its
    file's path) when `workflow` is given."""
    query = "SELECT * FROM approvals WHERE state = 'pending'"
    args: list[Any] = []
    if workflow is not None:
        query += " AND workflow_path = ?"
        args.append(str(workflow))
    with store._lock:
        rows = list(store.db.query(query + " ORDER BY created_at, id", args))
        # a watched job waits with its paused run
        watched = {r["run_id"] for r in store.db.query(
            "SELECT run_id FROM jobs WHERE state = 'waiting' AND run_id IS NOT NULL")} \
            if store.db["jobs"].exists() else set()
    return [from_row(r, r["run_id"] in watched) for r in rows]


def pending_ids(store: Any) -> list[tuple[int, str]]:
    """(approval id, workflow path) of every pending approval, oldest first: what a
    view polls to see whether anything changed, without decoding the items."""
    with store._lock:
        return [(int(r["id"]), r["workflow_path"] or "") for r in store.db.query(
            "SELECT id, workflow_path FROM approvals WHERE state = 'pending' ORDER BY created_at, id")]


def from_row(row: dict, watched: bool = False) -> ReviewItem:
    payload = row["payload"]
    item = decode(json.loads(payload) if isinstance(payload, str) else payload)
    return ReviewItem(approval_id=int(row["id"]), run_id=row["run_id"], node_id=row["node_id"],
                      workflow_path=row.get("workflow_path"), input_path=row.get("input_path"),
                      message=row.get("message") or "", created_at=float(row.get("created_at") or 0),
                      item=item, watched=watched)


def _short(value: Any) -> str:
    text = "—" if value is None else str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _plain(value: Any) -> Any:
    """A payload with documents and paths as their names."""
    if isinstance(value, Document):
        return f"<document {value.name}>"
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
