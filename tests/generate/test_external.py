"""The ``external`` generator: artifacts brought in a folder, DIR/<spec>/<label>/<name>.py.

Reading the layout (seeds in sorted name order, tests paired by name, hashes of the bytes), one
line per entry that does not fit, refused folders, byte-identical stored artifacts, failed cells
for files that do not compile, the cells planned beside a preset's, and a real
``sva run --preset smoke --external examples/external`` whose rows and report show each label.
No test imports an external file: only the sandbox runs them.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from sva.errors import InputError, UsageError
from sva.generate import get_generator
from sva.generate.external import (ExternalFolder, config_of, generate, generator_name, is_external,
                                        label_of, read_external, within_specs)
from sva.families import get_spec

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "external"

PARITY = "def parity_3(x0, x1, x2):\n    return not (x0 ^ x1 ^ x2)\n"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write(root: Path, relative: str, text: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# Reading the layout


def test_the_example_folder_reads_as_two_specs_two_labels_and_paired_tests():
    folder = read_external(EXAMPLES)
    assert folder.problems == ()
    assert folder.specs == ("mux-6", "parity-3")  # folder names in sorted order
    assert folder.labels == ("handwritten", "one-liner")
    found = {(a.spec, a.label, a.index): a for a in folder.artifacts}
    assert sorted(found) == [("mux-6", "handwritten", 0), ("mux-6", "one-liner", 0),
                             ("parity-3", "handwritten", 0), ("parity-3", "one-liner", 0)]
    handwritten = found[("parity-3", "handwritten", 0)]
    assert handwritten.file == "parity-3/handwritten/parity_by_pairs.py"
    assert handwritten.tests == "parity-3/handwritten/test_parity_by_pairs.py"
    assert handwritten.sha256 == _sha(EXAMPLES / handwritten.file)
    assert handwritten.tests_sha256 == _sha(EXAMPLES / handwritten.tests)
    assert handwritten.generator == "external:handwritten"
    assert handwritten.family == "boolean"
    assert found[("mux-6", "one-liner", 0)].tests is None  # README.md and notes are not artifacts


def test_files_of_a_label_are_its_seeds_in_sorted_name_order(tmp_path):
    _write(tmp_path, "parity-3/llm/b_second.py", PARITY)
    _write(tmp_path, "parity-3/llm/a_first.py", PARITY + "\n")
    _write(tmp_path, "parity-3/llm/test_b_second.py", "def test_nothing():\n    assert True\n")
    _write(tmp_path, "parity-3/llm/notes.txt", "the prompt")
    folder = read_external(tmp_path)
    assert [(a.index, a.file, a.tests) for a in folder.artifacts] == [
        (0, "parity-3/llm/a_first.py", None),
        (1, "parity-3/llm/b_second.py", "parity-3/llm/test_b_second.py")]
    assert folder.root == str(tmp_path.resolve())


def test_entries_that_do_not_fit_are_skipped_with_one_line_each(tmp_path):
    _write(tmp_path, "parity-3/ok/good.py", PARITY)
    _write(tmp_path, "foo/x/a.py", PARITY)
    _write(tmp_path, "stray.py", PARITY)
    _write(tmp_path, "parity-3/loose.py", PARITY)
    _write(tmp_path, "parity-3/bad:label/a.py", PARITY)
    _write(tmp_path, "parity-3/ok/latin.py", b"\xff\xfe x = 1\n")
    _write(tmp_path, "parity-3/ok/test_ghost.py", "def test_x():\n    pass\n")
    _write(tmp_path, "parity-3/ok/deep/more.py", PARITY)
    _write(tmp_path, "parity-3/ok/conftest.py", "")
    _write(tmp_path, "parity-3/empty/README.md", "nothing here")
    folder = read_external(tmp_path)
    shown = str(tmp_path)
    assert [a.file for a in folder.artifacts] == ["parity-3/ok/good.py"]
    assert set(folder.problems) == {
        f"{shown}/foo: no spec called 'foo' ('sva specs' lists them); skipped",
        f"{shown}/stray.py: an artifact belongs in {shown}/<spec>/<label>/; skipped",
        f"{shown}/parity-3/loose.py: an artifact belongs in a label folder, {shown}/parity-3/<label>/loose.py; skipped",
        f"{shown}/parity-3/bad:label: a label is letters, digits, '-', '_' and '.', starting with a letter or digit; "
        f"rename the folder; skipped",
        f"{shown}/parity-3/ok/latin.py: not UTF-8 text (byte 0); skipped",
        f"{shown}/parity-3/ok/test_ghost.py: no artifact ghost.py beside it for these tests; skipped",
        f"{shown}/parity-3/ok/deep: a folder inside a label; artifacts are {shown}/parity-3/ok/<name>.py; skipped",
        f"{shown}/parity-3/ok/conftest.py: an artifact may not be called 'conftest.py' (the sandbox uses it, or it "
        f"looks like a tests module); rename it; skipped",
        f"{shown}/parity-3/empty: no artifact (<name>.py) in it; skipped",
    }


def test_a_folder_with_nothing_usable_is_refused_on_one_line(tmp_path):
    with pytest.raises(InputError, match=r"no such folder; --external takes a folder laid out as"):
        read_external(tmp_path / "missing")
    with pytest.raises(InputError) as empty:
        read_external(tmp_path)
    assert str(empty.value) == f"{tmp_path}: no usable artifact (expected DIR/<spec>/<label>/<name>.py)"
    _write(tmp_path, "foo/x/a.py", PARITY)
    with pytest.raises(InputError) as unknown:
        read_external(tmp_path)
    assert str(unknown.value).endswith(f"; {tmp_path}/foo: no spec called 'foo' ('sva specs' lists them); skipped")


def test_the_folder_hash_follows_every_artifact_and_tests_byte_and_nothing_else(tmp_path):
    module = _write(tmp_path, "parity-3/a/m.py", PARITY)
    tests = _write(tmp_path, "parity-3/a/test_m.py", "def test_x():\n    assert True\n")
    first = read_external(tmp_path).sha256
    _write(tmp_path, "parity-3/a/notes.md", "changed notes")
    assert read_external(tmp_path).sha256 == first
    module.write_text(PARITY + "# one more line\n", encoding="utf-8")
    second = read_external(tmp_path).sha256
    assert second != first
    tests.write_text("def test_x():\n    assert 1\n", encoding="utf-8")
    assert read_external(tmp_path).sha256 not in (first, second)


def test_within_specs_keeps_the_runs_specs_and_names_the_rest(tmp_path):
    folder = read_external(EXAMPLES)
    kept = within_specs(folder, ("parity-3", "sort-4"), "add it with --specs", "examples/external/")
    assert {a.spec for a in kept.artifacts} == {"parity-3"}
    assert kept.problems == ("examples/external/mux-6: spec mux-6 is not among this run's specs; "
                             "add it with --specs; skipped",)


# ---------------------------------------------------------------------------------------------
# Generating: the bytes as they are, failed cells for what does not compile


def test_generate_keeps_the_files_bytes_and_name_and_its_tests(tmp_path):
    from sva.generate import write_artifact

    crlf = b'"""Written on Windows."""\r\n\r\ndef parity_3(x0, x1, x2):\r\n    return not (x0 ^ x1 ^ x2)\r\n'
    _write(tmp_path, "in/parity-3/win/crlf_parity.py", crlf)
    _write(tmp_path, "in/parity-3/win/test_crlf_parity.py", "from crlf_parity import parity_3\n")
    folder = read_external(tmp_path / "in")
    (artifact_record,) = folder.artifacts
    config = config_of(artifact_record, folder)
    assert config["folder_sha256"] == folder.sha256 and config["sha256"] == hashlib.sha256(crlf).hexdigest()
    artifact = generate(get_spec("parity-3"), 0, config)
    assert artifact.generator == "external:win" and artifact.stem == "crlf_parity"
    assert artifact.sha256 == hashlib.sha256(crlf).hexdigest()
    assert artifact.tests_source == "from crlf_parity import parity_3\n"
    module = write_artifact(artifact, tmp_path / "out")
    assert module == tmp_path / "out" / "parity-3" / "external" / "win" / "crlf_parity.py"
    assert module.read_bytes() == crlf
    assert (module.parent / "crlf_parity_test.py").read_text(encoding="utf-8") == artifact.tests_source
    manifest = (module.parent / "crlf_parity.json").read_text(encoding="utf-8")
    assert '"module": "crlf_parity.py"' in manifest and '"generator": "external:win"' in manifest


@pytest.mark.parametrize("text, reason", [
    ("def parity_3(x0, x1, x2:\n    return x0\n", "syntax error at line 3: '(' was never closed"),
    ("def parity(x0, x1, x2):\n    return x0\n",
     "no top-level function 'parity_3'; spec parity-3 calls parity_3(x0, x1, x2)"),
])
def test_a_file_that_does_not_compile_or_lacks_the_entry_is_refused_without_running(tmp_path, text, reason):
    _write(tmp_path, "parity-3/bad/m.py", "import os\nos.mkdir('ran')\n" + text)
    folder = read_external(tmp_path)
    with pytest.raises(InputError) as refused:
        generate(get_spec("parity-3"), 0, config_of(folder.artifacts[0], folder))
    assert str(refused.value) == f"{tmp_path.resolve()}/parity-3/bad/m.py: {reason}"
    assert not (tmp_path / "ran").exists() and not Path("ran").exists()


def test_a_file_changed_after_reading_is_refused(tmp_path):
    module = _write(tmp_path, "parity-3/a/m.py", PARITY)
    folder = read_external(tmp_path)
    module.write_text(PARITY.replace("not ", ""), encoding="utf-8")
    with pytest.raises(InputError, match=r"m.py: changed since the run read the folder"):
        generate(get_spec("parity-3"), 0, config_of(folder.artifacts[0], folder))


def test_an_external_label_is_a_generator_that_declares_nothing():
    generator = get_generator("external:handwritten")
    assert generator.name == "external:handwritten" and not generator.deterministic
    assert generator.settles("decomposability") is None and generator.settles("localization") is None
    assert is_external("external:x") and not is_external("search") and not is_external("externalx")
    assert label_of("external:llm-1") == "llm-1" and label_of("design") is None
    assert generator_name("a") == "external:a"
    with pytest.raises(UsageError, match=r"come from a folder: use 'sva run --external DIR'"):
        generator.default_config(get_spec("parity-3"))
    with pytest.raises(UsageError, match=r"unknown generator 'externa'"):
        get_generator("externa")


# ---------------------------------------------------------------------------------------------
# Planning cells beside a preset's


def test_external_cells_are_planned_once_per_file_and_leave_the_presets_cells_alone(tmp_path):
    from sva.experiment.presets import get_preset
    from sva.experiment.runner import plan_cells

    preset = get_preset("smoke").with_overrides(specs=("parity-3", "mux-6"))
    folder = read_external(EXAMPLES)
    plain = plan_cells(preset, tmp_path)
    planned = plan_cells(preset, tmp_path, folder)
    assert planned[:len(plain)] == plain  # the preset's cells, their keys and hashes, unchanged
    external = planned[len(plain):]
    assert [task.cell for task in external] == [
        "mux-6/external:handwritten/seed-0", "mux-6/external:one-liner/seed-0",
        "parity-3/external:handwritten/seed-0", "parity-3/external:one-liner/seed-0"]  # not x 2 seeds
    assert all(task.config["generator"]["folder_sha256"] == folder.sha256 for task in external)
    # its own tests are part of how it is measured: never reuse the measurements of other tests
    assert external[0].measure_hash != plain[0].measure_hash
    assert external[1].measure_hash != external[0].measure_hash
    assert len({task.config_hash for task in planned}) == len(planned)


def test_sva_run_refuses_a_folder_with_nothing_for_the_run_on_one_line(tmp_path, sva):
    _write(tmp_path, "in/parity-4/x/m.py", "def parity_4(a, b, c, d):\n    return a\n")
    _write(tmp_path, "in/foo/x/m.py", PARITY)
    result = sva("run", "--preset", "smoke", "--specs", "parity-3", "--external", str(tmp_path / "in"),
                 "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"sva: {tmp_path}/in/foo: no spec called 'foo' ('sva specs' lists them); skipped",
        f"sva: {tmp_path}/in/parity-4: spec parity-4 is not among this run's specs; add it with --specs; skipped",
        f"sva: {tmp_path}/in: no artifact for this run's specs (parity-3); add the folder's specs with --specs"]
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------------------------
# A real run


@pytest.fixture(scope="module")
def example_run(tmp_path_factory):
    from tests.conftest import run_sva

    out = tmp_path_factory.mktemp("external") / "results"
    result = run_sva("run", "--preset", "smoke", "--specs", "parity-3,mux-6", "--external", str(EXAMPLES),
                     "--out", str(out))
    return out, result


@pytest.mark.slow
def test_sva_run_with_the_example_folder_stores_the_external_rows(example_run):
    from sva.results.store import latest_run, load_rows

    out, result = example_run
    assert result.returncode == 0, result.stderr
    rows = load_rows(out)
    external = {row["cell"]: row for row in rows if is_external(row["generator"])}
    assert len(rows) == 2 * (1 + 2) + 4  # the preset's cells (design once per spec), then one per file
    assert sorted(external) == ["mux-6/external:handwritten/seed-0", "mux-6/external:one-liner/seed-0",
                                "parity-3/external:handwritten/seed-0", "parity-3/external:one-liner/seed-0"]
    assert {row["status"] for row in rows} == {"done"}, [(r["cell"], r["reason"]) for r in rows]
    folder = read_external(EXAMPLES)
    for row in external.values():
        source = EXAMPLES / row["config"]["generator"]["file"]
        assert (out / row["module"]).read_bytes() == source.read_bytes()
        assert row["sha256"] == _sha(source)
        assert row["config"]["generator"]["folder_sha256"] == folder.sha256
    assert latest_run(out)["settings"]["external"]["sha256"] == folder.sha256
    handwritten, flat = external["mux-6/external:handwritten/seed-0"], external["mux-6/external:one-liner/seed-0"]
    assert handwritten["tests_module"] == "artifacts/mux-6/external/handwritten/mux_by_address_bits_test.py"
    assert handwritten["verified"] is True and handwritten["localization"] > 0  # its own tests point at parts
    assert handwritten["decomposability"] > 0.5
    assert flat["tests_module"] is None and flat["decomposability"] == 0 and flat["localization"] == 0
    assert flat["verified"] is False and flat["counterexample"] is not None  # the planted slip is caught
    assert external["parity-3/external:one-liner/seed-0"]["verified"] is True
    assert result.stdout.startswith("10 cells: 10 run now (0 failed), 0 already stored")


@pytest.mark.slow
def test_the_report_shows_each_label_as_its_own_rows_and_keeps_design_against_search(example_run):
    import csv

    out, result = example_run
    assert result.returncode == 0, result.stderr
    markdown = (out / "report" / "specs.md").read_text(encoding="utf-8")  # the report's per-spec page
    assert "## Brought artifacts (external)" in markdown
    section = markdown.split("## Brought artifacts (external)")[1].split("\n## ")[0]
    lines = [line for line in section.splitlines() if line.startswith("| mux-6 |")]
    assert [line.split(" | ")[1] for line in lines] == ["design", "search", "external:handwritten",
                                                       "external:one-liner"]
    flat = next(line for line in lines if "external:one-liner" in line).strip("| ").split(" | ")
    assert flat[2:4] == ["1", "0"] and flat[4] == "0" and flat[-1] == "0"  # 1 artifact, D 0, not verified
    assert ("#### external:handwritten: `parity-3/external:handwritten/seed-0`"
            in (out / "report" / "pairs.md").read_text(encoding="utf-8"))
    html = (out / "report" / "specs.html").read_text(encoding="utf-8")
    assert 'href="#external"' in html and "external:one-liner" in html
    with open(out / "report" / "report.csv", encoding="utf-8") as stream:
        table = list(csv.DictReader(stream))
    decomposability = next(row for row in table if row["spec"] == "mux-6" and row["metric"] == "decomposability")
    # design runs once per spec; external rows not counted
    assert (decomposability["n_design"], decomposability["n_search"]) == ("1", "2")


@pytest.mark.slow
def test_a_changed_file_is_measured_again_and_the_rest_is_skipped(tmp_path, sva):
    from sva.results.store import load_rows

    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES / "parity-3", folder / "parity-3")
    command = ("run", "--preset", "smoke", "--specs", "parity-3", "--generators", "design", "--seeds", "1",
               "--external", str(folder), "--out", str(tmp_path / "out"), "--no-report")
    first = sva(*command)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("3 cells: 3 run now (0 failed), 0 already stored")
    one_liner = folder / "parity-3" / "one-liner" / "parity_3_xor.py"
    one_liner.write_text(one_liner.read_text(encoding="utf-8").replace("not (x0 ^ x1 ^ x2)", "x0 ^ x1 ^ x2"),
                         encoding="utf-8")
    second = sva(*command)
    assert second.returncode == 0, second.stderr
    # the folder's hash is in every external cell's configuration: both are new cells (design is
    # stored); the unchanged file's measurements are reused from its identical bytes and tests
    assert second.stdout.startswith("3 cells: 2 run now (0 failed), 1 already stored")
    rows = {row["cell"]: row for row in load_rows(tmp_path / "out")}
    changed, same = rows["parity-3/external:one-liner/seed-0"], rows["parity-3/external:handwritten/seed-0"]
    assert changed["sha256"] == _sha(one_liner) and changed["reused_from"] is None
    assert changed["verified"] is False  # odd parity now: the new bytes were measured
    assert same["reused_from"] == "parity-3/external:handwritten/seed-0" and same["verified"] is True
    assert len(load_rows(tmp_path / "out", every=True)) == 5  # the old rows kept, not in the latest run
