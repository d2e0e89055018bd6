"""The ``external`` generator: artifacts a user brings, read from a folder instead of built.

Layout (``examples/external/README.md`` shows one)::

    DIR/<spec>/<label>/<name>.py          one artifact for a registered spec
    DIR/<spec>/<label>/test_<name>.py     optional: that artifact's own tests

Every ``<name>.py`` of a label is one artifact; the label's files in sorted name order are its
seeds 0, 1, ... (replicates, like search's runs), so a cell is ``<spec>/external:<label>/seed-<i>``
and the report shows each label as its own generator, ``external:<label>``. Nothing is generated
per preset seed: a file is one artifact. The stored module keeps its file name
(``artifacts/<spec>/external/<label>/<name>.py``) and is byte-identical to the file; a
``test_<name>.py`` beside it becomes its tests module (``<name>_test.py``), run by the trust
evaluator like design's contracts, and imports the artifact by its module name
(``from <name> import ...``). Without one the spec's checks alone judge it.

External code is untrusted: this module reads bytes and parses them with :mod:`ast` (to refuse a
file that does not compile or lacks the spec's entry function as a failed cell with a one-line
reason); it never imports or runs them. Trust runs them in the sandbox, like every artifact.

An external generator declares no construction and is not deterministic, so the claims treat its
rows empirically; the comparisons of design against search read only those two generators' rows.

A formula brought as text (``sva analyze --formula TEXT --spec NAME``, ``sva trust --formula``)
is the other way in: :func:`formula_module` asks the spec's family to read it statically
(``Family.formula_program``: a whitelist, nothing evaluated) and writes it with the one emitter,
so ``"x1*x2"`` for feynman-I.12.1 becomes the module whose entry returns ``mu * Nn``, the module
search would write for that formula; :func:`formula_file` puts it in a fresh temporary folder
as ``<entry>.py`` for the analyzer and the sandbox, which measure it like any other file.
"""

from __future__ import annotations

import ast
import hashlib
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from sva.core.artifact import Artifact
from sva.core.spec import Spec
from sva.errors import InputError, UsageError, one_line, os_reason, syntax_reason

__all__ = ["EXTERNAL", "ExternalArtifact", "ExternalFolder", "FormulaModule", "config_of", "default_config",
           "formula_file", "formula_module", "generate", "generator_name", "is_external", "label_of", "read_external",
           "within_specs"]

EXTERNAL = "external"
#: A label becomes part of a generator name, a cell key and a folder name.
_LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
#: Larger files are refused (what a person or a model writes for one spec is far smaller).
MAX_BYTES = 1_000_000
#: File names the trust sandbox keeps for itself.
_RESERVED = frozenset({"conftest.py"})


def generator_name(label: str) -> str:
    """The generator name of a label's rows: ``external:<label>``."""
    return f"{EXTERNAL}:{label}"


def is_external(generator: str) -> bool:
    """Whether ``generator`` names a label of brought artifacts (``external:<label>``)."""
    return str(generator).startswith(EXTERNAL + ":")


def label_of(generator: str) -> str | None:
    """The label of an ``external:<label>`` generator name, else ``None``."""
    return str(generator)[len(EXTERNAL) + 1:] if is_external(generator) else None


@dataclass(frozen=True)
class ExternalArtifact:
    """One brought artifact: its spec, label, index among the label's files (its seed), its path
    relative to the folder (POSIX), and the SHA-256 of its bytes and of its tests file's."""

    spec: str
    family: str
    label: str
    index: int
    file: str
    sha256: str
    tests: str | None = None
    tests_sha256: str | None = None

    @property
    def generator(self) -> str:
        return generator_name(self.label)


@dataclass(frozen=True)
class ExternalFolder:
    """A folder of brought artifacts as read: its resolved path, the SHA-256 of the files used
    (names and bytes), the artifacts in spec, label, index order, and one line per entry that
    was skipped (``DIR/foo: no spec called 'foo' ...``)."""

    root: str
    sha256: str
    artifacts: tuple[ExternalArtifact, ...]
    problems: tuple[str, ...] = ()

    @property
    def specs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(artifact.spec for artifact in self.artifacts))

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(artifact.label for artifact in self.artifacts))


def _visible(path: Path) -> bool:
    return not path.name.startswith(".") and path.name != "__pycache__"


def _read_bytes(path: Path, shown: str) -> tuple[bytes | None, str | None]:
    """The file's bytes when it is readable UTF-8 text of a sane size, else the problem line."""
    try:
        if path.is_symlink() or not path.is_file():
            return None, f"{shown}: not a regular file; skipped"
        data = path.read_bytes()
    except OSError as error:
        return None, f"{shown}: cannot read it: {os_reason(error)}; skipped"
    if len(data) > MAX_BYTES:
        return None, f"{shown}: {len(data)} bytes, over the {MAX_BYTES} an artifact may have; skipped"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, f"{shown}: not UTF-8 text (byte {error.start}); skipped"
    return data, None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _label(spec: Spec, folder: Path, shown: str, problems: list[str],
           used: list[tuple[str, str]]) -> list[ExternalArtifact]:
    """The artifacts of one ``DIR/<spec>/<label>`` folder."""
    label = folder.name
    if not _LABEL.fullmatch(label):
        problems.append(f"{shown}: a label is letters, digits, '-', '_' and '.', starting with a letter or "
                        f"digit; rename the folder; skipped")
        return []
    files = sorted(path for path in folder.iterdir() if _visible(path))
    modules: dict[str, tuple[Path, bytes]] = {}
    tests: dict[str, tuple[Path, bytes]] = {}
    for path in files:
        where = f"{shown}/{path.name}"
        if path.is_dir():
            problems.append(f"{where}: a folder inside a label; artifacts are {shown}/<name>.py; skipped")
            continue
        if path.suffix != ".py":
            continue  # notes, READMEs, transcripts: not artifacts
        if path.name in _RESERVED or path.stem.endswith("_test") or not path.stem:
            problems.append(f"{where}: an artifact may not be called {path.name!r} (the sandbox uses it, or it "
                            f"looks like a tests module); rename it; skipped")
            continue
        data, problem = _read_bytes(path, where)
        if data is None:
            problems.append(str(problem))
            continue
        if path.name.startswith("test_"):
            tests[path.stem[len("test_"):]] = (path, data)
        else:
            modules[path.stem] = (path, data)
    for name, (path, _) in tests.items():
        if name not in modules:
            problems.append(f"{shown}/{path.name}: no artifact {name}.py beside it for these tests; skipped")
    if not modules:
        problems.append(f"{shown}: no artifact (<name>.py) in it; skipped")
        return []
    found = []
    for index, name in enumerate(sorted(modules)):
        path, data = modules[name]
        relative = f"{spec.name}/{label}/{path.name}"
        used.append((relative, _digest(data)))
        test = tests.get(name)
        if test is not None:
            used.append((f"{spec.name}/{label}/{test[0].name}", _digest(test[1])))
        found.append(ExternalArtifact(spec.name, spec.family, label, index, relative, _digest(data),
                                      f"{spec.name}/{label}/{test[0].name}" if test else None,
                                      _digest(test[1]) if test else None))
    return found


def read_external(directory: str | Path) -> ExternalFolder:
    """Read the layout under ``directory`` (see the module docstring). Entries that do not fit
    (an unknown spec, a stray file, an unreadable one) are skipped with one problem line each;
    an :class:`InputError` when the folder is missing or holds no usable artifact."""
    from sva.families import get_spec

    shown_root = str(directory).rstrip("/") or "/"
    root = Path(directory)
    if not root.is_dir():
        raise InputError(f"{shown_root}: no such folder; --external takes a folder laid out as "
                         f"DIR/<spec>/<label>/<name>.py")
    problems: list[str] = []
    used: list[tuple[str, str]] = []
    artifacts: list[ExternalArtifact] = []
    try:
        entries = sorted(path for path in root.iterdir() if _visible(path))
        for entry in entries:
            shown = f"{shown_root}/{entry.name}"
            if not entry.is_dir():
                if entry.suffix == ".py":
                    problems.append(f"{shown}: an artifact belongs in {shown_root}/<spec>/<label>/; skipped")
                continue
            try:
                spec = get_spec(entry.name)
            except UsageError:
                problems.append(f"{shown}: no spec called {entry.name!r} ('sva specs' lists them); skipped")
                continue
            for folder in sorted(path for path in entry.iterdir() if _visible(path)):
                if not folder.is_dir():
                    if folder.suffix == ".py":
                        problems.append(f"{shown}/{folder.name}: an artifact belongs in a label folder, "
                                        f"{shown}/<label>/{folder.name}; skipped")
                    continue
                try:
                    artifacts.extend(_label(spec, folder, f"{shown}/{folder.name}", problems, used))
                except OSError as error:
                    problems.append(f"{shown}/{folder.name}: cannot read the folder: "
                                    f"{os_reason(error)}; skipped")
    except OSError as error:
        raise InputError(f"{shown_root}: cannot read the folder: {os_reason(error)}") from None
    if not artifacts:
        why = f"; {problems[0]}" if problems else ""
        raise InputError(f"{shown_root}: no usable artifact (expected DIR/<spec>/<label>/<name>.py){why}")
    folder_hash = _digest("".join(f"{name}\0{digest}\n" for name, digest in sorted(used)).encode())
    return ExternalFolder(str(root.resolve()), folder_hash, tuple(artifacts), tuple(problems))


def within_specs(folder: ExternalFolder, specs: Sequence[str], why: str, shown: str | None = None) -> ExternalFolder:
    """``folder`` with only the artifacts of ``specs`` (the run's); a problem line for each spec
    left out (``why`` says how to include it; ``shown``: the folder as the user named it)."""
    keep = tuple(artifact for artifact in folder.artifacts if artifact.spec in specs)
    dropped = [spec for spec in folder.specs if spec not in specs]
    where = (shown or folder.root).rstrip("/")
    notes = tuple(f"{where}/{spec}: spec {spec} is not among this run's specs; {why}; skipped"
                  for spec in dropped)
    return ExternalFolder(folder.root, folder.sha256, keep, folder.problems + notes)


def config_of(artifact: ExternalArtifact, folder: ExternalFolder) -> dict[str, Any]:
    """The configuration recorded with the artifact's cell: where it came from and the hashes of
    its bytes, of its tests and of the whole folder as read (so a changed file is a new
    configuration, measured again, never a stored cell skipped)."""
    return {"dir": folder.root, "label": artifact.label, "file": artifact.file, "sha256": artifact.sha256,
            "tests": artifact.tests, "tests_sha256": artifact.tests_sha256, "folder_sha256": folder.sha256}


def default_config(spec: Spec) -> dict[str, Any]:
    """External artifacts have no settings of their own: they come from a folder."""
    raise UsageError(f"external artifacts for {spec.name} come from a folder: use 'sva run --external DIR' "
                     f"(layout DIR/<spec>/<label>/<name>.py)")


def _text(path: Path, expected: str | None, shown: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{shown}: cannot read it: {os_reason(error)}") from None
    if expected is not None and _digest(data) != expected:
        raise InputError(f"{shown}: changed since the run read the folder; run again to measure the new version")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{shown}: not UTF-8 text (byte {error.start})") from None


def _check(source: str, spec: Spec, shown: str) -> None:
    """Refuse (a failed cell, one line) a module that does not compile or lacks the entry."""
    try:
        tree = ast.parse(source, filename=shown)
    except SyntaxError as error:
        raise InputError(f"{shown}: {syntax_reason(error)}") from None
    except (ValueError, RecursionError, MemoryError) as error:
        raise InputError(f"{shown}: cannot be parsed: {one_line(error) if str(error) else type(error).__name__}") from None
    entry = next((node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == spec.entry), None)
    if entry is None:
        raise InputError(f"{shown}: no top-level function {spec.entry!r}; spec {spec.name} calls "
                         f"{spec.entry}({', '.join(spec.params)})")


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """The artifact of the file that ``config`` (from :func:`config_of`) names: its bytes as they
    are, its tests module if it has one. Reads and parses only; never imports the file."""
    if not config or "file" not in config or "dir" not in config:
        default_config(spec)  # raises: there is nothing to read without a folder
    assert config is not None  # default_config refused a missing folder
    root = Path(str(config["dir"]))
    relative = str(config["file"])
    shown = f"{root}/{relative}"
    source = _text(root / relative, config.get("sha256"), shown)
    _check(source, spec, shown)
    tests = None
    if config.get("tests"):
        tests = _text(root / str(config["tests"]), config.get("tests_sha256"), f"{root}/{config['tests']}")
    return Artifact(spec=spec.name, generator=generator_name(str(config["label"])), seed=seed, entry=spec.entry,
                    source=source, config=dict(config), search=None, tests_source=tests,
                    name=Path(relative).stem)


@dataclass(frozen=True)
class FormulaModule:
    """A formula given as text, written as a module: its spec, the text as given, the module's
    file name (``<entry>.py``) and its source."""

    spec: str
    text: str
    filename: str
    source: str

    @property
    def label(self) -> str:
        """How reports name it: ``formula '<text>'``."""
        return f"formula {self.text!r}"


def formula_module(spec_name: str | None, text: str) -> FormulaModule:
    """The module of formula ``text`` for spec ``spec_name``, read by the spec's family and
    written by the one emitter; a one-line error for a missing or unknown spec and for a text
    that is not a formula of the family's primitives."""
    from sva.core.emitter import emit_program
    from sva.families import family_of, get_spec

    if not spec_name:
        raise UsageError(f"formula {text!r:.60}: give --spec NAME, the spec whose variables it uses ('sva specs' "
                         f"lists them)")
    spec = get_spec(spec_name)
    family = family_of(spec)
    program = family.formula_program(spec, text)
    return FormulaModule(spec.name, text, f"{spec.entry}.py", emit_program(program, family.primitives))


@contextmanager
def formula_file(module: FormulaModule) -> Iterator[Path]:
    """The module written as ``<entry>.py`` in a fresh temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="sva-formula-") as folder:
        path = Path(folder) / module.filename
        try:
            path.write_text(module.source, encoding="utf-8")
        except OSError as error:
            raise InputError(f"{module.label}: cannot write its module to {folder}: {os_reason(error)}") from None
        yield path
