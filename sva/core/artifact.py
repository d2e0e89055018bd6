"""Artifacts: the module a generator produced, its tests module, and its manifest.

On disk an artifact is ``<out>/<spec>/<generator>/seed-<n>.py`` with the manifest
``seed-<n>.json`` beside it and, for design, its contracts in ``seed-<n>_test.py``. The module
and tests bytes depend only on (spec, generator, seed, configuration, pinned versions); the
manifest adds the cost of producing them, whose ``wall_time_s`` is the one field that varies.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from sva import __version__
from sva.atomic import write_text_atomically
from sva.errors import InputError, OutputError, os_reason


def versions(packages: tuple[str, ...] = ("deap", "libcst", "hypothesis", "numpy")) -> dict[str, str]:
    """Versions of Python, sva and ``packages``: by default everything that shapes an
    artifact's bytes or its cost figures."""
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version(), "sva": __version__}
    for package in packages:
        try:
            found[package] = version(package)
        except PackageNotFoundError:  # pragma: no cover - all are install requirements
            found[package] = "missing"
    return found


def config_hash(config: Mapping[str, Any]) -> str:
    """A short stable hash of a configuration (canonical JSON, sorted keys)."""
    canonical = json.dumps(config, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class SearchRecord:
    """What a search states about its run: the manifest's ``search`` block.

    Attributes:
        success: whether the artifact is right on every training case (a fitted formula: its
            training R^2 clears the family's bar).
        evaluations: candidate programs evaluated, summed over the runs (one run per output when
            each output is searched on its own).
        best_fitness_per_generation: one curve per run, the best fitness of each generation from
            the initial population on (errors: lower is better, 0 is perfect); kept as tuples.
        wall_time_s, cpu_time_s: the search's cost in seconds, rounded to 4 places; the one part
            of an artifact that varies between identical runs.
        details: the family's own account of the run, written beside the fields above (trees,
            network, front members, expression, training errors, generations, ...).

    A field left ``None`` is not written: the record of a module factorized from a file states
    only its ``details`` (``factorization``), and a record may leave its cost out.
    """

    success: bool | None = None
    evaluations: int | None = None
    best_fitness_per_generation: Sequence[Sequence[float]] | None = None
    wall_time_s: float | None = None
    cpu_time_s: float | None = None
    details: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.best_fitness_per_generation is not None:
            curves = tuple(tuple(curve) for curve in self.best_fitness_per_generation)
            object.__setattr__(self, "best_fitness_per_generation", curves)
        clashing = sorted(set(self.details) & set(_TYPED))
        if clashing:
            raise ValueError(f"search record details repeat the typed field(s) {', '.join(clashing)}; "
                             f"pass them as attributes")

    def to_json(self) -> dict[str, Any]:
        """The record as the manifest writes it: the details and every field that is not ``None``."""
        curves = self.best_fitness_per_generation
        typed = {"success": self.success, "evaluations": self.evaluations,
                 "best_fitness_per_generation": None if curves is None else [list(curve) for curve in curves],
                 "wall_time_s": self.wall_time_s, "cpu_time_s": self.cpu_time_s}
        return {**self.details, **{name: value for name, value in typed.items() if value is not None}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SearchRecord:
        """The record a manifest's ``search`` block holds (the inverse of :meth:`to_json`)."""
        details = {name: value for name, value in data.items() if name not in _TYPED}
        return cls(success=data.get("success"), evaluations=data.get("evaluations"),
                   best_fitness_per_generation=data.get("best_fitness_per_generation"),
                   wall_time_s=data.get("wall_time_s"), cpu_time_s=data.get("cpu_time_s"), details=details)

    @property
    def fronts(self) -> Sequence[Sequence[Mapping[str, Any]]]:
        """The Pareto fronts a multi-objective search recorded, one per run (none otherwise)."""
        return self.details.get("fronts") or ()


_TYPED = ("success", "evaluations", "best_fitness_per_generation", "wall_time_s", "cpu_time_s")


@dataclass(frozen=True)
class Artifact:
    """What a generator returns for one (spec, seed, configuration)."""

    spec: str
    generator: str
    seed: int
    entry: str
    source: str
    config: Mapping[str, Any]
    #: what the search that produced it states (``None``: no search did, as for design)
    search: SearchRecord | None = None
    tests_source: str | None = None
    versions: Mapping[str, str] = field(default_factory=versions)
    #: the module's file stem when it keeps a name of its own (an artifact brought from a
    #: folder keeps its file name, so its tests can import it); ``None``: ``seed-<n>``
    name: str | None = None

    @property
    def sha256(self) -> str:
        """SHA-256 of the module's bytes."""
        return hashlib.sha256(self.source.encode("utf-8")).hexdigest()

    @property
    def stem(self) -> str:
        """File name stem: ``seed-<n>``, or the artifact's own ``name``."""
        return self.name or f"seed-{self.seed}"

    def manifest(self) -> dict[str, Any]:
        """The JSON manifest written beside the module."""
        return {
            "spec": self.spec,
            "generator": self.generator,
            "seed": self.seed,
            "entry": self.entry,
            "module": f"{self.stem}.py",
            "tests": f"{self.stem}_test.py" if self.tests_source is not None else None,
            "config": dict(self.config),
            "config_hash": config_hash(self.config),
            "search": None if self.search is None else self.search.to_json(),
            "versions": dict(self.versions),
            "sha256": self.sha256,
        }


def artifact_dir(out: str | os.PathLike[str], spec: str, generator: str) -> Path:
    """The folder that holds every seed of one (spec, generator); a generator named
    ``external:<label>`` keeps its artifacts in ``<spec>/external/<label>``."""
    return Path(out) / spec / Path(*generator.split(":"))


def write_artifact(artifact: Artifact, out: str | os.PathLike[str]) -> Path:
    """Write module, tests and manifest under ``out``; return the module's path."""
    folder = artifact_dir(out, artifact.spec, artifact.generator)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        module = folder / f"{artifact.stem}.py"
        write_text_atomically(module, artifact.source)
        tests = folder / f"{artifact.stem}_test.py"
        if artifact.tests_source is not None:
            write_text_atomically(tests, artifact.tests_source)
        else:
            tests.unlink(missing_ok=True)
        manifest = json.dumps(artifact.manifest(), indent=2, sort_keys=True) + "\n"
        write_text_atomically(folder / f"{artifact.stem}.json", manifest)
    except OSError as error:
        raise OutputError(f"cannot write artifacts under {str(out)!r}: {os_reason(error)}; "
                          f"choose a writable folder with --out") from None
    return module


def read_manifest(module_path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The manifest beside an artifact module, or ``None`` when there is none."""
    path = Path(module_path).with_suffix(".json")
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def annotate_manifest(manifest_path: str | os.PathLike[str], key: str, fields: Mapping[str, Any] | None) -> None:
    """Set the manifest's ``key`` to ``fields`` (written atomically, in the manifest's own format:
    sorted keys, two-space indent), leaving every other key as it was. A family records what its
    probe measured this way (the sorting family: ``network``)."""
    path = Path(manifest_path)
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot read the manifest: {error}") from None
    manifest[key] = None if fields is None else dict(fields)
    try:
        write_text_atomically(path, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    except OSError as error:
        raise OutputError(f"cannot write {path}: {os_reason(error)}") from None
