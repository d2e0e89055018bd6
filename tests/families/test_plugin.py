"""A family from outside the package, used as a user would: one folder, no edit anywhere else.

The tiny family (``tests/plugin_family/tinyfam``) is registered by the environment alone
(``SVA_FAMILIES=tinyfam`` and its folder on ``PYTHONPATH``); ``sva specs``, ``sva generate``,
``sva run --preset smoke``, ``sva report`` and ``sva export`` then handle it like a built-in one,
including its probe in the sandbox, its declared result field and its report section. Also here:
the results database takes a new family's fields without a schema edit, and a folder written by
the previous version (schema 1) is migrated on open.
"""

from __future__ import annotations

import csv
import json
import sqlite3

import pytest

from sva.families import ENV
from sva.results.store import SCHEMA_VERSION, ResultsDB, columns, database_path
from tests.conftest import ROOT, run_sva

TINY_ENV = {ENV: "tinyfam", "PYTHONPATH": str(ROOT / "tests" / "plugin_family")}


def test_sva_specs_lists_the_plugin_family_and_only_when_it_is_registered():
    listed = run_sva("specs", "--json", env=TINY_ENV)
    assert listed.returncode == 0, listed.stderr
    tiny = [spec for spec in json.loads(listed.stdout) if spec["family"] == "tiny"]
    assert [(spec["name"], spec["entry"], spec["primitives"], spec["domain_size"]) for spec in tiny] == \
        [("tiny-negate", "negate", ["NOT"], 2)]
    plain = run_sva("specs", "--json")
    assert "tiny-negate" not in {spec["name"] for spec in json.loads(plain.stdout)}


def test_an_unimportable_family_module_is_one_line_and_status_2():
    result = run_sva("specs", env={ENV: "no_such_family_module"})
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "sva: SVA_FAMILIES: cannot import family module 'no_such_family_module': No module named "
        "'no_such_family_module'; put its folder on PYTHONPATH"]


def test_sva_generate_writes_the_plugin_familys_artifacts_and_its_probe_in_the_manifest(tmp_path):
    for generator in ("design", "search"):
        result = run_sva("generate", "tiny-negate", "--generator", generator, "--out", str(tmp_path), env=TINY_ENV)
        assert result.returncode == 0, result.stderr
        module = tmp_path / "tiny-negate" / generator / "seed-0.py"
        assert module.read_text().rstrip().endswith("return not a")
        manifest = json.loads(module.with_suffix(".json").read_text())
        assert manifest["tiny"] == {"bool_outputs": 2}  # measured by the probe, in the sandbox
    assert (tmp_path / "tiny-negate" / "design" / "seed-0_test.py").is_file()


@pytest.mark.slow
def test_sva_run_report_and_export_handle_the_plugin_family(tmp_path):
    out = tmp_path / "results"
    run = run_sva("run", "--preset", "smoke", "--specs", "tiny-negate,parity-3", "--seeds", "1",
                  "--out", str(out), env=TINY_ENV)
    assert run.returncode == 0, run.stderr
    report = run_sva("report", "--results", str(out), env=TINY_ENV)
    assert report.returncode == 0, report.stderr
    html = (out / "report" / "family-tiny.html").read_text(encoding="utf-8")  # the family's own page
    assert 'id="tiny"' in html and "Tiny family: outputs that are bools" in html
    assert "tiny-negate" in (out / "report" / "report.md").read_text(encoding="utf-8")
    exported = tmp_path / "rows.csv"
    assert run_sva("export", "--results", str(out), "--csv", str(exported), env=TINY_ENV).returncode == 0
    rows = list(csv.DictReader(exported.open()))
    by_cell = {row["cell"]: row for row in rows}
    assert by_cell["tiny-negate/design/seed-0"]["bool_outputs"] == "2"
    assert by_cell["tiny-negate/search/seed-0"]["verified"] == "True"
    assert by_cell["parity-3/design/seed-0"]["bool_outputs"] == ""  # another family's field: empty


def _version_1_folder(folder):
    """A results folder as the previous version wrote it: the same columns, schema version 1."""
    path = database_path(folder)
    path.parent.mkdir(parents=True)
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(f"CREATE TABLE cells ({', '.join(columns())}, PRIMARY KEY (cell, config_hash))")
        connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        connection.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        connection.execute("INSERT INTO cells (cell, config_hash, status, comparators) VALUES ('sort-4/design/seed-0', "
                           "'h', 'done', 5)")
    connection.close()
    return path


def test_a_version_1_folder_is_migrated_on_open_and_a_new_familys_column_is_added(tmp_path, monkeypatch):
    path = _version_1_folder(tmp_path / "old")
    monkeypatch.setenv(ENV, "tinyfam")
    monkeypatch.syspath_prepend(str(ROOT / "tests" / "plugin_family"))
    with ResultsDB(tmp_path / "old") as db:
        assert db.stored() == {("sort-4/design/seed-0", "h"): "done"}
    connection = sqlite3.connect(path)
    names = [row[1] for row in connection.execute("PRAGMA table_info(cells)")]
    assert names[-1] == "bool_outputs" and "comparators" in names
    assert connection.execute("SELECT value FROM meta").fetchone() == (SCHEMA_VERSION,)
    assert connection.execute("SELECT comparators FROM cells").fetchone() == (5,)  # nothing lost


def test_a_folder_from_an_unknown_version_is_refused_with_one_line(tmp_path):
    path = _version_1_folder(tmp_path / "future")
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE meta SET value = '9'")
    connection.close()
    result = run_sva("run", "--preset", "smoke", "--specs", "parity-3", "--seeds", "1", "--out", str(tmp_path / "future"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        f"sva: {path}: results schema version 9, this sva writes {SCHEMA_VERSION}; use a new --out folder")
