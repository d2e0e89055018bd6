"""The PSB family's vocabulary: what each primitive means, once, for every evaluator.

Every primitive is total on the values its types allow, so every program terminates on every
input: arithmetic is Python's (unbounded ints), division is protected (``a / b if b != 0 else
0.0``), ``LAST`` of an empty list is -1, ``RANGE`` only ever counts up to the input ``n``.
Higher-order forms take an *element body*: an expression over the loop variable
``x`` (:data:`ELEMENT`), evaluated once per element (``MAP``, ``FILTER``, ``COUNT_IF``,
``INDICES_WHERE``). Search builds element bodies from a small fixed set of element functions
(:data:`ELEMENT_TOKENS`, :data:`ELEMENT_MAKERS`), whose argument is a constant, so one element
costs constant time and a program's cost is linear in its inputs' length. Design writes the
same bodies, or calls a named helper on ``x``.

:func:`evaluate` is the reference evaluation of an IR expression (one case at a time, with
the rendered code's short-circuits); search's fast fitness compiles trees instead
(:mod:`sva.families.psb.compiled`). The two agree (the conformance tests check it).
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from sva.core.program import Apply, Call, Constant, Expr, Name

#: The loop variable of every higher-order form.
ELEMENT = "x"
X = Name(ELEMENT)


def protected_div(a: Any, b: Any) -> Any:
    return a / b if b != 0 else 0.0


def last(xs: Any) -> Any:
    return xs[-1] if xs else -1


def one_to(n: int) -> range:
    return range(1, n + 1)


#: Strict primitives (every argument evaluated first): name -> function of the values.
STRICT: dict[str, Callable[..., Any]] = {
    "ADD": lambda a, b: a + b,
    "SUB": lambda a, b: a - b,
    "MUL": lambda a, b: a * b,
    "NEG": lambda a: -a,
    "DIV": protected_div,
    "MIN": min,
    "MAX": max,
    "LT": lambda a, b: a < b,
    "LE": lambda a, b: a <= b,
    "EQ": lambda a, b: a == b,
    "NOT": lambda a: not a,
    "ODD": lambda a: a % 2 == 1,
    "LEN": len,
    "SUM": sum,
    "LAST": last,
    "RANGE": one_to,
}

#: The higher-order forms: name -> (element body, values) -> result, given the body as a
#: Python function of one element.
HIGHER_ORDER: dict[str, Callable[[Callable[[Any], Any], Any], Any]] = {
    "MAP": lambda body, xs: [body(x) for x in xs],
    "FILTER": lambda body, xs: [x for x in xs if body(x)],
    "COUNT_IF": lambda body, xs: len([x for x in xs if body(x)]),
    "INDICES_WHERE": lambda body, xs: [i for i, x in enumerate(xs) if body(x)],
}

#: Lazy primitives, evaluated as the rendered Python evaluates them.
LAZY = ("IF", "AND", "OR")

#: Element functions search may pass to a higher-order form without an argument:
#: token -> the element body it stands for.
ELEMENT_TOKENS: dict[str, Expr] = {
    "is_odd": Apply("ODD", (X,)),
    "square": Apply("MUL", (X, X)),
    "negate": Apply("NEG", (X,)),
}

#: Element functions made from one constant ``c``: maker -> body over ``x`` and ``c``.
ELEMENT_MAKERS: dict[str, Callable[[Expr], Expr]] = {
    "less_than": lambda c: Apply("LT", (X, c)),
    "more_than": lambda c: Apply("LT", (c, X)),
    "equal_to": lambda c: Apply("EQ", (X, c)),
    "at_least": lambda c: Apply("MAX", (X, c)),
    "at_most": lambda c: Apply("MIN", (X, c)),
    "plus": lambda c: Apply("ADD", (X, c)),
}


def evaluate(expr: Expr, env: Mapping[str, Any], functions: Mapping[str, Callable[..., Any]] | None = None) -> Any:
    """The value of ``expr`` with names bound by ``env`` (the reference evaluation).

    ``functions`` resolves :class:`Call` s (a design's helpers) when given."""
    if isinstance(expr, Name):
        return env[expr.id]
    if isinstance(expr, Constant):
        return expr.value
    if isinstance(expr, Call):
        if functions is None:
            raise ValueError(f"no function {expr.function!r} to call")
        return functions[expr.function](*(evaluate(arg, env, functions) for arg in expr.args))
    if not isinstance(expr, Apply):
        raise TypeError(f"not a PSB expression: {expr!r}")
    name, args = expr.primitive, expr.args
    if name == "IF":
        return evaluate(args[1] if evaluate(args[0], env, functions) else args[2], env, functions)
    if name == "AND":
        return evaluate(args[0], env, functions) and evaluate(args[1], env, functions)
    if name == "OR":
        return evaluate(args[0], env, functions) or evaluate(args[1], env, functions)
    if name in HIGHER_ORDER:
        body, values = args

        def element(value: Any) -> Any:
            return evaluate(body, {**env, ELEMENT: value}, functions)

        return HIGHER_ORDER[name](element, evaluate(values, env, functions))
    return STRICT[name](*(evaluate(arg, env, functions) for arg in args))


#: Every IR primitive name of the family.
ALL_PRIMITIVES: tuple[str, ...] = tuple(STRICT) + tuple(HIGHER_ORDER) + LAZY
