"""Automatically defined functions: the pieces every family's ``search-modular`` shares.

Koza's automatically defined functions (ADFs, *Genetic Programming II*, 1994), as DEAP's
example ``examples/gp/adf_symbreg.py`` sets them up: an individual is a list of trees, the
**main tree** first, then one tree per **part** (``ADF0``, ``ADF1``, ...). Each part has its
own primitive set, the spec's primitives over the part's own arguments (``arg0``, ``arg1``,
...; a part sees none of the spec's inputs); the main tree's set holds the spec's primitives
and inputs plus each part as one more primitive of the part's arity (``pset.addADF``). Parts
call no other part, so the main tree is the only caller.

* :class:`ModularIndividual`: the trees and one fitness. Its ``len`` is the total node count
  of its trees, which is what the size-aware selections (double tournament, search's
  tie-breaks) read as an individual's size.
* :func:`vary`: DEAP's ADF example's variation: the offspring are clones of the parents; each
  pair crosses over tree by tree (main with main, ``ADF0`` with ``ADF0``), each with the
  crossover probability, then each tree of each offspring is mutated with the mutation
  probability, each by the operator of its own primitive set. Changed individuals lose their
  fitness.
* :func:`evolve`: the generational loop of the families' ``search``
  (:func:`sva.core.gp.generational`: selection of
  ``population - elites`` parents, variation, the elites' clones, only new or changed
  individuals evaluated and counted), so ``search-modular`` spends the budget the way search
  does: at most ``population x (generations + 1)`` evaluations, and a run may stop early.
* :func:`value`: the value of the main tree when the family's evaluator runs one tree over a
  mapping of terminal names to values (the Boolean family's bit vectors, the Feynman family's
  numpy columns): each call of a part is replaced by a terminal bound to the part's value on
  its arguments' values, so the fitness is the family's own, computed once per node and call.
* :func:`uses` and :func:`as_calls`: which parts the main body calls, in order of first use,
  and the IR with those calls made :class:`~sva.core.program.Call` s of the emitted
  helpers ``part_0``, ``part_1``, ... (renumbered in that order; a part never called is not
  emitted). :func:`modular_program` builds the :class:`~sva.core.program.Program`: one
  function per called part, without a docstring (parts have no stories: what structure gives
  is measured apart from what stories give), then the entry.

Worked example: main tree ``XOR(ADF0(x0, x1), ADF0(x2, x3))`` with ``ADF0 = XOR(arg0, arg1)``
and an unused ``ADF1`` emits ``part_0(arg0, arg1)`` returning ``arg0 ^ arg1`` and an entry
returning ``part_0(x0, x1) ^ part_0(x2, x3)``; the manifest records ``part_0`` (``ADF0``,
arity 2, called twice) and ``ADF1`` as evolved but not emitted.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from deap import base, gp

from sva.core import gp as gp_kit
from sva.core.program import Apply, Call, Expr, Function, Program, Return, TupleOf
from sva.core.settings import integer

__all__ = ["ModularIndividual", "ModularRun", "individual_class", "modular_config", "modular_program", "part_names",
           "Parts", "collect", "part_params", "parts_record", "budget_record", "calls_sentence", "check_parts", "as_calls", "renaming", "uses", "value", "vary", "evolve"]

#: the settings search-modular adds to its family's search settings: how many parts each
#: individual carries and how many arguments each part takes
PART_DEFAULTS: dict[str, Any] = {"parts": 2, "part_arity": 2}


def modular_config(search_defaults: Mapping[str, Any]) -> dict[str, Any]:
    """A family's ``search-modular`` defaults: every setting of its ``search`` (the same budget,
    operators, selection and stop: the fair comparison) and the parts (:data:`PART_DEFAULTS`)."""
    return {**dict(search_defaults), **PART_DEFAULTS}


def check_parts(config: Mapping[str, Any]) -> tuple[int, int]:
    """(parts, part_arity), checked: at least 1 part of at least 1 argument."""
    return integer(config, "parts", 1), integer(config, "part_arity", 1)


def part_names(count: int) -> tuple[str, ...]:
    """The DEAP names of the parts while evolving: ``ADF0``, ``ADF1``, ... (emitted ones are renamed)."""
    return tuple(f"ADF{index}" for index in range(count))


def part_params(arity: int) -> tuple[str, ...]:
    """The parameter names of a part: ``arg0``, ``arg1``, ..."""
    return tuple(f"arg{index}" for index in range(arity))


class ModularIndividual:
    """The main tree and the parts' trees (``trees[0]`` is the main tree) with one fitness; it
    prints as its trees joined by `` | ``, the main tree first (the manifest's ``trees``)."""

    fitness: base.Fitness

    def __init__(self, trees: Sequence[gp.PrimitiveTree]) -> None:
        self.trees = list(trees)

    def __len__(self) -> int:
        return sum(len(tree) for tree in self.trees)

    def __str__(self) -> str:
        return " | ".join(str(tree) for tree in self.trees)


def individual_class(weights: tuple[float, ...]) -> type:
    """A :class:`ModularIndividual` class with its own fitness class (what ``creator.create``
    would make, but local to one run: :func:`sva.core.gp.individual_class`)."""
    return gp_kit.individual_class(ModularIndividual, weights)


def vary(parents: Sequence[Any], clone: Callable[[Any], Any], mate: Callable[[Any, Any], tuple[Any, Any]],
         mutations: Sequence[Callable[[Any], tuple[Any]]], crossover: float, mutation: float) -> list[Any]:
    """DEAP's ADF variation (module docstring); ``mutations[i]`` mutates tree ``i``."""
    offspring = [clone(individual) for individual in parents]
    for first, second in zip(offspring[::2], offspring[1::2]):
        for index in range(len(first.trees)):
            if random.random() < crossover:
                first.trees[index], second.trees[index] = mate(first.trees[index], second.trees[index])
                del first.fitness.values
                del second.fitness.values
    for individual in offspring:
        for index, mutate in enumerate(mutations):
            if random.random() < mutation:
                individual.trees[index], = mutate(individual.trees[index])
                del individual.fitness.values
    return offspring


@dataclass(frozen=True)
class ModularRun:
    """One run: the best individual, the first item of its rank in each population (generation 0
    first), generations run, evaluations counted and the cost."""

    best: Any
    history: tuple[Any, ...]
    generations: int
    evaluations: int
    wall_time_s: float
    cpu_time_s: float

    @property
    def first_solved_generation(self) -> int | None:
        """The first generation whose best ranked 0 first (no wrong training case), if any."""
        return next((index for index, first in enumerate(self.history) if first == 0), None)


def evolve(initial: Callable[[], Any], evaluate: Callable[[Sequence[Any]], None],
           select: Callable[[Sequence[Any], int], list[Any]], variation: Callable[[list[Any]], list[Any]],
           clone: Callable[[Any], Any], rank: Callable[[Any], tuple], population_size: int, generations: int,
           elites: int, solved: Callable[[Any], bool], seed: int) -> ModularRun:
    """The generational loop of search (:func:`sva.core.gp.generational`). ``rank`` orders
    individuals (lower is better; ties keep the earlier one) for the elites and the best;
    ``solved(best)`` stops the run early."""
    run = gp_kit.generational(
        initial=initial, evaluate=evaluate, select=select, vary=variation, clone=clone,
        keeper=gp_kit.RankKeeper(rank, elites), observe=lambda population, best: rank(best)[0],
        stop=lambda best, _: solved(best), population_size=population_size, generations=generations,
        elites=elites, seed=seed)
    return ModularRun(run.best, run.history, run.generations, run.evaluations, run.wall_time_s, run.cpu_time_s)


# -- evaluating by value ----------------------------------------------------------------------


def _end(nodes: Sequence[Any], begin: int) -> int:
    """The end of the subtree that starts at ``begin`` of a prefix list."""
    total, end = nodes[begin].arity, begin + 1
    while total > 0:
        total += nodes[end].arity - 1
        end += 1
    return end


def value(main: Sequence[Any], parts: Mapping[str, Sequence[Any]], params: Sequence[str],
          run: Callable[[Sequence[Any], Mapping[str, Any]], Any], bindings: Mapping[str, Any]) -> Any:
    """The main tree's value: ``run(tree, bindings)`` is the family's evaluator of one tree with
    no part calls (terminals looked up by name in ``bindings``); ``parts`` are the part trees by
    DEAP name, each over the terminals ``params``."""
    plain: list[Any] = []
    bound = dict(bindings)
    index = 0
    while index < len(main):
        node = main[index]
        if node.arity == 0 or node.name not in parts:
            plain.append(node)
            index += 1
            continue
        end, start, arguments = _end(main, index), index + 1, []
        while start < end:
            stop = _end(main, start)
            arguments.append(value(main[start:stop], parts, params, run, bindings))
            start = stop
        name = f"@{len(bound)}"  # no input or argument name starts with @
        bound[name] = run(parts[node.name], dict(zip(params, arguments)))
        plain.append(gp.Terminal(name, True, node.ret))
        index = end
    return run(plain, bound)


# -- what is emitted --------------------------------------------------------------------------


def uses(expr: Expr, names: Sequence[str]) -> dict[str, int]:
    """The parts ``expr`` calls (``Apply`` of a name in ``names``), in order of first use (prefix
    order), with how many times each is called."""
    found: dict[str, int] = {}

    def walk(node: Expr) -> None:
        if isinstance(node, TupleOf):
            for item in node.items:
                walk(item)
        elif isinstance(node, (Apply, Call)):
            if isinstance(node, Apply) and node.primitive in names:
                found[node.primitive] = found.get(node.primitive, 0) + 1
            for argument in node.args:
                walk(argument)

    walk(expr)
    return found


def as_calls(expr: Expr, rename: Mapping[str, str], call: bool = True) -> Expr:
    """``expr`` with each ``Apply`` of a part (a key of ``rename``) made a ``Call`` of its helper
    ``rename[part]`` (``call=False``: an ``Apply`` of the new name, e.g. a part qualified by its output)."""
    if isinstance(expr, TupleOf):
        return TupleOf(tuple(as_calls(item, rename, call) for item in expr.items))
    if isinstance(expr, Apply):
        arguments = tuple(as_calls(argument, rename, call) for argument in expr.args)
        if expr.primitive in rename:
            return Call(rename[expr.primitive], arguments) if call else Apply(rename[expr.primitive], arguments)
        return Apply(expr.primitive, arguments)
    return expr


def renaming(called: Sequence[str]) -> dict[str, str]:
    """DEAP part name -> emitted helper name, ``part_0`` for the first called, and so on."""
    return {name: f"part_{index}" for index, name in enumerate(called)}


def calls_sentence(rename: Mapping[str, str]) -> str:
    """The module docstring's clause on the parts: which evolved parts the entry calls, if any."""
    if not rename:
        return "it calls none of its evolved parts"
    helpers = ", ".join(rename.values())
    if len(rename) == 1:
        return f"it calls one evolved part, {helpers}, written as a function of its own"
    return f"it calls {len(rename)} evolved parts, {helpers}, each written as a function of its own"


def modular_program(docstring: str, entry: str, params: Sequence[str], story: str | None, returned: Expr,
                    bodies: Mapping[str, Expr], rename: Mapping[str, str], arity: int) -> Program:
    """The artifact's program: one function per called part (``bodies`` by DEAP name, emitted
    as ``rename[name]`` in the order of ``rename``), no docstring, then the entry."""
    helpers = tuple(Function(helper, part_params(arity), (Return(bodies[name]),))
                    for name, helper in rename.items())
    main = Function(entry, tuple(params), (Return(as_calls(returned, rename)),), story=story)
    return Program(docstring, helpers + (main,), entry)


def budget_record(population_size: int, generations: int, runs: int = 1) -> dict[str, int]:
    """The budget as the manifest states it: search's population and generations, and the most
    evaluations ``runs`` runs (one per output) may spend, ``runs x population x (generations + 1)``."""
    return {"population_size": population_size, "generations": generations,
            "most_evaluations": runs * population_size * (generations + 1)}


def parts_record(evolved: Sequence[tuple[str, int, str, int]], calls: Mapping[str, int],
                 rename: Mapping[str, str]) -> dict[str, Any]:
    """What the manifest says of the parts: ``evolved`` is (DEAP name, arity, expression, tree
    size) of every evolved part; the emitted ones with their helper name and how many times the
    entry calls each, in emitted order, then the ones never called (not emitted)."""
    by_name = {name: (arity, expression, size) for name, arity, expression, size in evolved}
    emitted = [{"name": helper, "evolved_as": name, "arity": by_name[name][0], "params": list(part_params(by_name[name][0])),
                "calls": calls[name], "expression": by_name[name][1], "tree_size": by_name[name][2]}
               for name, helper in rename.items()]
    unused = [{"evolved_as": name, "arity": arity, "expression": expression, "tree_size": size}
              for name, arity, expression, size in evolved if name not in rename]
    return {"parts": emitted, "unused_parts": unused,
            "unused_parts_note": "parts evolved but never called by the final main tree are not emitted"}


@dataclass(frozen=True)
class Parts:
    """The evolved parts of one artifact: their bodies (IR, by DEAP name), how many times the
    entry calls each called one (in order of first use), the emitted names and the manifest's
    record (:func:`parts_record`)."""

    bodies: Mapping[str, Expr]
    calls: Mapping[str, int]
    rename: Mapping[str, str]
    arity: int
    record: Mapping[str, Any]

    @property
    def sentence(self) -> str:
        """The module docstring's clause on the parts (:func:`calls_sentence`)."""
        return calls_sentence(self.rename)

    def program(self, docstring: str, entry: str, params: Sequence[str], story: str | None,
                returned: Expr) -> Program:
        """The artifact's program (:func:`modular_program`)."""
        return modular_program(docstring, entry, params, story, returned, self.bodies, self.rename, self.arity)


def collect(returned: Expr, trees: Mapping[str, Any], to_expression: Callable[[Any, str], Expr],
            render: Callable[[Expr], str], arity: int) -> Parts:
    """The :class:`Parts` of an artifact whose entry returns ``returned``: ``trees`` are the part
    trees by DEAP name, ``to_expression(tree, name)`` their IR, ``render`` the family's writing."""
    bodies = {name: to_expression(tree, name) for name, tree in trees.items()}
    calls = uses(returned, list(trees))
    rename = renaming(list(calls))
    evolved = [(name, arity, render(bodies[name]), len(tree)) for name, tree in trees.items()]
    return Parts(bodies, calls, rename, arity, parts_record(evolved, calls, rename))
