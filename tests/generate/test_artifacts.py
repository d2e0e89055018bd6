"""Artifacts on disk: manifests, and byte-identical regeneration in fresh processes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from sva.core.artifact import SearchRecord
from sva.experiment.presets import get_preset
from sva.generate import COMMITTED as COMMITTED_GENERATORS
from sva.families import get_spec
from sva.sandbox.cases import check_file

from tests.conftest import ROOT

COMMITTED = ROOT / "artifacts"
#: The specs whose seed-0 artifacts are committed: the default preset's (the other 108 Feynman
#: specs are the feynman preset's, generated when it runs).
COMMITTED_SPECS = tuple(get_spec(name) for name in get_preset("default").specs)
#: The only manifest fields allowed to differ between two runs: measured times.
TIMINGS = ("wall_time_s", "cpu_time_s")


def without_timings(manifest: dict) -> dict:
    manifest = json.loads(json.dumps(manifest))
    if manifest.get("search"):
        for key in TIMINGS:
            manifest["search"].pop(key, None)
    return manifest


def files_under(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()
                  and "__pycache__" not in path.parts)


def test_artifacts_keep_seed_0_of_every_spec_for_both_generators():
    for spec in COMMITTED_SPECS:
        for generator in COMMITTED_GENERATORS:
            folder = COMMITTED / spec.name / generator
            assert (folder / "seed-0.py").is_file(), folder
            manifest = json.loads((folder / "seed-0.json").read_text())
            assert (manifest["spec"], manifest["generator"], manifest["seed"], manifest["entry"]) == \
                (spec.name, generator, 0, spec.entry)
            assert manifest["sha256"] == hashlib.sha256((folder / "seed-0.py").read_bytes()).hexdigest()
            assert (manifest["search"] is None) == (generator == "design")


def test_every_committed_search_record_reads_back_as_written():
    stored = [json.loads(path.read_text())["search"] for path in sorted(COMMITTED.rglob("seed-0.json"))]
    searched = [record for record in stored if record is not None]
    assert searched
    for record in searched:
        read = SearchRecord.from_json(record)
        assert read.to_json() == record
        assert (read.success, read.evaluations) == (record["success"], record["evaluations"])
        assert read.best_fitness_per_generation == tuple(map(tuple, record["best_fitness_per_generation"]))


def test_a_search_record_writes_only_what_it_states():
    assert SearchRecord(details={"factorization": {}}).to_json() == {"factorization": {}}
    record = SearchRecord(success=False, evaluations=3, best_fitness_per_generation=[[2, 1]], details={"tree": "x"})
    assert record.to_json() == {"success": False, "evaluations": 3, "best_fitness_per_generation": [[2, 1]],
                                "tree": "x"}
    assert record.fronts == () and SearchRecord(details={"fronts": [[{"chosen": True}]]}).fronts == [[{"chosen": True}]]
    with pytest.raises(ValueError, match="evaluations"):
        SearchRecord(details={"evaluations": 3})


@pytest.mark.slow
def test_committed_artifacts_regenerate_byte_for_byte_in_a_fresh_process(sva, tmp_path):
    result = sva("generate-all", "--seed", "0", "--out", str(tmp_path), "--specs",
                 ",".join(spec.name for spec in COMMITTED_SPECS), env={"PYTHONHASHSEED": "2718"})
    assert result.returncode == 0, result.stderr
    assert files_under(tmp_path) == files_under(COMMITTED)
    for name in files_under(COMMITTED):
        fresh, committed = tmp_path / name, COMMITTED / name
        if name.endswith(".json"):
            assert without_timings(json.loads(fresh.read_text())) == \
                without_timings(json.loads(committed.read_text())), name
        else:
            assert fresh.read_bytes() == committed.read_bytes(), name


@pytest.mark.parametrize("generator", ["search", "design"])
def test_parity_4_seed_1_is_correct_and_identical_across_hash_seeds(sva, tmp_path, generator):
    outputs = []
    for hash_seed in ("0", "987654321"):
        out = tmp_path / hash_seed
        result = sva("generate", "parity-4", "--generator", generator, "--seed", "1", "--out", str(out),
                     env={"PYTHONHASHSEED": hash_seed})
        assert result.returncode == 0, result.stderr
        outputs.append(out / "parity-4" / generator / "seed-1.py")
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    assert b"def parity_4(x0, x1, x2, x3):" in outputs[0].read_bytes()
    check = check_file(outputs[0], get_spec("parity-4"))
    assert (check.passed, check.cases, check.crash) == (16, 16, None)
