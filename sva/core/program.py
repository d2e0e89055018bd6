"""The program IR that both generators build and the one emitter renders.

Generators never write Python text. They build a :class:`Program` of :class:`Function` s whose
bodies compose the spec's primitives (:class:`Apply`), calls to other functions of the program
(:class:`Call`), named bindings (:class:`Bind`) and parameters (:class:`Name`). The emitter turns
it into source, so a primitive looks the same whichever generator used it.

Design may add what the fair comparison allows it to add (docs/experiment.md): helper functions, names, stories (docstrings),
contracts; search produces a single entry function whose body returns one expression per output.

Two statements act by effect: :class:`Do` (a primitive used as a statement, such as the sorting
family's compare-exchange on a list of wires) and :class:`Perform` (a call made for its effect).
A family may bring contract kinds of its own (:class:`~sva.core.emitter.TestContract`);
the plain :class:`Contract` states a function's result as an expression over its parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union


@dataclass(frozen=True)
class Name:
    """A reference to a parameter or a named binding."""

    id: str


@dataclass(frozen=True)
class Constant:
    """A literal (``True``/``False`` for Boolean specs; a string such as ``'small'`` is written
    with its ``repr``)."""

    value: bool | int | float | str


@dataclass(frozen=True)
class Apply:
    """A primitive of the spec's primitive set applied to arguments, e.g. ``Apply("AND", (a, b))``."""

    primitive: str
    args: tuple["Expr", ...]


@dataclass(frozen=True)
class Call:
    """A call to another function of the same program."""

    function: str
    args: tuple["Expr", ...]


@dataclass(frozen=True)
class TupleOf:
    """Several outputs returned together, in the spec's output order."""

    items: tuple["Expr", ...]


Expr = Union[Name, Constant, Apply, Call, TupleOf]


@dataclass(frozen=True)
class Bind:
    """``target = value``: a named binding, a unit of its own in the analyzer's eyes."""

    target: str
    value: Expr


@dataclass(frozen=True)
class Return:
    """``return value``."""

    value: Expr


@dataclass(frozen=True)
class Do:
    """A primitive of the spec's primitive set used as a statement, for its effect (e.g. the
    sorting family's ``COMPARE_EXCHANGE`` on a list: ``Do("COMPARE_EXCHANGE", (wires, i, j))``)."""

    primitive: str
    args: tuple["Expr", ...]


@dataclass(frozen=True)
class Perform:
    """A call made for its effect (e.g. a helper that sorts some wires of a list in place)."""

    call: Call


Statement = Union[Bind, Return, Do, Perform]


@dataclass(frozen=True)
class Contract:
    """A function's promise, checked by a property test in the artifact's tests module.

    ``expected`` is a Python expression over the function's parameters that the function's
    result must equal; it may use the full language (``sum``, ``%``, comparisons), because a
    contract states intent and is not part of the artifact.
    """

    expected: str
    description: str


@dataclass(frozen=True)
class Function:
    """One function of the program; ``story`` becomes its docstring when present."""

    name: str
    params: tuple[str, ...]
    body: tuple[Statement, ...]
    story: str | None = None
    #: a :class:`Contract`, a family's own contract kind (``TestContract``), or None
    contract: Any = None


@dataclass(frozen=True)
class Program:
    """A whole artifact module: a module docstring and functions, the entry function last."""

    docstring: str
    functions: tuple[Function, ...]
    entry: str

    def function(self, name: str) -> Function:
        """The function called ``name``."""
        for function in self.functions:
            if function.name == name:
                return function
        raise KeyError(name)
