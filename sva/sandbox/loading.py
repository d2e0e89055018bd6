"""Importing a file of the sandbox's working folder, for the jobs that run artifact code.

:func:`load_module` imports a file by path under a fixed name (the simple jobs of
:mod:`sva.sandbox.jobs` use it; so does the trust worker for a file that is not a module
name); :func:`forget_installed` drops an installed copy of a project's package that the
machinery imported first, so the project's own copy loads. Nothing here names a job.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

__all__ = ["FALLBACK_MODULE", "forget_installed", "load_module"]

#: Name an artifact is imported under when its file name is not a module name (``seed-0.py``).
FALLBACK_MODULE = "artifact_under_test"


def load_module(path: str, name: str = FALLBACK_MODULE) -> ModuleType:
    """Import the module at ``path`` (in the working folder) under ``name``."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module



def forget_installed(package: str, import_root: Path) -> None:
    """Drop package ``package`` (and its submodules) from ``sys.modules`` when the copy loaded
    there is not the project's (not under its ``import_root``): the machinery may have imported
    an installed copy of it (pytest imports ``iniconfig``, Hypothesis ``attr``) before the
    project's folder went on the path. What the machinery holds of it stays its own."""
    loaded = sys.modules.get(package)
    if loaded is None:
        return
    where = os.path.realpath(getattr(loaded, "__file__", None) or "")
    if where.startswith(os.path.realpath(import_root) + os.sep):
        return
    for name in [name for name in sys.modules if name == package or name.startswith(package + ".")]:
        del sys.modules[name]
