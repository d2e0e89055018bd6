"""libcst's parse without its second pass: the tree of ``libcst.parse_module``, built cheaper.

libcst's native parser builds every node by calling its Python class, whose ``__init__`` (a
frozen dataclass's) sets each field through ``object.__setattr__`` and then calls
``__post_init__``, which runs the node's ``_validate`` (a name is not empty, an ``and`` has
whitespace around it, parentheses are balanced...). Those checks guard trees that code builds
by hand; a tree the parser built from source already obeys them, and the source was accepted by
``ast.parse`` before libcst sees it (:func:`sva.measure.analysis.parse_facts`). libcst's own
source says as much (``CSTNode.__post_init__``: "It might make more sense to move validation
work into the visitor, which would allow us to avoid validating the tree when parsing a
file"). :func:`parse_cst` therefore parses with every node class's ``__init__`` replaced by a
plain one: the same parameters, defaults and default factories (from ``dataclasses.fields``),
each field stored through its slot's descriptor, and no ``__post_init__``. The tree is the
same: tests/measure/test_cstparse.py checks every field of every node (types included) and the
round trip of the code against libcst's own parse, on tricky sources, generated programs and
installed packages. Cost: validation was about a tenth of the parse's CPU time and the
dataclass ``__init__`` about another tenth: hypothesis's 103 files take 1.91 s of CPU with
``libcst.parse_module`` and 1.50 s here (fastest of 4 alternating rounds per file, one process;
1.64 s with validation off alone).

The switch is each class's ``__init__`` attribute (one per node class libcst exports, 172 in
libcst 1.9), replaced for the duration of one parse and put back in a ``finally``, under a
lock (two threads parsing at once would otherwise restore each other's replacement); a
replacement and its restoration cost about 0.04 ms. The plain methods are compiled once per
process (about 20 ms), on the first parse or by :func:`prepare_parse` before workers fork. Nodes built by other threads during that
time (nothing in ``sva`` builds libcst nodes concurrently with an analysis) would go
unvalidated too; their trees stay what they are.
"""

from __future__ import annotations

import dataclasses
import inspect
import threading
from typing import Any, Callable

import libcst as cst
from libcst._nodes.base import CSTNode

__all__ = ["parse_cst", "plain_init", "prepare_parse"]

_switch = threading.Lock()

#: A default factory's placeholder in a plain ``__init__``'s signature.
_UNSET = object()


def plain_init(node_class: type) -> Callable[..., None]:
    """An ``__init__`` for dataclass ``node_class`` that stores each field in its slot, unchecked.

    Example: for ``Name`` (fields ``value``, ``lpar=()``, ``rpar=()``) it is
    ``def __init__(self, value, lpar=(), rpar=()): set_value(self, value); ...`` where
    ``set_value`` is the ``value`` slot's ``__set__``. A field with a default factory defaults to
    a placeholder and gets ``factory()`` when left out, as the dataclass's own ``__init__`` does.
    """
    scope: dict[str, Any] = {"_UNSET": _UNSET}
    params, body = [], []
    for i, f in enumerate(dataclasses.fields(node_class)):
        scope[f"_set{i}"] = inspect.getattr_static(node_class, f.name).__set__
        value = f.name
        if f.default is not dataclasses.MISSING:
            scope[f"_default{i}"] = f.default
            params.append(f"{f.name}=_default{i}")
        elif f.default_factory is not dataclasses.MISSING:
            scope[f"_factory{i}"] = f.default_factory
            params.append(f"{f.name}=_UNSET")
            value = f"_factory{i}() if {f.name} is _UNSET else {f.name}"
        else:
            params.append(f.name)
        body.append(f"    _set{i}(self, {value})\n")
    exec(f"def __init__(self, {', '.join(params)}):\n{''.join(body) or '    pass'}", scope)
    return scope["__init__"]


def _node_classes() -> list[type]:
    """Every concrete node class libcst exports (the classes its parser builds)."""
    return [v for v in vars(cst).values()
            if isinstance(v, type) and issubclass(v, CSTNode) and dataclasses.is_dataclass(v)
            and not inspect.isabstract(v) and "__init__" in vars(v)]


_plain: dict[type, Callable[..., None]] = {}
_own: dict[type, Callable[..., None]] = {}


def _replacements() -> tuple[dict[type, Callable[..., None]], dict[type, Callable[..., None]]]:
    """The plain ``__init__`` of each node class and libcst's own (built on the first parse)."""
    if not _plain:
        classes = _node_classes()
        _own.update((c, vars(c)["__init__"]) for c in classes)
        _plain.update((c, plain_init(c)) for c in classes)
    return _plain, _own


def prepare_parse() -> None:
    """Build the plain ``__init__`` methods now (about 20 ms of compiling), not on the first
    parse: a process about to fork workers calls it once, so each worker inherits them."""
    with _switch:
        _replacements()


def parse_cst(source: str) -> cst.Module:
    """``libcst.parse_module(source)`` with plain, unchecked node ``__init__`` methods.

    Raises what ``libcst.parse_module`` raises for source it cannot parse
    (``libcst.ParserSyntaxError``); libcst's own ``__init__`` methods are back when it returns
    or raises.
    """
    with _switch:
        plain, own = _replacements()
        try:
            for node_class, init in plain.items():
                node_class.__init__ = init  # type: ignore[misc]
            return cst.parse_module(source)
        finally:
            for node_class, init in own.items():
                node_class.__init__ = init  # type: ignore[misc]
