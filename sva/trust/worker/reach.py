"""Which tests can see a fresh mutant: the names each test reads, against the names it changed.

A fresh mutant (:mod:`sva.trust.worker.fresh`) used to run every test with no failure on the
original, since its effect reaches whatever the import built. Most of those tests cannot see it:
a mutant of inflection's plural rules changes ``PLURALS`` and nothing else, and ``camelize``'s
tests never read ``PLURALS``. A test run on the mutant repeats its run on the original step for
step until it first reads a value that differs, and a value is read through a name: a global
of the artifact (``PLURALS`` in ``pluralize``), an attribute of the artifact's module
(``inflection.UNCOUNTABLES`` in a test), a global of a tests module, a fixture, or the test
function itself. So a test whose *reach* holds none of the names whose value differs
(:func:`sva.trust.worker.footprint.changes`) runs exactly as on the original and passes, and is
not run.

A test's reach is a superset of the names it can read, from the code as compiled (no code runs):

- every name any code of the folder's other files mentions (the tests files, ``conftest.py``,
  helpers: each code object's names and every identifier in its string constants, the strings
  ``getattr`` or ``monkeypatch.setattr`` would take), shared by all tests;
- the names mentioned by each artifact function the test executed on the original (the
  baseline's call tracer, :attr:`sva.trust.protocol.PlanStep.executed`), nested code included;
- the test function's and class's names and the fixtures it requests. A fixture of a wider scope
  than the function is no exception: sva runs each test with fixtures of its own (everything set
  up is torn down after each test), so the functions that made it count as the test's executed.

Code that can read a name without mentioning it (``globals()``, ``vars``, ``dir``, ``getattr``,
``eval``, ``exec``, ``import *``, a ``reload``...) makes the reach everything: in a tests file,
for every test; in an artifact function, for the tests that executed it. A test the plan names
that the mutant's collection changed (other parameters, marks or function) always runs, as does
the spec test, which finds its entry by name. The tests are assumed not to depend on each
other's side effects, as the plan's order (smallest region first, not the file's) assumes
already.
"""

from __future__ import annotations

import dis
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from sva.trust.worker.baseline import unit_qualname
from sva.trust.worker.footprint import Changes
from sva.trust.protocol import PlanStep

__all__ = ["Reach"]

#: Names through which code reads names it does not mention.
_DYNAMIC = frozenset({"globals", "vars", "dir", "locals", "eval", "exec", "getattr", "hasattr", "__dict__",
                      "getmembers", "reload", "import_module", "__import__", "__getattribute__", "getattr_static",
                      "__builtins__"})


#: Instructions that name a global only to bind or unbind it (a test module's ``def test_x``).
_BINDS = frozenset({"STORE_NAME", "STORE_GLOBAL", "DELETE_NAME", "DELETE_GLOBAL"})


def _names(code: types.CodeType) -> tuple[set[str], bool]:
    """The names ``code`` may read (without its nested code): every name it mentions but those
    it only binds, and every identifier in its strings; and whether it reads names dynamically."""
    instructions = list(dis.get_instructions(code))
    bound = {instruction.argval for instruction in instructions if instruction.opname in _BINDS}
    bound -= {instruction.argval for instruction in instructions
              if instruction.opname not in _BINDS and isinstance(instruction.argval, str)}
    names = set(code.co_names) - bound
    dynamic = bool(names & _DYNAMIC) or any(instruction.opname == "IMPORT_STAR" for instruction in instructions)
    for constant in code.co_consts:
        if isinstance(constant, str):
            names.update(_identifiers(constant))
    return names, dynamic


def _identifiers(text: str) -> Iterable[str]:
    if len(text) > 200:
        return ()
    return [part for piece in text.split() for part in piece.split(".") if part.isidentifier()]


def _codes(code: types.CodeType) -> Iterable[types.CodeType]:
    yield code
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from _codes(constant)


@dataclass(frozen=True)
class Reach:
    """The names the tests can read: ``shared`` by every test (None: any name), and per
    artifact function (its unit name) the names its code mentions (None: any name)."""

    shared: frozenset[str] | None
    units: Mapping[str, frozenset[str] | None]

    @classmethod
    def of(cls, artifact: bytes, artifact_file: str, work: Path) -> "Reach":
        """Read from the original artifact's text and every other ``.py`` file under ``work``."""
        units: dict[str, set[str] | None] = {}
        for code in _codes(compile(artifact, artifact_file, "exec", dont_inherit=True)):
            unit = unit_qualname(code)
            if unit is None:
                continue
            names, dynamic = _names(code)
            known = units.setdefault(unit, set())
            if dynamic or known is None:
                units[unit] = None
            else:
                known.update(names)
        return cls(_shared(work, Path(artifact_file)),
                   {unit: None if names is None else frozenset(names) for unit, names in units.items()})

    def runs(self, step: PlanStep, item: Any, changed: Changes) -> bool:
        """Whether the plan's ``step`` (the collected ``item``; None: not a pytest item) may see
        the mutant whose differences are ``changed``."""
        if changed.unknown is not None or item is None or self.shared is None or step.name in changed.items:
            return True
        if not changed.names:
            return False
        if changed.names & self.shared:
            return True
        own = {getattr(item, "originalname", None) or getattr(item, "name", ""), *getattr(item, "fixturenames", ())}
        if getattr(item, "cls", None) is not None:
            own.add(item.cls.__name__)
        if changed.names & own:
            return True
        for unit in step.executed:
            names = self.units.get(unit)
            if names is None or changed.names & names:
                return True
        return False


def _shared(work: Path, artifact: Path) -> frozenset[str] | None:
    """Every name the folder's other Python files mention; None when one reads names
    dynamically or does not compile."""
    names: set[str] = set()
    target = artifact.resolve()
    for path in sorted(work.rglob("*.py")):
        if path.resolve() == target:
            continue
        try:
            code = compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
        except (SyntaxError, ValueError, OSError):
            return None
        for nested in _codes(code):
            found, dynamic = _names(nested)
            if dynamic:
                return None
            names.update(found)
    return frozenset(names)
