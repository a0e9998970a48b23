"""An ai.prompt step through the worker vs raw llama-cpp-python in this process:
same model, prompt, seed, greedy decoding and max tokens. Rounds alternate between
the two so that machine noise hits both alike; medians are compared.

    .venv/bin/python bench/llm_overhead.py

Targets (issue 3): tokens/s ratio >= 0.95 (the whole step, IPC included, against the
bare generation loop); a 1-token request end to end (the IPC round trip) < 20 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.engine.events import ModelCall  # noqa: E402
from desktop.engine.executor import Executor  # noqa: E402
from desktop.engine.fileformat import loads  # noqa: E402
from desktop.engine.registry import Registry  # noqa: E402
from desktop.llm import catalog  # noqa: E402
from desktop.llm.client import LLMClient, default_threads  # noqa: E402
from desktop.llm.prompts import chat_prompt  # noqa: E402
from desktop.steps.ai import PromptStep  # noqa: E402

MAX_TOKENS = 200
ROUNDS = 5
REQUEST = "Write a long story about a lighthouse keeper and her cat."
SYSTEM = PromptStep.spec.param("system").default


class Raw:
    """The baseline: llama-cpp-python in this process, nothing around it."""

    def __init__(self, model_path: str):
        from llama_cpp import Llama

        self.llm = Llama(model_path=model_path, n_ctx=4096, n_threads=default_threads(),
                         n_threads_batch=default_threads(), n_batch=512, seed=0, verbose=False)

    def generate(self, prompt: str, max_tokens: int) -> tuple[int, float]:
        import llama_cpp

        llm = self.llm
        tokens = llm.tokenize(prompt.encode(), add_bos=llm._model.add_bos_token(), special=True)
        start = time.perf_counter()
        llm.reset()
        n = 0
        for tok in llm.generate(tokens, temp=0.0, repeat_penalty=1.1 if max_tokens > 1 else 1.0):
            if llama_cpp.llama_vocab_is_eog(llm._model.vocab, tok):
                break
            llm.detokenize([tok])
            n += 1
            if n >= max_tokens:
                break
        return n, time.perf_counter() - start


class ThroughStep:
    """The same request as an ai.prompt step run by the executor, via the worker."""

    def __init__(self, max_tokens: int = MAX_TOKENS) -> None:
        self.client = LLMClient(reuse_prefix=False)
        self.model = catalog.default_model()
        self.client.generate(self.model, "warm up", max_tokens=1)
        self.registry = Registry.from_entry_points()
        self.wf = loads("schema_version: 1\nname: bench\nnodes:\n"
                        f"- {{id: ai, type: ai.prompt, params: {{prompt: '{REQUEST}', "
                        f"max_tokens: {max_tokens}}}}}\n")

    def step(self) -> tuple[int, float]:
        calls: list[ModelCall] = []
        ex = Executor(self.registry, llm=self.client,
                      listeners=[lambda e: calls.append(e) if isinstance(e, ModelCall) else None])
        ex.cache.max_entries = 0
        started = time.perf_counter()
        assert ex.run(self.wf).ok
        return calls[0].tokens_out, time.perf_counter() - started

    def one_token(self, prompt: str) -> float:
        t = time.perf_counter()
        self.client.generate(self.model, prompt, max_tokens=1)
        return time.perf_counter() - t


def main() -> None:
    model = catalog.default_model()
    prompt = chat_prompt(model, SYSTEM, REQUEST).text
    raw, worker = Raw(str(model.path)), ThroughStep()
    raw.generate(prompt, 8)
    raw_rates, step_rates, counts = [], [], set()
    for _ in range(ROUNDS):
        n, t = raw.generate(prompt, MAX_TOKENS)
        raw_rates.append(n / t)
        m, u = worker.step()
        step_rates.append(m / u)
        counts.add((n, m))
    short = chat_prompt(model, SYSTEM, "Hi").text
    raw_lat = statistics.median(raw.generate(short, 1)[1] for _ in range(30))
    step_lat = statistics.median(worker.one_token(short) for _ in range(30))
    ping = []
    for _ in range(30):
        t = time.perf_counter()
        worker.client.stats()
        ping.append(time.perf_counter() - t)
    worker.client.close()
    raw_rate, step_rate = statistics.median(raw_rates), statistics.median(step_rates)
    ratio = step_rate / raw_rate
    print(f"model {model.name}, {default_threads()} threads, greedy, {MAX_TOKENS} tokens max, "
          f"{ROUNDS} alternating rounds (tokens raw/step: {sorted(counts)})")
    print(f"  raw llama-cpp-python in-process: {raw_rate:.1f} tokens/s")
    print(f"  ai.prompt step through the worker: {step_rate:.1f} tokens/s")
    print(f"  ratio {ratio:.3f} (target >= 0.95) {'OK' if ratio >= 0.95 else 'BELOW TARGET'}")
    print(f"  1-token request: {step_lat * 1000:.1f} ms through the worker vs {raw_lat * 1000:.1f} ms "
          f"in-process: round trip {(step_lat - raw_lat) * 1000:.1f} ms (target < 20 ms) "
          f"{'OK' if step_lat - raw_lat < 0.020 else 'ABOVE TARGET'}")
    print(f"  bare protocol round trip (a stats request): {statistics.median(ping) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
