"""Hypothesis draws no constant from the tool's own source: an artifact's examples depend on the
artifact, its tests and its spec, never on how sva's modules happen to be written.

Hypothesis mixes into what it draws the "local constants" of every loaded module it judges local
(not the standard library, not site-packages, not Hypothesis, not a tests file): short strings
(up to 20 characters), integers and floats outside a small range, bytes. In the sandbox the tool
itself is loaded from a source folder, so its own modules counted as local: adding the name
``"FitnessCurve"`` to a module's ``__all__``, or an exit status ``130``, changed the examples a
design contract or a shifted-input check drew, and so the stored rows of sorting and Feynman
cells (a mutation score, an ``r2_shift``), with no change to any artifact.

:func:`exclude_tool_constants` wraps Hypothesis's test of locality so that a file inside the
``sva`` package folder is not local; everything else keeps Hypothesis's own rule (an artifact's
module, a user's package under test and a plug-in family's folder stay local). The sandboxed
child (:mod:`sva.sandbox.child`) calls it first, before any job and before a warm server's
preloads, so every job of every sandbox sees the same rule. It touches Hypothesis's internals
(``hypothesis.internal.constants_ast.is_local_module_file`` and the name
``hypothesis.internal.conjecture.providers`` imported from it), pinned with Hypothesis's exact
version; if those names move, it raises ``RuntimeError`` naming them rather than let the rows
drift silently.

Worked example: in a child that loaded ``sva.families`` and an artifact ``seed_0.py`` holding
``LIMIT = 4096``, the local integer constants are ``{4096}`` with the exclusion; without it they
also held every large integer written in sva's modules (``130``, ``600``, ...).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

__all__ = ["exclude_tool_constants", "tool_folder"]

#: The module holding Hypothesis's test of locality, and the one that imported it by name.
_HOMES = ("hypothesis.internal.constants_ast", "hypothesis.internal.conjecture.providers")
_NAME = "is_local_module_file"


def tool_folder() -> Path:
    """The folder of the ``sva`` package that is running (resolved)."""
    import sva

    return Path(sva.__file__).resolve().parent


def _outside(folder: Path, local: Callable[[str], bool]) -> Callable[[str], bool]:
    def is_local_module_file(path: str) -> bool:
        if not local(path):
            return False
        try:
            return not Path(path).resolve().is_relative_to(folder)
        except (OSError, ValueError):
            return True

    is_local_module_file.sva_excludes = folder  # type: ignore[attr-defined]
    return is_local_module_file


def exclude_tool_constants() -> None:
    """Make Hypothesis treat the files of the ``sva`` package as not local (idempotent)."""
    import importlib

    folder = tool_folder()
    for home in _HOMES:
        module = importlib.import_module(home)
        local = getattr(module, _NAME, None)
        if not callable(local):
            raise RuntimeError(f"{home}.{_NAME}: not found in this Hypothesis; sva.sandbox.constants "
                               f"needs updating for it (the rows would depend on sva's own source)")
        if getattr(local, "sva_excludes", None) != folder:
            setattr(module, _NAME, _outside(folder, local))
