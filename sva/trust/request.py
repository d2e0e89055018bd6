"""A trust request, checked: what to run, against what, and how hard to look.

:func:`prepare` turns what the user gave (an artifact path, optionally a spec, an entry and
tests files) into a :class:`TrustInput`, or raises :class:`~sva.errors.InputError` naming
what is wrong, before anything runs: the artifact must be readable and parse, the spec (from
``--spec`` or the manifest beside a generated artifact) must exist and fit the entry's
signature, and file names the sandbox uses itself are refused. The entry comes from
``--entry``, the manifest, the spec's entry name when the module defines it, else the one
top-level function nothing else calls. The tests are the manifest's tests module (a design
artifact's contracts) plus every ``--tests`` file, read once.

:class:`TrustConfig` says how hard to look; :func:`sandbox_files` and :func:`worker_request`
are what both trust jobs get from a request: the files of the sandbox folder and the
:class:`~sva.trust.protocol.WorkerRequest`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from sva.errors import InputError, os_reason, syntax_reason
from sva.core.spec import Spec
from sva.families import get_spec
from sva.trust.project import Layout, find_layout
from sva.trust.protocol import CheckSettings, WorkerRequest
from sva.sandbox import Limits
from sva.sandbox.hypothesis_tables import table_files

__all__ = ["RESERVED", "TrustConfig", "TrustInput", "prepare", "sandbox_files", "worker_request"]

#: File names the sandbox folder uses itself at its top; no file of the project there may take
#: them (nor may the artifact or a tests file be a ``conftest.py``, which pytest loads as a plugin).
RESERVED = frozenset({"payload.json", "result.json", "progress.jsonl", "stdout.txt", "stderr.txt", "coverage.json",
                      "pytest.ini", "conftest.py"})


@dataclass(frozen=True)
class TrustConfig:
    """How hard to look. Presets set ``examples``; the limits bound every child process.

    ``mutant_timeout_factor`` and ``mutant_timeout_floor`` give each test's budget on a mutant:
    max(floor, factor x its time on the original). ``lines`` and ``module_level`` choose the
    mutants (:mod:`sva.trust.mutants.selection`).
    """

    examples: int = 100
    shifted_examples: int = 200
    test_seconds: float = 10.0
    mutate: bool = True
    mutant_timeout_factor: float = 10.0
    mutant_timeout_floor: float = 0.25
    limits: Limits = field(default_factory=Limits)
    #: mutate only where the replaced text touches these 1-based lines (None: everywhere)
    lines: tuple[int, ...] | None = None
    #: mutate module-level code too (data tables, constants, class bodies)
    module_level: bool = True

    def settings(self) -> CheckSettings:
        """What the sandboxed worker needs of it."""
        return CheckSettings(self.examples, self.shifted_examples, self.test_seconds)


@dataclass(frozen=True)
class TrustInput:
    """A checked request: the artifact's text, its spec and entry (or none), its tests."""

    path: Path
    source: str
    spec: Spec | None
    entry: str | None
    tests: tuple[Path, ...]
    manifest: Mapping[str, Any] | None = None
    test_sources: tuple[str, ...] = ()  #: the tests files' text, read once, aligned with ``tests``
    layout: Layout | None = None  #: where it lives in its project (:mod:`sva.trust.project`)
    python: str | None = None  #: the interpreter the sandbox runs it with (None: sva's own)

    def place(self) -> Layout:
        """The artifact's layout (computed here for a request built by hand without one)."""
        return self.layout if self.layout is not None else find_layout(self.path, self.tests)


def _entry_signature(tree: ast.Module, entry: str) -> ast.FunctionDef | None:
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == entry:
            return node  # type: ignore[return-value]
    return None


def _check_signature(path: Path, node: ast.FunctionDef, spec: Spec) -> None:
    args = node.args
    positional = len(args.posonlyargs) + len(args.args)
    required = positional - len(args.defaults)
    takes = spec.arity if args.vararg is not None else positional
    if not (required <= spec.arity <= takes):
        expected = f"{spec.entry}({', '.join(spec.params)})"
        raise InputError(f"{path}: spec {spec.name} calls the entry as {expected} ({spec.arity} arguments), "
                         f"but {node.name} takes {positional}{' or more' if args.vararg else ''}; "
                         f"pick the matching --spec or --entry")


def prepare(artifact: str | Path, spec: str | None = None, entry: str | None = None,
            tests: Sequence[str | Path] = (), python: str | None = None) -> TrustInput:
    """Check a trust request and gather its parts; :class:`InputError` names what is wrong.

    The spec comes from ``spec`` or the manifest beside a generated artifact; the entry from
    ``entry``, the manifest, the spec, or the one top-level function nothing else calls; the
    tests from the manifest plus ``tests``.
    """
    path = Path(artifact)
    if path.name in RESERVED:
        raise InputError(f"{path}: an artifact may not be called {path.name!r}; rename it")
    source, tree, manifest = _read_artifact(path)
    spec_name = spec or (manifest or {}).get("spec")
    spec_record = get_spec(spec_name) if spec_name else None  # UsageError naming the known specs
    entry_name = _entry_of(path, source, tree, spec_record, entry or (manifest or {}).get("entry"))
    test_paths = _test_paths(path, manifest, tests)
    if spec_record is None and not test_paths:
        raise InputError(f"{path}: nothing to check it against; give --spec NAME or --tests FILE")
    test_sources = tuple(_read_test(test_path) for test_path in test_paths)
    layout = find_layout(path, test_paths)
    clash = sorted(name for name in layout.files if name in RESERVED and name != "conftest.py")
    if clash:
        raise InputError(f"{layout.root / clash[0]}: the sandbox uses the name {clash[0]!r} itself; rename it")
    if python is not None:
        from sva.sandbox.interpreter import check_interpreter

        python = check_interpreter(python, with_spec=spec_record is not None)
    return TrustInput(path, source, spec_record, entry_name, tuple(test_paths), manifest, test_sources,
                      layout, python)


def _read_artifact(path: Path) -> tuple[str, ast.Module, dict[str, Any] | None]:
    """The artifact's text, its syntax tree and the manifest beside it (None when there is none)."""
    from sva.core.artifact import read_manifest
    from sva.measure.source import read_source

    try:
        source = read_source(str(path))
    except InputError as error:
        raise InputError(f"{path}: {error}") from None
    try:
        tree = ast.parse(source, filename=str(path))
    except SyntaxError as error:
        raise InputError(f"{path}: {syntax_reason(error)}") from None
    try:
        manifest = read_manifest(path)
    except OSError as error:
        raise InputError(f"{path}: unreadable manifest beside it: {os_reason(error)}") from None
    except ValueError as error:
        raise InputError(f"{path}: unreadable manifest beside it: {error}") from None
    return source, tree, manifest


def _entry_of(path: Path, source: str, tree: ast.Module, spec: Spec | None, given: str | None) -> str | None:
    """The entry: ``given`` (``--entry`` or the manifest's), else the spec's entry name when the
    module defines it, else (with a spec) the one top-level function nothing calls; checked
    against the spec's signature. None without a spec and without a given entry."""
    entry = given
    if entry is None and spec is not None and _entry_signature(tree, spec.entry) is not None:
        entry = spec.entry
    if entry is None and spec is not None:
        entry = _default_entry(source)  # without a spec nothing calls an entry: none is guessed
    if entry is None:
        if spec is not None:
            raise InputError(f"{path}: no entry function found for spec {spec.name}; name it with --entry")
        return None
    node = _entry_signature(tree, entry)
    if node is None:
        raise InputError(f"{path}: no top-level function {entry!r}; name the entry with --entry")
    if spec is not None:
        _check_signature(path, node, spec)
    return entry


def _test_paths(path: Path, manifest: Mapping[str, Any] | None, tests: Sequence[str | Path]) -> list[Path]:
    """The tests files: the manifest's bundled one (when present) then ``tests``, each once."""
    test_paths = []
    if manifest and manifest.get("tests"):
        bundled = path.with_name(manifest["tests"])
        if bundled.is_file():
            test_paths.append(bundled)
    for name in tests:
        test_path = Path(name)
        if not test_path.is_file():
            raise InputError(f"{test_path}: no such tests file")
        if test_path.resolve() == path.resolve() or test_path.name == "conftest.py":
            raise InputError(f"{test_path}: a tests file may not be called {test_path.name!r}; rename it")
        test_paths.append(test_path)
    return list(dict.fromkeys(test_paths))


def _read_test(test_path: Path) -> str:
    try:
        return test_path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"{test_path}: cannot read it: {os_reason(error)}") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{test_path}: cannot read it: {error}") from None


def _default_entry(source: str) -> str | None:
    from sva.measure.unitgraph import build_unit_graph, choose_entry

    graph = build_unit_graph(source)  # the graph alone: no metrics are needed to pick the entry
    index = choose_entry(graph)
    if index is None or graph.units[index].kind != "function" or graph.units[index].depth != 0:
        return None
    return graph.units[index].name


def sandbox_files(request: TrustInput, source: str | None = None) -> dict[str, str | bytes]:
    """The sandbox folder of every trust job: the project's files at their paths
    (:mod:`sva.trust.project`), the artifact as ``source`` when given (a mutant), and an
    empty ``pytest.ini`` so that no configuration of the user's is read; under ``.hypothesis``,
    Hypothesis's Unicode tables (:mod:`sva.sandbox.hypothesis_tables`), so that no job builds them."""
    layout = request.place()
    given = {layout.module: request.source if source is None else source}
    given.update(zip(layout.tests, request.test_sources))
    files: dict[str, str | bytes] = dict(table_files())
    for name in layout.files:
        if name in given:
            files[name] = given[name]
        else:
            try:
                files[name] = (layout.root / name).read_bytes()
            except OSError as error:
                raise InputError(f"{layout.root / name}: cannot read it: {os_reason(error)}") from None
    files["pytest.ini"] = "[pytest]\n"
    return files


def worker_request(request: TrustInput, config: TrustConfig) -> WorkerRequest:
    """What every worker job is told: paths in the sandbox, spec, entry and how hard to look."""
    layout = request.place()
    return WorkerRequest(layout.module, layout.tests, request.spec.name if request.spec else None, request.entry,
                         config.settings(), layout.module_name, layout.import_root)
