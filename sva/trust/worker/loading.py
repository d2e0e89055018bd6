"""Loading the artifact inside the sandbox for the trust jobs (the worker's side).

The sandbox's working folder holds the artifact and its tests under their own file names.
:func:`sva.sandbox.loading.load_module` imports a file by path under a fixed name (what the
sandbox's own jobs use); :func:`import_artifact` imports it by its module name when it has one, so that a user's tests
(``from mymodule import f``) get the very module object the trust worker instruments;
:func:`prepare_machinery` imports Hypothesis and pytest *before* the folder goes on
``sys.path``, so an artifact called ``random.py`` cannot shadow a module they need, and loads
the derandomized Hypothesis profile every trust job runs under.

Nothing here names a job: :mod:`sva.trust.worker.jobs` and the worker modules import it.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import sys
from pathlib import Path
from types import ModuleType

from sva.sandbox.hypothesis_tables import build as build_tables
from sva.sandbox.loading import FALLBACK_MODULE, forget_installed, load_module
from sva.trust.protocol import WorkerRequest

__all__ = ["ServedSource", "import_artifact", "prepare_machinery"]

def import_artifact(module_file: str, module_name: str | None = None, import_root: Path | None = None) -> ModuleType:
    """Import the artifact by its module name when it has one (``pkg.mod`` inside a package:
    the same module object a user's ``import pkg.mod`` then gets), else by path (``seed-0.py``)."""
    stem = Path(module_file).stem
    name = module_name or (stem if stem.isidentifier() else None)
    if name is not None and import_root is not None and (Path(module_file).parent / "__init__.py").is_file():
        forget_installed(name.split(".")[0], import_root)
    if name is not None and name.split(".")[0] not in sys.modules:
        module = importlib.import_module(name)
        if os.path.realpath(getattr(module, "__file__", None) or "") == os.path.realpath(module_file):
            return module
    # not a module name, or one the standard library or the machinery already took (random.py)
    return load_module(module_file, FALLBACK_MODULE)


class ServedSource:
    """While a mutant is served, every source loader reading the artifact's file gets the
    mutant's text instead, and no bytecode cache for it: an import by name and a load by path
    (``spec_from_file_location``, as generated contracts load ``seed-0.py``, at collection or
    inside a test) alike run the mutant, while the file on disk stays the original. Patches
    ``SourceFileLoader`` in this process (a sandboxed worker, or a child forked from it);
    :meth:`serve` with ``None`` serves the file again."""

    def __init__(self, module_file: str) -> None:
        self.target = os.path.realpath(module_file)
        self.source: bytes | None = None
        loader = importlib.machinery.SourceFileLoader
        read, stats = loader.get_data, loader.path_stats
        served = self

        def get_data(self: object, path: str) -> bytes:
            if served.source is not None and os.path.realpath(path) == served.target:
                return served.source
            return read(self, path)  # type: ignore[arg-type]  # self is the loader patched

        def path_stats(self: object, path: str) -> object:
            if served.source is not None and os.path.realpath(path) == served.target:
                raise OSError("a mutant has no bytecode cache")
            return stats(self, path)  # type: ignore[arg-type]

        loader.get_data = get_data  # type: ignore[method-assign]
        # typeshed types path_stats as returning a Mapping; ours passes the loader's through
        loader.path_stats = path_stats  # type: ignore[method-assign,assignment]

    def serve(self, source: bytes | None) -> None:
        self.source = source


def prepare_machinery(work: Path, request: WorkerRequest, shrink: bool) -> None:
    """Import the machinery before the artifact's folder goes on the path (so a module called
    ``random.py`` cannot shadow what Hypothesis or pytest need), then make the folder and the
    request's import root importable (once: a second call changes nothing).

    Hypothesis runs derandomized with no example database, so every run draws the same inputs;
    on mutants it does not shrink (a failure is all that counts there). Its Unicode tables are
    read (or, where the folder lacks them, built) here, charged to no test's budget.
    """
    import hypothesis  # noqa: F401
    from hypothesis import HealthCheck, Phase, settings

    if request.tests:
        import _pytest.runner  # noqa: F401
        import pytest  # noqa: F401

    phases = (Phase.explicit, Phase.reuse, Phase.generate) + ((Phase.shrink,) if shrink else ())
    settings.register_profile(
        "sva-trust", derandomize=True, database=None, deadline=None, print_blob=False, phases=phases,
        report_multiple_bugs=False, suppress_health_check=list(HealthCheck))
    settings.load_profile("sva-trust")
    build_tables()  # Hypothesis's Unicode tables, before any clock (sva.sandbox.hypothesis_tables)
    sys.dont_write_bytecode = True  # a mutant rewritten in place must never load a stale .pyc
    for folder in (str(work), str(work / request.import_root)):
        if folder not in sys.path:
            sys.path.insert(0, folder)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))
