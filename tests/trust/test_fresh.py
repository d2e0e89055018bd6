"""Trust on real projects: verdicts equal to a plain pytest run, packages, selections, --python.

The corpus (``tests/trust/fresh_corpus``, see its README) holds mutants whose effect happens at import
time; every verdict ``sva trust`` gives on it is checked against plain pytest on the mutated
file, each in a fresh sandboxed interpreter (:func:`sva.trust.confirm.plain_pytest`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from sva.errors import InputError
from sva.trust.confirm import plain_pytest
from sva.trust import evaluate, prepare, trust
from sva.trust.mutants.generation import generate_mutants
from sva.trust.project import find_layout
from sva.trust.request import TrustConfig
from sva.sandbox import sandbox_path
from sva.trust.mutants.selection import changed_lines, parse_lines, select_mutants

CORPUS = Path(__file__).parent / "fresh_corpus"
FLAT = (CORPUS / "flat" / "loader.py", [CORPUS / "flat" / "test_loader.py", CORPUS / "flat" / "test_by_path.py"])
PROJ = (CORPUS / "proj" / "src" / "units" / "convert.py", [CORPUS / "proj" / "tests" / "test_convert.py"])
#: unittest cases in ``self.subTest`` blocks and tests on pytest's ``subtests`` fixture
SUBTESTS = (CORPUS / "subtests" / "seqs.py",
            [CORPUS / "subtests" / "test_seqs_unittest.py", CORPUS / "subtests" / "test_seqs_fixture.py"])
#: stacked and marked ``pytest.mark.parametrize`` tables, a parametrized fixture
PARAMETRIZED = (CORPUS / "parametrized" / "roman.py", [CORPUS / "parametrized" / "test_roman.py"])
FAST = TrustConfig(examples=10, test_seconds=5.0)


def _killed(report) -> dict[int, bool]:
    surviving = {survivor.index for survivor in report.survivors}
    return {index: index not in surviving for index in range(report.mutants_total)}


@pytest.mark.slow
@pytest.mark.parametrize("case", [FLAT, PROJ, SUBTESTS, PARAMETRIZED],
                         ids=["flat", "src-package", "subtests", "parametrized"])
def test_every_verdict_equals_a_plain_pytest_run_of_the_mutated_file(case):
    """Plain pytest's verdict counts a failure wherever pytest reports one (a failed subtest, an
    error, a strict xfail that passed: :mod:`sva.trust.confirm`); each corpus holds module-level
    code too, so fresh imports are checked on every test style."""
    request = prepare(case[0], tests=case[1])
    report = evaluate(request, FAST)
    assert report.failure is None and report.mutation_error is None
    assert report.mutants_fresh > 0
    if case is SUBTESTS:  # every case sits in a subtest: reading only the tests' own reports kills 1 of 119
        assert report.mutation_score > 0.9
    ours = _killed(report)
    plain = {verdict.index: verdict.killed for verdict in plain_pytest(request, sorted(ours), workers=2)}
    differ = {index for index in ours if ours[index] != plain[index]}
    mutants = generate_mutants(request.source)
    assert not differ, [(i, mutants[i].line, mutants[i].before, mutants[i].after, ours[i]) for i in sorted(differ)]


@pytest.mark.slow
def test_import_time_mutants_are_killed_where_the_swap_would_miss_them():
    request = prepare(FLAT[0], tests=FLAT[1])
    report = evaluate(request, FAST)
    mutants = {m.index: m for m in generate_mutants(request.source)}
    surviving = {s.index for s in report.survivors}

    def verdict(before: str, after: str) -> bool:
        [index] = [i for i, m in mutants.items() if m.before == before and m.after == after]
        return index not in surviving

    assert verdict("TABLE = [10, 20, 30]", "pass")  # the old binding would have lingered
    assert verdict("partial(drop, 1)", "True")  # a test's `from loader import rest` holds the object
    assert verdict("value * 2", "value")  # inside _rule, which runs only while the module loads
    # the four survivors: three are data no test reads (TABLE[0]), and items[True:] is items[1:]
    # (TABLE[True] for TABLE[i] is killed by the test that asks for TABLE[2], loading by path)
    assert len(report.survivors) == 4
    assert {(s.before, s.after) for s in report.survivors} >= {("n", "True")}
    assert ("i", "True") not in {(s.before, s.after) for s in report.survivors}


def test_a_fresh_mutant_reaches_tests_that_load_the_artifact_by_path():
    """Generated contracts load ``seed-0.py`` by path (``spec_from_file_location``): a fresh
    import must serve them the mutant too (``return [...] -> pass`` takes away a comprehension,
    so it cannot be swapped in)."""
    report = trust(Path(__file__).parents[2] / "artifacts" / "psb-negative-to-zero" / "design" / "seed-0.py",
                   config=TrustConfig(examples=20))
    assert report.mutants_fresh >= 1 and report.mutation_score == 1.0 and not report.survivors


@pytest.mark.slow
def test_a_package_with_relative_imports_and_a_conftest_runs_from_its_folder(sva):
    project = CORPUS / "proj"
    result = sva("trust", "src/units/convert.py", "--tests", "tests/test_convert.py", "--json", cwd=project)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["failure"] is None and data["entry"] is None
    assert [test["status"] for test in data["tests"]] == ["passed"] * 3
    assert data["tests"][0]["name"] == "tests/test_convert.py::test_km_to_m"  # its conftest fixture loaded
    assert data["mutants_total"] == 69 and data["mutants_killed"] == 59
    assert set(data["timings"]) == {"baseline_s", "mutants_s", "total_s"}
    assert "mutants" in result.stderr.splitlines()[-1]  # the progress line


def test_find_layout_of_a_src_package_and_of_a_lone_file(tmp_path):
    layout = find_layout(PROJ[0], PROJ[1])
    assert layout.root == CORPUS / "proj"
    assert (layout.module, layout.module_name, layout.import_root) == ("src/units/convert.py", "units.convert", "src")
    assert layout.files == ("src/units/__init__.py", "src/units/_factors.py", "src/units/convert.py",
                            "tests/conftest.py", "tests/test_convert.py")
    init = find_layout(CORPUS / "proj" / "src" / "units" / "__init__.py", PROJ[1])
    assert (init.module_name, init.package) == ("units", "units") and "src/units/_factors.py" in init.files
    lone = tmp_path / "seed-0.py"
    lone.write_text("def f(x):\n    return x\n")
    tests = tmp_path / "checks" / "test_f.py"
    tests.parent.mkdir()
    tests.write_text("import helpers\nfrom seed import f\n")
    (tmp_path / "checks" / "helpers.py").write_text("X = 1\n")
    (tmp_path / "checks" / "unused.py").write_text("Y = 1\n")
    layout = find_layout(lone, [tests])
    assert (layout.module, layout.module_name, layout.import_root) == ("seed-0.py", None, ".")
    assert layout.files == ("checks/helpers.py", "checks/test_f.py", "seed-0.py")  # what the tests import


def test_a_package_pytest_itself_imports_is_the_projects_copy_in_the_sandbox():
    """pytest imports iniconfig before any test: the project's copy of iniconfig (the benchmark
    corpus) must still be the one imported and measured, its relative imports working."""
    folder = Path(__file__).parents[2] / "benchmarks" / "corpus" / "iniconfig"
    report = trust(folder / "src" / "iniconfig" / "_parse.py", tests=[folder / "testing" / "test_iniconfig.py"],
                   config=TrustConfig(examples=10, mutate=False))
    assert report.failure is None, report.failure
    assert report.tests and all(test.status == "passed" for test in report.tests)
    assert report.line_coverage > 0.9  # coverage of the copy: the installed one is not measured


@pytest.mark.parametrize("name", ["../x.py", "/etc/passwd", "a/../../b", "", "a//b"])
def test_sandbox_paths_stay_inside_the_folder(name):
    with pytest.raises(ValueError, match="relative paths inside"):
        sandbox_path(name)


def test_lines_and_diffs_choose_the_mutants():
    assert parse_lines("10-12, 3") == {3, 10, 11, 12}
    for bad in ("3-x", "0", "5-2", ","):
        with pytest.raises(InputError):
            parse_lines(bad)
    diff = ("diff --git a/src/units/convert.py b/src/units/convert.py\n--- a/src/units/convert.py\n"
            "+++ b/src/units/convert.py\n@@ -11,3 +11,3 @@ def convert(value, source, target):\n"
            "     if source not in FACTORS or target not in FACTORS:\n-        raise ValueError('x')\n"
            "+        raise KeyError(f\"unknown unit {source!r} or {target!r}\")\n"
            "     return value * FACTORS[source] / FACTORS[target]\n")
    assert changed_lines(diff, PROJ[0]) == {12}
    with pytest.raises(InputError, match="changes nothing in"):
        changed_lines(diff, FLAT[0])
    source = PROJ[0].read_text()
    mutants = generate_mutants(source)
    chosen = select_mutants(mutants, source, frozenset({12}), True)
    assert chosen and {m.line for m in chosen} == {12}
    assert all(m.function is not None for m in select_mutants(mutants, source, None, False))
    assert len(select_mutants(mutants, source, None, False)) < len(mutants)


@given(st.sets(st.integers(1, 400), min_size=1))
def test_parse_lines_reads_back_any_set_of_lines(lines):
    assert parse_lines(",".join(map(str, sorted(lines)))) == lines


@pytest.mark.slow
def test_diff_and_exclusions_through_the_cli(sva, tmp_path):
    project = CORPUS / "proj"
    patch = tmp_path / "change.diff"
    patch.write_text("--- a/src/units/convert.py\n+++ b/src/units/convert.py\n@@ -13,1 +13,1 @@\n"
                     "-    return value\n+    return value * FACTORS[source] / FACTORS[target]\n")
    result = sva("trust", "src/units/convert.py", "--tests", "tests/test_convert.py", "--json", "--diff", str(patch),
                 cwd=project)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert 0 < data["mutants_total"] < 69 and {s["line"] for s in data["survivors"]} <= {13}
    result = sva("trust", "loader.py", "--tests", "test_loader.py", "--json", "--exclude-module-level",
                 cwd=CORPUS / "flat")
    data = json.loads(result.stdout)
    assert data["mutants_fresh"] > 0  # _rule runs at import: still fresh, though inside a function
    assert all(s["unit"] is not None for s in data["survivors"])
    result = sva("trust", "loader.py", "--tests", "test_loader.py", "--lines", "1-2", "--diff", str(patch),
                 cwd=CORPUS / "flat")
    assert result.returncode == 2 and result.stderr.startswith("sva: ") and len(result.stderr.splitlines()) == 1


def _user_venv(tmp_path: Path) -> Path:
    """A virtual environment of its own, with a package ``userdep`` that only it has, and sva's
    test dependencies (pytest, coverage, hypothesis) reached through a ``.pth`` file."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  capture_output=True, text=True, check=True).stdout.strip())
    (purelib / "sva_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    (purelib / "userdep.py").write_text("def double(x):\n    return 2 * x\n")
    return python


def test_python_runs_the_users_interpreter_with_its_dependencies(sva, tmp_path):
    python = _user_venv(tmp_path)
    (tmp_path / "twice.py").write_text("from userdep import double\n\n\ndef twice(x):\n    return double(x)\n")
    (tmp_path / "test_twice.py").write_text("from twice import twice\n\n\ndef test_twice():\n"
                                            "    assert twice(3) == 6\n")
    without = sva("trust", "twice.py", "--tests", "test_twice.py", cwd=tmp_path)
    assert without.returncode == 1 and "No module named 'userdep'" in without.stderr
    report = trust(tmp_path / "twice.py", tests=[tmp_path / "test_twice.py"], config=FAST, python=str(python))
    assert report.failure is None and report.tests[0].status == "passed"
    assert report.mutants_total > 0 and report.config["python"] == str(python.absolute())


def test_python_without_what_the_worker_needs_is_one_clear_line(sva, tmp_path):
    bare = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True)
    (tmp_path / "m.py").write_text("def f(x):\n    return x\n")
    (tmp_path / "test_m.py").write_text("from m import f\n\n\ndef test_f():\n    assert f(1) == 1\n")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    for interpreter, expected in ((str(bare / "bin" / "python"), "cannot import pytest, coverage, hypothesis"),
                                  (str(tmp_path / "nope"), "no such interpreter")):
        result = sva("trust", "m.py", "--tests", "test_m.py", "--python", interpreter, cwd=tmp_path, env=env)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"sva: --python {interpreter}: {expected}")
        assert len(result.stderr.strip().splitlines()) == 1
    (tmp_path / "p.py").write_text("def f(a, b, c):\n    return a ^ b ^ c\n")
    result = sva("trust", "p.py", "--spec", "parity-3", "--entry", "f", "--python", sys.executable, cwd=tmp_path)
    assert result.returncode == 2 and "a spec is checked with sva's own interpreter" in result.stderr


def test_a_fresh_import_runs_the_tests_a_parametrize_table_of_the_module_names_anew(tmp_path):
    """``parametrize("limit", LIMITS)`` names its cases by the module's values: a mutant of the
    table (``5`` -> ``6``) drops ``test_odd[5]`` and brings ``test_odd[6]``, which fails. Plain
    pytest runs the new test; so does the fresh import."""
    (tmp_path / "limits.py").write_text("LIMITS = [3, 5]\n\n\ndef within(x, limit):\n    return x <= limit\n")
    (tmp_path / "test_limits.py").write_text(
        "import pytest\n\nfrom limits import LIMITS, within\n\n\n@pytest.mark.parametrize('limit', LIMITS)\n"
        "def test_odd(limit):\n    assert within(limit, limit) and limit % 2 == 1\n")
    request = prepare(tmp_path / "limits.py", tests=[tmp_path / "test_limits.py"])
    report = evaluate(request, FAST)
    mutants = generate_mutants(request.source)
    table = [m.index for m in mutants if m.line == 1 and m.before == "5" and m.after in ("6", "4")]
    assert table and not {s.index for s in report.survivors} & set(table)
    plain = {verdict.index: verdict for verdict in plain_pytest(request, table)}
    assert all(plain[index].killed and plain[index].failed for index in table)


def test_a_cached_function_s_mutants_see_an_empty_cache_as_plain_pytest_does(tmp_path):
    """``@lru_cache`` kept the original's answers from the test run before: a swapped-in mutant of
    the cached function's body was never called and survived, where plain pytest kills it."""
    (tmp_path / "odd.py").write_text(
        "from functools import lru_cache\n\n\n@lru_cache\ndef shift(n):\n    s = ((n - 1) ^ n).bit_length() - 1\n"
        "    return s, n >> s\n\n\ndef odd_part(n):\n    return shift(n)[1]\n")
    (tmp_path / "test_odd.py").write_text(
        "from odd import odd_part, shift\n\n\ndef test_shift():\n    assert shift(12) == (2, 3)\n\n\n"
        "def test_odd_part():\n    assert odd_part(12) == 3\n")
    request = prepare(tmp_path / "odd.py", tests=[tmp_path / "test_odd.py"])
    report = evaluate(request, FAST)
    assert report.failure is None and report.mutation_error is None
    ours = _killed(report)
    plain = {verdict.index: verdict.killed for verdict in plain_pytest(request, sorted(ours), workers=2)}
    mutants = generate_mutants(request.source)
    inside = [m.index for m in mutants if m.function == "shift"]
    assert sum(plain[index] for index in inside) >= len(inside) // 2
    assert {index: ours[index] for index in inside} == {index: plain[index] for index in inside}
