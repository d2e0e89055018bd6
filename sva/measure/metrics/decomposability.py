"""Decomposability: how the module's code is split into parts, and how the parts depend.

Formulas (sizes s_i of the n units, S = sum s_i):

* ``units`` = n;
* ``effective_parts`` N_eff = S^2 / sum(s_i^2): n when all units are equal, near 1 when one
  dominates (0 when there is no code);
* ``decomposability`` D = 1 - 1/N_eff (0 for a single unit or no code);
* ``largest_chunk`` = max s_i, ``largest_chunk_share`` = max s_i / S;
* ``abstraction_depth``: edges on the longest reference path, each strongly connected group of
  units (recursion) counted as one node, so cycles never lengthen it;
* ``propagation_cost`` (MacCormack, Rusnak and Baldwin 2006): the density of the visibility
  matrix V = transitive closure of the reference matrix with the identity added,
  sum(V) / n^2; 1/n for independent units, 1 when every unit reaches every other;
* ``max_nesting``: the deepest chain of expression nodes nested in one another.

Worked example: units of sizes 6, 4, 2 with references a -> b -> c. S = 12,
sum s^2 = 36 + 16 + 4 = 56, N_eff = 144/56 = 2.571, D = 1 - 56/144 = 0.611, largest chunk 6
(share 0.5), abstraction depth 2, V has rows {a,b,c}, {b,c}, {c}: 6 ones, cost 6/9 = 0.667.
"""

from __future__ import annotations

from dataclasses import dataclass

from sva.measure.graphs import components
from sva.measure.registry import register


@dataclass(frozen=True)
class Decomposability:
    units: int
    effective_parts: float
    decomposability: float
    largest_chunk: int
    largest_chunk_share: float
    abstraction_depth: int
    propagation_cost: float
    max_nesting: int


def abstraction_depth(succ: list[list[int]]) -> int:
    """Longest path (in edges) of the graph with every strongly connected component collapsed."""
    comp = components(succ)
    count = max(comp, default=-1) + 1
    comp_succ: list[set[int]] = [set() for _ in range(count)]
    for v, targets in enumerate(succ):
        for w in targets:
            if comp[w] != comp[v]:
                comp_succ[comp[v]].add(comp[w])
    longest = [0] * count
    for c in range(count):  # successors have smaller ids: already final
        longest[c] = max((longest[d] + 1 for d in comp_succ[c]), default=0)
    return max(longest, default=0)


def propagation_cost(succ: list[list[int]]) -> float:
    """Density of the visibility matrix (reachability with the diagonal), sum(V)/n^2."""
    n = len(succ)
    if n == 0:
        return 0.0
    comp = components(succ)
    count = max(comp) + 1
    reach = [0] * count
    members: list[list[int]] = [[] for _ in range(count)]
    for v in range(n):
        members[comp[v]].append(v)
    for c in range(count):
        bits = 0
        for v in members[c]:
            bits |= 1 << v
            for w in succ[v]:
                if comp[w] != c:
                    bits |= reach[comp[w]]
        reach[c] = bits
    total = sum(reach[comp[v]].bit_count() for v in range(n))
    return total / (n * n)


@register("decomposability", Decomposability, order=10)
def decomposability(facts) -> Decomposability:
    """Structure: effective parts, decomposability, largest chunk, depth, propagation cost."""
    graph = facts.graph
    sizes = [u.size for u in graph.units]
    succ = [list(u.references) for u in graph.units]
    total = sum(sizes)
    squares = sum(s * s for s in sizes)
    n_eff = total * total / squares if squares else 0.0
    largest = max(sizes, default=0)
    return Decomposability(
        units=len(sizes),
        effective_parts=n_eff,
        decomposability=1.0 - 1.0 / n_eff if n_eff else 0.0,
        largest_chunk=largest,
        largest_chunk_share=largest / total if total else 0.0,
        abstraction_depth=abstraction_depth(succ),
        propagation_cost=propagation_cost(succ),
        max_nesting=graph.max_nesting,
    )
