"""What a fresh import leaves behind, as digests to compare with the original's.

A fresh mutant (:mod:`sva.trust.worker.fresh`) is imported and its tests collected in a child
process. What the tests can then see of the mutant is the state that import and collection
built: the globals of every module loaded from the working folder (the artifact, its tests, a
``conftest.py``) and the collected items (their ``parametrize`` values, their marks, their test
functions). :func:`take_footprint` digests each of these separately, one digest per global
(``module:name``) and one per item; :func:`changes` compares two footprints and names the
globals and items that differ, which :mod:`sva.trust.worker.reach` turns into the tests that
cannot tell the mutant from the original.

A digest is structural and depends on nothing a process chooses (no address, no ``id``): an
atom by its type and ``repr`` (so ``-0.0`` differs from ``0.0``), a list or tuple by its items
in order, a dict by its items in insertion order, a set in iteration order (children forked from
one process hash alike), a function of the folder's files by its code (bytecode, constants,
names, line table), defaults, closure, attributes and annotations, a function or class of any
other module by its module and name, a class of the folder's files by its bases, metaclass and
namespace, any other object by what ``__reduce_ex__(4)`` returns for it (the state ``pickle``
would rebuild it from; an object pickled by its name alone, such as an ``lru_cache`` wrapper,
hides its content). A mutable object met twice within one global is a back-reference to its
first position (cycles end there); an object shared by two globals adds that sharing to both
digests. Whatever cannot be digested this way (a lock, a generator, an object that refuses to
be reduced, a graph of more than :data:`_LIMIT` nodes) makes the global's digest unique to its
process, so it always counts as changed: an unknown is never taken for equal.

Worked example: ``PLURALS = [("(quiz)$", "\\\\1zes"), ...]`` digests the same in two children
unless a mutant changed one of its strings (or the helper that inserts into it at import); then
``inflection:PLURALS`` is the one global that differs, and a test that reads no ``PLURALS`` need
not run.
"""

from __future__ import annotations

import hashlib
import os
import re
import types
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

__all__ = ["Changes", "Digester", "Footprint", "changes", "take_footprint"]

#: Nodes one global may walk before its digest gives up (and counts as changed).
_LIMIT = 20_000

#: A module's own bookkeeping, the same for the original and any mutant loaded from its file
#: (``__builtins__`` alone would walk every built-in; a tests module's loader, pytest's config).
_BOOKKEEPING = frozenset({"__builtins__", "__loader__", "__spec__", "__cached__", "__file__", "__name__",
                          "__package__", "__path__"})

_ATOMS = (type(None), bool, int, float, complex, str, bytes, type(Ellipsis), type(NotImplemented))
_MUTABLE = (list, dict, set, bytearray)


class _Opaque(Exception):
    """A value the digest cannot see into."""


def _hash(*parts: bytes) -> bytes:
    """A node's digest from its parts (each length-prefixed, so no two lists of parts join alike)."""
    joined = b"".join(len(part).to_bytes(4, "little") + part for part in parts)
    return b"\0" + hashlib.blake2b(joined, digest_size=16).digest()


def _atom(value: Any) -> bytes:
    """An atom's digest: its type and ``repr`` as they are when short (cheaper than hashing;
    the leading byte keeps them apart from hashed digests), else hashed."""
    text = type(value).__name__.encode() + b":" + _text(repr(value))
    return b"\1" + text if len(text) <= 40 else _hash(text)


def _text(value: Any) -> bytes:
    return str(value).encode("utf-8", "surrogatepass")


class Digester:
    """Structural digests of values; ``home``: the files whose functions and classes are
    digested by content (the working folder's), every other one by module and name.

    One digester serves one footprint: it caches the digests of immutable values with no
    mutable part by ``id`` (kept alive meanwhile), so a ``parametrize`` table shared by a
    hundred items is walked once, and it keeps which mutable objects each global reached.
    """

    def __init__(self, home_files: Iterable[str]) -> None:
        self.home_files = frozenset(home_files)
        self.home_modules: set[str] = set()
        self._pure: dict[int, tuple[bytes, Any]] = {}
        self._memo: dict[int, int] = {}
        self._budget = _LIMIT
        self.reached: dict[int, list[int]] = {}  #: id of a mutable object -> its positions (the last digest's)
        self._nonce = os.urandom(8)

    def digest(self, value: Any) -> bytes:
        """The digest of ``value`` (unique to this process when it cannot be seen into)."""
        self._memo, self._budget, self.reached = {}, _LIMIT, {}
        try:
            return self._walk(value)[0]
        except (_Opaque, RecursionError):
            return _hash(b"opaque", self._nonce, _text(id(value)))

    def _walk(self, value: Any) -> tuple[bytes, bool]:
        """(digest, pure): pure when no mutable object lies under it (then it is cached)."""
        kind = type(value)
        if kind in _ATOMS:
            return _atom(value), True
        key = id(value)
        cached = self._pure.get(key)
        if cached is not None and cached[1] is value:
            return cached[0], True
        position = self._memo.get(key)
        if position is not None:
            return _hash(b"ref", _text(position)), False
        self._budget -= 1
        if self._budget < 0:
            raise _Opaque()
        if kind in _MUTABLE or kind is types.FunctionType or isinstance(value, type) or not _immutable(kind):
            self._memo[key] = len(self._memo)
            self.reached[key] = [self._memo[key]]
        digest, pure = self._node(value, kind)
        if pure:
            self._pure[key] = (digest, value)
        return digest, pure

    def _all(self, tag: bytes, values: Iterable[Any]) -> tuple[bytes, bool]:
        parts, pure = [tag], True
        for item in values:
            digest, item_pure = self._walk(item)
            parts.append(digest)
            pure = pure and item_pure
        return _hash(*parts), pure

    def _node(self, value: Any, kind: type) -> tuple[bytes, bool]:
        if kind is tuple or kind is frozenset:
            return self._all(kind.__name__.encode(), value)
        if kind is list or kind is set:
            return self._all(kind.__name__.encode(), value)[0], False
        if kind is dict:
            return self._all(b"dict", (part for pair in value.items() for part in pair))[0], False
        if kind is bytearray:
            return _hash(b"bytearray", bytes(value)), False
        if kind is types.ModuleType:
            return _hash(b"module", _text(value.__name__)), True
        if kind is types.CodeType:
            return self._code(value)
        if kind is types.FunctionType:
            return self._function(value), False
        if isinstance(value, type):
            return self._class(value), False
        return self._other(value, kind)

    def _code(self, code: types.CodeType) -> tuple[bytes, bool]:
        consts, pure = self._all(b"consts", code.co_consts)
        fixed = _text((code.co_names, code.co_varnames, code.co_freevars, code.co_cellvars, code.co_argcount,
                       code.co_posonlyargcount, code.co_kwonlyargcount, code.co_flags, code.co_firstlineno,
                       code.co_qualname, code.co_filename))
        return _hash(b"code", code.co_code, code.co_linetable, code.co_exceptiontable, fixed, consts), pure

    def _function(self, function: types.FunctionType) -> bytes:
        if function.__module__ not in self.home_modules and function.__code__.co_filename not in self.home_files:
            return _hash(b"function", _text(function.__module__), _text(function.__qualname__))
        cells = [cell.cell_contents if _full(cell) else _Empty for cell in function.__closure__ or ()]
        return self._all(b"home function", (function.__code__, function.__defaults__, function.__kwdefaults__,
                                            cells, function.__dict__, function.__annotations__,
                                            function.__qualname__, function.__module__, function.__doc__))[0]

    def _class(self, cls: type) -> bytes:
        if cls.__module__ not in self.home_modules:
            return _hash(b"class", _text(cls.__module__), _text(cls.__qualname__))
        namespace = [(name, item) for name, item in vars(cls).items() if name not in ("__dict__", "__weakref__")]
        return self._all(b"home class", (cls.__qualname__, cls.__bases__, type(cls), namespace))[0]

    def _other(self, value: Any, kind: type) -> tuple[bytes, bool]:
        if kind is re.Pattern:
            return _hash(b"pattern", _text(value.pattern), _text(value.flags)), True
        if kind is types.BuiltinFunctionType:
            owner = value.__self__
            if owner is None or isinstance(owner, types.ModuleType):
                return _hash(b"builtin", _text(getattr(owner, "__name__", "")), _text(value.__qualname__)), True
            return self._all(b"bound builtin", (value.__qualname__, owner))[0], False
        if kind is types.MethodType:
            return self._all(b"method", (value.__func__, value.__self__))[0], False
        if kind in (staticmethod, classmethod):
            return self._all(kind.__name__.encode(), (value.__func__,))[0], False
        if kind is property:
            return self._all(b"property", (value.fget, value.fset, value.fdel, value.__doc__))[0], False
        return self._reduced(value, kind), False

    def _reduced(self, value: Any, kind: type) -> bytes:
        if kind.__module__ == "builtins" or _reduces_itself(kind, self.home_modules):
            raise _Opaque()  # a generator, an iterator, a frame...; or a reduction the folder's code writes
        try:
            state = value.__reduce_ex__(4)
        except Exception as error:  # noqa: BLE001 - an object that refuses is one we cannot see into
            raise _Opaque() from error
        if isinstance(state, str):  # pickled by reference (an lru_cache's wrapper): its content is hidden
            raise _Opaque()
        return self._all(b"reduced", (kind, state))[0]


class _Empty:
    """An empty closure cell."""


def _full(cell: Any) -> bool:
    try:
        cell.cell_contents
    except ValueError:
        return False
    return True


def _immutable(kind: type) -> bool:
    return kind in (tuple, frozenset, types.CodeType, re.Pattern, types.BuiltinFunctionType, types.ModuleType)


def _reduces_itself(kind: type, home_modules: set[str]) -> bool:
    """Whether a class of the folder's files defines how its objects reduce (code the digest
    would have to run)."""
    for owner in kind.__mro__:
        if owner.__module__ in home_modules and any(
                name in vars(owner) for name in ("__reduce__", "__reduce_ex__", "__getstate__", "__getnewargs__",
                                                 "__getnewargs_ex__")):
            return True
    return False


@dataclass(frozen=True)
class Footprint:
    """One child's state after importing (and collecting): a digest per global of each module
    of the folder (``module:name``), per collected item (its node id), and of the import's
    dealings with everything else (:class:`sva.trust.worker.importwatch.ImportWatch`; None:
    it did something the digests cannot follow, and why is in ``unsafe``)."""

    globals: Mapping[str, str]
    items: Mapping[str, str]
    trace: str | None
    unsafe: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"globals": dict(self.globals), "items": dict(self.items), "trace": self.trace, "unsafe": self.unsafe}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Footprint":
        return cls(dict(data["globals"]), dict(data["items"]), data.get("trace"), data.get("unsafe"))


@dataclass(frozen=True)
class Changes:
    """What differs between the original's footprint and a mutant's: the names of globals
    (bare, whichever module holds them) and the node ids of items; ``unknown`` (with why): the
    two cannot be compared, so every test runs."""

    names: frozenset[str]
    items: frozenset[str]
    unknown: str | None = None


def take_footprint(modules: Mapping[str, types.ModuleType], items: Iterable[Any], home_files: Iterable[str],
                   trace: str | None, unsafe: str | None) -> Footprint:
    """Digest every global of ``modules`` (by name) and every item of ``items``. A mutable
    object reached from two globals is part of both digests (who shares it with whom)."""
    digester = Digester(home_files)
    digester.home_modules.update(modules)
    shared_parts: dict[int, bytes] = {}  # a test function's or mark's digest, once for all the items sharing it
    digests: dict[str, bytes] = {}
    holders: dict[int, list[tuple[str, int]]] = {}
    for module_name in sorted(modules):
        for name, value in list(vars(modules[module_name]).items()):
            if name in _BOOKKEEPING:
                continue
            key = f"{module_name}:{name}"
            digests[key] = digester.digest(value)
            for ident, positions in digester.reached.items():
                holders.setdefault(ident, []).append((key, positions[0]))
    shared: dict[str, list[bytes]] = {}
    for places in holders.values():
        if len(places) > 1:
            for key, _ in places:
                shared.setdefault(key, []).append(_text(places))
    globals_ = {key: _hash(digest, *sorted(shared.get(key, ()))).hex() for key, digest in digests.items()}
    item_digests = {item.nodeid: _item_digest(digester, item, shared_parts) for item in items}
    return Footprint(globals_, item_digests, trace, unsafe)


def _item_digest(digester: Digester, item: Any, shared_parts: dict[int, bytes]) -> str:
    """What collection decided about an item: its test function, parameters and marks (a
    function or mark shared by a ``parametrize`` table's items is digested once)."""
    def once(value: Any, state: Any) -> bytes:
        if id(value) not in shared_parts:  # the items keep ``value`` alive meanwhile
            shared_parts[id(value)] = digester.digest(state)
        return shared_parts[id(value)]

    function = getattr(item, "obj", None)
    callspec = getattr(item, "callspec", None)
    marks = [once(mark, (mark.name, mark.args, dict(mark.kwargs))) for mark in item.iter_markers()]
    params = digester.digest(dict(callspec.params)) if callspec is not None else b"none"
    return _hash(once(function, function), params, type(item).__qualname__.encode(), *marks).hex()


def changes(original: Footprint, mutant: Footprint) -> Changes:
    """The globals and items on which ``mutant`` differs from ``original``."""
    why = original.unsafe or mutant.unsafe
    if why is None and original.trace != mutant.trace:
        why = "the import dealt with other modules otherwise than the original's did"
    if why is not None:
        return Changes(frozenset(), frozenset(), why)
    keys = set(original.globals) | set(mutant.globals)
    names = frozenset(key.split(":", 1)[1] for key in keys if original.globals.get(key) != mutant.globals.get(key))
    ids = set(original.items) | set(mutant.items)
    items = frozenset(node for node in ids if original.items.get(node) != mutant.items.get(node))
    return Changes(names, items)
