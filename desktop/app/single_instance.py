"""One Runnel per user and data folder. The first launch holds a lock file in the data
folder for its whole life and listens on a local socket; a later launch finds the lock
taken and hands its arguments (one JSON line: args + cwd) to the first, which answers
"ok". The lock, not the socket, decides who is first: a socket file can outlive a
killed process (or be swept out of /tmp), a lock held by a dead process cannot."""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import time

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop import paths

log = logging.getLogger(__name__)

ACK = b"ok\n"
MAX_MESSAGE = 1 << 20          # a launch's arguments; anything bigger is not from us
READ_TIMEOUT_MS = 5000         # a client that connects and says nothing is dropped


class AlreadyRunning(Exception):
    """Another Runnel holds this data folder but did not take our arguments."""


def default_key() -> str:
    try:
        user = getpass.getuser()
    except Exception:          # no login name (odd containers): the uid still separates users
        user = str(getattr(os, "getuid", lambda: "")())
    home = str(paths.runnel_home().resolve())
    # short: the socket lives at $TMPDIR/<key>, and sun_path holds only 104-108 bytes
    return "runnel-" + hashlib.sha256(f"{user}\0{home}".encode()).hexdigest()[:16]


def resolve_args(args: list[str], cwd: str) -> list[str]:
    """Make file arguments absolute against the launch's own working directory;
    options ("-...") and URLs pass through."""
    out = []
    for arg in args:
        if arg.startswith("-") or "://" in arg or not cwd:
            out.append(arg)
        else:
            out.append(os.path.normpath(os.path.join(cwd, arg)))
    return out


class SingleInstance(QObject):
    messageReceived = Signal(list)      # a later launch's arguments (file paths absolute)

    def __init__(self, key: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.key = key or default_key()
        home = paths.runnel_home()
        self.lock_path = home / ("instance.lock" if key is None else f"{key}.lock")
        self._lock: QLockFile | None = None
        self._server: QLocalServer | None = None

    @property
    def is_primary(self) -> bool:
        return self._lock is not None

    def claim(self) -> bool:
        """True: we are the one Runnel and now receive later launches' arguments.
        Needs the QCoreApplication (the server's notifier lives in its event loop)."""
        if self._lock is not None:
            return True
        if QCoreApplication.instance() is None:
            raise RuntimeError("create the QApplication before claiming the single instance")
        lock = QLockFile(str(self.lock_path))
        # held for the app's whole life: never stale by age, only when its process is gone
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            return False
        self._lock = lock
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.key):
            # we hold the lock, so a socket by that name is a leftover of a killed primary
            QLocalServer.removeServer(self.key)
            if not server.listen(self.key):
                # still the one instance; later launches will say we do not answer
                log.warning("single instance: cannot listen on %s: %s",
                            self.key, server.errorString())
        server.newConnection.connect(self._accept)
        self._server = server
        QCoreApplication.instance().aboutToQuit.connect(self.close)
        return True

    def holder_pid(self) -> int | None:
        """The process holding the lock (when it is not us), for messages."""
        info = QLockFile(str(self.lock_path)).getLockInfo()   # PySide: (pid, host, app)
        pid = int(info[0]) if info else 0
        return pid or None

    def send(self, args: list[str], timeout_ms: int = 3000) -> bool:
        """Hand args to the running Runnel; True once it acknowledged them."""
        try:
            cwd = os.getcwd()
        except OSError:               # launched from a deleted folder: relative args stay as they are
            cwd = ""
        line = json.dumps({"args": [str(a) for a in args], "cwd": cwd},
                          ensure_ascii=False).encode() + b"\n"
        deadline = time.monotonic() + timeout_ms / 1000

        def left() -> int:
            return max(0, int((deadline - time.monotonic()) * 1000))

        sock = QLocalSocket()
        while True:
            sock.connectToServer(self.key)
            if sock.waitForConnected(min(left(), 500)):
                break
            sock.abort()
            # the primary may hold the lock but not listen yet (we started together)
            if left() <= 0:
                return False
            time.sleep(0.05)
        try:
            sock.write(line)
            if not sock.waitForBytesWritten(left()) and sock.bytesToWrite():
                return False
            reply = b""
            while not reply.endswith(b"\n"):
                if not sock.bytesAvailable() and not sock.waitForReadyRead(left()):
                    return False          # alive but not answering: hung, or not Runnel
                reply += bytes(sock.readAll().data())
            return reply == ACK
        finally:
            sock.abort()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()          # removes the socket file
            self._server = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    # ------------------------------------------------------------ primary side

    def _accept(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            sock = server.nextPendingConnection()
            buf = bytearray()
            timer = QTimer(sock)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda s=sock: s.abort())   # abort() is no slot
            timer.start(READ_TIMEOUT_MS)
            sock.readyRead.connect(lambda s=sock, b=buf: self._read(s, b))
            sock.disconnected.connect(sock.deleteLater)
            self._read(sock, buf)

    def _read(self, sock: QLocalSocket, buf: bytearray) -> None:
        buf += bytes(sock.readAll().data())
        if b"\n" not in buf:
            if len(buf) > MAX_MESSAGE:
                sock.abort()
            return
        line = bytes(buf[:buf.index(b"\n")])
        buf.clear()
        try:
            msg = json.loads(line.decode())
            args, cwd = msg["args"], msg.get("cwd", "")
            if not (isinstance(args, list) and all(isinstance(a, str) for a in args)
                    and isinstance(cwd, str)):
                raise ValueError("args must be a list of strings")
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as e:
            log.warning("single instance: ignored a malformed message: %s", e)
            sock.abort()
            return
        sock.write(ACK)
        sock.flush()                      # acknowledge before the slots run (they may block)
        sock.disconnectFromServer()
        self.messageReceived.emit(resolve_args(args, cwd))


def hand_over_or_claim(args: list[str], timeout_ms: int = 3000) -> SingleInstance | None:
    """The claimed instance (we are the one Runnel), or None when a running Runnel
    took args (the caller exits). Raises AlreadyRunning when one runs but does not
    answer. Call after the QApplication exists."""
    instance = SingleInstance()
    if instance.claim():
        return instance
    if instance.send(args, timeout_ms):
        return None
    # no answer: if nobody holds the lock file open, its pid was reused after a crash by
    # a process of the same name (QLockFile then thinks it alive); take the lock over
    if QLockFile(str(instance.lock_path)).removeStaleLockFile() and instance.claim():
        return instance
    pid = instance.holder_pid()
    raise AlreadyRunning(
        f"Runnel is already running{f' (process {pid})' if pid else ''} but does not "
        f"answer; close it, or end that process, and start Runnel again")
