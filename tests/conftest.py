"""Shared fixtures for every test folder: the project root, a runner for the CLI in a fresh
process, artifacts generated under several hash seeds, and the Hypothesis profiles.

Import its helpers as ``from tests.conftest import ROOT, run_sva`` (every test folder is a
package, ``tests/__init__.py``)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import settings

# The suite is repeatable: Hypothesis draws the same examples on every run and keeps no
# database, so CI cannot turn red by luck. SVA_HYPOTHESIS_PROFILE=explore searches harder,
# with fresh randomness, when hunting for counterexamples by hand. No profile has a deadline:
# an example's wall time on a loaded machine says nothing about its correctness (a hung test is
# stopped by pytest-timeout, setup.cfg).
settings.register_profile("repeatable", derandomize=True, database=None, deadline=None)
settings.register_profile("explore", max_examples=1000, derandomize=False, deadline=None)
# make fuzz: fresh randomness; tests/measure/test_fuzz.py multiplies its example counts by 40
settings.register_profile("fuzz", derandomize=False, database=None, deadline=None)
settings.load_profile(os.environ.get("SVA_HYPOTHESIS_PROFILE", "repeatable"))

ROOT = Path(__file__).resolve().parents[1]

# The corpus projects are data for sva trust (tests/trust/test_fresh.py), with tests of their
# own that only the sandbox runs; the suite must not collect them.
collect_ignore = ["trust/fresh_corpus"]


def load_benchmark(name: str) -> ModuleType:
    """``benchmarks/<name>.py`` imported by path, under ``name`` in ``sys.modules`` (a dataclass
    looks its module up there) and with ``benchmarks/`` on the path while it loads (a script may
    import its siblings, ``alternate``)."""
    folder = str(ROOT / "benchmarks")
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    sys.path.insert(0, folder)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(folder)
    return module


def run_sva(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess:
    """Run ``python -m sva ARGS`` in a fresh process and capture its output."""
    environment = dict(os.environ)
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "sva", *args], cwd=cwd or ROOT, env=environment,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def sva():
    return run_sva


_FRESH_GENERATE = r"""
import json, sys
import deap.creator
before = sorted(vars(deap.creator))
from sva.generate import generate
from sva.families import get_spec
out = []
generator, runs = json.loads(sys.argv[1])
for name, seed, config in runs:
    artifact = generate(get_spec(name), generator, seed, config)
    record = {k: v for k, v in artifact.search.to_json().items() if k not in ("wall_time_s", "cpu_time_s")}
    out.append([artifact.sha256, json.dumps(record, sort_keys=True)])
print(json.dumps({"creator_unchanged": before == sorted(vars(deap.creator)), "runs": out}))
"""


def generate_under_hash_seeds(generator: str, runs: list, hash_seeds: tuple[str, ...] = ("0", "4242")) -> list:
    """Each hash seed's [sha256, manifest search record (timings left out)] of ``generator`` on
    ``runs`` ((spec, seed, config) triples), each in a fresh interpreter; asserts that no DEAP
    ``creator`` class is left behind."""
    import json

    results = []
    for hash_seed in hash_seeds:
        environment = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
        completed = subprocess.run([sys.executable, "-c", _FRESH_GENERATE, json.dumps([generator, runs])], cwd=ROOT,
                                   env=environment, capture_output=True, text=True, timeout=300, check=True)
        report = json.loads(completed.stdout)
        assert report["creator_unchanged"]
        results.append(report["runs"])
    return results
