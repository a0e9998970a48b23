"""History queries used by the History window: filtering happens in SQL."""

from __future__ import annotations

from desktop.engine.events import RunFinished, RunStarted
from desktop.store.runs import RunStore


def _run(store: RunStore, run_id: str, name: str, path: str, status: str, at: float) -> None:
    store.record(RunStarted(run_id, name, f"/wf/{name}.yaml", path, False, at))
    store.record(RunFinished(run_id, status, at + 1))


def _ids(rows: list[dict]) -> list[str]:
    return [r["id"] for r in rows]


def test_search_runs_filters_and_orders_newest_first(tmp_path):
    store = RunStore(tmp_path / "h.db")
    _run(store, "r1", "Digest", "/in/Report_2024.pdf", "done", 1000.0)
    _run(store, "r2", "Digest", "/in/notes.txt", "failed", 2000.0)
    _run(store, "r3", "Invoices", "/in/invoice-7.pdf", "done", 3000.0)
    _run(store, "r4", "Invoices", "/in/report%2024.pdf", "cancelled", 4000.0)

    assert _ids(store.search_runs()) == ["r4", "r3", "r2", "r1"]
    assert _ids(store.search_runs(workflow="Digest")) == ["r2", "r1"]
    assert _ids(store.search_runs(status="done")) == ["r3", "r1"]
    assert _ids(store.search_runs(since=2500.0)) == ["r4", "r3"]
    assert _ids(store.search_runs(text="REPORT")) == ["r4", "r1"]       # case-insensitive
    # the user's % and _ are literal characters, not wildcards
    assert _ids(store.search_runs(text="report%")) == ["r4"]
    assert _ids(store.search_runs(text="t_2")) == ["r1"]
    assert _ids(store.search_runs(workflow="Digest", status="done", text=".pdf")) == ["r1"]
    assert _ids(store.search_runs(limit=2)) == ["r4", "r3"]
    assert store.search_runs(workflow="Nope") == []


def test_workflow_names_are_distinct_and_sorted(tmp_path):
    store = RunStore(tmp_path / "h.db")
    assert store.workflow_names() == []
    _run(store, "r1", "invoices", "/a", "done", 1.0)
    _run(store, "r2", "Digest", "/b", "done", 2.0)
    _run(store, "r3", "Digest", "/c", "failed", 3.0)
    assert store.workflow_names() == ["Digest", "invoices"]
