"""Errors the user sees. Their messages are whole sentences, shown as they are."""

from __future__ import annotations

from pathlib import Path


class StepError(Exception):
    """A step failed for a reason the user can act on."""


class WorkflowFileError(Exception):
    """A workflow file could not be read. Names the file, the node if any, the cause."""

    def __init__(self, path: Path | str | None, message: str, node: str | None = None):
        self.path = str(path) if path else None
        self.node = node
        self.reason = message
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.path or "workflow"
        if self.node:
            where += f": node '{self.node}'"
        return f"{where}: {self.reason}"


class ApprovalNeeded(Exception):
    """Raised by a step that waits for a person: the run pauses durably here."""

    def __init__(self, message: str, payload: object):
        super().__init__(message)
        self.message = message
        self.payload = payload
