"""Human review (no Qt): what waits for a person (`pending_items`), the page of a
document to show beside it (`render_page`), and the decision that resumes the paused
run (`decide`), optionally keeping the corrected record as a labelled example
(`save_as_example`). The window's Review view and `runnel approvals` sit on this."""

from desktop.review.decisions import (ApprovalError, approval, decide, pending, save_as_example,
                                      undo_decision)
from desktop.review.items import ReviewItem, from_row, pending_ids, pending_items

__all__ = ["ApprovalError", "ReviewItem", "approval", "decide", "from_row", "pending",
           "pending_ids", "pending_items", "save_as_example", "undo_decision"]
