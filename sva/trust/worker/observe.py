"""A fresh mutant's tests, narrowed to those that can see it: the session process's side.

The session process of :mod:`sva.trust.worker.fresh` builds one :class:`Observer` before it
forks: the reach of every test (:class:`sva.trust.worker.reach.Reach`, read from the original's
text and the folder's other files) and, from one child that imports and collects the *original*
exactly as a mutant's child does, the original's :class:`~sva.trust.worker.footprint.Footprint`.
Each mutant's child then watches its import (:class:`~sva.trust.worker.importwatch.ImportWatch`),
takes its own footprint once its tests are collected, and runs only the tests whose reach
meets what differs (:meth:`Observer.selector`). Measured on inflection's 857 fresh mutants (its
rule tables): see ``docs/trust.md``.
"""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from sva.sandbox.loading import FALLBACK_MODULE
from sva.trust.protocol import MutantBatch, PlanStep
from sva.trust.worker.footprint import Digester, Footprint, changes, take_footprint
from sva.trust.worker.importwatch import ImportWatch
from sva.trust.worker.reach import Reach

__all__ = ["Observer", "Selector"]

#: Whether a step of the plan (with its runnable test) may see the mutant.
Selector = Callable[[PlanStep, Any], bool]


class Observer:
    """The reach of the tests and the original's footprint (set once its child reported)."""

    def __init__(self, batch: MutantBatch, original: bytes, work: Path) -> None:
        self.work = work
        self.module_file = str(work / batch.request.module)
        stem = Path(batch.request.module).stem
        self.names = {batch.request.module_name or stem, FALLBACK_MODULE}
        self.reach = Reach.of(original, self.module_file, work)
        self.reference: Footprint | None = None
        self.elsewhere: dict[str, Any] = {}

    def settle(self) -> None:
        """Note the modules loaded now (before any child imports the artifact) that are not
        from the folder: a child need not resolve their paths again."""
        root = _root(self.work)
        self.elsewhere = {name: module for name, module in list(sys.modules.items()) if not _home(module, root)}

    def watch(self) -> ImportWatch:
        """A watch for this child's import of the artifact."""
        digester = Digester([self.module_file])
        digester.home_modules.update(self.names)
        return ImportWatch(self.module_file, digester)

    def footprint(self, items: Iterable[Any], watch: ImportWatch) -> Footprint:
        """This child's footprint once its tests are collected."""
        modules = _home_modules(self.work, self.elsewhere)
        files = {self.module_file}
        for module in modules.values():
            path = getattr(module, "__file__", None) or ""
            files.update((path, os.path.realpath(path)))
        trace, unsafe = watch.verdict()
        return take_footprint(modules, items, files, trace, unsafe)

    def selector(self, footprint: Footprint) -> Selector | None:
        """Which tests may see the mutant of ``footprint``; None: every test."""
        if self.reference is None:
            return None
        changed = changes(self.reference, footprint)
        if changed.unknown is not None:
            return None
        reach = self.reach
        return lambda step, test: reach.runs(step, getattr(test, "item", None), changed)


def _root(work: Path) -> str:
    return os.path.realpath(work) + os.sep


def _home(module: object, root: str) -> bool:
    path = getattr(module, "__file__", None) if isinstance(module, types.ModuleType) else None
    return isinstance(path, str) and os.path.realpath(path).startswith(root)


def _home_modules(work: Path, elsewhere: Mapping[str, Any]) -> dict[str, types.ModuleType]:
    """The modules loaded from files under ``work``, by name (``elsewhere``: modules known not to be)."""
    root = _root(work)
    return {name: module for name, module in list(sys.modules.items())
            if elsewhere.get(name) is not module and _home(module, root)}
