"""Swapping a mutant into the live artifact and back, without re-importing anything.

The mutant batch imports the artifact and collects the tests once; each mutant inside a
function whose code runs only after the import is then installed by :class:`Swapper`. Every
function object whose code comes from the artifact's file is found once (``gc``); the
functions whose code changed get the mutant's code objects (``function.__code__ = new``), so
every binding of them, including ``from m import f`` in a test module, runs the mutant. That
is exact for such mutants; :func:`swappable` says which mutants it can install (the same
functions with the same free variables), and the rest, with module-level and import-time
mutants, are judged in a fresh import (:mod:`sva.trust.worker.fresh`). ``swap_in`` returns the
function that restores the original code objects.

A live function's code is matched with the mutant's by ``co_qualname`` and position among
same-named code objects (two lambdas in one function); a function whose code is unchanged is
left alone.

Each mutant is compiled once: the caller compiles it to decide whether it is swappable
(:func:`swappable`) and ships that code object with the mutant (:func:`pack`: marshal, zlib,
base64; about 1.6 kB for a 99-comparator sort-16 network), and the worker swaps it in as it
stands (:func:`unpack`, which renames its file to the worker's path), compiling only when the
caller's interpreter differs from its own (:func:`code_tag`: the bytecode's magic number and the
optimization level). The code objects are those the worker's own ``compile`` would make: same
source, same flags, same interpreter; marshal keeps every field and the file name is set to
what the worker would have passed.

A cache around one of the artifact's functions (``functools.lru_cache``, ``functools.cache``)
would answer the mutant's tests with what the original computed (or the last mutant did), where
plain pytest starts with an empty one: every such cache (found once, by its ``__wrapped__``) is
cleared when a mutant is swapped in and again when the original is restored.
"""

from __future__ import annotations

import base64
import gc
import marshal
import sys
import types
import zlib
from importlib.util import MAGIC_NUMBER
from typing import Any, Callable

# ``code_tag``, ``pack`` and ``unpack`` are public too but not listed: Hypothesis draws from the
# short string constants of every module of the tool loaded in the sandbox (its "local
# constants"), so a new name here would change the examples a design contract draws.
__all__ = ["Swapper", "codes_by_name", "swappable"]


def codes_by_name(code: types.CodeType) -> dict[str, list[types.CodeType]]:
    """Every function code object inside a module's code, by ``co_qualname``, in definition order."""
    found: dict[str, list[types.CodeType]] = {}
    stack = [code]
    while stack:
        current = stack.pop(0)
        for const in current.co_consts:
            if isinstance(const, types.CodeType):
                found.setdefault(const.co_qualname, []).append(const)
                stack.append(const)
    return found


def swappable(original: dict[str, list[types.CodeType]], mutant_source: str,
              filename: str) -> types.CodeType | None:
    """Whether the mutant (of a module whose code objects are ``original``, from
    :func:`codes_by_name`) can be swapped in exactly: the same functions, and each with the same
    free variables, so every live function can take its mutated code. Yes is the mutant's
    module code (what the worker swaps in), no is None."""
    module = compile(mutant_source, filename, "exec", dont_inherit=True)
    mutant = codes_by_name(module)
    if mutant.keys() != original.keys():
        return None
    for name, codes in original.items():
        others = mutant[name]
        if len(others) != len(codes) or any(a.co_freevars != b.co_freevars for a, b in zip(codes, others)):
            return None
    return module


def code_tag() -> str:
    """What a compiled code object depends on besides its source: the interpreter's bytecode
    (magic number) and its optimization level (``-O`` drops asserts)."""
    return f"{MAGIC_NUMBER.hex()}-{sys.flags.optimize}"


def pack(code: types.CodeType) -> str:
    """A code object as text for the batch's JSON (marshal, zlib, base64)."""
    return base64.b64encode(zlib.compress(marshal.dumps(code))).decode()


def unpack(text: str, filename: str) -> types.CodeType:
    """:func:`pack`'s code object, its file (and every nested code object's) set to ``filename``."""
    return _renamed(marshal.loads(zlib.decompress(base64.b64decode(text))), filename)


def _renamed(code: types.CodeType, filename: str) -> types.CodeType:
    consts = tuple(_renamed(const, filename) if isinstance(const, types.CodeType) else const
                   for const in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


class Swapper:
    """Swaps a mutant's code objects into the live artifact's functions and back."""

    def __init__(self, module_file: str, source: str) -> None:
        self.module_file, self.source = module_file, source
        self.functions = [obj for obj in gc.get_objects()
                          if type(obj) is types.FunctionType and obj.__code__.co_filename == module_file]
        self.original_code = {id(f): f.__code__ for f in self.functions}
        self.original_codes = codes_by_name(compile(source, module_file, "exec", dont_inherit=True))
        self.caches = _caches_around(self.functions)

    def clear_caches(self) -> None:
        for cache in self.caches:
            cache.cache_clear()

    def swap_in(self, mutant_source: str, code: types.CodeType | None = None) -> Callable[[], None]:
        """Install the mutant; return the function that restores the original. ``code`` is the
        mutant's module code when the caller compiled it (:func:`unpack`), else it is compiled
        here. The caller sends only :func:`swappable` mutants; another raises
        ``RuntimeError``."""
        if code is None:
            code = compile(mutant_source, self.module_file, "exec", dont_inherit=True)
        mutant_codes = codes_by_name(code)
        patched: list[types.FunctionType] = []

        def restore() -> None:
            for function in patched:
                function.__code__ = self.original_code[id(function)]
            self.clear_caches()

        for function in self.functions:
            original = self.original_code[id(function)]
            candidates = self.original_codes.get(original.co_qualname, [])
            replacement = mutant_codes.get(original.co_qualname, [])
            if original not in candidates:
                continue  # code made at run time (exec), not the module's own
            if len(candidates) != len(replacement):
                restore()
                raise RuntimeError(f"the mutant of {original.co_qualname} cannot be swapped in (not swappable)")
            new = replacement[candidates.index(original)]
            if new == original:
                continue
            try:
                function.__code__ = new
            except ValueError as error:
                restore()
                raise RuntimeError(f"the mutant of {original.co_qualname} cannot be swapped in: {error}") from None
            patched.append(function)
        self.clear_caches()
        return restore


def _caches_around(functions: list[types.FunctionType]) -> list[Any]:
    """The caches (objects whose type has ``cache_clear``) wrapping one of ``functions``."""
    ours = {id(function) for function in functions}
    found = []
    for obj in gc.get_objects():
        try:
            if callable(getattr(type(obj), "cache_clear", None)) and id(getattr(obj, "__wrapped__", None)) in ours:
                found.append(obj)
        except Exception:  # noqa: BLE001 - an object whose attributes cannot be read is no cache of ours
            continue
    return found
