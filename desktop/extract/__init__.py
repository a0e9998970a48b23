"""Grounded extraction (no Qt): layout lines of a PDF, candidate values found by
deterministic parsers, the model's choice among them, and each field's provenance
and confidence. `desktop.steps.extract` is the thin step over it."""
