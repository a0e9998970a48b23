"""The inference worker: one long-lived process that owns llama.cpp.

Run as `python -m desktop.llm.worker`. It reads one JSON request per line on stdin
and writes JSON lines on its own copy of stdout (fd 1 is pointed at stderr so that
nothing native can corrupt the protocol). Requests are served one at a time, in
order; a `cancel` line is read while a generation runs and stops it between tokens.

Requests carry an `id` and an `op`: load, generate, score, tokenize, detokenize,
embed, check_grammar, unload, stats, cancel, shutdown. Replies: {"id", "event": "token", "text"}
while streaming, then {"id", "event": "result", ...} or {"id", "event": "error",
"message", "kind"}.
"""

from __future__ import annotations

import codecs
import json
import os
import queue
import sys
import threading
import time
from collections import OrderedDict, deque
from typing import Any, Callable

STATE_CACHE_ENTRIES = 4
# Streamed tokens are sent in small bundles: a message per token would wake the app
# (and steal a core from llama.cpp on small machines) hundreds of times a second.
STREAM_INTERVAL = 0.05
REFIT_SECONDS = 0.5         # how often a long generation re-checks its thread count
SPEED_SPAN = 1.0            # a streamed speed is that of the last second


def grammar_problem(vocab: Any, text: str) -> str | None:
    """What llama.cpp's grammar parser says of `text`, or None when it parses.

    The parser writes its complaint straight to the C stderr, so fd 2 is pointed at
    a temporary file for the duration of the call to read it back."""
    import tempfile

    import llama_cpp

    with tempfile.TemporaryFile() as said:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(said.fileno(), 2)
        try:
            sampler = llama_cpp.llama_sampler_init_grammar(vocab, text.encode("utf-8"), b"root")
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        said.seek(0)
        output = said.read().decode("utf-8", errors="replace")
    if sampler:
        llama_cpp.llama_sampler_free(sampler)
        return None
    # "parse: error parsing grammar: <what, and the rest of the text from there>\n\n<grammar>"
    _, found, rest = output.partition("error parsing grammar: ")
    what = " ".join(rest.split("\n\n", 1)[0].split())
    if not found or not what:
        return "llama.cpp could not parse it"
    if what.endswith(" at"):
        what += " the end"
    return what if len(what) <= 160 else what[:159] + "…"


class RequestError(Exception):
    def __init__(self, message: str, kind: str = "error"):
        super().__init__(message)
        self.kind = kind


class Worker:
    def __init__(self, send: Callable[[dict], None], meter: Any = None):
        self.send = send
        self.llm: Any = None
        self.config: dict[str, Any] | None = None
        self.cancelled: set[int] = set()
        self.states: OrderedDict[tuple[int, ...], Any] = OrderedDict()
        self.served = 0
        self.meter = meter            # desktop.llm.cpu.LoadMeter: threads follow the load
        self.threads = 0              # llama.cpp's thread count now
        self._fitted_at = 0.0

    def fit_threads(self, every: float = 0.0) -> None:
        """Give llama.cpp one thread per core that other programs leave free (or the
        fixed count the person chose): between requests, and every `every` seconds
        while one runs. Cheap: the load is sampled on the meter's own thread."""
        from desktop.llm.cpu import Load, choose_threads

        if self.llm is None or (every and time.monotonic() - self._fitted_at < every):
            return
        self._fitted_at = time.monotonic()
        config = self.config or {}
        most = int(config.get("n_threads") or 1)
        fixed = most if not config.get("adapt_threads") or self.meter is None else None
        wanted = choose_threads(most, self.meter.load if self.meter else Load(), fixed)
        if wanted != self.threads:
            import llama_cpp

            llama_cpp.llama_set_n_threads(self.llm._ctx.ctx, wanted, wanted)
            self.threads = wanted

    def busy(self) -> float:
        """Cores other programs keep busy (the last second)."""
        return round(self.meter.load.others, 2) if self.meter else 0.0

    # ------------------------------------------------------------ plumbing

    def handle(self, req: dict) -> None:
        rid = req.get("id")
        op = req.get("op")
        method = getattr(self, f"op_{op}", None)
        if method is None:
            self.send({"id": rid, "event": "error", "kind": "protocol",
                       "message": f"unknown request {op!r}"})
            return
        try:
            self.fit_threads()
            result = method(req)
            self.send({"id": rid, "event": "result", **result})
        except RequestError as e:
            self.send({"id": rid, "event": "error", "kind": e.kind, "message": str(e)})
        except Exception as e:   # report, keep serving
            self.send({"id": rid, "event": "error", "kind": "internal",
                       "message": f"{type(e).__name__}: {e}"})
        finally:
            self.served += 1
            self.cancelled.discard(rid)

    def need_model(self) -> Any:
        if self.llm is None:
            raise RequestError("no model is loaded", "no_model")
        return self.llm

    def tokens_of(self, text: str, bos: bool, special: bool = True) -> list[int]:
        llm = self.need_model()
        add_bos = bos and llm._model.add_bos_token()
        return llm.tokenize(text.encode("utf-8"), add_bos=add_bos, special=special) if text else (
            [llm.token_bos()] if add_bos else [])

    def prompt_tokens(self, req: dict) -> tuple[list[int], list[int]]:
        """(prefix tokens, all tokens). The prefix and the prompt are template text and
        may hold control tokens; the document in between is plain text: nothing in a
        document can become a control token."""
        prefix = self.tokens_of(req.get("prefix", ""), bos=True) if req.get("prefix") else []
        document = self.tokens_of(req.get("document", ""), bos=not prefix, special=False) \
            if req.get("document") else []
        prompt = self.tokens_of(req.get("prompt", ""), bos=not (prefix or document))
        return prefix, prefix + document + prompt

    # ------------------------------------------------------------ ops

    def op_load(self, req: dict) -> dict:
        config = {k: req.get(k) for k in ("path", "identity", "n_ctx", "n_threads", "adapt_threads",
                                          "n_gpu_layers", "embedding", "n_batch")}
        if self.llm is not None and config == self.config:
            return {"already_loaded": True, **self.describe()}
        self.op_unload({})
        from llama_cpp import Llama

        started = time.perf_counter()
        try:
            self.llm = Llama(model_path=config["path"], n_ctx=config["n_ctx"] or 4096,
                             n_threads=config["n_threads"], n_threads_batch=config["n_threads"],
                             n_gpu_layers=config["n_gpu_layers"] or 0, n_batch=config["n_batch"] or 512,
                             embedding=bool(config["embedding"]), seed=0, verbose=False)
        except Exception as e:
            raise RequestError(f"llama.cpp could not load the model ({e})", "load_failed") from None
        self.config = config
        self.threads = int(config["n_threads"] or 0)
        self.fit_threads()
        return {"already_loaded": False, "seconds": time.perf_counter() - started, **self.describe()}

    def describe(self) -> dict:
        llm = self.llm
        return {"n_ctx": llm.n_ctx(), "n_vocab": llm.n_vocab(), "path": self.config["path"]}

    def op_unload(self, req: dict) -> dict:
        if self.llm is not None:
            self.llm.close() if hasattr(self.llm, "close") else None
            self.llm = None
            self.config = None
            self.states.clear()
        return {"unloaded": True}

    def op_tokenize(self, req: dict) -> dict:
        tokens = self.tokens_of(req["text"], bool(req.get("bos", False)),
                                special=bool(req.get("special", True)))
        return {"tokens": tokens, "count": len(tokens)}

    def op_detokenize(self, req: dict) -> dict:
        llm = self.need_model()
        return {"text": llm.detokenize(req["tokens"]).decode("utf-8", errors="replace")}

    def op_stats(self, req: dict) -> dict:
        import psutil

        out = {"pid": os.getpid(), "served": self.served,
               "rss": psutil.Process().memory_info().rss, "prefix_states": len(self.states),
               "threads": self.threads, "busy": self.busy()}
        if self.llm is not None:
            out.update(self.describe())
        if os.environ.get("RUNNEL_BLOCK_NETWORK") == "1":      # privacy check: what was refused
            from desktop.privacy import network_report

            out.update(network_report())
        return out

    def op_embed(self, req: dict) -> dict:
        llm = self.need_model()
        if not (self.config or {}).get("embedding"):
            raise RequestError("the model was not loaded for embeddings", "no_embedding")
        vectors = llm.embed(req["text"])
        if vectors and isinstance(vectors[0], list):     # one per token: mean-pool them
            vectors = [sum(col) / len(vectors) for col in zip(*vectors, strict=True)]
        return {"embedding": [float(v) for v in vectors]}

    def op_chat(self, req: dict) -> dict:
        """Messages rendered with the model's own chat template, then generated."""
        from desktop.llm.prompts import render_template

        llm = self.need_model()
        prompt = render_template(llm.metadata.get("tokenizer.chat_template"), req["messages"])
        return self.op_generate({**req, "prefix": "", "prompt": prompt})

    def op_shutdown(self, req: dict) -> dict:
        raise SystemExit(0)

    def _prepare(self, prefix: list[int], reuse: bool) -> int:
        """Make the KV cache start with `prefix` when a saved state for it exists (or
        compute and save it). Returns how many prompt tokens are already evaluated."""
        llm = self.llm
        if not reuse or not prefix:
            llm.reset()
            return 0
        key = tuple(prefix)
        current = list(llm.input_ids[: llm.n_tokens])
        if current[: len(prefix)] == prefix:
            return len(prefix)
        state = self.states.get(key)
        if state is None:
            llm.reset()
            llm.eval(prefix)
            self.states[key] = _save_kv(llm)
            while len(self.states) > STATE_CACHE_ENTRIES:
                self.states.popitem(last=False)
            return 0              # evaluated now, counts as prompt work
        self.states.move_to_end(key)
        _load_kv(llm, state)
        return len(prefix)

    def op_generate(self, req: dict) -> dict:
        llm = self.need_model()
        import llama_cpp
        from llama_cpp import LlamaGrammar

        rid = req["id"]
        if rid in self.cancelled:
            return {"text": "", "finish": "cancelled", "tokens_in": 0, "tokens_evaluated": 0,
                    "tokens_out": 0, "seconds": 0.0, "prompt_seconds": 0.0, "generation_seconds": 0.0}
        prefix, tokens = self.prompt_tokens(req)
        max_tokens = int(req.get("max_tokens", 256))
        if len(tokens) + max_tokens > llm.n_ctx():
            raise RequestError(f"the prompt has {len(tokens)} tokens; with up to {max_tokens} "
                               f"to generate it does not fit the context of {llm.n_ctx()}",
                               "context")
        started = time.perf_counter()
        reused = self._prepare(prefix, bool(req.get("reuse_prefix", True)))
        grammar = None
        if req.get("grammar"):
            # llama-cpp-python's LlamaGrammar only stores the text, and a grammar that
            # llama.cpp then fails to parse crashes the sampler: parse it here first
            problem = grammar_problem(llm._model.vocab, req["grammar"])
            if problem:
                raise RequestError(f"the output grammar is invalid ({problem})", "grammar")
            grammar = LlamaGrammar.from_string(req["grammar"], verbose=False)
        llm.set_seed(int(req.get("seed", 0)))
        stops = [s for s in req.get("stop") or [] if s]
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        text, out_tokens, finish = "", 0, "length"
        first_token_at = None
        recent: deque[tuple[float, int]] = deque()       # (when, tokens so far) as streamed
        stream = bool(req.get("stream", True))
        sent, last_sent = 0, 0.0
        vocab = llm._model.vocab
        for token in llm.generate(tokens, temp=float(req.get("temperature", 0.0)),
                                  top_k=int(req.get("top_k", 40)), top_p=float(req.get("top_p", 0.95)),
                                  min_p=float(req.get("min_p", 0.05)),
                                  repeat_penalty=float(req.get("repeat_penalty", 1.0)),
                                  grammar=grammar, reset=True):
            if first_token_at is None:
                first_token_at = time.perf_counter()
                recent.append((first_token_at, 0))
            if llama_cpp.llama_vocab_is_eog(vocab, token):
                finish = "stop"
                break
            out_tokens += 1
            piece = decoder.decode(llm.detokenize([token], prev_tokens=None, special=False))
            text += piece
            if stops:
                hit = next((s for s in stops if s in text), None)
                if hit:
                    text = text[: text.index(hit)]
                    finish = "stop"
                    break
            if stream and len(text) > sent:
                now = time.perf_counter()
                if now - last_sent >= STREAM_INTERVAL:
                    # the speed of the last second, and what it is up against, for the status bar
                    recent.append((now, out_tokens))
                    while len(recent) > 2 and now - recent[1][0] >= SPEED_SPAN:
                        recent.popleft()
                    self.send({"id": rid, "event": "token", "text": text[sent:],
                               "tokens": out_tokens - recent[0][1], "seconds": now - recent[0][0],
                               "threads": self.threads, "busy": self.busy()})
                    sent, last_sent = len(text), now
            self.fit_threads(every=REFIT_SECONDS)
            if rid in self.cancelled:
                finish = "cancelled"
                break
            if out_tokens >= max_tokens:
                break
        text += decoder.decode(b"", final=True)
        if stream and len(text) > sent:
            self.send({"id": rid, "event": "token", "text": text[sent:]})
        done = time.perf_counter()
        first = first_token_at or done
        return {"text": text, "finish": finish, "tokens_in": len(tokens),
                "tokens_evaluated": len(tokens) - reused, "tokens_out": out_tokens,
                "seconds": done - started, "prompt_seconds": first - started,
                "generation_seconds": done - first, "threads": self.threads, "busy": self.busy()}

    def op_check_grammar(self, req: dict) -> dict:
        """Whether llama.cpp's own parser takes the grammar: {"problem": None} or why not."""
        llm = self.need_model()
        return {"problem": grammar_problem(llm._model.vocab, req["grammar"])}

    def op_score(self, req: dict) -> dict:
        """Log-probability of each candidate answer after the prompt. With `with_end`,
        the end of the answer counts too: needed when one candidate is a prefix of
        another ('invoice' would otherwise win over 'invoice_paid' for free). With
        `per_token`, the mean over the candidate's tokens."""
        import numpy as np

        llm = self.need_model()
        prefix, prompt = self.prompt_tokens(req)
        self._prepare(prefix, bool(req.get("reuse_prefix", True)))
        # reuse what the KV cache already holds of the prompt, but always evaluate the
        # last prompt token on its own: the scores then never depend on cache history
        held = list(llm.input_ids[: llm.n_tokens])
        common = 0
        for a, b in zip(held, prompt[:-1]):
            if a != b:
                break
            common += 1
        llm.n_tokens = common
        if prompt[common:-1]:
            llm.eval(prompt[common:-1])
        base = len(prompt) - 1
        n_vocab = llm.n_vocab()
        end = llm.token_eos()

        def logprobs() -> "np.ndarray":
            logits = np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(n_vocab,)).astype(np.float64)
            m = logits.max()
            return logits - m - np.log(np.exp(logits - m).sum())

        def batched(cand: list[int]) -> float:
            """One forward pass over the candidate, with the logits of every position
            (llama.cpp's batch output flags): the same sums as token by token, a few
            times faster."""
            feed = prompt[-1:] + cand[:-1]
            llm._ctx.kv_cache_seq_rm(-1, base, -1)
            llm._batch.set_batch(batch=feed, n_past=base, logits_all=True)
            llm._ctx.decode(llm._batch)
            llm.input_ids[base: base + len(feed)] = feed
            llm.n_tokens = base + len(feed)
            total = 0.0
            for i, tok in enumerate(cand):
                row = np.ctypeslib.as_array(llm._ctx.get_logits_ith(i), shape=(n_vocab,)).astype(np.float64)
                m = row.max()
                total += float(row[tok] - m - np.log(np.exp(row - m).sum()))
            return total

        results = []
        for candidate in req["candidates"]:
            cand = llm.tokenize(candidate.encode("utf-8"), add_bos=False, special=False)
            if req.get("with_end"):
                cand.append(end)
            llm.n_tokens = base
            if 0 < len(cand) <= llm.n_batch:
                total = batched(cand)
            else:
                llm.eval(prompt[-1:])
                total = 0.0
                for i, tok in enumerate(cand):
                    total += float(logprobs()[tok])
                    if i < len(cand) - 1:
                        llm.eval([tok])
            # per token, a long candidate is not unlikelier for being long
            results.append(total / len(cand) if req.get("per_token") and cand else total)
        llm.n_tokens = base
        llm.eval(prompt[-1:])
        return {"logprobs": results, "tokens_in": len(prompt)}

    # ------------------------------------------------------------ chunks

    def op_chunks(self, req: dict) -> dict:
        """The text cut into windows of at most `size` tokens overlapping by `overlap`,
        each a substring of the original cut on character boundaries."""
        from desktop.llm.chunking import token_windows

        llm = self.need_model()
        text: str = req["text"]
        raw = text.encode("utf-8")
        tokens = llm.tokenize(raw, add_bos=False, special=False)
        windows = token_windows(len(tokens), int(req["size"]), int(req.get("overlap", 0)))
        if len(windows) == 1:
            return {"chunks": [text], "tokens": len(tokens)}
        ends, pos = [], 0
        for t in tokens:
            pos += len(llm.detokenize([t], special=False))
            ends.append(pos)
        chunks = []
        if pos != len(raw):      # the tokenizer normalised the text: decode windows instead
            for a, b in windows:
                chunks.append(llm.detokenize(tokens[a:b]).decode("utf-8", "ignore"))
            return {"chunks": chunks, "tokens": len(tokens)}
        for a, b in windows:
            start = ends[a - 1] if a else 0
            stop = ends[b - 1]
            while start < len(raw) and (raw[start] & 0xC0) == 0x80:
                start += 1
            while stop < len(raw) and (raw[stop] & 0xC0) == 0x80:
                stop += 1
            chunks.append(raw[start:stop].decode("utf-8"))
        return {"chunks": chunks, "tokens": len(tokens)}


def _save_kv(llm: Any) -> tuple[bytes, list[int], int]:
    """The model state without llama-cpp-python's copy of the logits (hundreds of MB
    that are only used with logits_all)."""
    import ctypes

    import llama_cpp

    size = llama_cpp.llama_state_get_size(llm._ctx.ctx)
    buf = (ctypes.c_uint8 * int(size))()
    n = llama_cpp.llama_state_get_data(llm._ctx.ctx, buf, size)
    return bytes(buf[: int(n)]), list(llm.input_ids[: llm.n_tokens]), llm.n_tokens


def _load_kv(llm: Any, state: tuple[bytes, list[int], int]) -> None:
    import ctypes

    import llama_cpp

    data, ids, n = state
    buf = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
    if llama_cpp.llama_state_set_data(llm._ctx.ctx, buf, len(data)) != len(data):
        raise RequestError("the saved model state could not be restored", "internal")
    llm.input_ids[:n] = ids
    llm.n_tokens = n
    llm._requires_eval = True


def _exit_with_parent(poll: float = 0.5) -> None:
    """A worker whose app was killed (kill -9, a crash) must not go on generating: stdin
    only closes once the current request ends, so the parent is watched directly."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(poll)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main() -> int:
    if os.environ.get("RUNNEL_BLOCK_NETWORK") == "1":
        # privacy check (desktop.privacy): refuse any network use for the life of this
        # process, installed before llama.cpp is imported; `stats` reports the attempts
        from desktop.privacy import block_network

        block_network(lambda what: print(f"runnel worker: network use refused: {what}",
                                         file=sys.stderr, flush=True))
    _exit_with_parent()
    from desktop.llm.cpu import LoadMeter, schedule_worker

    schedule_worker()            # normal priority: a niced worker starves beside busy programs
    meter = LoadMeter().start()
    proto = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)                 # native prints to stdout land on stderr
    sys.stdout = sys.stderr
    lock = threading.Lock()

    def send(msg: dict) -> None:
        with lock:
            proto.write(json.dumps(msg) + "\n")
            proto.flush()

    worker = Worker(send, meter)
    requests: queue.Queue[dict | None] = queue.Queue()

    def read() -> None:
        for line in sys.stdin:
            try:
                msg = json.loads(line)
            except ValueError:
                send({"id": None, "event": "error", "kind": "protocol", "message": "bad JSON line"})
                continue
            if msg.get("op") == "cancel":
                worker.cancelled.add(msg.get("target"))
            else:
                requests.put(msg)
        requests.put(None)        # the app went away: stop

    threading.Thread(target=read, daemon=True, name="requests").start()
    send({"id": None, "event": "ready", "pid": os.getpid()})
    while True:
        req = requests.get()
        if req is None:
            return 0
        try:
            worker.handle(req)
        except SystemExit:
            return 0


if __name__ == "__main__":
    sys.exit(main())
