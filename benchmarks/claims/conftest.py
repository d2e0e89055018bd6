"""Collection for the claims tests: the results database to judge, and the claims judged on it.

The database comes from ``--results DIR`` or, failing that, the ``SVA_RESULTS`` environment
variable. The tests are parametrized at collection time by the specs found there, so without a
database (or with an empty one) collection fails with one line saying what to do.
"""

from __future__ import annotations

import os

import pytest

from sva.errors import SvaError
from sva.results.claims import ClaimResult, evaluate_claims
from sva.results.programs import with_programs
from sva.results.store import load_rows

_RESULTS = pytest.StashKey[tuple[ClaimResult, ...]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--results", metavar="DIR", default=None,
                     help="results folder of 'sva run' whose claims to test (default: $SVA_RESULTS)")


def claim_results(config: pytest.Config) -> tuple[ClaimResult, ...]:
    """The claims judged on the database (evaluated once per session)."""
    if _RESULTS in config.stash:
        return config.stash[_RESULTS]
    results_dir = config.getoption("--results") or os.environ.get("SVA_RESULTS")
    if not results_dir:
        pytest.fail("no results database: pass --results DIR or set SVA_RESULTS to a folder written by "
                    "'sva run'", pytrace=False)
    try:
        rows = load_rows(results_dir)
    except SvaError as error:
        pytest.fail(str(error), pytrace=False)
    if not any(row.get("status") == "done" for row in rows):
        pytest.fail(f"{results_dir}: the results database has no done cell in its latest run; "
                    f"run 'sva run --out {results_dir}' first", pytrace=False)
    config.stash[_RESULTS] = evaluate_claims(with_programs(rows, results_dir))
    return config.stash[_RESULTS]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "claim_name" not in metafunc.fixturenames:
        return
    results = claim_results(metafunc.config)
    if "spec" in metafunc.fixturenames:
        cases = [(result.name, verdict.spec) for result in results for verdict in result.specs]
        metafunc.parametrize(("claim_name", "spec"), cases, ids=[f"{name}-{spec}" for name, spec in cases])
    else:
        names = [result.name for result in results]
        metafunc.parametrize("claim_name", names, ids=names)


@pytest.fixture
def claims(request: pytest.FixtureRequest) -> dict[str, ClaimResult]:
    """The evaluated claims by name."""
    return {result.name: result for result in claim_results(request.config)}
