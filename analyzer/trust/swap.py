"""Swapping a mutant into the live artifact and back, without re-importing anything.

The mutant batch imports the artifact and collects the tests once; each mutant is then
installed by :class:`Swapper`. Every function object whose code comes from the artifact's file
is found once (``gc``); for a mutant inside a function, the functions whose code changed get
the mutant's code objects (``function.__code__ = new``), so every binding of them, including
``from m import f`` in a test module, runs the mutant. A mutation outside any function (module
level), or one that changes a function's closure shape, re-runs the mutated module's code in
each namespace the artifact's functions use. ``swap_in`` returns the function that restores
the original: the original code objects, or each namespace's snapshot.

A live function's code is matched with the mutant's by ``co_qualname`` and position among
same-named code objects (two lambdas in one function); a function whose code is unchanged is
left alone.
"""

from __future__ import annotations

import gc
import types
from typing import Callable

__all__ = ["Swapper", "codes_by_name"]


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


class Swapper:
    """Swaps a mutant into the live artifact and back: code objects, or the module's namespace."""

    def __init__(self, module_file: str, module: types.ModuleType, source: str) -> None:
        self.module_file, self.source = module_file, source
        self.functions = [obj for obj in gc.get_objects()
                          if type(obj) is types.FunctionType and obj.__code__.co_filename == module_file]
        self.original_code = {id(f): f.__code__ for f in self.functions}
        namespaces = {id(module.__dict__): module.__dict__}
        for function in self.functions:
            namespaces.setdefault(id(function.__globals__), function.__globals__)
        self.namespaces = list(namespaces.values())
        self.original_codes = codes_by_name(compile(source, module_file, "exec", dont_inherit=True))

    def swap_in(self, mutant_source: str, module_level: bool) -> Callable[[], None]:
        """Install the mutant; return the function that restores the original."""
        code = compile(mutant_source, self.module_file, "exec", dont_inherit=True)
        mutant_codes = codes_by_name(code)
        patched: list[types.FunctionType] = []
        needs_exec = module_level
        if not needs_exec:
            for function in self.functions:
                original = self.original_code[id(function)]
                candidates = self.original_codes.get(original.co_qualname, [])
                replacement = mutant_codes.get(original.co_qualname, [])
                if original not in candidates or len(candidates) != len(replacement):
                    continue
                new = replacement[candidates.index(original)]
                if new == original:
                    continue
                try:
                    function.__code__ = new
                except ValueError:  # closure shape changed: fall back to re-running the module
                    needs_exec = True
                    break
                patched.append(function)
        snapshots = []
        if needs_exec:
            for function in patched:
                function.__code__ = self.original_code[id(function)]
            patched = []
            for namespace in self.namespaces:
                snapshots.append((namespace, dict(namespace)))
                exec(code, namespace)

        def restore() -> None:
            for function in patched:
                function.__code__ = self.original_code[id(function)]
            for namespace, snapshot in snapshots:
                namespace.clear()
                namespace.update(snapshot)

        return restore
