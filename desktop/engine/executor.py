"""Runs a validated workflow: dependency order, branches, error policy, cache, cancel.

One `run` processes one input file; `run_batch` runs the same workflow over many
files, checking the graph once. Everything that happens is emitted as an event.
"""

from __future__ import annotations

import time
import traceback
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from desktop.engine.cache import StepCache
from desktop.engine.context import Cancelled, CancelToken, StepContext, library_logs_to
from desktop.engine.codec import decode, encode
from desktop.engine.errors import ApprovalNeeded, StepError
from desktop.engine.events import (ApprovalRequested, BatchProgress, EventBus, Listener, RunFinished,
                                   RunStarted, Status, StepStatusChanged)
from desktop.engine.graph import topological_order
from desktop.engine.registry import Registry
from desktop.engine.signature import combine, digest, preview
from desktop.engine.spec import ERROR_PORT, Port, StepSpec, find_output
from desktop.engine.types import coerce
from desktop.engine.validate import Problem, validate
from desktop.engine.workflow import Link, Node, Workflow


@dataclass
class StepResult:
    node_id: str
    status: str = Status.QUEUED
    outputs: dict[str, Any] = field(default_factory=dict)   # taken ports only
    digests: dict[str, str] = field(default_factory=dict)   # per output port
    error: str | None = None
    duration: float = 0.0
    attempts: int = 0


@dataclass
class RunResult:
    run_id: str
    status: str
    steps: dict[str, StepResult]
    error: str | None = None
    failed_node: str | None = None
    input_path: Path | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == Status.DONE

    def output(self, node_id: str, port: str) -> Any:
        return self.steps[node_id].outputs.get(port)


@dataclass
class BatchResult:
    batch_id: str
    runs: list[RunResult]
    cancelled: bool = False

    @property
    def failed(self) -> list[RunResult]:
        return [r for r in self.runs if r.status not in (Status.DONE, Status.WAITING)]


@dataclass(frozen=True)
class _Plan:
    """What a run needs from the graph, worked out once per workflow (and batch)."""
    workflow: Workflow
    order: tuple[Node, ...]
    specs: dict[str, StepSpec]
    incoming: dict[str, tuple[Link, ...]]
    param_digests: dict[str, str]
    params: dict[str, dict[str, Any]]
    outputs: dict[str, tuple[Port, ...]]       # per node: its output ports for its params


class Executor:
    def __init__(self, registry: Registry, *, cache: StepCache | None = None,
                 listeners: Iterable[Listener] = (), llm: Any = None):
        self.registry = registry
        self.cache = cache if cache is not None else StepCache()
        self.bus = EventBus(list(listeners))
        self.llm = llm
        self.executions = 0      # step bodies actually run (not cached); for tests/bench

    # ------------------------------------------------------------ public API

    def run(self, wf: Workflow, input_path: Path | str | None = None, *, dry_run: bool = False,
            cancel: CancelToken | None = None, folders: dict[str, str] | None = None,
            run_id: str | None = None, plan: "_Plan | list[Problem] | None" = None,
            resume: dict | None = None, fresh: frozenset[str] = frozenset(),
            roots: dict[str, Path] | None = None) -> RunResult:
        """`plan`: the result of `self.plan(wf)` when the caller keeps it (a watcher
        running one unchanged workflow many times), and `roots`: `wf.resolve_folders(folders)`
        kept with it. `resume`: continue a run paused for
        approval: {"saved": {node: {"status", "outputs"}}, "decisions": {node: {...}}}.
        `fresh`: nodes that run again even when cached (re-run from a chosen step)."""
        plan_or_problems = plan if plan is not None else self.plan(wf)
        input_path = Path(input_path) if input_path is not None else None
        if isinstance(plan_or_problems, list):
            return self._rejected(wf, plan_or_problems, input_path, dry_run, run_id, None)
        roots = roots if roots is not None else wf.resolve_folders(folders)
        return self._run(plan_or_problems, input_path, dry_run, cancel or CancelToken(),
                         roots, run_id, None, resume, fresh)

    def run_batch(self, wf: Workflow, inputs: Sequence[Path | str], *, dry_run: bool = False,
                  cancel: CancelToken | None = None,
                  folders: dict[str, str] | None = None) -> BatchResult:
        batch_id = uuid.uuid4().hex
        cancel = cancel or CancelToken()
        paths = [Path(p) for p in inputs]
        total, failed = len(paths), 0
        result = BatchResult(batch_id, [])
        plan = self.plan(wf)
        roots = wf.resolve_folders(folders) if not isinstance(plan, list) else {}
        self.bus.emit(BatchProgress(batch_id, 0, total, 0))
        for i, path in enumerate(paths):
            if cancel.cancelled:
                result.cancelled = True
                break
            if isinstance(plan, list):
                run = self._rejected(wf, plan, path, dry_run, None, batch_id)
            else:
                run = self._run(plan, path, dry_run, cancel, roots, None, batch_id)
            result.runs.append(run)
            failed += run.status not in (Status.DONE, Status.WAITING)
            if run.status == Status.CANCELLED:
                result.cancelled = True
            self.bus.emit(BatchProgress(batch_id, i + 1, total, failed, str(path)))
            if result.cancelled:
                break
        return result

    def plan(self, wf: Workflow) -> _Plan | list[Problem]:
        problems = validate(wf, self.registry)
        if problems:
            return problems
        specs = {n.id: self.registry.steps[n.type].spec for n in wf.nodes}
        ids = topological_order([n.id for n in wf.nodes], [(l.source, l.target) for l in wf.links])
        nodes = {n.id: n for n in wf.nodes}
        params = {n.id: specs[n.id].resolve_params(n.params) for n in wf.nodes}
        return _Plan(
            workflow=wf,
            order=tuple(nodes[i] for i in ids),
            specs=specs,
            incoming={n.id: tuple(wf.links_into(n.id)) for n in wf.nodes},
            param_digests={
                n.id: combine(n.type, str(specs[n.id].version), digest(params[n.id]))
                for n in wf.nodes},
            params=params,
            outputs={n.id: self.registry.steps[n.type].outputs_for(params[n.id]) for n in wf.nodes},
        )

    # ------------------------------------------------------------ one run

    def record_failure(self, name: str, workflow_path: Path | None, input_path: Path | None,
                       error: str, *, dry_run: bool = False, run_id: str | None = None,
                       batch_id: str | None = None) -> RunResult:
        """A run that could not start (unreadable or invalid workflow) still goes into
        history as a failed run, with the reason."""
        run_id = run_id or uuid.uuid4().hex
        self.bus.emit(RunStarted(run_id, name, str(workflow_path) if workflow_path else None,
                                 str(input_path) if input_path else None, dry_run, time.time(),
                                 batch_id))
        self.bus.emit(RunFinished(run_id, Status.FAILED, time.time(), error))
        return RunResult(run_id, Status.FAILED, {}, error, None, input_path)

    def _rejected(self, wf: Workflow, problems: list[Problem], input_path: Path | None,
                  dry_run: bool, run_id: str | None, batch_id: str | None) -> RunResult:
        error = "the workflow is not valid:\n" + "\n".join(f"- {p}" for p in problems)
        run = self.record_failure(wf.name, wf.path, input_path, error, dry_run=dry_run,
                                  run_id=run_id, batch_id=batch_id)
        run.problems = problems
        return run

    def _run(self, plan: _Plan, input_path: Path | None, dry_run: bool, cancel: CancelToken,
             roots: dict[str, Path], run_id: str | None, batch_id: str | None,
             resume: dict | None = None, fresh: frozenset[str] = frozenset()) -> RunResult:
        wf = plan.workflow
        run_id = run_id or uuid.uuid4().hex
        emit = self.bus.emit
        emit(RunStarted(run_id, wf.name, str(wf.path) if wf.path else None,
                        str(input_path) if input_path else None, dry_run, time.time(), batch_id))
        results = {n.id: StepResult(n.id) for n in plan.order}
        run = RunResult(run_id, Status.RUNNING, results, input_path=input_path)
        waiting: set[str] = set()
        paused: tuple[str, ApprovalNeeded] | None = None
        workflow_dir = wf.path.parent if wf.path else None

        for index, node in enumerate(plan.order):
            spec = plan.specs[node.id]
            res = results[node.id]
            if cancel.cancelled:
                self._stop_rest(run, plan.order[index:], Status.CANCELLED)
                run.status = Status.CANCELLED
                break
            if any(link.source in waiting for link in plan.incoming[node.id]):
                waiting.add(node.id)       # downstream of a pending approval: later
                continue
            saved = (resume or {}).get("saved", {}).get(node.id)
            if saved is not None:          # produced before the pause: not run again
                res.status = saved["status"] if saved["status"] == Status.SKIPPED else Status.CACHED
                res.outputs = decode(saved["outputs"])
                res.digests = {p: digest(v) for p, v in res.outputs.items()}
                emit(StepStatusChanged(run_id, node.id, node.type, res.status, time.time(), 0,
                                       output_preview=_previews(res.outputs)))
                continue
            inputs, input_digests, skip = self._gather(plan, node, results)
            if skip:
                res.status = Status.SKIPPED
                emit(StepStatusChanged(run_id, node.id, node.type, Status.SKIPPED, time.time(), 0))
                continue

            key = None
            if spec.cacheable:
                extra = []
                if spec.uses_model and self.llm is not None:
                    extra.append(self.llm.model_identity(plan.params[node.id].get("model")))
                depends = self.registry.steps[node.type].depends_on(wf, node.id, plan.params[node.id])
                if depends:
                    extra.append(depends)
                key = combine(plan.param_digests[node.id], *extra,
                              *(f"{p}={d}" for p, d in sorted(input_digests.items())))
                hit = self.cache.get(key) if node.id not in fresh else None
                if hit is not None:
                    res.outputs, res.digests = hit["outputs"], hit["digests"]
                    res.status = Status.CACHED
                    emit(StepStatusChanged(
                        run_id, node.id, node.type, Status.CACHED, time.time(), 0, 0.0,
                        input_digest=_joined(input_digests), output_digest=_joined(res.digests),
                        input_preview=_previews(inputs), output_preview=_previews(res.outputs),
                        branch=_branch(plan.outputs[node.id], res.outputs), model=hit.get("model")))
                    continue

            ctx = StepContext(run_id=run_id, node_id=node.id, params=plan.params[node.id],
                              cancel=cancel, dry_run=dry_run, roots=roots, bus=self.bus,
                              run_input=input_path, llm=self.llm, workflow_dir=workflow_dir,
                              workflow_path=wf.path, workflow_name=wf.name,
                              registry=self.registry,
                              linked=frozenset(l.source_port for l in plan.workflow.links
                                               if l.source == node.id),
                              decision=(resume or {}).get("decisions", {}).get(node.id))
            started = time.perf_counter()
            emit(StepStatusChanged(run_id, node.id, node.type, Status.RUNNING, time.time()))
            try:
                outputs = self._attempt(node, plan.outputs[node.id], ctx, inputs, res)
            except _Paused as pause:
                # this branch waits for a person; independent branches go on meanwhile
                res.duration = time.perf_counter() - started
                res.status = Status.WAITING
                emit(StepStatusChanged(run_id, node.id, node.type, Status.WAITING, time.time(),
                                       res.attempts, res.duration, input_preview=_previews(inputs)))
                waiting.add(node.id)
                if paused is None:
                    paused = (node.id, pause.need)
                continue
            except Cancelled:
                res.duration = time.perf_counter() - started
                res.status = Status.CANCELLED
                emit(StepStatusChanged(run_id, node.id, node.type, Status.CANCELLED, time.time(),
                                       res.attempts, res.duration))
                self._stop_rest(run, plan.order[index + 1:], Status.CANCELLED)
                run.status = Status.CANCELLED
                break
            except _StepFailed as failure:
                res.duration = time.perf_counter() - started
                res.status = Status.FAILED
                res.error = str(failure)
                if node.on_error == "branch":
                    res.outputs = {ERROR_PORT: {"node": node.id, "step": node.type,
                                                "message": res.error}}
                    res.digests = {ERROR_PORT: digest(res.outputs[ERROR_PORT])}
                emit(StepStatusChanged(
                    run_id, node.id, node.type, Status.FAILED, time.time(), res.attempts,
                    res.duration, error=res.error, input_digest=_joined(input_digests),
                    input_preview=_previews(inputs),
                    branch=ERROR_PORT if node.on_error == "branch" else None,
                    model=ctx.model, tokens_in=ctx.tokens_in or None,
                    tokens_out=ctx.tokens_out or None))
                if node.on_error != "branch":
                    run.status, run.error, run.failed_node = Status.FAILED, res.error, node.id
                    self._stop_rest(run, plan.order[index + 1:], Status.SKIPPED)
                    break
                continue

            res.duration = time.perf_counter() - started
            res.outputs = outputs
            res.digests = {port: digest(value) for port, value in outputs.items()}
            res.status = Status.DONE
            if key is not None:
                self.cache.put(key, {"outputs": outputs, "digests": res.digests, "model": ctx.model})
            emit(StepStatusChanged(
                run_id, node.id, node.type, Status.DONE, time.time(), res.attempts, res.duration,
                input_digest=_joined(input_digests), output_digest=_joined(res.digests),
                input_preview=_previews(inputs), output_preview=_previews(outputs),
                branch=_branch(plan.outputs[node.id], outputs), model=ctx.model,
                tokens_in=ctx.tokens_in or None, tokens_out=ctx.tokens_out or None))

        if run.status == Status.RUNNING and paused is not None:
            node_id, need = paused
            saved_state = {n: {"status": r.status, "outputs": encode(r.outputs)}
                           for n, r in results.items()
                           if r.status in (Status.DONE, Status.CACHED, Status.SKIPPED)}
            emit(ApprovalRequested(run_id, node_id, str(wf.path) if wf.path else None,
                                   str(input_path) if input_path else None, need.message,
                                   encode(need.payload), saved_state, time.time(),
                                   {k: str(v) for k, v in roots.items()}))
            run.status = Status.WAITING
        if run.status == Status.RUNNING:
            run.status = Status.DONE
        emit(RunFinished(run_id, run.status, time.time(), run.error, run.failed_node))
        return run

    def _gather(self, plan: _Plan, node: Node, results: dict[str, StepResult]
                ) -> tuple[dict[str, Any], dict[str, str], bool]:
        """Inputs for `node`, their digests, and whether the node is to be skipped: one
        of its linked inputs comes from a branch not taken (or a skipped step) — or, for
        a step that waits for any input (a merge), all of them do."""
        spec = plan.specs[node.id]
        inputs: dict[str, Any] = {}
        digests: dict[str, str] = {}
        links = plan.incoming[node.id]
        missing = 0
        for link in links:
            source = results[link.source]
            port = spec.input(link.target_port)
            assert port is not None  # validated
            if link.source_port not in source.outputs:
                missing += 1
                continue
            out = find_output(plan.outputs[link.source], link.source_port)
            assert out is not None
            inputs[port.name] = coerce(source.outputs[link.source_port], out.type, port.type)
            digests[port.name] = source.digests[link.source_port]
        if spec.waits_for == "any":
            skip = bool(links) and missing == len(links)
        else:
            skip = missing > 0
        return inputs, digests, skip

    def _attempt(self, node: Node, ports: tuple[Port, ...], ctx: StepContext,
                 inputs: dict[str, Any], res: StepResult) -> dict[str, Any]:
        attempts = 1 + (node.retries if node.on_error == "retry" else 0)
        error = ""
        for attempt in range(1, attempts + 1):
            ctx.cancel.raise_if_cancelled()
            res.attempts = attempt
            ctx.attempt, ctx.previous_error = attempt, error
            self.executions += 1
            try:
                with library_logs_to(ctx):
                    outputs = self.registry.steps[node.type]().run(ctx, **inputs)
                return _checked_outputs(self.registry.steps[node.type].spec, ports, outputs)
            except Cancelled:
                raise
            except ApprovalNeeded as need:
                raise _Paused(need) from None
            except StepError as e:
                error = str(e)
            except MemoryError:
                error = "the step ran out of memory"
            except Exception as e:  # a bug in a step must fail the step, not the app
                error = f"internal error in step '{node.type}': {type(e).__name__}: {e}"
                ctx.log(traceback.format_exc(), "error")
            if attempt < attempts:
                ctx.log(f"attempt {attempt} of {attempts} failed: {error}; retrying", "warning")
        raise _StepFailed(error)

    def _stop_rest(self, run: RunResult, nodes: Sequence[Node], status: str) -> None:
        now = time.time()
        for node in nodes:
            res = run.steps[node.id]
            if res.status == Status.QUEUED:
                res.status = status
                self.bus.emit(StepStatusChanged(run.run_id, node.id, node.type, status, now, 0))


class _StepFailed(Exception):
    pass


class _Paused(Exception):
    def __init__(self, need: ApprovalNeeded):
        super().__init__(need.message)
        self.need = need


def _checked_outputs(spec: StepSpec, ports: tuple[Port, ...], outputs: Any) -> dict[str, Any]:
    if not isinstance(outputs, dict):
        raise StepError(f"step '{spec.id}' returned {type(outputs).__name__}, not its outputs")
    names = {p.name for p in ports}
    unknown = [k for k in outputs if k not in names]
    if unknown:
        raise StepError(f"step '{spec.id}' returned an unknown output '{unknown[0]}'")
    if spec.routing:
        chosen = [p.name for p in ports if p.branch and p.name in outputs]
        if len(chosen) != 1:
            raise StepError(f"routing step '{spec.id}' must choose exactly one branch, "
                            f"it chose {len(chosen)}")
    return outputs


def _branch(ports: tuple[Port, ...], outputs: dict[str, Any]) -> str | None:
    return next((p.name for p in ports if p.branch and p.name in outputs), None)


def _joined(digests: dict[str, str]) -> str | None:
    if not digests:
        return None
    if len(digests) == 1:
        return next(iter(digests.values()))
    return combine(*(f"{k}={v}" for k, v in sorted(digests.items())))


def _previews(values: dict[str, Any]) -> str | None:
    if not values:
        return None
    if len(values) == 1:
        return preview(next(iter(values.values())))
    return preview("; ".join(f"{k}: {preview(v, 80)}" for k, v in values.items()))
