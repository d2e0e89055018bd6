"""Search's typed grammar for one PSB spec: a DEAP ``PrimitiveSetTyped`` over the vocabulary.

Types keep every tree well formed: ``Int``, ``Bool``, ``Str``, ``Float``, ``IntList``,
``FloatList``, ``Count`` (the input ``n`` of sum-of-squares: ``RANGE`` counts only up to it),
and for the higher-order forms ``Pred`` and ``Fn`` (element functions) built from ``Small``
(small constants). A spec's primitive names (its IR vocabulary) decide which typed primitives
exist; a typed primitive's DEAP name is ``<IR name>_<types>`` (``IF_Int``, ``LEN_Str``), and
:data:`Grammar.ir` maps it back. Terminals: the parameters, a few constants per output type, the
element tokens (``is_odd``, ``square``, ``negate``) and element makers applied to a constant
(``less_than(0)``, ``at_least(0)``, ...). Every type a primitive needs has a terminal, so the
tree generator (:func:`generate`) can always close a branch.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from inspect import isclass
from typing import Any, Callable, Mapping, Sequence

from deap import gp

from sva.core.program import Apply, Constant, Expr, Name
from sva.core.spec import Spec
from sva.families.psb.vocabulary import ELEMENT_MAKERS, ELEMENT_TOKENS, HIGHER_ORDER, STRICT, X


class Int: ...
class Bool: ...  # noqa: E701
class Str: ...  # noqa: E701
class Float: ...  # noqa: E701
class IntList: ...  # noqa: E701
class FloatList: ...  # noqa: E701
class Count: ...  # noqa: E701
class Pred: ...  # noqa: E701
class Fn: ...  # noqa: E701
class Small: ...  # noqa: E701


TYPES: dict[str, type] = {cls.__name__: cls for cls in (Int, Bool, Str, Float, IntList, FloatList, Count)}

#: IR name -> the typed signatures (argument types, result type) it has.
SIGNATURES: dict[str, tuple[tuple[tuple[type, ...], type], ...]] = {
    "ADD": (((Int, Int), Int), ((Float, Float), Float)),
    "SUB": (((Int, Int), Int), ((Float, Float), Float)),
    "MUL": (((Int, Int), Int), ((Float, Float), Float)),
    "NEG": (((Int,), Int),),
    "DIV": (((Float, Float), Float),),
    "MIN": (((Int, Int), Int),),
    "MAX": (((Int, Int), Int),),
    "LT": (((Int, Int), Bool),),
    "LE": (((Int, Int), Bool),),
    "EQ": (((Int, Int), Bool),),
    "NOT": (((Bool,), Bool),),
    "AND": (((Bool, Bool), Bool),),
    "OR": (((Bool, Bool), Bool),),
    "IF": (((Bool, Int, Int), Int), ((Bool, Str, Str), Str), ((Bool, Bool, Bool), Bool)),
    "ODD": (((Int,), Bool),),
    "LEN": (((IntList,), Int), ((Str,), Int), ((FloatList,), Float)),
    "SUM": (((IntList,), Int), ((FloatList,), Float)),
    "LAST": (((IntList,), Int),),
    "RANGE": (((Count,), IntList),),
    "MAP": (((Fn, IntList), IntList),),
    "FILTER": (((Pred, IntList), IntList),),
    "COUNT_IF": (((Pred, IntList), Int),),
    "INDICES_WHERE": (((Pred, IntList), IntList),),
}

#: Constants by type (small-or-large's thresholds and words are its own).
CONSTANTS: dict[type, tuple[Any, ...]] = {Int: (0, 1), Float: (0.0, 1.0), Bool: (False, True), Small: (0, 1, 2)}
SMALL_OR_LARGE: dict[type, tuple[Any, ...]] = {Int: (0, 1, 1000, 2000), Str: ("small", "large", "")}
MAKER_TYPES = {"less_than": Pred, "more_than": Pred, "equal_to": Pred, "at_least": Fn, "at_most": Fn, "plus": Fn}
TOKEN_TYPES = {"is_odd": Pred, "square": Fn, "negate": Fn}


@dataclass(frozen=True)
class Grammar:
    """A spec's typed primitive set, how each DEAP node becomes IR, and each one's Python value."""

    pset: gp.PrimitiveSetTyped
    #: DEAP primitive or token name -> builder of its IR from its arguments' IR
    ir: Mapping[str, Callable[[tuple[Expr, ...]], Expr]]
    #: names the compiled trees call -> Python functions
    context: Mapping[str, Any]
    params: tuple[str, ...]


def grammar(spec: Spec, name: str | None = None, types: Sequence[str] | None = None, returns: str | None = None,
            params: Sequence[str] | None = None) -> Grammar:
    """The typed grammar of ``spec`` (its primitive names decide which primitives exist); for a
    part of ``search-modular``, the grammar called ``name`` over arguments ``params`` of the
    type names ``types``, returning ``returns`` (the spec's own by default)."""
    types = spec.extra["types"] if types is None else types
    params = spec.params if params is None else tuple(params)
    in_types = [TYPES[kind] for kind in types]
    pset = gp.PrimitiveSetTyped(spec.entry if name is None else name, in_types,
                                TYPES[spec.extra["returns"] if returns is None else returns], prefix="ARG")
    pset.renameArguments(**{f"ARG{i}": param for i, param in enumerate(params)})
    names = set(spec.primitives)
    higher = any(name in names for name in HIGHER_ORDER)
    constants = dict(CONSTANTS)
    if spec.kind == "small-or-large":
        constants.update(SMALL_OR_LARGE)
    ir = _add_primitives(pset, _producible(in_types, names, higher, constants))
    _add_constants(pset, constants)
    if higher:
        ir.update(_add_element_functions(pset, constants[Small]))
    context: dict[str, Any] = dict(pset.context)
    return Grammar(pset, ir, context, params)


def _add_primitives(pset: gp.PrimitiveSetTyped,
                    typed: list[tuple[str, tuple[type, ...], type]]) -> dict[str, Callable[[tuple[Expr, ...]], Expr]]:
    """Add each typed primitive to ``pset`` under its DEAP name; the IR builder of each name."""
    ir: dict[str, Callable[[tuple[Expr, ...]], Expr]] = {}
    for primitive, args, result in typed:
        typed_name = f"{primitive}_{'_'.join(kind.__name__ for kind in args)}"
        pset.addPrimitive(_python(primitive), list(args), result, name=typed_name)
        ir[typed_name] = (lambda prim: lambda parts: Apply(prim, parts))(primitive)
    return ir


def _add_constants(pset: gp.PrimitiveSetTyped, constants: Mapping[type, tuple[Any, ...]]) -> None:
    """Add the constants of every type some primitive takes or the tree returns (``Small`` aside)."""
    used = {kind for prim in pset.primitives.values() for p in prim for kind in p.args} | {pset.ret}
    for kind, values in constants.items():
        if kind in used and kind is not Small:
            for value in values:
                pset.addTerminal(value, kind)


def _add_element_functions(pset: gp.PrimitiveSetTyped,
                           small: tuple[Any, ...]) -> dict[str, Callable[[tuple[Expr, ...]], Expr]]:
    """Add the higher-order forms' terminals (small constants, element tokens) and element
    makers to ``pset``; the IR builder of each token and maker."""
    ir: dict[str, Callable[[tuple[Expr, ...]], Expr]] = {}
    for value in small:
        pset.addTerminal(value, Small)
    for token, kind in TOKEN_TYPES.items():
        pset.addTerminal(_element_function(ELEMENT_TOKENS[token]), kind, name=token)
        ir[token] = (lambda body: lambda parts: body)(ELEMENT_TOKENS[token])
    for maker, kind in MAKER_TYPES.items():
        pset.addPrimitive(_maker(maker), [Small], kind, name=maker)
        ir[maker] = (lambda build: lambda parts: build(parts[0]))(ELEMENT_MAKERS[maker])
    return ir


def _producible(in_types: list[type], names: set[str], higher: bool,
                constants: Mapping[type, tuple[Any, ...]]) -> list[tuple[str, tuple[type, ...], type]]:
    """The typed primitives whose every argument type some tree can produce, in a fixed order."""
    have = set(in_types) | {kind for kind in constants if kind is not Small}
    if higher:
        have |= {Pred, Fn, Small}
    signatures = [(name, args, result) for name, options in SIGNATURES.items() if name in names
                  for args, result in options]
    while True:
        grown = have | {result for _, args, result in signatures if set(args) <= have}
        if grown == have:
            break
        have = grown
    return [(name, args, result) for name, args, result in signatures if set(args) <= have]


#: The lazy primitives' strict Python forms.
_LAZY: dict[str, Callable[..., Any]] = {
    "IF": lambda c, t, e: t if c else e, "AND": lambda a, b: a and b, "OR": lambda a, b: a or b}


def _python(name: str) -> Callable[..., Any]:
    """The Python function a compiled tree calls for IR primitive ``name`` (strict: every
    argument is evaluated first; with total primitives only cost differs from the lazy code)."""
    if name in STRICT:
        return STRICT[name]
    if name in HIGHER_ORDER:
        return HIGHER_ORDER[name]
    return _LAZY[name]


def _element_function(body: Expr) -> Callable[[Any], Any]:
    from sva.families.psb.vocabulary import evaluate

    if body == ELEMENT_TOKENS["is_odd"]:
        return lambda x: x % 2 == 1
    if body == ELEMENT_TOKENS["square"]:
        return lambda x: x * x
    if body == ELEMENT_TOKENS["negate"]:
        return lambda x: -x
    return lambda x: evaluate(body, {"x": x})  # pragma: no cover - every token is listed above


def _maker(maker: str) -> Callable[[Any], Callable[[Any], Any]]:
    return {
        "less_than": lambda c: lambda x: x < c,
        "more_than": lambda c: lambda x: c < x,
        "equal_to": lambda c: lambda x: x == c,
        "at_least": lambda c: lambda x: max(x, c),
        "at_most": lambda c: lambda x: min(x, c),
        "plus": lambda c: lambda x: x + c,
    }[maker]


def tree_to_expression(tree: Any, spec_grammar: Grammar) -> Expr:
    """The IR expression of a DEAP tree: parameters become names, constants constants,
    primitives and element functions their IR."""
    stack: list[Expr] = []
    for node in reversed(tree):
        if isinstance(node, gp.Terminal):
            if node.name in spec_grammar.ir:
                stack.append(spec_grammar.ir[node.name](()))
            elif node.conv_fct is str and node.value in spec_grammar.params:
                stack.append(Name(node.value))
            else:
                stack.append(Constant(node.value))
        else:
            parts = tuple(stack.pop() for _ in range(node.arity))
            stack.append(spec_grammar.ir[node.name](parts))
    if len(stack) != 1:
        raise ValueError(f"not a complete tree: {len(stack)} expressions left after the walk")
    return stack[0]


def generate(pset: gp.PrimitiveSetTyped, min_: int, max_: int, full: bool, type_: Any = None) -> list[Any]:
    """A random typed tree (DEAP's ``genFull``/``genGrow``) that closes a branch with a primitive
    when its type has no terminal and with a terminal when it has no primitive."""
    type_ = pset.ret if type_ is None else type_
    expr: list[Any] = []
    height = random.randint(min_, max_)
    stack = [(0, type_)]
    while stack:
        depth, kind = stack.pop()
        terminals, primitives = pset.terminals[kind], pset.primitives[kind]
        leaf = depth == height or (not full and depth >= min_ and random.random() < pset.terminalRatio)
        if (leaf and terminals) or not primitives:
            term = random.choice(terminals)
            expr.append(term() if isclass(term) else term)
        else:
            if leaf:  # no terminal of this type: a primitive whose arguments all have terminals
                primitives = [p for p in primitives if all(pset.terminals[a] for a in p.args)] or primitives
            prim = random.choice(primitives)
            expr.append(prim)
            for arg in reversed(prim.args):
                stack.append((depth + 1, arg))
    return expr


def half_and_half(pset: gp.PrimitiveSetTyped, min_: int, max_: int, type_: Any = None) -> list[Any]:
    return generate(pset, min_, max_, random.random() < 0.5, type_)


def crossover(ind1: Any, ind2: Any) -> tuple[Any, Any]:
    """DEAP's ``cxOnePoint`` for typed trees, with the common types in a fixed order: DEAP
    picks one from a ``set`` of type objects, whose order follows their memory addresses and so
    differs between processes."""
    if len(ind1) < 2 or len(ind2) < 2:
        return ind1, ind2
    types1: dict[Any, list[int]] = {}
    types2: dict[Any, list[int]] = {}
    for index, node in enumerate(ind1[1:], 1):
        types1.setdefault(node.ret, []).append(index)
    for index, node in enumerate(ind2[1:], 1):
        types2.setdefault(node.ret, []).append(index)
    common = sorted(set(types1) & set(types2), key=lambda kind: kind.__name__)
    if common:
        kind = random.choice(common)
        index1, index2 = random.choice(types1[kind]), random.choice(types2[kind])
        slice1, slice2 = ind1.searchSubtree(index1), ind2.searchSubtree(index2)
        ind1[slice1], ind2[slice2] = ind2[slice2], ind1[slice1]
    return ind1, ind2
