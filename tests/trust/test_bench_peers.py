"""benchmarks/bench_mutation_peers.py's corpus and its reading of mutmut's results (no mutation run)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sva.trust.project import find_layout
from sva.sandbox import Completed, Limits, run_job
from tests.conftest import ROOT, load_benchmark

SAMPLE = Path(__file__).with_name("data") / "mutmut-3.8.1-results-toposort.txt"


bench = load_benchmark("bench_mutation_peers")
#: the entries kept as copies in benchmarks/corpus (the others are fetched at the bench's set-up)
ENTRIES = {entry.name: entry for entry in bench.ENTRIES if entry.sdist is None}
FETCHED = {entry.name: entry for entry in bench.ENTRIES if entry.sdist is not None}


@pytest.mark.parametrize("name", ENTRIES)
def test_each_corpus_entry_has_its_module_tests_license_and_a_readme_row(name):
    entry = ENTRIES[name]
    folder = bench.CORPUS / name
    assert (folder / entry.module).is_file()
    assert (folder / entry.tests).is_file()
    assert (folder / "LICENSE").is_file() and (folder / "LICENSE").stat().st_size > 500
    readme = (bench.CORPUS / "README.md").read_text(encoding="utf-8")
    assert f"| `{name}/` |" in readme and f"`{entry.module}`" in readme


#: pytest imports the installed iniconfig itself before the job puts the import root on the path,
#: so the sandbox's pytest job tests that copy, not the project's (sva/sandbox/jobs.py run_pytest)
@pytest.mark.parametrize("name", ENTRIES)
def test_each_corpus_entry_passes_its_tests_in_the_sandbox_and_fails_them_once_broken(name):
    """Plain pytest in the sandbox, the project's files at their paths and its import root on the
    path; then the module broken, which must fail the run: the tests import the corpus copy
    (iniconfig is also installed, with pytest, and pytest imports it before any test)."""
    entry = ENTRIES[name]
    folder = bench.CORPUS / name
    files = {path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
             for path in sorted(folder.rglob("*.py")) if "__pycache__" not in path.parts}
    layout = find_layout(folder / entry.module, [folder / entry.tests])
    # the package by name: the sandbox's pytest job then drops a copy pytest itself imported
    payload = {"tests": entry.tests, "import_root": entry.import_root, "package": layout.package}
    outcome = run_job("pytest", payload, files, Limits())
    assert isinstance(outcome, Completed), outcome
    assert outcome.value["status"] == 0 and outcome.value["passed"] and not outcome.value["failed"], outcome.value
    files[entry.module] += "\nraise ImportError('the corpus copy')\n"
    broken = run_job("pytest", payload, files, Limits())
    assert isinstance(broken, Completed) and broken.value["status"] != 0 and not broken.value["passed"]


def test_mutmut_results_are_parsed_and_counted():
    statuses = bench.parse_mutmut_results("\n".join([
        "some banner line",
        "    toposort.xǁCircularDependencyErrorǁ__init____mutmut_1: survived",
        "    toposort.x_toposort__mutmut_3: killed",
        "    toposort.x_toposort__mutmut_4: no tests",
        "    toposort.x_toposort__mutmut_5: timeout",
        "    toposort.x_toposort__mutmut_6: suspicious",
    ]))
    assert statuses["toposort.xǁCircularDependencyErrorǁ__init____mutmut_1"] == "survived"
    counts = bench.count_mutmut(statuses)
    assert (counts["mutants"], counts["killed"], counts["survivors"], counts["undecided"]) == (5, 2, 2, 1)


def test_a_saved_mutmut_run_is_read_in_full():
    text = SAMPLE.read_text(encoding="utf-8")
    counts = bench.count_mutmut(bench.parse_mutmut_results(text))
    assert counts["mutants"] == len(text.splitlines()) == 38
    assert counts["statuses"] == {"killed": 33, "survived": 4, "timeout": 1}
    assert (counts["killed"], counts["survivors"]) == (34, 4)


def test_every_mutmut_status_is_counted_as_killed_survived_or_undecided():
    stats = pytest.importorskip("mutmut.stats")
    statuses = set(stats.status_by_exit_code.values()) | {stats.status_by_exit_code[12345]}  # the default
    groups = (bench.MUTMUT_KILLED, bench.MUTMUT_SURVIVED, bench.MUTMUT_UNDECIDED)
    for status in statuses:
        assert sum(status in group for group in groups) == 1, status
        assert bench._RESULT_LINE.match(f"    m.x_f__mutmut_1: {status}")


def test_the_mutmut_config_names_the_module_the_tests_and_what_it_must_skip():
    config = bench.mutmut_config(ENTRIES["toposort"])
    assert "source_paths = src\n" in config and "only_mutate = src/toposort.py\n" in config
    assert "pytest_add_cli_args =\n    --deselect=test/test_toposort.py::TestAll::test_all\n" in config
    assert "also_copy = testing/" in bench.mutmut_config(ENTRIES["iniconfig"])


def test_the_survivor_sample_is_seeded_and_bounded():
    report = {"survivors": [{"index": i} for i in range(40, 0, -1)]}
    first = bench.sample_survivors(report, 10)
    assert first == bench.sample_survivors(report, 10) and len(first) == 10 and first == sorted(first)
    assert bench.sample_survivors({"survivors": [{"index": 3}, {"index": 1}]}, 10) == [1, 3]


@pytest.mark.parametrize("name", FETCHED)
def test_each_fetched_entry_is_pinned_and_has_a_readme_row(name):
    entry = FETCHED[name]
    project, _, version = entry.sdist.requirement.partition("==")
    assert project and version and all(part.isdigit() for part in version.split("."))
    assert len(entry.sdist.sha256) == 64 and int(entry.sdist.sha256, 16) >= 0
    assert entry.module in {keep for keep in entry.sdist.keep} or any(
        keep.endswith("/") and entry.module.startswith(keep) for keep in entry.sdist.keep)
    assert entry.tests in entry.sdist.keep and "LICENSE" in entry.sdist.keep
    readme = (bench.CORPUS / "README.md").read_text(encoding="utf-8")
    assert f"| {name} (fetched) |" in readme and entry.sdist.sha256 in readme and f"`{entry.module}`" in readme


def _sdist(tmp_path: Path) -> Path:
    """A source distribution as pip downloads one: a gzipped tar with one top folder."""
    import tarfile

    top = tmp_path / "built" / "demo-1.0"
    for name, text in {"LICENSE": "MIT", "demo/__init__.py": "", "demo/recipes.py": "def f():\n    return 1\n",
                       "tests/test_recipes.py": "from demo.recipes import f\n", "docs/index.rst": "x",
                       "setup.py": ""}.items():
        (top / name).parent.mkdir(parents=True, exist_ok=True)
        (top / name).write_text(text)
    archive = tmp_path / "demo-1.0.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(top, arcname="demo-1.0")
    return archive


def test_an_sdist_is_unpacked_to_its_kept_paths_only_when_its_hash_matches(tmp_path):
    import hashlib

    archive = _sdist(tmp_path)
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    keep = ("LICENSE", "demo/", "tests/test_recipes.py")
    project = bench.unpack_sdist(archive, bench.Sdist("demo==1.0", digest, keep), tmp_path / "out")
    files = sorted(path.relative_to(project).as_posix() for path in project.rglob("*") if path.is_file())
    assert files == ["LICENSE", "demo/__init__.py", "demo/recipes.py", "tests/test_recipes.py"]
    assert (project / "demo" / "recipes.py").read_text() == "def f():\n    return 1\n"
    with pytest.raises(SystemExit, match="sha256"):
        bench.unpack_sdist(archive, bench.Sdist("demo==1.0", "0" * 64, keep), tmp_path / "again")
    with pytest.raises(SystemExit, match="lacks tests/test_more.py"):
        bench.unpack_sdist(archive, bench.Sdist("demo==1.0", digest, ("tests/test_more.py",)), tmp_path / "third")


def test_mutant_verdicts_compares_two_commits_verdicts_and_fails_on_a_difference(tmp_path, capsys):
    verdicts = load_benchmark("mutant_verdicts")
    row = {"killed": True, "by": "t::a", "subtest": None, "timeout": False, "fresh": None, "tests_run": 3, "seconds": 0.1}
    old = {"wall": 2.0, "cpu": 3.0, "killed": 2, "mutants": {"1": row, "2": row}}
    faster = {**old, "mutants": {"1": {**row, "tests_run": 1}, "2": {**row, "seconds": 0.01}}}
    changed = {**old, "mutants": {"1": row, "2": {**row, "by": "t::b"}}}
    paths = {}
    for name, data in (("old", old), ("faster", faster), ("changed", changed)):
        paths[name] = tmp_path / f"{name}.json"
        paths[name].write_text(json.dumps(data))
    assert verdicts.main(["--compare", str(paths["old"]), str(paths["faster"])]) == 0
    assert "verdicts that differ: 0" in capsys.readouterr().out
    assert verdicts.main(["--compare", str(paths["old"]), str(paths["changed"])]) == 1
    assert "verdicts that differ: 1: 2" in capsys.readouterr().out
    assert verdicts._lines("3-5,9") == (3, 4, 5, 9)
