"""Shared fixtures: the project root and a runner for the CLI in a fresh process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# The suite is repeatable: Hypothesis draws the same examples on every run and keeps no
# database, so CI cannot turn red by luck. SVA_HYPOTHESIS_PROFILE=explore searches harder,
# with fresh randomness, when hunting for counterexamples by hand.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", max_examples=1000, derandomize=False)
# make fuzz: fresh randomness; tests/test_measure_fuzz.py multiplies its example counts by 40
settings.register_profile("fuzz", derandomize=False, database=None)
settings.load_profile(os.environ.get("SVA_HYPOTHESIS_PROFILE", "repeatable"))

ROOT = Path(__file__).resolve().parents[1]

# The corpus projects are data for sva trust (tests/test_trust_fresh.py), with tests of their
# own that only the sandbox runs; the suite must not collect them.
collect_ignore = ["fresh_corpus"]


def run_sva(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess:
    """Run ``python -m analyzer ARGS`` in a fresh process and capture its output."""
    environment = dict(os.environ)
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "analyzer", *args], cwd=cwd or ROOT, env=environment,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def sva():
    return run_sva
