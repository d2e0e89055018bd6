"""The sorting family's ``search-parsimony``: NSGA-II on (unsorted inputs, size, depth).

As DEAP's own sorting-network example (``examples/ga/evosn.py``) does: three objectives, all
minimised, the binary inputs the network leaves unsorted (bit-sliced,
:func:`sva.families.sorting.search.bitsliced_fitness`), its comparators and its parallel
depth, selected by NSGA-II (:func:`sva.core.pareto.nsga2`) instead of the lexicographic
tournament with an elite. The representation, initialisation, messy one-point crossover
(p = 0.5 per pair), the four mutations (p = 0.8), the length cap and the budget are the family's
``search``'s (:mod:`sva.families.sorting.search`), and so is the stop: as soon as a network
that sorts every binary input with at most the best known number of comparators is found. The
size objective is the comparator count itself, which is what the artifact's explanation
grows with (one statement per comparator).

The artifact is chosen by :func:`sva.core.pareto.choose` with ``tolerance`` (default 0
unsorted inputs): the smallest network, then the shallowest, among those leaving the fewest
inputs unsorted. Only ``objective=size``: a network is not a formula.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from sva.core.artifact import Artifact, SearchRecord
from sva.core.emitter import emit_program
from sva.core.gp import individual_class
from sva.core.pareto import FrontRun, choose, front, front_record, nsga2, parsimony_config
from sva.core.rng import check_seed
from sva.core.settings import merge_config, parsimony_schema
from sva.core.spec import Spec
from sva.errors import UsageError
from sva.families.sorting.networks import best_known
from sva.families.sorting.primitives import PRIMITIVES
from sva.families.sorting.search import SCHEMA as SEARCH_SCHEMA
from sva.families.sorting.search import Operators, bitsliced_fitness, clone_network, network_program
from sva.families.sorting.search import default_config as search_config

GENERATOR = "search-parsimony"
SHARED = ("population_size", "generations", "crossover_probability", "mutation_probability",
          "init_length_min_factor", "init_length_max_factor", "length_cap_factor", "stop_at_best_known")
SCHEMA = parsimony_schema(SEARCH_SCHEMA, SHARED, 1e9, refusal=(
    ": a network is not a formula, so search-parsimony minimises its size and depth (objective=size)"))
RULE = ("the network with the fewest comparators, then the smallest depth, among the front members whose "
        "unsorted binary inputs are at most the front's fewest plus tolerance")


def default_config(spec: Spec) -> dict[str, Any]:
    """search's budget and operators, NSGA-II selection, the objective and the tolerance."""
    return parsimony_config(search_config(spec), SHARED, tolerance=0)


def _refuse_foreign(spec: Spec) -> None:
    if spec.family != "sorting" or spec.kind != "network" or spec.params != ("values",):
        raise UsageError(f"the sorting-network search needs a network spec of the sorting family; spec "
                         f"{spec.name!r} is family {spec.family!r}, kind {spec.kind!r}")


def evolve(spec: Spec, config: Mapping[str, Any], seed: int) -> FrontRun:
    """One NSGA-II run over comparator lists with search's operators and stop."""
    n = spec.size
    target, _ = best_known(n)
    operators = Operators.of(n, config)
    score = bitsliced_fitness(n)
    individual = individual_class(list, (-1.0, -1.0, -1.0))

    def evaluate(individuals: Sequence[Any]) -> None:
        for each in individuals:
            each.fitness.values = tuple(float(value) for value in score(each))

    def stop(population: Sequence[Any]) -> bool:
        return bool(config["stop_at_best_known"]) and any(
            each.fitness.values[0] == 0 and len(each) <= target for each in population)

    return nsga2(initial=lambda: operators.initial(individual), evaluate=evaluate, vary=operators.vary,
                 clone=clone_network, population_size=config["population_size"], generations=config["generations"],
                 seed=seed, stop=stop)


def _docstring(spec: Spec, seed: int, config: Mapping[str, Any], chosen: Any) -> str:
    unsorted, size, depth = (int(value) for value in chosen.fitness.values)
    rows = len(spec.training)
    verdict = (f"a network of {size} compare-exchanges, depth {depth}, that sorts all {rows} binary inputs (so, "
               f"by the 0-1 principle, every input)" if unsorted == 0
               else f"no sorting network: the chosen one leaves {unsorted} of {rows} binary inputs unsorted")
    return (f"{spec.name} found by multi-objective search (DEAP genetic algorithm over comparator lists, "
            f"NSGA-II on unsorted inputs, size and depth), seed {seed}: {verdict}. Population "
            f"{config['population_size']}, at most {config['generations']} generations; primitive: "
            f"compare-exchange.")


def _describe(member: Any) -> dict[str, Any]:
    return {"training_errors": int(member.fitness.values[0]), "comparators": len(member),
            "depth": int(member.fitness.values[2])}


def _record(spec: Spec, seed: int, config: Mapping[str, Any], run: FrontRun, members: list[Any],
            chosen: Any) -> SearchRecord:
    unsorted, size, depth = (int(value) for value in chosen.fitness.values)
    target, target_depth = best_known(spec.size)
    details = {
        "outputs": list(spec.outputs),
        "run_seeds": [seed],
        "training_cases": len(spec.training),
        "generations": [run.generations],
        "front_size_per_generation": [list(run.front_size_per_generation)],
        "training_errors": [unsorted],
        "comparators": size,
        "depth": depth,
        "best_known_comparators": target,
        "best_known_depth": target_depth,
        "network": [list(pair) for pair in chosen],
        "objectives": ["unsorted_inputs", "comparators", "depth"],
        "size_proxy": "comparators: one compare-exchange statement each in the artifact",
        "rule": RULE,
        "tolerance": config["tolerance"],
        "fronts": [front_record(members, chosen, _describe)],
    }
    return run.search_record(unsorted == 0, details, curve=int)


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """The chosen network of the front as the entry function; the front in the manifest."""
    _refuse_foreign(spec)
    seed = check_seed(seed)
    resolved = merge_config(default_config(spec), config)
    SCHEMA.check(resolved)
    run = evolve(spec, resolved, seed)
    members = front(run.population)
    chosen = choose(members, float(resolved["tolerance"]))
    program = network_program(spec, tuple(chosen), _docstring(spec, seed, resolved, chosen))
    return Artifact(spec=spec.name, generator=GENERATOR, seed=seed, entry=spec.entry,
                    source=emit_program(program, PRIMITIVES), config=resolved,
                    search=_record(spec, seed, resolved, run, members, chosen))
