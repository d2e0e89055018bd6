"""Fresh mutants judged in children forked after pytest's configuration, against the old way.

:mod:`sva.trust.worker.fresh` configures one pytest session and forks a child per fresh mutant
when collection starts; a conftest that imports the module sends the batch the old way (each
child forked before the configuration). Both must give plain pytest's verdict on the mutated
file; every verdict records which way it was judged.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from sva.trust import prepare
from sva.trust.baseline import run_baseline
from sva.trust.batch import plan_mutation, run_mutant_batch
from sva.trust.confirm import plain_pytest
from sva.trust.mutants.generation import generate_mutants
from sva.trust.protocol import MutantResult, progress_from_json
from sva.trust.request import TrustConfig
from sva.trust.worker.fresh import CONFIGURED

MODLEVEL = Path(__file__).parent / "fresh_corpus" / "modlevel"
FAST = TrustConfig(examples=10, test_seconds=5.0)
FALLBACK = "forked before pytest's configuration: a conftest imports the module while pytest is configured"


def _fresh_verdicts(folder: Path) -> tuple[object, dict[int, MutantResult]]:
    """The request and the worker's verdict on each fresh mutant of ``folder``'s shapes.py."""
    request = prepare(folder / "shapes.py", tests=[folder / "test_shapes.py"])
    baseline = run_baseline(request, FAST)
    assert baseline.failure is None and baseline.result is not None
    plan = plan_mutation(request, FAST, baseline.result, baseline.records)
    results, error = run_mutant_batch(plan)
    assert error is None
    return request, {splice.index: results[splice.index] for splice in plan.batch.mutants if splice.fresh}


@pytest.mark.slow
def test_forked_after_configuration_gives_the_old_fresh_imports_verdicts_and_plain_pytests(tmp_path):
    shutil.copytree(MODLEVEL, tmp_path / "configured")
    shutil.copytree(MODLEVEL, tmp_path / "old")
    (tmp_path / "old" / "conftest.py").write_text("import shapes  # configuring pytest imports the module\n")
    request, configured = _fresh_verdicts(tmp_path / "configured")
    _, old = _fresh_verdicts(tmp_path / "old")
    assert configured and configured.keys() == old.keys()
    assert {result.fresh for result in configured.values()} == {CONFIGURED}
    assert {result.fresh for result in old.values()} == {FALLBACK}
    assert {i: (r.killed, r.by) for i, r in configured.items()} == {i: (r.killed, r.by) for i, r in old.items()}
    plain = {verdict.index: verdict.killed for verdict in plain_pytest(request, sorted(configured), workers=2)}
    assert {index: result.killed for index, result in configured.items()} == plain

    mutants = generate_mutants(request.source)

    def verdict(line: int, before: str, after: str) -> MutantResult:
        [index] = [m.index for m in mutants if (m.line, m.before, m.after) == (line, before, after)]
        return configured[index]

    assert verdict(6, "3", "4").killed  # SCALE, read at call time
    assert not verdict(7, "3", "2").killed  # SIDES: test_area_of_each_side[2] replaces [3], and passes
    assert verdict(7, "4", "5").killed  # ... [5] replaces [4], and fails
    assert verdict(8, "2", "3").killed  # FACTOR, the default argument of scaled
    assert verdict(9, "8", "9").killed  # CACHED, lru_cache's maxsize
    assert verdict(36, "perimeter = times(SCALE)(perimeter)", "pass").killed  # the decorating statement
    deleted = verdict(10, "root = m.sqrt", "pass")  # `from shapes import root` fails: no tests collect
    assert deleted.killed and deleted.by == "<import>" and "do not collect" in (deleted.reason or "")


@given(st.integers(0, 10_000), st.booleans(), st.one_of(st.none(), st.text(max_size=20)),
       st.one_of(st.none(), st.sampled_from([CONFIGURED, FALLBACK])))
def test_a_verdict_keeps_how_it_was_judged_across_the_sandbox(index, killed, by, fresh):
    result = MutantResult(index, killed, by, None, 3, 0.25, False, None, fresh)
    assert progress_from_json(result.to_json()) == result


_REWRITE_ONCE = """
import sys
import pytest
import _pytest.assertion.rewrite as rewrite
from sva.trust.worker.rewrite import rewrite_once

class Once:
    written = None

    @pytest.hookimpl(tryfirst=True)
    def pytest_collectstart(self, collector):
        if isinstance(collector, pytest.Session) and Once.written is None:
            Once.written = rewrite_once(collector.config, ["test_twice.py"])
            if "--forbid" in sys.argv:  # from here on, a tests file rewritten again stops the run
                original = rewrite._rewrite_test

                def again(fn, config):
                    if fn.name == "test_twice.py":
                        raise RuntimeError("rewritten again")
                    return original(fn, config)

                rewrite._rewrite_test = again

status = pytest.main(["test_twice.py", "-p", "no:cacheprovider", "-q", *sys.argv[1:2]], plugins=[Once()])
print("written", Once.written, "status", int(status))
"""


@pytest.mark.parametrize("assert_mode, forbid, expected", [
    ("--assert=rewrite", "--forbid", "written 1 status 1"),  # read from the cache: collects, asserts rewritten
    ("--assert=rewrite", "--keep", "written 1 status 1"),
    ("--assert=plain", "--keep", "written 0 status 1"),  # pytest rewrites nothing: nothing written
])
def test_the_tests_file_is_rewritten_once_for_every_child(tmp_path, assert_mode, forbid, expected):
    """:func:`sva.trust.worker.rewrite.rewrite_once` writes the tests file's rewritten code where
    pytest's import hook reads it though bytecode may not be written (the worker's setting):
    with pytest's own rewriting forbidden afterwards, the file still collects and a failing
    assert still explains itself with the rewritten message (``where 3 = double(1)``)."""
    import subprocess
    import sys

    (tmp_path / "test_twice.py").write_text(
        "def double(x):\n    return 3 * x\n\n\ndef test_double():\n    assert double(1) == 2\n")
    (tmp_path / "run.py").write_text(_REWRITE_ONCE)
    done = subprocess.run([sys.executable, "-B", "run.py", assert_mode, forbid], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, env={**__import__("os").environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert expected in done.stdout, done.stdout + done.stderr
    assert "rewritten again" not in done.stdout
    cached = sorted(path.name for path in (tmp_path / "__pycache__").glob("test_twice.*pytest*.pyc")) \
        if (tmp_path / "__pycache__").exists() else []
    if assert_mode == "--assert=rewrite":
        assert len(cached) == 1
        assert "where 3 = double(1)" in done.stdout  # the asserts were rewritten
    else:
        assert cached == []
        assert "where 3 = double(1)" not in done.stdout
