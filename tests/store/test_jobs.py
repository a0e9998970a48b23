"""The durable job queue on a real SQLite file: batches, claims, give-backs."""

import re

from desktop.store.jobs import Arrival, JobQueue
from desktop.store.runs import RunStore


def arrivals(*names_and_hashes):
    return [Arrival(f"/inbox/{name}", 10, 1, digest) for name, digest in names_and_hashes]


def test_a_burst_is_queued_at_once_and_a_repeat_inside_it_is_skipped(tmp_path):
    queue = JobQueue(RunStore(tmp_path / "h.db"))
    jobs = queue.add("/wf.yaml", "Wf", 0, arrivals(("a.txt", "h1"), ("b.txt", "h2"), ("copy of a.txt", "h1")))
    assert [j.state for j in jobs] == ["queued", "queued", "skipped"]
    assert f"job {jobs[0].id}" in jobs[2].error
    # the same content for another workflow is that workflow's own job
    assert queue.add("/other.yaml", "Other", 0, arrivals(("a.txt", "h1")))[0].state == "queued"


def test_claims_take_the_oldest_runnable_jobs_once_each_with_its_own_run(tmp_path):
    first = JobQueue(RunStore(tmp_path / "h.db"))
    second = JobQueue(RunStore(tmp_path / "h.db"))      # another connection: another runner
    first.add("/paused.yaml", "P", 0, arrivals(("p.txt", "p")))
    first.add("/wf.yaml", "Wf", 0, arrivals(*[(f"{i}.txt", f"h{i}") for i in range(5)]))
    claimed = first.claim({"/paused.yaml"}, limit=3)
    assert [j.path for j in claimed] == ["/inbox/0.txt", "/inbox/1.txt", "/inbox/2.txt"]
    assert all(j.state == "running" and j.attempts == 1 for j in claimed)
    assert all(re.fullmatch(r"[0-9a-f]{32}", j.run_id) for j in claimed)
    assert len({j.run_id for j in claimed}) == 3
    rest = second.claim({"/paused.yaml"}, limit=10)
    assert [j.path for j in rest] == ["/inbox/3.txt", "/inbox/4.txt"]
    assert first.claim({"/paused.yaml"}) == []
    assert [j.path for j in first.claim()] == ["/inbox/p.txt"]


def test_claimed_jobs_that_did_not_start_go_back_untried(tmp_path):
    queue = JobQueue(RunStore(tmp_path / "h.db"))
    queue.add("/wf.yaml", "Wf", 0, arrivals(("a.txt", "h1"), ("b.txt", "h2")))
    claimed = queue.claim(limit=2)
    queue.unclaim(claimed[1:])
    assert queue.counts() == {"running": 1, "queued": 1}
    again = queue.claim()
    assert again[0].path == "/inbox/b.txt" and again[0].attempts == 1


def test_known_names_the_file_versions_that_have_a_job(tmp_path):
    queue = JobQueue(RunStore(tmp_path / "h.db"))
    queue.add("/wf.yaml", "Wf", 0, [Arrival("/inbox/a.txt", 10, 111, "h1")])
    assert queue.known("/wf.yaml", [("/inbox/a.txt", 10, 111), ("/inbox/a.txt", 10, 222),
                                    ("/inbox/b.txt", 10, 111)]) == {"/inbox/a.txt"}
    assert queue.known("/other.yaml", [("/inbox/a.txt", 10, 111)]) == set()
