"""Graph helpers over node ids: dependency order and cycle detection."""

from __future__ import annotations

import heapq
from collections import defaultdict
from typing import Iterable


def topological_order(nodes: list[str], edges: Iterable[tuple[str, str]]) -> list[str]:
    """Dependency order, stable: ties keep the order the nodes are listed in.
    Raises ValueError on a cycle."""
    position = {n: i for i, n in enumerate(nodes)}
    indegree = {n: 0 for n in nodes}
    succ: dict[str, list[str]] = defaultdict(list)
    for a, b in set(edges):
        if a in indegree and b in indegree:
            succ[a].append(b)
            indegree[b] += 1
    ready = [(position[n], n) for n in nodes if indegree[n] == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _, n = heapq.heappop(ready)
        order.append(n)
        for m in succ[n]:
            indegree[m] -= 1
            if indegree[m] == 0:
                heapq.heappush(ready, (position[m], m))
    if len(order) != len(nodes):
        raise ValueError("cycle")
    return order


def find_cycle(nodes: list[str], edges: Iterable[tuple[str, str]]) -> list[str] | None:
    """One cycle as a list of node ids, or None. Iterative: long chains are fine."""
    succ: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        succ[a].append(b)
    state: dict[str, int] = {}   # 1 = on the path, 2 = done
    for start in nodes:
        if start in state:
            continue
        path: list[str] = [start]
        iters = [iter(succ[start])]
        state[start] = 1
        while iters:
            nxt = next(iters[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                iters.pop()
            elif state.get(nxt) == 1:
                return path[path.index(nxt):]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                iters.append(iter(succ[nxt]))
    return None


def downstream(start: str, edges: Iterable[tuple[str, str]]) -> set[str]:
    """Every node reachable from `start` (not including it)."""
    succ: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        succ[a].append(b)
    seen: set[str] = set()
    todo = list(succ[start])
    while todo:
        n = todo.pop()
        if n not in seen:
            seen.add(n)
            todo.extend(succ[n])
    return seen
