"""`runnel preview`, `queue` and `retry` as a user runs them."""

import json
import signal
import subprocess

from tests.conftest import VENV_BIN
from tests.e2e.test_cli import runnel
from tests.watch.conftest import write_workflow


def test_preview_says_which_files_would_be_taken_and_why(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("a.txt", "b.pdf", "c.txt.part", "~$d.txt"):
        (inbox / name).write_text("x")
    wf = write_workflow(tmp_path / "wf.yaml", inbox, tmp_path / "out")
    rows = json.loads(runnel("preview", str(wf), "--json").stdout)
    why = {r["file"].rsplit("/", 1)[1]: (r["taken"], r["why"]) for r in rows}
    assert why == {"a.txt": (True, "matches '*.txt'"),
                   "b.pdf": (False, "matches none of '*.txt'"),
                   "c.txt.part": (False, "a temporary or partial file name"),
                   "~$d.txt": (False, "a temporary or partial file name")}
    text = runnel("preview", str(wf)).stdout
    assert "take  a.txt" in text and "skip  b.pdf  - matches none of '*.txt'" in text


def test_watch_then_retry_a_failed_job(isolated_home, tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    (inbox / "empty.txt").write_bytes(b"")
    wf = write_workflow(tmp_path / "wf.yaml", inbox, out, after_failure="move")

    def watch_until(word):
        proc = subprocess.Popen([str(VENV_BIN / "runnel"), "watch", str(wf)], stderr=subprocess.PIPE,
                                stdout=subprocess.DEVNULL, text=True)
        for line in proc.stderr:
            if word in line:
                break
        proc.send_signal(signal.SIGINT)
        assert proc.wait(30) == 0

    watch_until("failed: empty.txt")
    jobs = json.loads(runnel("queue", "--json").stdout)
    assert [(j["state"], j["error"]) for j in jobs] == [
        ("failed", "empty.txt is empty (0 bytes); there is nothing to read")]
    assert (inbox / "Failed" / "empty.txt.error.txt").exists()
    (inbox / "Failed" / "empty.txt").write_text("now it has words")      # the user fixes it
    proc = runnel("retry", str(jobs[0]["id"]))
    assert proc.returncode == 0 and (inbox / "empty.txt").exists()
    assert not (inbox / "Failed" / "empty.txt.error.txt").exists()
    watch_until("done: empty.txt")
    assert json.loads(runnel("queue", "--json").stdout)[0]["state"] == "done"
    assert (out / "empty.out.txt").read_text() == "now it has words"
    assert runnel("retry", "999").returncode == 4


def test_a_folder_without_read_permission_is_reported_and_recovers():
    """Root ignores permissions, so as root the watcher runs as 'nobody' here."""
    import os
    import shutil
    import tempfile

    base = tempfile.mkdtemp(prefix="runnel-perm-")
    try:
        os.chmod(base, 0o777)
        inbox, out = os.path.join(base, "inbox"), os.path.join(base, "out")
        os.mkdir(inbox)
        os.chmod(inbox, 0)
        from pathlib import Path
        wf = write_workflow(Path(base) / "wf.yaml", Path(inbox), Path(out))
        env = dict(os.environ, RUNNEL_HOME=os.path.join(base, "home"), HOME=base)
        cmd = [str(VENV_BIN / "runnel"), "watch", str(wf)]
        if os.geteuid() == 0:
            cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
        proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                                env=env, cwd=base)
        lines = []
        for line in proc.stderr:
            lines.append(line)
            if "[error]" in line:
                break
        assert "cannot be read (permission denied)" in lines[-1], lines
        os.chmod(inbox, 0o777)
        with open(os.path.join(inbox, "late.txt"), "w") as f:
            f.write("readable now")
        for line in proc.stderr:
            lines.append(line)
            if "done: late.txt" in line:
                break
        proc.send_signal(signal.SIGINT)
        assert proc.wait(30) == 0, lines
        assert os.path.exists(os.path.join(out, "late.out.txt")), lines
    finally:
        shutil.rmtree(base, ignore_errors=True)
