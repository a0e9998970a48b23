"""1,000 files dropped at once into a watched folder (a no-AI workflow): all done
exactly once; throughput against the same workflow run over the same files by the
runner `runnel run` uses, in this process.

    .venv/bin/python bench/watch_burst.py

Target (issue 5): every file exactly once; throughput ratio >= 0.8.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

N = 1000


def main() -> None:
    from desktop.runner import Runner
    from desktop.store.runs import RunStore
    from desktop.watch.events import JobChanged
    from desktop.watch.service import WatchService
    from tests.watch.conftest import write_workflow

    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        os.environ["RUNNEL_HOME"] = str(tmp / "home")
        staging, inbox = tmp / "staging", tmp / "inbox"
        staging.mkdir()
        inbox.mkdir()
        for i in range(N):
            (staging / f"n{i:04d}.txt").write_text(f"note {i}\n" + "text " * (i % 50))

        # baseline: the CLI's path, runner.run over the files
        wf_cli = write_workflow(tmp / "cli.yaml", inbox, tmp / "out-cli")
        runner = Runner(RunStore(tmp / "cli.db"))
        start = time.perf_counter()
        batch = runner.run(wf_cli, sorted(staging.iterdir()))
        cli_seconds = time.perf_counter() - start
        runner.close()
        assert not batch.failed

        wf = write_workflow(tmp / "watch.yaml", inbox, tmp / "out-watch", after_success="move",
                            settle_seconds=0.2)
        done = []
        cond = threading.Condition()

        def on(e: object) -> None:
            if isinstance(e, JobChanged) and e.state in ("done", "failed", "skipped"):
                with cond:
                    done.append(e)
                    cond.notify_all()

        runner = Runner(RunStore(tmp / "watch.db"))
        service = WatchService(runner, [wf], listeners=[on], parallel_jobs=int(os.environ.get("JOBS", "1")))
        service.start()
        start = time.perf_counter()
        for f in sorted(staging.iterdir()):
            os.rename(f, inbox / f.name)
        with cond:
            assert cond.wait_for(lambda: len(done) >= N, 600)
        watch_seconds = time.perf_counter() - start
        counts = service.queue.counts()
        service.stop()
        runner.close()
        outputs = len(list((tmp / "out-watch").iterdir()))
        processed = len(list((inbox / "Processed").iterdir()))
        shutil.rmtree(tmp / "out-cli")
    once = counts == {"done": N} and outputs == N and processed == N
    ratio = (N / watch_seconds) / (N / cli_seconds)
    print(f"{N} files dropped at once: jobs {counts}, {outputs} outputs, {processed} inputs moved "
          f"-> {'every file exactly once' if once else 'NOT exactly once'}")
    print(f"  watcher {N / watch_seconds:.0f} files/s ({watch_seconds:.2f} s, including the 0.2 s "
          f"settle window), runner.run {N / cli_seconds:.0f} files/s ({cli_seconds:.2f} s)")
    print(f"  throughput ratio {ratio:.2f} (target >= 0.8) {'OK' if ratio >= 0.8 else 'BELOW TARGET'}")


if __name__ == "__main__":
    main()
