"""Graph algorithms over the unit reference graph, all iterative (graphs may be thousands deep).

* :func:`components`: strongly connected components (Tarjan), numbered sinks first;
* :func:`reading_order`: a depth-first reading from an entry that drops *back edges* (edges to a
  unit still open on the reading path: recursion), giving a DAG on which explanation and inline
  lengths are well defined and computed in linear time.
"""

from __future__ import annotations

from typing import Callable, Sequence

__all__ = ["components", "reading_order"]


def components(succ: Sequence[Sequence[int]]) -> list[int]:
    """Component id of each node; if a component reaches another, its id is larger."""
    n = len(succ)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    comp = [-1] * n
    stack: list[int] = []
    counter = 0
    count = 0
    for root in range(n):
        if index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, 0)]
        while work:
            v, i = work[-1]
            if i < len(succ[v]):
                work[-1] = (v, i + 1)
                w = succ[v][i]
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                elif on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
            else:
                work.pop()
                if work:
                    u = work[-1][0]
                    if low[v] < low[u]:
                        low[u] = low[v]
                if low[v] == index[v]:
                    while True:
                        w = stack.pop()
                        on_stack[w] = False
                        comp[w] = count
                        if w == v:
                            break
                    count += 1
    return comp


def reading_order(
    succ: Sequence[Sequence[int]], entry: int, expand: Callable[[int], bool]
) -> tuple[list[int], dict[int, list[int]]]:
    """Depth-first reading from ``entry`` in reference order.

    ``expand(v)`` says whether the reader opens ``v`` (reads its references); a unit not opened
    is a leaf. Returns the units in finishing order (every unit after all units it keeps an edge
    to) and, per unit, the positions in ``succ[v]`` of the edges kept: every edge except those to
    a unit that is still open (a back edge: recursion, direct or mutual).
    """
    state: dict[int, int] = {entry: 1}  # 1 open, 2 finished
    finished: list[int] = []
    kept: dict[int, list[int]] = {entry: []}
    work = [(entry, 0)]
    while work:
        v, i = work[-1]
        targets = succ[v] if expand(v) or v == entry else ()
        if i < len(targets):
            work[-1] = (v, i + 1)
            w = targets[i]
            s = state.get(w, 0)
            if s == 1:
                continue  # back edge: the reader is already reading w
            kept[v].append(i)
            if s == 0:
                if expand(w):
                    state[w] = 1
                    kept[w] = []
                    work.append((w, 0))
                else:
                    state[w] = 2
                    kept[w] = []
                    finished.append(w)
        else:
            work.pop()
            state[v] = 2
            finished.append(v)
    return finished, kept
