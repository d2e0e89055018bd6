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

A cache around one of the artifact's functions (``functools.lru_cache``, ``functools.cache``)
would answer the mutant's tests with what the original computed (or the last mutant did), where
plain pytest starts with an empty one: every such cache (found once, by its ``__wrapped__``) is
cleared when a mutant is swapped in and again when the original is restored.
"""

from __future__ import annotations

import gc
import types
from typing import Any, Callable

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


def swappable(original: dict[str, list[types.CodeType]], mutant_source: str, filename: str) -> bool:
    """Whether the mutant (of a module whose code objects are ``original``, from
    :func:`codes_by_name`) can be swapped in exactly: the same functions, and each with the same
    free variables, so every live function can take its mutated code."""
    mutant = codes_by_name(compile(mutant_source, filename, "exec", dont_inherit=True))
    if mutant.keys() != original.keys():
        return False
    for name, codes in original.items():
        others = mutant[name]
        if len(others) != len(codes) or any(a.co_freevars != b.co_freevars for a, b in zip(codes, others)):
            return False
    return True


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

    def swap_in(self, mutant_source: str) -> Callable[[], None]:
        """Install the mutant; return the function that restores the original. The caller
        sends only :func:`swappable` mutants; another raises ``RuntimeError``."""
        mutant_codes = codes_by_name(compile(mutant_source, self.module_file, "exec", dont_inherit=True))
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
