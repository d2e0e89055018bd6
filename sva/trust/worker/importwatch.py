"""What the artifact's import does to the world outside its own module.

A fresh mutant's tests may be skipped when they read nothing the mutant changed
(:mod:`sva.trust.worker.reach`); the changes are found by comparing digests of the folder's
modules (:mod:`sva.trust.worker.footprint`). That is only sound when the import changed nothing
elsewhere: a module-level ``random.seed(7)`` or ``sys.path.insert(0, ...)`` leaves the artifact's
globals as they were and changes what every later test sees. :class:`ImportWatch` is a profile
hook held while the artifact is imported, and it lets the import count as *contained* only when
every dealing of the artifact's code with other code is one of:

- a call of a Python function of another module: recorded with the digest of its arguments, so
  the original's import and the mutant's must make the same calls with equal arguments (then
  they do the same to the world, and what they return lands in globals the digests compare);
- a call of a built-in known to change nothing (``len``, ``str.format``, ``math.sqrt``...);
- a built-in method changing a list, dict or set the import itself made (``PLURALS.insert``: the
  container is not in the frozen generation of the garbage collector, which holds every object
  older than the child's fork).

And the code the import ran (the module's and every function it called) must store no
attribute or item (``obj.x = ...``, ``table[k] = ...``): a store is invisible to a profile hook
and could reach any object. Anything else makes the import *uncontained*, and the reason is
kept: then every test runs, as before.
"""

from __future__ import annotations

import builtins
import dis
import gc
import hashlib
import sys
import types
from typing import Any

from sva.trust.worker.footprint import Digester

__all__ = ["CallsIn", "ImportWatch"]

#: Built-ins that change no state outside their arguments' results.
_PURE_BUILTINS = frozenset({
    "abs", "all", "any", "ascii", "bin", "callable", "chr", "divmod", "format", "hash", "hex", "isinstance",
    "issubclass", "iter", "len", "max", "min", "next", "oct", "ord", "pow", "repr", "round", "sorted", "sum",
    "__build_class__", "id"})
#: Modules of built-in functions that change no state.
_PURE_MODULES = frozenset({"math", "cmath", "unicodedata", "_operator", "operator", "itertools"})
_IMMUTABLE = (str, bytes, int, float, complex, tuple, frozenset, bool, range, type(None))
_CONTAINERS = (list, dict, set, bytearray)
_STORES = frozenset({"STORE_ATTR", "DELETE_ATTR", "STORE_SUBSCR", "DELETE_SUBSCR", "STORE_SLICE", "DELETE_SLICE"})


class ImportWatch:
    """A profile hook over the import of the file ``module_file`` (use as a context manager),
    then :meth:`verdict`: the digest of its dealings with other modules, or why it is not
    contained."""

    def __init__(self, module_file: str, digester: Digester) -> None:
        self.file = module_file
        self.digester = digester
        self.calls: list[bytes] = []
        self.codes: set[types.CodeType] = set()
        self.changed: list[Any] = []  # containers the import's built-in calls may have changed
        self.unsafe: str | None = None
        self._previous: Any = None
        self.result: tuple[str | None, str | None] | None = None

    def __enter__(self) -> "ImportWatch":
        self._previous = sys.getprofile()
        sys.setprofile(self._hook)
        return self

    def __exit__(self, *exc: object) -> None:
        sys.setprofile(self._previous)
        try:
            self.result = self._verdict()
        except Exception as error:  # noqa: BLE001 - a watch that fails knows nothing
            self.result = None, f"the watch failed: {error!r:.80}"

    def verdict(self) -> tuple[str | None, str | None]:
        """(digest of the calls to other modules, None) when contained, else (None, why);
        judged when the import ends (before anything else is made in the child)."""
        return self.result if self.result is not None else (None, "the import was not watched to its end")

    def _hook(self, frame: Any, event: str, arg: Any) -> None:
        try:
            self._heard(frame, event, arg)
        except Exception as error:  # noqa: BLE001 - the watch must never break the import
            self.unsafe = f"the watch failed: {error!r:.80}"

    def _heard(self, frame: Any, event: str, arg: Any) -> None:
        if event == "call":
            code = frame.f_code
            if code.co_filename == self.file:
                self.codes.add(code)
                return
            back = frame.f_back
            if back is not None and back.f_code.co_filename == self.file:
                self._called(code, frame)
        elif event == "c_call" and frame.f_code.co_filename == self.file and self.unsafe is None:
            self._built_in(arg)

    def _called(self, code: types.CodeType, frame: Any) -> None:
        count = code.co_argcount + code.co_kwonlyargcount
        count += bool(code.co_flags & 0x04) + bool(code.co_flags & 0x08)
        local = frame.f_locals
        arguments = [local.get(name) for name in code.co_varnames[:count]]
        self.calls.append(self.digester.digest((code.co_filename, code.co_qualname, arguments)))

    def _built_in(self, function: Any) -> None:
        owner = getattr(function, "__self__", None)
        name = getattr(function, "__name__", "?")
        if owner is builtins:
            if name not in _PURE_BUILTINS:
                self.unsafe = f"the import calls {name}()"
        elif isinstance(owner, types.ModuleType):
            if owner.__name__ not in _PURE_MODULES:
                self.unsafe = f"the import calls {owner.__name__}.{name}()"
        elif isinstance(owner, _IMMUTABLE) or owner in _IMMUTABLE:
            return
        elif type(owner) in _CONTAINERS:
            self.changed.append(owner)
        elif owner is None and getattr(function, "__objclass__", None) in _IMMUTABLE:
            return
        else:
            self.unsafe = f"the import calls {getattr(function, '__qualname__', name)}"

    def _verdict(self) -> tuple[str | None, str | None]:
        if self.unsafe is not None:
            return None, self.unsafe
        for code in self.codes:
            stores = sorted({instruction.opname for instruction in dis.get_instructions(code)} & _STORES)
            if stores:
                return None, f"{code.co_qualname} stores an attribute or item at import ({stores[0]})"
        if self.changed:
            young = {id(item) for item in gc.get_objects()}
            if any(id(container) not in young for container in self.changed):
                return None, "the import changes a container it did not make"
        return hashlib.blake2b(b"".join(self.calls), digest_size=16).hexdigest(), None



class CallsIn:
    """Whether code outside the artifact calls one of its functions while this is held (started
    by :meth:`start`, ended by :meth:`stop`): held over the original's collection, it tells
    whether the tests' collection runs the artifact's code (``EXPECTED = m.pluralize("x")`` at
    the top of a tests file). The import watch does not see that code run, so a mutant could
    act on the world there unseen; the caller then runs every test. The artifact's module code
    run again (a tests file loading it by path) does not count: it is the code the watch saw."""

    def __init__(self, module_file: str) -> None:
        self.file = module_file
        self.called: str | None = None
        self._previous: Any = None

    def start(self) -> None:
        self._previous = sys.getprofile()
        sys.setprofile(self._hook)

    def stop(self) -> None:
        sys.setprofile(self._previous)

    def _hook(self, frame: Any, event: str, arg: Any) -> None:
        if event != "call" or self.called is not None:
            return
        code = frame.f_code
        if code.co_filename == self.file and code.co_name != "<module>":
            back = frame.f_back
            if back is None or back.f_code.co_filename != self.file:
                self.called = code.co_qualname
