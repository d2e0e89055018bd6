"""Benchmark: bit-parallel Boolean fitness against DEAP's documented per-row style.

What is compared. The same population of random trees (``gp.genHalfAndHalf`` heights 3..8,
seeded; 500 trees by default) is scored two ways on the whole truth table:

* reference: the style of DEAP's ``examples/gp/parity.py`` and ``multiplexer.py``: compile
  each tree with ``gp.compile`` to a lambda and call it once per row in a Python loop
  (:func:`sva.families.boolean.bitparallel.reference_errors`);
* ours: the table packed into Python ints once, each tree walked once with a stack
  (:func:`sva.families.boolean.bitparallel.count_errors`), as search does it.

Problems: even-6-parity (64 rows; AND, OR, NOT, XOR) and the 11-multiplexer (2048 rows; AND,
OR, NOT, IF), the specs ``parity-6`` and ``mux-11`` on their whole tables.

How. Everything runs in one process. Each round times one pass of each evaluator over the
whole population, alternating which goes first from round to round so slow drift of a shared
machine hits both alike. Every round checks that both give the same error count on every
tree; any difference ends the benchmark with exit status 1. Reported per problem: the median
seconds per population of each evaluator, and the median over rounds of the paired ratio
reference / ours in wall-clock seconds (``ratio``) and in CPU seconds (``cpu_ratio``) side by
side (the ratio of the two wall medians is reported too, as ``ratio_of_medians``).

Usage: ``python benchmarks/bench_evaluate.py [--json] [--rounds N] [--trees N] [--seed N]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

try:
    import sva  # noqa: F401  (installed into the venv)
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if str(Path(__file__).resolve().parent) not in sys.path:  # benchmarks/alternate.py, beside this script
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from alternate import alternate  # noqa: E402

from deap import gp

from sva.families.boolean.bitparallel import count_errors, pack_spec, primitive_set, reference_errors
from sva.core.rng import seeded
from sva.families import get_spec

#: (problem label, spec name); every row of the spec's table is scored.
PROBLEMS = (("even-6-parity", "parity-6"), ("11-multiplexer", "mux-11"))
INIT_MIN_HEIGHT, INIT_MAX_HEIGHT = 3, 8


@dataclass(frozen=True)
class Result:
    """One problem's timings (seconds per population) and speed-up."""

    problem: str
    reference_s: float
    ours_s: float
    ratio: float
    #: the same paired median in CPU seconds (this process and its waited-for children)
    cpu_ratio: float | None
    ratio_of_medians: float
    rows: int
    trees: int
    rounds: int
    mean_nodes: float
    fitness_identical: bool


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive int, got {text!r}")
    return value


def bench_problem(label: str, spec_name: str, tree_count: int, rounds: int, seed: int) -> Result:
    """Time both evaluators on one problem; fitness must agree on every tree in every round."""
    spec = get_spec(spec_name)
    pset = primitive_set(spec.primitives, spec.params)
    cases = spec.domain.cases
    expected = [spec.expected(case) for case in cases]
    table = pack_spec(spec, cases)
    with seeded(seed):
        trees = [gp.PrimitiveTree(gp.genHalfAndHalf(pset, INIT_MIN_HEIGHT, INIT_MAX_HEIGHT))
                 for _ in range(tree_count)]

    def reference() -> list[int]:
        return [reference_errors(tree, pset, cases, expected) for tree in trees]

    def ours() -> list[int]:
        return [count_errors(tree, table) for tree in trees]

    timing = alternate(reference, ours, rounds)
    reference_median, our_median, identical = timing.reference_median, timing.our_median, timing.identical
    return Result(
        problem=label,
        reference_s=reference_median,
        ours_s=our_median,
        ratio=timing.ratio,
        cpu_ratio=timing.cpu_ratio,
        ratio_of_medians=reference_median / our_median,
        rows=len(cases),
        trees=tree_count,
        rounds=rounds,
        mean_nodes=sum(map(len, trees)) / tree_count,
        fitness_identical=identical,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; exit status 1 when the two evaluators disagree anywhere."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print a JSON list of results")
    parser.add_argument("--rounds", type=_positive, default=11, help="timed rounds per problem (11)")
    parser.add_argument("--trees", type=_positive, default=500, help="trees in the population (500)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random trees (0)")
    options = parser.parse_args(argv)
    results = [bench_problem(label, spec_name, options.trees, options.rounds, options.seed)
               for label, spec_name in PROBLEMS]
    if options.json:
        print(json.dumps([asdict(result) for result in results], indent=2))
    else:
        print(f"{'problem':<16} {'rows':>5} {'reference s/pop':>16} {'ours s/pop':>11} "
              f"{'wall ratio':>11} {'CPU ratio':>10} {'ratio of medians':>17}  fitness")
        for r in results:
            cpu = "-" if r.cpu_ratio is None else f"{r.cpu_ratio:.1f}x"
            print(f"{r.problem:<16} {r.rows:>5} {r.reference_s:>16.4f} {r.ours_s:>11.5f} "
                  f"{r.ratio:>10.1f}x {cpu:>10} {r.ratio_of_medians:>16.1f}x  "
                  f"{'identical' if r.fitness_identical else 'MISMATCH'}")
        print(f"{options.trees} trees (genHalfAndHalf {INIT_MIN_HEIGHT}..{INIT_MAX_HEIGHT}, seed "
              f"{options.seed}), {options.rounds} alternating rounds; ratio = median of per-round "
              f"ratios reference/ours, in wall and in CPU seconds.")
    failed = [r.problem for r in results if not r.fitness_identical]
    if failed:
        print(f"bench_evaluate: fitness differs between the evaluators on {', '.join(failed)}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
