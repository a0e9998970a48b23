"""Privacy you can check: run a real workflow with the network blocked, in this
process and in the inference worker, and report every attempt to use it. No Qt.

How the block works. Python raises an audit event (PEP 578) before any socket is
created, connected, bound or sent to, and before any host name is looked up; an audit
hook that raises refuses the operation. A hook cannot be removed, so this process's
hook stays installed and does nothing outside a check. The worker is started with
RUNNEL_BLOCK_NETWORK=1, installs the same hook for its whole life, before llama.cpp is
imported, and reports what it refused in its `stats` reply.

What counts as network. Every socket family except AF_UNIX: a Unix-domain socket is a
file on this computer (local IPC, such as a single-instance socket) and cannot reach
another machine, so it is allowed. Name look-ups (getaddrinfo, gethostbyname, ...) are
refused even for numeric addresses: they may ask a DNS server. gethostname() is
allowed: it reads the kernel's own host name. On Windows socket.socketpair() is a TCP
connection over loopback and is reported like any other.

What the hook cannot see: native code (llama.cpp, Qt) calling the operating system
directly. For that, the check also asks the operating system (psutil) which Internet
sockets the app and the worker hold when the run ends.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from desktop.paths import CHECKOUT, examples_dir

if TYPE_CHECKING:
    from desktop.engine.context import CancelToken

BLOCK_ENV = "RUNNEL_BLOCK_NETWORK"
DEFAULT_WORKFLOW = examples_dir() / "invoice-to-records.yaml"      # uses the model
DEFAULT_INPUT = CHECKOUT / "resources" / "samples" / "invoice-northwind.pdf"
REFUSED = "network access is blocked by Runnel's privacy check"

_AF_UNIX = getattr(socket, "AF_UNIX", None)
_ADDRESS_EVENTS = ("socket.bind", "socket.connect", "socket.sendto", "socket.sendmsg")
_LOCAL_EVENTS = ("socket.gethostname",)


class NetworkBlocked(PermissionError):
    """A network operation refused by the privacy check (an OSError, so code that
    copes with a missing network copes with this too)."""


def network_use(event: str, args: tuple[Any, ...]) -> str | None:
    """What a socket audit event does to the network, in a few words; None when it
    is not network use (a Unix-domain socket, the host's own name, other events)."""
    if not event.startswith("socket.") or event in _LOCAL_EVENTS:
        return None
    if event == "socket.__new__":
        family = args[1] if len(args) > 1 else None
        # -1: a socket wrapped around an existing descriptor; its family is known, and
        # checked, when it connects, binds or sends
        if family in (_AF_UNIX, -1):
            return None
        return f"socket.socket: create a {_family_name(family)} socket"
    if event in _ADDRESS_EVENTS:
        family = getattr(args[0], "family", None) if args else None
        if _AF_UNIX is not None and family == _AF_UNIX:
            return None
        address = args[1] if len(args) > 1 else None
        return f"{event}: {_address(address)} ({_family_name(family)})"
    shown = ", ".join(repr(a) for a in args[:2])       # look-ups: the host (and port)
    return f"{event}({shown})"


def _family_name(family: Any) -> str:
    try:
        return socket.AddressFamily(family).name
    except (ValueError, TypeError):
        return f"family {family}"


def _address(address: Any) -> str:
    if isinstance(address, tuple) and len(address) >= 2:
        host, port = address[0], address[1]
        return f"[{host}]:{port}" if ":" in str(host) else f"{host}:{port}"
    return "an already connected peer" if address is None else repr(address)


class _Guard:
    """The audit hook: installed once per process, refusing only while `active`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._installed = False
        self.active = False
        self.attempts: list[str] = []
        self.on_attempt: Callable[[str], None] | None = None

    def install(self) -> None:
        with self._lock:
            if not self._installed:
                sys.addaudithook(self._hook)
                self._installed = True

    def _hook(self, event: str, args: tuple[Any, ...]) -> None:
        # called for every audit event in the process (imports, opens, ...): cheap exit
        if not self.active or not event.startswith("socket."):
            return
        what = network_use(event, args)
        if what is None:
            return
        self.attempts.append(what)
        if self.on_attempt is not None:
            try:
                self.on_attempt(what)
            except Exception:
                pass
        raise NetworkBlocked(f"{REFUSED}: {what}")


_guard = _Guard()
_check_lock = threading.Lock()


def block_network(on_attempt: Callable[[str], None] | None = None) -> None:
    """Refuse network use for the rest of this process's life (the worker's way)."""
    _guard.on_attempt = on_attempt
    _guard.install()
    _guard.active = True


def network_report() -> dict[str, Any]:
    """What the worker adds to its `stats` reply."""
    return {"network_blocked": _guard.active, "socket_attempts": list(_guard.attempts)}


class blocked_network:
    """`with blocked_network() as attempts:` refuses network use in this whole process
    (every thread) for the block's duration; `attempts` lists what was refused."""

    def __enter__(self) -> list[str]:
        _guard.install()
        self._outer = (_guard.active, _guard.attempts)
        _guard.attempts = self.attempts = []
        _guard.active = True
        return self.attempts

    def __exit__(self, *exc: object) -> None:
        active, outer = self._outer
        outer.extend(self.attempts)          # a block inside a block: the outer one saw it too
        _guard.active, _guard.attempts = active, outer


@dataclass
class PrivacyReport:
    ran: bool                                   # the workflow was started
    run_status: str | None                      # done, failed, ... (None: not started)
    socket_attempts: list[str] = field(default_factory=list)    # empty = none
    processes_checked: list[str] = field(default_factory=list)  # "app", "worker"
    seconds: float = 0.0
    workflow: str = ""                          # the file
    workflow_name: str = ""
    input: str | None = None
    error: str | None = None                    # why the run did not finish
    model_calls: int = 0                        # requests answered by the worker
    models: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.ran and self.run_status == "done" and not self.socket_attempts

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok, "summary": self.summary()}

    def summary(self) -> str:
        """One or two plain sentences for a person."""
        name = f"“{self.workflow_name}”" if self.workflow_name else Path(self.workflow).name
        on = f" on {Path(self.input).name}" if self.input else ""
        where = " and ".join({"app": "Runnel", "worker": "its model process"}.get(p, p)
                             for p in self.processes_checked) or "Runnel"
        if self.socket_attempts:
            n = len(self.socket_attempts)
            return (f"Something tried to use the network. The privacy check caught {n} attempt"
                    f"{'s' if n != 1 else ''} while {name} ran{on}:")
        if not self.ran:
            return f"The privacy check did not run. {name} could not be loaded: {self.error}"
        if self.run_status != "done":
            return (f"No socket was opened, but the check is incomplete. {name} did not finish"
                    f"{on} ({self.run_status}: {self.error or 'no reason recorded'}).")
        model = (f"; the model answered {self.model_calls} request"
                 f"{'s' if self.model_calls != 1 else ''} in its own process"
                 if self.model_calls else "; the workflow did not use the model")
        return (f"No socket was opened. {name} ran{on} in {self.seconds:.1f}\u00a0s with the "
                f"network blocked in {where}{model}.")


def _import_probes() -> None:
    """Import, before the block, what opens a socket at import time only to learn what
    this machine supports: urllib3 (imported by rapidocr, the OCR engine, through
    `requests`) creates an IPv6 socket and binds it to ::1 to set HAS_IPV6. It talks to
    nothing, but inside the block it would be counted (and refused) as network use,
    though the workflow never sent a byte. Anything opened while the workflow runs
    still counts."""
    try:
        import urllib3.util.connection  # noqa: F401
    except ImportError:
        pass


def check(workflow_path: Path | str | None = None, input_path: Path | str | None = None, *,
          cancel: CancelToken | None = None) -> PrivacyReport:
    """Run a workflow (default: the invoice example on the sample invoice, which uses
    the model) with the network blocked in this process and in a worker of its own.
    Outputs go to a temporary folder, history to a temporary database; both are
    removed afterwards, so a check leaves nothing behind."""
    from desktop.engine.errors import WorkflowFileError
    from desktop.engine.fileformat import load_workflow
    from desktop.llm.client import LLMClient
    from desktop.runner import Runner
    from desktop.store.runs import RunStore

    workflow = Path(workflow_path) if workflow_path else DEFAULT_WORKFLOW
    if input_path:
        inputs = [Path(input_path).absolute()]
    else:
        inputs = [DEFAULT_INPUT] if workflow_path is None else []
    report = PrivacyReport(ran=False, run_status=None, workflow=str(workflow),
                           input=str(inputs[0]) if inputs else None)
    _import_probes()
    with _check_lock:                            # one check at a time: they share the hook
        tmp = Path(tempfile.mkdtemp(prefix="runnel-privacy-"))
        started = time.monotonic()
        try:
            with blocked_network() as attempts:
                try:
                    wf = load_workflow(workflow)
                except WorkflowFileError as e:
                    report.error = str(e)
                    return report
                report.workflow_name = wf.name
                folders = {name: str(tmp / "folders" / name) for name in wf.folders}
                llm = LLMClient(block_network=True)
                store = RunStore(tmp / "history.db")
                runner = Runner(store, llm=llm)
                others: list[str] = []          # the worker's, and what the OS reports
                try:
                    batch = runner.run(wf, inputs, cancel=cancel, folders=folders)
                    run = batch.runs[0]
                    report.ran = True
                    report.run_status = run.status
                    report.error = run.error
                    calls = store.model_calls(run.run_id)
                    report.model_calls = len(calls)
                    report.models = sorted({c["model"] for c in calls if c["model"]})
                    report.processes_checked.append("app")
                    worker = _worker_report(llm)
                    if worker is not None:
                        report.processes_checked.append("worker")
                        others += [f"worker: {a}" for a in worker]
                    others += _open_internet_sockets({"app": os.getpid(), "worker": llm.pid})
                finally:
                    runner.close()
                    store.close()
                report.socket_attempts = [f"app: {a}" for a in attempts] + others
        finally:
            report.seconds = time.monotonic() - started
            shutil.rmtree(tmp, ignore_errors=True)
    return report


def _worker_report(llm: Any) -> list[str] | None:
    """What the worker refused; None when no worker ran under the block (the workflow
    did not use the model, or the worker did not honour the variable). A worker that
    crashed took its list with it, but then the run failed and the check fails too."""
    if llm.pid is None:
        return None
    try:
        stats = llm.stats()
    except Exception:
        return None
    if not stats.get("network_blocked"):
        return None
    return list(stats.get("socket_attempts") or [])


def _open_internet_sockets(pids: dict[str, int | None]) -> list[str]:
    """Internet sockets the operating system says these processes hold (native code
    included), other than loopback ones."""
    import psutil

    found = []
    for who, pid in pids.items():
        if pid is None:
            continue
        try:
            conns = psutil.Process(pid).net_connections(kind="inet")
        except (psutil.Error, OSError):
            continue
        for c in conns:
            ends = [e for e in (c.laddr, c.raddr) if e]
            if all(_loopback(e.ip) for e in ends):
                continue
            peer = f" to {c.raddr.ip}:{c.raddr.port}" if c.raddr else ""
            local = f"{c.laddr.ip}:{c.laddr.port}" if c.laddr else "?"
            found.append(f"{who}: an open {'TCP' if c.type == socket.SOCK_STREAM else 'UDP'} "
                         f"socket at {local}{peer} ({c.status or 'open'})")
    return found


def _loopback(ip: str) -> bool:
    import ipaddress

    try:
        return ipaddress.ip_address(ip.split("%")[0]).is_loopback
    except ValueError:
        return False
