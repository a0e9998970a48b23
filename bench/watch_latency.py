"""Time from a file becoming complete in a watched folder to its job starting,
beyond the settle window, with native and with polling observers.

    .venv/bin/python bench/watch_latency.py

Target (issue 5): median <= 1 s beyond the settle window.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SETTLE = 0.5
FILES = 10


def measure(polling: bool, tmp: Path) -> list[float]:
    from desktop.runner import Runner
    from desktop.store.runs import RunStore
    from desktop.watch.events import JobChanged
    from desktop.watch.service import WatchService
    from tests.watch.conftest import write_workflow

    inbox, out, staging = tmp / "inbox", tmp / "out", tmp / "staging"
    for d in (inbox, staging):
        d.mkdir()
    wf = write_workflow(tmp / "wf.yaml", inbox, out, settle_seconds=SETTLE)
    started: dict[str, float] = {}
    cond = threading.Condition()

    def on(e: object) -> None:
        if isinstance(e, JobChanged) and e.state == "running":
            with cond:
                started[Path(e.path).name] = time.perf_counter()
                cond.notify_all()

    runner = Runner(RunStore(tmp / "runnel.db"))
    service = WatchService(runner, [wf], listeners=[on], force_polling=polling, polling_interval=0.25)
    service.start()
    delays = []
    try:
        for i in range(FILES):
            name = f"f{i}.txt"
            (staging / name).write_text(f"file {i}")
            complete = time.perf_counter()
            os.rename(staging / name, inbox / name)        # the moment it is complete
            with cond:
                assert cond.wait_for(lambda: name in started, 30)
            delays.append(started[name] - complete - SETTLE)
    finally:
        service.stop()
        runner.close()
    return delays


def main() -> None:
    for polling in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["RUNNEL_HOME"] = str(Path(tmp) / "home")
            delays = measure(polling, Path(tmp))
        med = statistics.median(delays)
        print(f"{'polling' if polling else 'native'} observer: job started {med * 1000:.0f} ms (median; "
              f"max {max(delays) * 1000:.0f} ms) after the {SETTLE:g} s settle window "
              f"(target <= 1000 ms) {'OK' if med <= 1.0 else 'ABOVE TARGET'}")


if __name__ == "__main__":
    main()
