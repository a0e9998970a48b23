"""Human approval: the run pauses durably until a person approves (possibly after
editing what the AI produced) or rejects; then it resumes on the matching branch."""

from __future__ import annotations

from typing import Any

from desktop.engine.context import StepContext
from desktop.engine.errors import ApprovalNeeded
from desktop.engine.spec import Param, Port, Step, StepSpec
from desktop.engine.types import PortType


class Approve(Step):
    spec = StepSpec(
        id="human.approve",
        title="Ask for approval",
        category="People",
        description="Pauses the run until someone approves, edits or rejects the item "
                    "(in the app or with `runnel approvals`); the run survives restarts.",
        inputs=(Port("item", PortType.ANY, help="what to approve (a record, text...)"),),
        outputs=(Port("approved", PortType.ANY, branch=True,
                      help="the item, as approved or edited (for a record sent to review by "
                           "ai.extract_fields: the record)"),
                 Port("rejected", PortType.ANY, branch=True, help="the item, with the reason"),
                 Port("decision", PortType.JSON, help="who decided what, and the note")),
        params=(Param("message", "text", "Please check this before it is filed.",
                      help="what the person is asked"),),
        side_effects=True,      # never served from the cache: a decision is not a function of inputs
    )

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        item = inputs["item"]
        if ctx.dry_run:
            ctx.log("dry run: would ask for approval here; continuing as if approved")
            value = item["record"] if is_review_item(item) else item
            return {"approved": value, "decision": {"approved": True, "dry_run": True}}
        if ctx.decision is None:
            raise ApprovalNeeded(ctx.params["message"], item)
        d = ctx.decision
        value = d["item"] if d.get("item") is not None else item
        if is_review_item(item):
            # a record sent to review: what goes on is the record, as the person left it
            value = value.get("record", value) if is_review_item(value) else value
        decision = {"approved": d["approved"], "note": d.get("note") or "", "edited": d.get("item") is not None}
        ctx.log(f"{'approved' if d['approved'] else 'rejected'} by the user"
                + (f": {d['note']}" if d.get("note") else "") + (" (edited)" if decision["edited"] else ""))
        if d["approved"]:
            return {"approved": value, "decision": decision}
        return {"rejected": {"item": value, "reason": d.get("note") or ""}, "decision": decision}


def is_review_item(item: Any) -> bool:
    """What ai.extract_fields sends to its review branch: {record, provenance, reasons}."""
    return isinstance(item, dict) and isinstance(item.get("record"), dict) and "reasons" in item


STEPS = [Approve]
