"""Trust evaluation: spec checks, counterexamples, mutation analysis, localization, coverage.

Every artifact here runs in the sandbox; the expected values are worked out by hand in the
comments beside them.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest

from sva.errors import InputError, SvaError
from sva.families import all_specs
from sva.trust import TrustConfig, prepare, trust
from sva.trust.mutants.generation import generate_mutants
from sva.sandbox import Limits
from tests.conftest import ROOT, load_benchmark

FAST = TrustConfig(examples=50, test_seconds=2.0, limits=Limits(cpu_seconds=10, wall_seconds=30))


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def test_a_planted_one_row_bug_is_found_and_that_row_is_the_counterexample(tmp_path):
    # Even-4-parity, except on row 11 (x0, x1, x3 set; x2 clear): three ones, so the right
    # answer is False, and the planted term flips it to True there and nowhere else.
    artifact = write(tmp_path, "planted.py", """
        def parity_4(x0, x1, x2, x3):
            correct = not (x0 ^ x1 ^ x2 ^ x3)
            return correct != (x0 and x1 and (not x2) and x3)
    """)
    report = trust(artifact, spec="parity-4", config=FAST)
    assert report.verified is False
    assert report.counterexample["args"] == {"x0": True, "x1": True, "x2": False, "x3": True}
    assert report.counterexample["expected"] is False and report.counterexample["got"] is True
    assert report.domain_coverage == 1.0
    assert report.held_out_pass_rate is None  # parity-4 trains on its whole table: nothing held out
    assert report.training_pass_rate == 15 / 16  # it disagrees with the oracle on one training row of 16
    spec_test = report.tests[0]
    assert spec_test.kind == "spec" and spec_test.status == "failed"
    # the first row in table order where some property fails is row 3: flipping x3 there
    # lands on row 11, whose output does not flip (the metamorphic property sees the bug too)
    assert spec_test.reason == "flip_flips does not hold at [True, True, False, False]"
    oracle = report.properties[0]
    assert oracle["name"] == "matches_oracle" and oracle["passed"] is False


def test_a_known_equivalent_mutant_survives_and_is_marked_equivalent(tmp_path):
    # `x2 and x2` is x2: replacing it by either operand, or swapping `and` for `or`, changes
    # nothing on any input, so no test can kill those mutants.
    artifact = write(tmp_path, "redundant.py", """
        def parity_3(x0, x1, x2):
            return not ((x0 ^ x1) ^ (x2 and x2))
    """)
    report = trust(artifact, spec="parity-3", config=FAST)
    assert report.verified is True
    survivors = {(s.operator, s.before, s.after) for s in report.survivors}
    assert ("replace_with_operand", "x2 and x2", "x2") in survivors
    assert ("swap_and_or", "x2 and x2", "(x2 or x2)") in survivors
    assert all(s.equivalent for s in report.survivors)
    assert report.mutants_killed + len(report.survivors) == report.mutants_total
    assert report.mutants_total == len(generate_mutants(artifact.read_text()))


def test_clamp_boundary_mutants_survive_a_users_own_tests(tmp_path):
    # A user's module and tests, no spec. `x < low` -> `x <= low` is equivalent (at x == low
    # both return low), and so is `x > high` -> `x >= high`.
    artifact = write(tmp_path, "clamping.py", """
        def clamp(x, low, high):
            \"\"\"x limited to the interval [low, high].\"\"\"
            if x < low:
                return low
            if x > high:
                return high
            return x
    """)
    tests = write(tmp_path, "test_clamping.py", """
        from clamping import clamp

        def test_inside():
            assert clamp(5, 0, 10) == 5

        def test_below():
            assert clamp(-3, 0, 10) == 0

        def test_above():
            assert clamp(12, 0, 10) == 10
    """)
    report = trust(artifact, tests=[tests], config=FAST)
    assert report.spec is None and report.entry is None  # no spec: no entry is guessed
    assert [t.status for t in report.tests] == ["passed", "passed", "passed"]
    assert all(t.direct_units == ("clamp",) for t in report.tests)
    changed = {(s.before, s.after) for s in report.survivors}
    assert ("x < low", "(x <= low)") in changed
    assert ("x > high", "(x >= high)") in changed
    assert report.line_coverage == 1.0 and report.branch_coverage == 1.0
    assert report.verified is None and report.domain_coverage is None
    assert not any(s.equivalent for s in report.survivors)  # no exhaustive check stands behind them


@pytest.mark.slow
def test_design_localizes_faults_and_a_one_expression_search_artifact_does_not():
    design = trust(ROOT / "artifacts/parity-6/design/seed-0.py", config=FAST)
    search = trust(ROOT / "artifacts/parity-4/search/seed-0.py", config=FAST)
    # parity-6 design: units odd_ones_2 (7 tokens), odd_ones_3 (13 + its binding), odd_ones_6,
    # parity_6; every contract calls one helper directly, so faults in odd_ones_2 are pinned to
    # a region of 7 of 60 tokens.
    contract = next(t for t in design.tests if t.name.endswith("test_odd_ones_2"))
    assert contract.direct_units == ("odd_ones_2",) and contract.region_size == 7
    assert design.localization > 0.3
    assert search.localization == 0.0
    assert design.mutation_score == 1.0 and design.verified is True


def test_verified_explanation_length_credits_only_stories_whose_contract_passed(tmp_path):
    artifact = write(tmp_path, "halves.py", """
        def double(x):
            \"\"\"Twice x.\"\"\"
            return x + x

        def half(x):
            \"\"\"Half of x, rounded down.\"\"\"
            return x // 2

        def both(x):
            return double(x) + half(x)
    """)
    tests = write(tmp_path, "test_halves.py", """
        import halves

        def test_double():
            assert halves.double(4) == 8

        def test_half_is_wrong_on_purpose():
            assert halves.half(5) == 3
    """)
    report = trust(artifact, tests=[tests], config=FAST)
    # both: def (1) + parameter x (1) + return (1) + `+` (1) + two calls of 3 (call, callee,
    # argument) = 10. E = 10 + story(double) 2 + story(half) 5 = 17. Verified: half's contract
    # failed, so its body is read instead of its story: def, x, return, //, x, 2 = 6 tokens,
    # giving 10 + 2 + 6 = 18.
    assert report.explanation_length == 17
    assert report.verified_explanation_length == 18
    statuses = {t.name.split("::")[1]: t.status for t in report.tests}
    assert statuses == {"test_double": "passed", "test_half_is_wrong_on_purpose": "failed"}


# Mutants that break the worker three ways, each reached by the one test: os._exit takes the
# process down; `n + 1` loops forever in Python (the per-test timer stops it); sum(range(...))
# loops inside C, where no timer reaches, so the sandbox stops the worker once its progress
# stream has been silent for 5 s. Each time the mutant is counted killed and a new worker
# resumes after it.
WORKER_BREAKERS = [
    pytest.param("risky", "import os\n\ndef risky(x):\n    if x > 100:\n        os._exit(7)\n    return x + 1\n",
                 "risky(1) == 2", ("negate_condition", "x > 100"), id="os._exit"),
    pytest.param("countdown", "def countdown(n):\n    while n > 0:\n        n = n - 1\n    return n\n",
                 "countdown(3) == 0", ("swap_binary_operator", "n - 1"), id="python-loop"),
    pytest.param("heavy", "def heavy(x):\n    if x > 5:\n        return sum(range(10 ** 15))\n    return x\n",
                 "heavy(1) == 1", ("negate_condition", "x > 5"), id="c-loop"),
]


@pytest.mark.parametrize("name, source, check, breaker", WORKER_BREAKERS)
@pytest.mark.slow
def test_a_mutant_that_breaks_the_worker_is_killed_and_the_batch_goes_on(tmp_path, name, source, check, breaker):
    artifact = write(tmp_path, f"{name}.py", source)
    tests = write(tmp_path, f"test_{name}.py", f"from {name} import {name}\n\ndef test_it():\n    assert {check}\n")
    report = trust(artifact, tests=[tests], config=FAST)
    assert report.mutation_error is None
    assert report.mutants_total == len(generate_mutants(source))
    assert breaker not in {(s.operator, s.before) for s in report.survivors}
    assert report.mutants_killed > 0
    # the loops are kills by timeout (the CPU budget, or the silence of a hang in C); os._exit is not
    if name == "risky":
        assert report.mutants_timeout == 0
    else:
        assert 1 <= report.mutants_timeout <= report.mutants_killed


@pytest.mark.slow
def test_a_slow_silent_mutant_is_judged_alone_not_killed_by_the_wall_clock(tmp_path):
    """The silence watch (5 s of wall clock) stops the batch while one mutant's test sleeps 6 s,
    as a busy machine could make any slow test look hung; judged again alone, without the watch,
    that mutant is killed by its assertion, not counted as a timeout."""
    artifact = write(tmp_path, "neg.py", "def f(x):\n    return -x\n")
    tests = write(tmp_path, "test_neg.py", "import time\nfrom neg import f\n\ndef test_it():\n    r = f(3)\n"
                  "    if r == 3:\n        time.sleep(6)\n    assert r == -3\n")
    report = trust(artifact, tests=[tests], config=FAST)
    assert report.mutation_error is None and report.mutants_total == len(generate_mutants("def f(x):\n    return -x\n"))
    assert report.mutants_killed == report.mutants_total
    assert report.mutants_timeout == 0


@pytest.mark.parametrize("body, reason", [
    ("while True:\n    pass\n", "timed out"),
    ("blob = bytearray(50 * 1024 ** 3)\n", "MemoryError"),
    ("import os\nos._exit(3)\n", "exited with status 3"),
    ("import sys\nsys.exit(4)\n", "SystemExit: 4"),
    ("def f():\n    return f()\nf()\n", "RecursionError"),
    ("import sys\nwhile True:\n    sys.stdout.write('x' * 65536)\n", "output limit exceeded"),
])
def test_hostile_artifacts_are_reported_with_their_reason_inside_the_limits(tmp_path, body, reason):
    artifact = write(tmp_path, "hostile.py", body + "\ndef parity_3(x0, x1, x2):\n    return True\n")
    report = trust(artifact, spec="parity-3", config=FAST)
    assert reason in report.failure
    assert report.verified is False and report.mutation_score is None


def test_an_artifact_named_like_a_standard_module_is_still_the_one_checked(tmp_path):
    # random.py would shadow the standard library's random, which Hypothesis imports first
    artifact = write(tmp_path, "random.py", "def parity_3(x0, x1, x2):\n    return not (x0 ^ x1 ^ x2)\n")
    report = trust(artifact, spec="parity-3", config=FAST)
    assert report.failure is None and report.verified is True and report.mutation_score == 1.0


@pytest.mark.slow
def test_an_entry_that_never_returns_fails_its_checks_without_hanging(tmp_path):
    artifact = write(tmp_path, "spin.py", "def parity_3(x0, x1, x2):\n    while True:\n        pass\n")
    report = trust(artifact, spec="parity-3", config=TrustConfig(examples=10, test_seconds=1.0, mutate=False))
    assert report.failure is None
    assert report.verified is False
    assert report.tests[0].status == "timeout"
    # the exhaustive check's timer stops it inside the first of parity-3's 8 rows
    assert report.domain_coverage == 1 / 8


@pytest.mark.parametrize("spec", [s for s in all_specs() if s.family == "boolean"], ids=lambda s: s.name)
@pytest.mark.slow
def test_every_design_artifact_is_verified_with_a_mutation_score(spec):
    report = trust(ROOT / "artifacts" / spec.name / "design" / "seed-0.py", config=FAST)
    assert report.failure is None and report.mutation_error is None
    assert report.verified is True
    assert report.line_coverage == 1.0
    assert report.mutants_total > 0 and 0.0 < report.mutation_score <= 1.0
    assert report.localization > 0.0
    assert all(t.status == "passed" for t in report.tests)
    # every design story has a passing contract, so verification credits every story
    assert report.verified_explanation_length == report.explanation_length


def test_prepare_rejects_bad_requests_with_one_line(tmp_path):
    artifact = write(tmp_path, "p.py", "def parity_4(x0, x1, x2, x3):\n    return True\n")
    with pytest.raises(InputError, match="spec parity-3 calls the entry as parity_3\\(x0, x1, x2\\)"):
        prepare(artifact, spec="parity-3", entry="parity_4")
    with pytest.raises(InputError, match="no top-level function 'nope'"):
        prepare(artifact, entry="nope", tests=[artifact])
    with pytest.raises(InputError, match="no such tests file"):
        prepare(artifact, spec="parity-4", tests=[tmp_path / "missing_test.py"])
    with pytest.raises(InputError, match="nothing to check it against"):
        prepare(artifact)
    with pytest.raises(SvaError, match="unknown spec"):
        prepare(artifact, spec="parity-99")


def test_tests_that_never_reach_the_artifact_are_pointed_out(tmp_path):
    artifact = write(tmp_path, "lonely.py", "def lonely(x):\n    return x + 1\n")
    tests = write(tmp_path, "test_lonely.py", "def test_nothing():\n    assert 1 + 1 == 2\n")
    report = trust(artifact, tests=[tests], config=FAST)
    assert report.tests[0].direct_units == () and report.mutants_killed == 0
    assert report.notes[0].startswith("no test calls into the artifact")


def test_tests_that_do_not_import_are_bad_input(tmp_path):
    artifact = write(tmp_path, "p.py", "def parity_4(x0, x1, x2, x3):\n    return True\n")
    tests = write(tmp_path, "test_p.py", "import no_such_module_here\n\ndef test_x():\n    pass\n")
    with pytest.raises(InputError, match="tests do not import: .*No module named 'no_such_module_here'"):
        trust(artifact, tests=[tests], config=FAST)


@pytest.mark.slow
def test_the_cli_prints_figures_and_json(sva):
    path = "artifacts/parity-3/design/seed-0.py"
    table = sva("trust", path, "--examples", "20")
    assert table.returncode == 0, table.stderr
    assert "verified                     yes" in table.stdout
    data = json.loads(sva("trust", path, "--json", "--examples", "20").stdout)
    for field in ("verified", "held_out_pass_rate", "shift_pass_rate", "training_pass_rate", "counterexample", "domain_coverage",
                  "line_coverage", "branch_coverage", "mutants_total", "mutants_killed", "mutation_score",
                  "localization", "verified_explanation_length", "survivors"):
        assert field in data
    assert data["verified"] is True and data["shift_pass_rate"] is None and data["training_pass_rate"] == 1.0


@pytest.mark.parametrize("args, message", [
    (["artifacts/no-such.py"], "no such file"),
    (["artifacts/parity-4/design/seed-0.py", "--spec", "parity-3"], "spec parity-3 calls the entry"),
    (["artifacts/parity-4/design/seed-0.py", "--spec", "nope"], "unknown spec"),
    (["artifacts/parity-4/design/seed-0.py", "--examples", "0"], "--examples must be at least 1"),
])
def test_the_cli_reports_bad_input_on_one_line_with_status_2(sva, args, message):
    result = sva("trust", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_hostile_artifact_exits_1_with_its_reason(sva, tmp_path):
    artifact = write(tmp_path, "boom.py", "import os\nos._exit(3)\ndef parity_3(x0, x1, x2):\n    return True\n")
    result = sva("trust", str(artifact), "--spec", "parity-3", "--test-seconds", "2")
    assert result.returncode == 1
    assert "exited with status 3" in result.stderr


@pytest.mark.slow
def test_two_runs_give_the_same_figures(sva):
    # Hypothesis is derandomized, mutants are generated deterministically and the sandbox fixes
    # the child's hash seed: only the timings may differ, whatever the caller's PYTHONHASHSEED.
    def figures(hash_seed: str) -> dict:
        result = sva("trust", "artifacts/majority-5/search/seed-0.py", "--json", env={"PYTHONHASHSEED": hash_seed})
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        for volatile in ("timings", "mutants_per_s"):
            data.pop(volatile)
        for test in data["tests"]:
            test.pop("seconds")
        return data

    first, second = figures("1"), figures("2")
    assert first == second
    assert first["mutants_total"] == 192 and first["mutants_killed"] == 132


@pytest.mark.slow
def test_the_mutation_benchmark_runs_and_both_sides_agree():
    """A tiny run of benchmarks/bench_mutation.py: it checks the verdicts itself (no timing asserted)."""
    bench = load_benchmark("bench_mutation")
    result = bench.bench_artifact("artifacts/parity-6/search/seed-0.py", rounds=1, sample=2)
    assert (result.mutants, result.naive_sample) == (199, 2)
    assert result.mutants_per_s > 0 and result.naive_mutants_per_s > 0


@pytest.mark.slow
def test_half_table_specs_give_held_out_pass_rates_that_vary_across_seeds(tmp_path):
    """Trained on half its table, search's parity-5 artifacts differ on the rows they never saw
    (the honest-claims rule): held-out pass rate and verified are outcomes here, not the training result again."""
    from sva.generate import get_generator, write_artifact
    from sva.families import get_spec

    spec = get_spec("parity-5-half")
    rates, verified = [], []
    for seed in range(3):
        artifact = get_generator("search").generate(spec, seed)
        path = write_artifact(artifact, tmp_path / f"seed-{seed}")
        report = trust(path, spec="parity-5-half", config=TrustConfig(examples=10, test_seconds=5.0, mutate=False))
        rates.append(report.held_out_pass_rate)
        verified.append(report.verified)
        assert report.training_pass_rate == 1.0  # search solved the 16 rows it saw: what it missed is held out
    assert all(rate is not None and 0 <= rate <= 1 for rate in rates)
    assert len(set(rates)) > 1, rates
    assert set(verified) == {True, False}, verified


def _figures(report):
    """Every figure of a trust report that is not a timing."""
    return (report.verified, report.held_out_pass_rate, report.mutants_total, report.mutants_killed,
            report.mutation_score, report.localization, report.line_coverage, report.branch_coverage,
            [(test.name, test.status) for test in report.tests],
            sorted(str(survivor) for survivor in (report.survivors or ())))


@pytest.mark.parametrize("case", [("artifacts/mux-6/design/seed-0.py", ()),
                                  ("tests/trust/fresh_corpus/flat/loader.py",
                                   ("tests/trust/fresh_corpus/flat/test_loader.py",))],
                         ids=["swapped-in", "fresh-import"])
@pytest.mark.slow
def test_figures_are_the_same_beside_a_cpu_hog(case):
    """Budgets count CPU time (SIGPROF in the worker, RLIMIT_CPU for a fresh import's child), so
    two processes spinning beside the evaluation change none of its figures, only how long it
    takes: for mutants swapped into the live module and for those judged in a fresh import."""
    import subprocess

    artifact, tests = ROOT / case[0], [ROOT / name for name in case[1]]
    config = TrustConfig(examples=30, test_seconds=2.0)
    idle = trust(artifact, tests=tests, config=config)
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        busy = trust(artifact, tests=tests, config=config)
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    assert idle.mutants_total > 0 and idle.failure is None
    assert _figures(busy) == _figures(idle)


@pytest.mark.slow
def test_progress_shows_on_stderr_also_with_json(sva):
    result = sva("trust", "artifacts/parity-4/design/seed-0.py", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)  # stdout stays one JSON document
    lines = result.stderr.strip().splitlines()
    total, killed = data["mutants_total"], data["mutants_killed"]
    assert lines[-1].startswith(f"[{'#' * 24}] {total}/{total} mutants, {killed} killed, ")
    # the first line as soon as the mutants are planned, then about twenty (and one every 30 s)
    assert lines[0].startswith(f"[{'.' * 24}] 0/{total} mutants, 0 killed, ") and "fresh import" in lines[0]
    assert 2 < len(lines) <= 22 + data["timings"]["mutants_s"] / 30


def test_the_progress_line_in_a_log_and_on_a_terminal():
    import io

    from sva.progress import ProgressLine

    log = io.StringIO()
    line = ProgressLine(4, "cells", "failed", stream=log)
    for index in range(4):
        line.update(f"cell-{index}", counted=index == 2, note="done")
    rows = log.getvalue().splitlines()
    assert len(rows) == 4 and rows[0].startswith("[######..................] 1/4 cells, 0 failed, ")
    assert rows[-1].startswith(f"[{'#' * 24}] 4/4 cells, 1 failed, ") and rows[-1].endswith("| cell-3 done")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    line = ProgressLine(2, "mutants", "killed", stream=screen, every=5)
    line.update("mutant 0", counted=True)
    line.update("mutant 1")
    assert screen.getvalue().count("\r") == 2 and screen.getvalue().endswith("\n")
