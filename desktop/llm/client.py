"""The app's side of the inference worker: starts it, restarts it when it dies,
serves requests one at a time in order, streams tokens, cancels.

Thread-safe: any step thread may call it; callers queue for their turn (FIFO), and
a caller waiting for its turn or for a reply can be cancelled.
"""

from __future__ import annotations

import collections
import itertools
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import Callable

import psutil

from desktop.engine.context import Cancelled, CancelToken
from desktop import settings
from desktop.llm import catalog
from desktop.llm.catalog import Model, ModelError

CANCEL_GRACE = 0.3        # seconds the worker gets to stop by itself before it is killed
# seconds a closing client waits for the worker to exit by itself: a worker inside a
# long native call (evaluating a prompt) reads nothing until it returns, and quitting
# must not wait for that
CLOSE_GRACE = 1.0
_POLL = 0.02


class WorkerCrashed(ModelError):
    """The worker process died while serving a request."""


class LoadFailed(ModelError):
    """llama.cpp refused the model file."""


@dataclass
class Generation:
    text: str
    finish: str                 # stop | length | cancelled
    tokens_in: int
    tokens_evaluated: int       # prompt tokens actually computed (the rest came from reuse)
    tokens_out: int
    seconds: float
    prompt_seconds: float
    generation_seconds: float
    model: str = ""

    @property
    def tokens_per_second(self) -> float:
        return self.tokens_out / self.generation_seconds if self.generation_seconds > 0 else 0.0


IDLE_RATES_KEY = "llm_idle_rates"     # settings: {model name: tokens/s seen on a quiet machine}
QUIET = 0.5              # cores used by other programs below which the machine counts as quiet
SLOW = 0.5               # below this share of the quiet speed, the status says the computer is busy
SPEED_AFTER = 0.25       # seconds of generation before a speed means anything


@dataclass(frozen=True)
class Speed:
    """How fast the model generates now, and what it is up against: sent to the
    listeners of LLMClient.speed while a model streams, and when a generation ends."""
    model: str
    tokens: int
    seconds: float
    threads: int
    busy: float                  # cores other programs keep busy
    quiet_rate: float | None     # tokens/s this machine did with the model when quiet
    done: bool = False

    @property
    def rate(self) -> float:
        return self.tokens / self.seconds if self.seconds > 0 else 0.0

    @property
    def slowed(self) -> bool:
        """Far below the quiet speed, because other programs use the CPU."""
        return bool(self.quiet_rate) and self.busy >= QUIET and self.rate < SLOW * (self.quiet_rate or 0)

    def describe(self) -> str:
        if self.slowed:
            return f"the computer is busy: {self.rate:.0f} tok/s instead of {self.quiet_rate:.0f}"
        return f"{self.rate:.0f} tok/s"


@dataclass(frozen=True)
class Loading:
    """A model is being loaded before a step can use it (which takes a while the first
    time: the worker starts, the file is read), or has loaded: sent to the listeners
    of LLMClient.load_listeners, from the thread that asked for the model."""
    model: str
    reason: str                  # why now: FIRST_USE, RESTARTED or RELOAD
    done: bool = False
    seconds: float = 0.0         # how long it took (when done)
    failed: bool = False

    def describe(self) -> str:
        if self.failed:
            return f"{self.model} did not load"
        if self.done:
            return f"{self.model} loaded in {self.seconds:.1f} s; it stays loaded for the next steps"
        why = {FIRST_USE: "first use: it loads once, then stays loaded",
               RESTARTED: "the inference worker restarted",
               RELOAD: "another model or setting"}.get(self.reason, self.reason)
        return f"Loading the model {self.model} ({why})…"


FIRST_USE, RESTARTED, RELOAD = "first use", "restarted", "reload"


def worker_command(python: str | None = None) -> list[str]:
    """The command that starts the inference worker. In the packaged app
    sys.executable is the app itself, which has an internal `worker` mode; otherwise
    `python` (default: this interpreter) runs the worker module."""
    if python is None and getattr(sys, "frozen", False):
        return [sys.executable, "worker"]
    return [python or sys.executable, "-m", "desktop.llm.worker"]


def default_threads() -> int:
    """The user's choice in Preferences, else the number of physical cores."""
    chosen = _setting_int("llm_threads")
    return chosen if chosen and chosen > 0 else (psutil.cpu_count(logical=False) or os.cpu_count() or 1)


def _setting_int(key: str) -> int | None:
    value = settings.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def gpu_layers() -> int:
    """The user's choice in Preferences, else all layers where this llama.cpp build
    can offload (Metal, CUDA), else none."""
    chosen = _setting_int("llm_gpu_layers")
    if not gpu_offload_supported():
        return 0
    return chosen if chosen is not None else -1


def gpu_offload_supported() -> bool:
    try:
        import llama_cpp

        return bool(llama_cpp.llama_supports_gpu_offload())
    except Exception:
        return False


class _Turns:
    """First come, first served; waiting can be cancelled."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._queue: collections.deque[object] = collections.deque()

    def acquire(self, cancel: CancelToken | None) -> object:
        ticket = object()
        with self._cond:
            self._queue.append(ticket)
            while self._queue[0] is not ticket:
                if cancel is not None and cancel.cancelled:
                    self._queue.remove(ticket)
                    self._cond.notify_all()
                    raise Cancelled()
                self._cond.wait(_POLL * 5)
        return ticket

    def release(self, ticket: object) -> None:
        with self._cond:
            self._queue.remove(ticket)
            self._cond.notify_all()


class LLMClient:
    def __init__(self, n_threads: int | None = None, n_ctx: int | None = None,
                 python: str | None = None, reuse_prefix: bool = True,
                 block_network: bool = False):
        self._given_threads = n_threads
        self.follow_thread_setting()
        self.speed_listeners: list[Callable[[Speed], None]] = []
        self.last_speed: Speed | None = None
        self.load_listeners: list[Callable[[Loading], None]] = []
        self._quiet_rates: dict[str, float] = dict(settings.get(IDLE_RATES_KEY) or {})
        self.n_ctx = n_ctx or _setting_int("llm_context")
        self.reuse_prefix = reuse_prefix      # keep the KV state of shared instruction prefixes
        # privacy check (desktop.privacy): the worker refuses and reports any network use
        self.block_network = block_network
        self.python = python          # None: worker_command() decides
        self._proc: subprocess.Popen | None = None
        self._replies: dict[int, queue.Queue] = {}
        self._ids = itertools.count(1)
        self._turns = _Turns()
        self._write_lock = threading.Lock()
        self._stderr: collections.deque[str] = collections.deque(maxlen=40)
        self._loaded: tuple | None = None
        self.loaded_model: Model | None = None
        self.restarts = 0
        self._closing = False
        # workers close() stopped: a request they leave unanswered was stopped, not crashed
        # (the reader reports the death after close() has returned)
        self._closed: set[subprocess.Popen] = set()

    # ------------------------------------------------------------ process

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc and self._proc.poll() is None else None

    def _start(self) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        if self.block_network:       # honoured by desktop.llm.worker.main (privacy check)
            env["RUNNEL_BLOCK_NETWORK"] = "1"
        self._proc = subprocess.Popen(
            worker_command(self.python), stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
            encoding="utf-8", bufsize=1)
        self._loaded = None
        self.loaded_model = None
        ready: queue.Queue = queue.Queue()
        self._replies[0] = ready
        threading.Thread(target=self._read_stdout, args=(self._proc,), daemon=True).start()
        threading.Thread(target=self._read_stderr, args=(self._proc,), daemon=True).start()
        try:
            msg = ready.get(timeout=60)
        except queue.Empty:
            self._kill()
            raise ModelError("the inference worker did not start within 60 s") from None
        finally:
            self._replies.pop(0, None)
        if msg.get("event") != "ready":
            raise ModelError(f"the inference worker failed to start: {self._stderr_tail()}")

    def _read_stdout(self, proc: subprocess.Popen) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            rid = msg.get("id")
            target = self._replies.get(0 if rid is None else rid)
            if target is not None:
                target.put(msg)
        proc.wait()
        for q in list(self._replies.values()):      # wake everyone waiting: it died
            q.put({"event": "died", "returncode": proc.returncode, "closed": proc in self._closed})
        self._closed.discard(proc)

    def _read_stderr(self, proc: subprocess.Popen) -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            self._stderr.append(line.rstrip())

    def _stderr_tail(self) -> str:
        lines = [l for l in self._stderr if l.strip()][-3:]
        return " | ".join(lines) if lines else "no output"

    def _kill(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._loaded = None
        self.loaded_model = None

    def close(self) -> None:
        self._closing = True
        if self._proc is not None and self._proc.poll() is None:
            self._closed.add(self._proc)
            try:
                self._send({"id": next(self._ids), "op": "shutdown"})
                self._proc.wait(timeout=CLOSE_GRACE)     # busy in native code: killed below
            except (OSError, subprocess.TimeoutExpired):
                self._kill()
        self._proc = None
        self._closing = False

    def _send(self, msg: dict) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        with self._write_lock:
            self._proc.stdin.write(json.dumps(msg) + "\n")
            self._proc.stdin.flush()

    # ------------------------------------------------------------ requests

    def _request(self, op: str, payload: dict, *, cancel: CancelToken | None = None,
                 on_token: Callable[[str], None] | None = None, model: Model | None = None,
                 hold: bool = False) -> dict:
        """Send one request and wait for its result. `hold` means the caller already
        has the turn."""
        ticket = None if hold else self._turns.acquire(cancel)
        try:
            if self._proc is None or self._proc.poll() is not None:
                if self._proc is not None:
                    self.restarts += 1
                self._start()
            rid = next(self._ids)
            replies: queue.Queue = queue.Queue()
            self._replies[rid] = replies
            try:
                self._send({"id": rid, "op": op, **payload})
            except OSError:
                pass      # it died; the reader reports it below
            cancel_sent_at = None
            settled = False       # a final reply (result, error, death) has arrived
            try:
                while True:
                    # checked on every message too: a streaming reply never leaves the queue empty
                    if cancel is not None and cancel.cancelled:
                        if cancel_sent_at is None:
                            cancel_sent_at = time.monotonic()
                            self._send_quietly({"op": "cancel", "target": rid})
                        elif time.monotonic() - cancel_sent_at > CANCEL_GRACE:
                            self._kill()      # stuck in native code: a fresh worker comes next
                            raise Cancelled()
                    try:
                        msg = replies.get(timeout=_POLL)
                    except queue.Empty:
                        continue
                    event = msg.get("event")
                    if event == "token":
                        if on_token is not None:
                            on_token(msg["text"])
                        if model is not None and msg.get("seconds", 0) >= SPEED_AFTER:
                            self._report(model, msg, done=False)
                        continue
                    settled = True
                    if event == "result":
                        if cancel_sent_at is not None or (cancel is not None and cancel.cancelled):
                            raise Cancelled()
                        return msg
                    if event == "error":
                        if msg.get("kind") == "load_failed":
                            raise LoadFailed(self._explain(msg, model))
                        raise ModelError(self._explain(msg, model))
                    if event == "died":
                        self._loaded = None
                        self.loaded_model = None
                        if cancel_sent_at is not None:
                            raise Cancelled()
                        if self._closing or msg.get("closed"):
                            raise ModelError("the inference worker was stopped")
                        raise WorkerCrashed(self._died(msg.get("returncode"), op, model))
            except BaseException:
                if not settled:
                    self._abandon(rid, replies)   # e.g. a token callback raised
                raise
            finally:
                self._replies.pop(rid, None)
        finally:
            if ticket is not None:
                self._turns.release(ticket)

    def _report(self, model: Model, msg: dict, done: bool) -> None:
        """Tell the speed listeners how fast `model` goes; a finished generation on a
        quiet machine becomes the speed to compare with."""
        tokens = int(msg.get("tokens", msg.get("tokens_out", 0)))
        seconds = float(msg.get("seconds" if not done else "generation_seconds", 0.0))
        busy = float(msg.get("busy", 0.0))
        speed = Speed(model.name, tokens, seconds, int(msg.get("threads", 0)), busy,
                      self._quiet_rates.get(model.name), done)
        # a quiet stretch of a generation counts too, so the first one under load
        # already has a speed to compare with
        if busy < QUIET and tokens >= 16 and speed.rate > (speed.quiet_rate or 0) * 1.1:
            self._quiet_rates[model.name] = round(speed.rate, 1)
            try:
                settings.update(**{IDLE_RATES_KEY: dict(self._quiet_rates)})
            except OSError:
                pass           # only a comparison is lost
        self.last_speed = speed
        for listener in list(self.speed_listeners):
            listener(speed)

    def _send_quietly(self, msg: dict) -> None:
        try:
            self._send(msg)
        except OSError:
            pass      # it died: the reader reports that

    def _abandon(self, rid: int, replies: queue.Queue) -> None:
        """Stop a request whose caller gave up, so the next one is not kept waiting."""
        self._send_quietly({"op": "cancel", "target": rid})
        deadline = time.monotonic() + CANCEL_GRACE
        while time.monotonic() < deadline:
            try:
                if replies.get(timeout=_POLL).get("event") in ("result", "error", "died"):
                    return
            except queue.Empty:
                continue
        self._kill()

    def _explain(self, msg: dict, model: Model | None) -> str:
        name = model.name if model else "the model"
        if msg.get("kind") == "load_failed":
            return f"{name} could not be loaded: {msg['message']}"
        return msg["message"]

    def _died(self, code: int | None, op: str, model: Model | None) -> str:
        how = "stopped"
        if code is not None and code < 0:
            try:
                how = f"was killed by {signal.Signals(-code).name}"
            except ValueError:
                how = f"was killed by signal {-code}"
        elif code:
            how = f"exited with code {code}"
        doing = {"load": "loading", "generate": "generating with", "score": "scoring with"}.get(op, "using")
        name = model.name if model else "a model"
        return (f"the inference worker {how} while {doing} {name} "
                f"(last output: {self._stderr_tail()}); it will be restarted for the next step")

    # ------------------------------------------------------------ model

    def ensure_model(self, model: Model, *, n_ctx: int | None = None,
                     cancel: CancelToken | None = None, force: bool = False,
                     hold: bool = False, embedding: bool = False) -> dict | None:
        """Load `model` unless it is already loaded. Refuses models that crashed the
        worker before (until `runnel models reset`), and models that will not fit."""
        ctx = model.context_for(n_ctx or self.n_ctx)
        identity = self.model_identity(str(model.path))
        key = (identity, ctx, embedding)
        if self._loaded == key and self.pid is not None:
            return None
        crashed = catalog.crashed_models().get(model.name)
        if crashed and not force:
            raise ModelError(f"{model.name} failed when it was last loaded ({crashed['reason']}); "
                             f"it is not loaded automatically again. When the file is fixed, "
                             f"run `runnel models reset {model.name}`")
        warning = catalog.check_fits(model, ctx)
        if warning and not force:
            raise ModelError(warning + "; choose a smaller model or a shorter context")
        payload = {"path": str(model.path), "identity": identity, "n_ctx": ctx, "n_threads": self.n_threads,
                   "adapt_threads": self.adapt_threads,
                   "n_gpu_layers": gpu_layers(), "embedding": embedding, "n_batch": 512}
        # a step about to wait (the first time, up to a minute) says why
        reason = FIRST_USE if self._proc is None else RESTARTED if self.pid is None else RELOAD
        self._tell_loading(Loading(model.name, reason))
        started = time.monotonic()
        try:
            reply = self._request("load", payload, cancel=cancel, model=model, hold=hold)
        except (WorkerCrashed, LoadFailed) as e:
            # only the model's own fault is remembered, not a worker that could not start
            catalog.remember_crash(model, str(e))
            self._tell_loading(Loading(model.name, reason, done=True, failed=True))
            raise
        except BaseException:
            self._tell_loading(Loading(model.name, reason, done=True, failed=True))
            raise
        self._loaded = key
        self.loaded_model = model
        self._tell_loading(Loading(model.name, reason, done=True, seconds=time.monotonic() - started))
        return reply

    def _tell_loading(self, loading: Loading) -> None:
        for listener in list(self.load_listeners):
            try:
                listener(loading)
            except Exception:
                pass          # a listener's defect must not stop the model loading

    def follow_thread_setting(self) -> None:
        """Take the thread count from Preferences (again): a count given to the client
        or chosen there stays fixed; else threads follow the load. A change reloads the
        model with it on the next request."""
        threads = self._given_threads or default_threads()
        adapt = not (self._given_threads or _setting_int("llm_threads"))
        if (threads, adapt) != (getattr(self, "n_threads", None), getattr(self, "adapt_threads", None)):
            self.n_threads, self.adapt_threads = threads, adapt
            self._loaded = None

    @staticmethod
    def model_identity(name: str | None) -> str:
        """Which model file exactly (path, size, modification time): the key of cached
        AI results, and what makes the worker reload a replaced file."""
        try:
            m = catalog.find_model(name)
            st = m.path.stat()
            return f"{m.path}:{st.st_size}:{st.st_mtime_ns}"
        except (ModelError, OSError):
            return f"missing:{name}"

    # ------------------------------------------------------------ inference

    def _with_model(self, model: Model, op: str, payload: dict, *,
                    cancel: CancelToken | None = None, on_token: Callable[[str], None] | None = None,
                    n_ctx: int | None = None) -> dict:
        ticket = self._turns.acquire(cancel)
        try:
            self.ensure_model(model, n_ctx=n_ctx, cancel=cancel, hold=True)
            return self._request(op, payload, cancel=cancel, on_token=on_token, model=model,
                                 hold=True)
        finally:
            self._turns.release(ticket)

    def grammar_problem(self, model: Model, grammar: str) -> str | None:
        """What llama.cpp's own parser finds wrong with `grammar` (None: it parses)."""
        return self._with_model(model, "check_grammar", {"grammar": grammar})["problem"]

    def generate(self, model: Model, prompt: str, *, prefix: str = "", document: str = "",
                 max_tokens: int = 256,
                 temperature: float = 0.0, seed: int = 0, grammar: str | None = None,
                 stop: list[str] | None = None, reuse_prefix: bool | None = None,
                 repeat_penalty: float = 1.0,
                 cancel: CancelToken | None = None, on_token: Callable[[str], None] | None = None,
                 n_ctx: int | None = None) -> Generation:
        reply = self._with_model(model, "generate", {
            "prefix": prefix, "document": document, "prompt": prompt, "max_tokens": max_tokens,
            "temperature": temperature, "seed": seed, "grammar": grammar, "stop": stop or [],
            "reuse_prefix": self.reuse_prefix if reuse_prefix is None else reuse_prefix,
            "stream": on_token is not None,
            "repeat_penalty": repeat_penalty},
            cancel=cancel, on_token=on_token, n_ctx=n_ctx)
        self._report(model, reply, done=True)
        return Generation(reply["text"], reply["finish"], reply["tokens_in"],
                          reply["tokens_evaluated"], reply["tokens_out"], reply["seconds"],
                          reply["prompt_seconds"], reply["generation_seconds"], model.name)

    def chat(self, model: Model, messages: list[dict[str, str]], *, max_tokens: int = 256,
             temperature: float = 0.0, seed: int = 0, cancel: CancelToken | None = None,
             on_token: Callable[[str], None] | None = None) -> Generation:
        """A conversation rendered by the worker with the model's chat template."""
        reply = self._with_model(model, "chat", {
            "messages": messages, "max_tokens": max_tokens, "temperature": temperature,
            "seed": seed, "reuse_prefix": self.reuse_prefix, "stream": on_token is not None},
            cancel=cancel, on_token=on_token)
        self._report(model, reply, done=True)
        return Generation(reply["text"], reply["finish"], reply["tokens_in"],
                          reply["tokens_evaluated"], reply["tokens_out"], reply["seconds"],
                          reply["prompt_seconds"], reply["generation_seconds"], model.name)

    def embed(self, model: Model, text: str, cancel: CancelToken | None = None) -> list[float]:
        """An embedding vector; the model is (re)loaded in embedding mode for it."""
        ticket = self._turns.acquire(cancel)
        try:
            self.ensure_model(model, cancel=cancel, hold=True, embedding=True)
            return self._request("embed", {"text": text}, cancel=cancel, model=model,
                                 hold=True)["embedding"]
        finally:
            self._turns.release(ticket)

    # prompt tokens of the last `score` request, for the step that records it
    last_score_tokens = 0

    def score(self, model: Model, prompt: str, candidates: list[str], *, prefix: str = "",
              document: str = "", per_token: bool = False, with_end: bool | None = None,
              cancel: CancelToken | None = None) -> list[float]:
        """Log-probability of each candidate as the answer (per token with `per_token`);
        the end of the answer counts when one candidate is a prefix of another, or when
        `with_end` says so."""
        if with_end is None:
            with_end = any(a != b and b.startswith(a) for a in candidates for b in candidates)
        reply = self._with_model(model, "score", {"prefix": prefix, "document": document,
                                                  "prompt": prompt, "candidates": candidates,
                                                  "with_end": with_end, "per_token": per_token},
                                 cancel=cancel)
        self.last_score_tokens = int(reply.get("tokens_in", 0))
        return reply["logprobs"]

    def tokenize(self, model: Model, text: str, cancel: CancelToken | None = None,
                 special: bool = True) -> list[int]:
        return self._with_model(model, "tokenize", {"text": text, "special": special},
                                cancel=cancel)["tokens"]

    def count_tokens(self, model: Model, text: str, cancel: CancelToken | None = None,
                     special: bool = True) -> int:
        return len(self.tokenize(model, text, cancel, special))

    def chunks(self, model: Model, text: str, size: int, overlap: int,
               cancel: CancelToken | None = None) -> tuple[list[str], int]:
        """(pieces of at most `size` tokens, overlapping; the text's token count)."""
        reply = self._with_model(model, "chunks", {"text": text, "size": size, "overlap": overlap},
                                 cancel=cancel)
        return reply["chunks"], reply["tokens"]

    def detokenize(self, model: Model, tokens: list[int], cancel: CancelToken | None = None) -> str:
        return self._with_model(model, "detokenize", {"tokens": tokens}, cancel=cancel)["text"]

    def context_size(self, model: Model) -> int:
        return model.context_for(self.n_ctx)

    def stats(self) -> dict:
        return self._request("stats", {})

    def unload(self) -> None:
        if self.pid is not None:
            self._request("unload", {})
        self._loaded = None
        self.loaded_model = None
