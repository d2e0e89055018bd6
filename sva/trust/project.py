"""Where an artifact lives: a lone file, a module inside a package, or a ``src/`` layout.

``sva trust pkg/mod.py --tests tests/test_mod.py`` must run the module as the project runs it:
imported as ``pkg.mod`` (so ``from ._types import T`` works), with the rest of the package
beside it and the ``conftest.py`` files pytest would load. :func:`find_layout` works that out
from the file system alone (nothing is imported or run) and returns a :class:`Layout`:

* the *import root* is the folder above the topmost package holding the module (the first
  folder upward without an ``__init__.py``): ``src`` for ``src/pkg/mod.py``, the module's own
  folder for a lone file; the module's name is its dotted path from there (``pkg.mod``; a lone
  file ``seed-0.py`` has no module name and is imported by path);
* the *project root* is the deepest folder holding the import root and every tests file; the
  sandbox folder mirrors it, so every path below keeps its place;
* the files copied: the whole top package (every file, data included, but no ``__pycache__``
  or hidden folders), each tests file, every ``conftest.py`` and ``__init__.py`` from the
  project root down to a tests file's folder, and the modules beside a tests file (or under the
  project root) that a tests or conftest file imports by name.

Worked example: ``proj/src/pkg/{__init__,_types,mod}.py``, ``proj/tests/{conftest,test_mod}.py``
and ``proj/tests/helpers.py`` imported by the tests give import root ``src``, module
``pkg.mod``, project root ``proj``, and the files ``src/pkg/__init__.py``, ``src/pkg/_types.py``,
``src/pkg/mod.py``, ``tests/test_mod.py``, ``tests/conftest.py`` and ``tests/helpers.py``.
"""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from sva.errors import InputError

__all__ = ["Layout", "MAX_PROJECT_BYTES", "find_layout"]

#: The most a project may copy into the sandbox (the top package plus the tests' files).
MAX_PROJECT_BYTES = 64 * 1024**2


@dataclass(frozen=True)
class Layout:
    """An artifact's place in its project, as the sandbox folder mirrors it.

    Paths are POSIX strings relative to the project root (the sandbox folder).
    """

    root: Path  #: the project root on this machine
    module: str  #: the artifact's path, e.g. ``src/pkg/mod.py``
    module_name: str | None  #: its import name (``pkg.mod``), None for a file that has none
    import_root: str  #: the folder that goes on ``sys.path`` (``src``; ``.`` for the root)
    tests: tuple[str, ...]  #: the tests files' paths
    files: tuple[str, ...]  #: every file copied, the artifact and tests included, sorted

    @property
    def package(self) -> str | None:
        """The top-level package holding the artifact (``pkg`` for ``pkg.mod`` and for
        ``pkg/__init__.py``), None for a lone file."""
        if self.module_name is None or not (self.module.endswith("/__init__.py") or "." in self.module_name):
            return None
        return self.module_name.split(".")[0]


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _import_root(artifact: Path) -> tuple[Path, str | None]:
    """The folder above the topmost package holding ``artifact``, and its dotted name."""
    parts = [artifact.stem]
    folder = artifact.parent
    while (folder / "__init__.py").is_file() and folder.parent != folder:
        parts.insert(0, folder.name)
        folder = folder.parent
    if artifact.stem == "__init__":
        parts.pop()
    name = ".".join(parts)
    if not parts or not all(part.isidentifier() for part in parts):
        return folder, None
    return folder, name


def _package_files(top: Path) -> list[Path]:
    """Every file of the package folder ``top``, without caches and hidden folders."""
    found: list[Path] = []
    for folder, subfolders, names in os.walk(top):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__" and not d.startswith("."))
        found.extend(Path(folder) / name for name in sorted(names)
                     if not name.endswith((".pyc", ".pyo")) and not name.startswith("."))
    return found


def _imported_names(path: Path) -> set[str]:
    """The absolute module names a tests or conftest file imports (statically; a file that does
    not parse imports nothing we can see)."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _helper_modules(sources: Sequence[Path], root: Path) -> list[Path]:
    """Modules beside ``sources`` or under ``root`` that they import by name, transitively."""
    found: list[Path] = []
    queue = list(sources)
    seen = set(queue)
    while queue:
        source = queue.pop(0)
        for name in sorted(_imported_names(source)):
            relative = Path(*name.split("."))
            for base in (source.parent, root):
                for candidate in (base / relative.with_suffix(".py"), base / relative / "__init__.py"):
                    if candidate.is_file() and root in candidate.parents and candidate not in seen:
                        seen.add(candidate)
                        found.append(candidate)
                        queue.append(candidate)
    return found


def _along(root: Path, folder: Path, name: str) -> list[Path]:
    """``name`` in every folder from ``root`` down to ``folder``, where it exists."""
    found: list[Path] = []
    current = folder
    while True:
        if (current / name).is_file():
            found.append(current / name)
        if current == root or current.parent == current:
            break
        current = current.parent
    return found


def find_layout(artifact: Path, tests: Sequence[Path]) -> Layout:
    """The :class:`Layout` of ``artifact`` with ``tests`` (see the module docstring).

    Raises :class:`InputError` when the project is too big to copy into the sandbox.
    """
    artifact = artifact.resolve()
    tests = [test.resolve() for test in tests]
    import_root, module_name = _import_root(artifact)
    root = Path(os.path.commonpath([str(import_root), *(str(test.parent) for test in tests)]))
    files: list[Path] = [artifact, *tests]
    if module_name is not None and (artifact.parent / "__init__.py").is_file():
        files += _package_files(import_root / module_name.split(".")[0])
    for test in tests:
        files += _along(root, test.parent, "conftest.py") + _along(root, test.parent, "__init__.py")
    files += _helper_modules([f for f in files if f in tests or f.name == "conftest.py"], root)
    unique = sorted(set(files))
    total = sum(path.stat().st_size for path in unique)
    if total > MAX_PROJECT_BYTES:
        raise InputError(f"{artifact}: its package and tests hold {total / 1024**2:.0f} MB, more than the "
                         f"{MAX_PROJECT_BYTES // 1024**2} MB the sandbox copies; point at a smaller package")
    return Layout(root, _relative(artifact, root), module_name,
                  _relative(import_root, root) if import_root != root else ".",
                  tuple(_relative(test, root) for test in tests), tuple(_relative(path, root) for path in unique))
