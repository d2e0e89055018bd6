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
from typing import Any, Mapping

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
class Artifact:
    """What a generator returns for one (spec, seed, configuration)."""

    spec: str
    generator: str
    seed: int
    entry: str
    source: str
    config: Mapping[str, Any]
    search: Mapping[str, Any] | None = None
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
            "search": None if self.search is None else dict(self.search),
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
