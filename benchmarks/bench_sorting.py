"""Benchmark: bit-sliced sorting-network fitness against a plain per-vector evaluation.

What is compared. The same 200 random networks of 60 comparators (each a uniformly random pair
of distinct wires, seeded) are scored two ways on all ``2^n`` binary inputs (the 0-1 principle):

* reference: the style of DEAP's ``examples/ga/sortingnetwork.py``: every 0/1 input is built as
  a Python list and the network run on it comparator by comparator, then checked for order;
* ours: search's fitness (:func:`sva.families.sorting.search.bitsliced_fitness`): wire k is
  one Python int over all inputs, a comparator one AND and one OR, the unsorted inputs one
  popcount. It also computes the parallel depth (the fitness's third component); the reference
  computes only the count.

Sizes: n = 8 (256 inputs) and n = 12 (4096 inputs).

How. Everything runs in one process. Each round times one pass of each evaluator over all
networks, alternating which goes first from round to round so slow drift of a shared machine
hits both alike. Every round checks that both give the same unsorted count on every network;
any difference ends the benchmark with exit status 1. Reported per n: the median milliseconds
per network of each evaluator, and the median over rounds of the paired ratio reference / ours
in wall-clock seconds (``ratio``) and in CPU seconds (``cpu_ratio``) side by side (and
``ratio_of_medians``, of the wall medians). The goal is at least 300x at n = 12.

Usage: ``python benchmarks/bench_sorting.py [--json] [--rounds N] [--networks N] [--seed N]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import asdict, dataclass
from itertools import product
from pathlib import Path
from typing import Sequence

try:
    import sva  # noqa: F401  (installed into the venv)
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if str(Path(__file__).resolve().parent) not in sys.path:  # benchmarks/alternate.py, beside this script
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from alternate import alternate  # noqa: E402

from sva.families.sorting.search import bitsliced_fitness

SIZES = (8, 12)
COMPARATORS = 60


@dataclass(frozen=True)
class Result:
    """One size's timings (milliseconds per network) and speed-up."""

    n: int
    inputs: int
    reference_ms: float
    ours_ms: float
    ratio: float
    #: the same paired median in CPU seconds (this process and its waited-for children)
    cpu_ratio: float | None
    ratio_of_medians: float
    networks: int
    comparators: int
    rounds: int
    counts_identical: bool


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive int, got {text!r}")
    return value


def random_networks(n: int, count: int, size: int, seed: int) -> list[list[tuple[int, int]]]:
    """``count`` networks of ``size`` uniformly random comparators (i < j) on n wires."""
    chooser = random.Random(f"bench-sorting:{n}:{seed}")
    networks = []
    for _ in range(count):
        network = []
        for _ in range(size):
            i, j = chooser.sample(range(n), 2)
            network.append((min(i, j), max(i, j)))
        networks.append(network)
    return networks


def per_vector_unsorted(network: Sequence[tuple[int, int]], n: int) -> int:
    """DEAP-example style: run the network on every 0/1 list; count the lists left unsorted."""
    misses = 0
    for bits in product((0, 1), repeat=n):
        wires = list(bits)
        for i, j in network:
            if wires[j] < wires[i]:
                wires[i], wires[j] = wires[j], wires[i]
        misses += any(wires[k] > wires[k + 1] for k in range(n - 1))
    return misses


def _times(ratio: float | None) -> str:
    return "-" if ratio is None else f"{ratio:.0f}x"


def bench_size(n: int, count: int, rounds: int, seed: int) -> Result:
    """Time both evaluators at one n; counts must agree on every network in every round."""
    networks = random_networks(n, count, COMPARATORS, seed)
    fitness = bitsliced_fitness(n)

    def reference() -> list[int]:
        return [per_vector_unsorted(network, n) for network in networks]

    def ours() -> list[int]:
        return [fitness(network)[0] for network in networks]

    timing = alternate(reference, ours, rounds)
    reference_median, our_median, identical = timing.reference_median, timing.our_median, timing.identical
    return Result(
        n=n,
        inputs=2 ** n,
        reference_ms=1000 * reference_median / count,
        ours_ms=1000 * our_median / count,
        ratio=timing.ratio,
        cpu_ratio=timing.cpu_ratio,
        ratio_of_medians=reference_median / our_median,
        networks=count,
        comparators=COMPARATORS,
        rounds=rounds,
        counts_identical=identical,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; exit status 1 when the two evaluators disagree anywhere."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print a JSON list of results")
    parser.add_argument("--rounds", type=_positive, default=5, help="timed rounds per size (5)")
    parser.add_argument("--networks", type=_positive, default=200, help="random networks per size (200)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random networks (0)")
    options = parser.parse_args(argv)
    results = [bench_size(n, options.networks, options.rounds, options.seed) for n in SIZES]
    if options.json:
        print(json.dumps([asdict(result) for result in results], indent=2))
    else:
        print(f"{'n':>3} {'inputs':>7} {'reference ms/net':>17} {'ours ms/net':>12} "
              f"{'wall ratio':>11} {'CPU ratio':>10} {'ratio of medians':>17}  counts")
        for r in results:
            print(f"{r.n:>3} {r.inputs:>7} {r.reference_ms:>17.3f} {r.ours_ms:>12.4f} "
                  f"{r.ratio:>10.0f}x {_times(r.cpu_ratio):>10} {r.ratio_of_medians:>16.0f}x  "
                  f"{'identical' if r.counts_identical else 'MISMATCH'}")
        print(f"{options.networks} random {COMPARATORS}-comparator networks per n (seed {options.seed}), "
              f"{options.rounds} alternating rounds; ratio = median of per-round ratios reference/ours, in wall and in CPU seconds.")
    failed = [str(r.n) for r in results if not r.counts_identical]
    if failed:
        print(f"bench_sorting: counts differ between the evaluators at n = {', '.join(failed)}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
