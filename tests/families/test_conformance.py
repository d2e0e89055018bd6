"""Conformance: what every registered family must do, checked the same way for each.

Parameterised over the built-in families and the tiny test family (``tests/plugin_family``,
registered through ``SVA_FAMILIES`` as a user's family would be), so a new family gets these
tests for free: every spec's design artifact passes its own contracts and is verified; search's
fast fitness equals the reference evaluation on random candidates; artifacts regenerate byte for
byte in fresh processes whatever PYTHONHASHSEED is; a smoke run over one spec stores the family's
fields and the report shows the family's section. Artifacts run only in the sandbox.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from sva.experiment.presets import get_preset
from sva.families import BUILTIN, ENV, get_family
from sva.generate import generate
from sva.results.store import load_rows
from sva.sandbox.cases import check_cases
from sva.sandbox.probe import probe_artifact
from sva.sandbox import Completed, run_job
from tests.conftest import ROOT, run_sva

PLUGIN = ROOT / "tests" / "plugin_family"
#: The environment that registers the tiny family (a user's family is registered the same way).
TINY_ENV = {ENV: "tinyfam", "PYTHONPATH": str(PLUGIN)}
FAMILIES = ("boolean", "sorting", "feynman", "psb", "tiny")


@pytest.fixture(params=FAMILIES)
def family(request, monkeypatch):
    """A registered family (the tiny one registered for this test only)."""
    if request.param == "tiny":
        monkeypatch.setenv(ENV, TINY_ENV[ENV])
        monkeypatch.syspath_prepend(str(PLUGIN))
    return get_family(request.param)


def _env(name: str) -> dict[str, str]:
    return TINY_ENV if name == "tiny" else {}


def test_the_builtin_families_are_the_packages_under_analyzer_families():
    folders = sorted(path.name for path in (ROOT / "sva" / "families").iterdir()
                     if (path / "__init__.py").is_file())
    assert sorted(module.rsplit(".", 1)[1] for module in BUILTIN) == folders == ["boolean", "feynman", "psb", "sorting"]


def test_every_spec_names_its_family_and_has_a_template(family):
    specs = family.specs()
    assert specs and all(spec.family == family.name for spec in specs)
    assert {spec.kind for spec in specs} <= set(family.templates)
    assert set(primitive for spec in specs for primitive in spec.primitives) <= set(family.primitives)


def _checked_specs(family):
    """The family's specs the default run uses, and every 40th of the others (all 120 Feynman
    designs, each probed in the sandbox, would take most of an hour on two busy cores)."""
    default = set(get_preset("default").spec_names())
    specs = family.specs()
    return [spec for spec in specs if spec.name in default] + [spec for spec in specs if spec.name not in default][::40]


@pytest.mark.slow
def test_every_design_artifact_passes_its_contracts_and_is_verified(family, tmp_path):
    for spec in _checked_specs(family):
        artifact = generate(spec, "design", 0)
        outcome = run_job("pytest", {"tests": "seed-0_test.py"},
                          files={"seed-0.py": artifact.source, "seed-0_test.py": artifact.tests_source})
        assert isinstance(outcome, Completed), outcome
        assert outcome.value["status"] == 0 and not outcome.value["failed"], spec.name
        assert outcome.value["passed"], spec.name  # at least one contract ran
        if family.has_probe(spec) and spec.domain.cases is None:  # the family's own domain check
            module = tmp_path / spec.name / "seed-0.py"
            module.parent.mkdir()
            module.write_text(artifact.source, encoding="utf-8")
            judgement = probe_artifact(module, spec)
            passed, cases = judgement.checked
            # verified, or (no proof on an infinite domain: psb) every case the probe checks passes
            assert judgement.verified is not False and passed == cases, spec.name
        else:
            check = check_cases(artifact.source, spec, spec.domain.cases)
            assert check.crash is None and check.passed == check.cases == len(spec.domain.cases), spec.name


def test_fast_fitness_equals_the_reference_evaluation_on_random_candidates(family):
    for spec in family.specs()[:3]:
        samples = family.fitness_samples(spec, seed=7, count=25)
        assert len(samples) >= 25
        assert [fast for fast, _ in samples] == [reference for _, reference in samples], spec.name
        assert len({fast for fast, _ in samples}) > 1, spec.name  # the sample is not degenerate


_FRESH = r"""
import json, sys
from sva.generate import generate
from sva.families import get_spec
spec, settings = sys.argv[1], json.loads(sys.argv[2])
print(json.dumps([generate(get_spec(spec), name, 3, settings if name == "search" else None).sha256
                  for name in ("design", "search")]))
"""


def test_artifacts_regenerate_byte_for_byte_whatever_the_hash_seed(family):
    spec = family.specs()[0]
    settings = get_preset("smoke").generator_settings("search", family.name) or None
    expected = [generate(spec, name, 3, settings if name == "search" else None).sha256 for name in ("design", "search")]
    for hash_seed in ("0", "4242"):
        environment = {**os.environ, **_env(family.name), "PYTHONHASHSEED": hash_seed}
        environment["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), environment.get("PYTHONPATH"))))
        completed = subprocess.run([sys.executable, "-c", _FRESH, spec.name, json.dumps(settings)], cwd=ROOT,
                                   env=environment, capture_output=True, text=True, timeout=600)
        assert completed.returncode == 0, completed.stderr
        assert json.loads(completed.stdout) == expected, hash_seed


@pytest.mark.slow
def test_a_smoke_run_stores_the_familys_fields_and_the_report_shows_its_section(family, tmp_path):
    spec = family.specs()[0]
    out = tmp_path / "results"
    result = run_sva("run", "--preset", "smoke", "--specs", spec.name, "--seeds", "1", "--out", str(out),
                     env=_env(family.name))
    assert result.returncode == 0, result.stderr
    rows = load_rows(out)
    assert [(row["generator"], row["status"]) for row in rows] == [("design", "done"), ("search", "done")]
    for declared in family.fields:
        assert any(row.get(declared.name) is not None for row in rows), declared.name
    section = family.report_section(rows)
    html = (out / "report" / "report.html").read_text(encoding="utf-8")
    markdown = (out / "report" / "report.md").read_text(encoding="utf-8")
    if section is not None:  # the family's section has its own page, linked from the main page
        page = (out / "report" / f"family-{section.anchor}.html").read_text(encoding="utf-8")
        assert f'id="{section.anchor}"' in page and f'href="family-{section.anchor}.html"' in html
        assert section.title in markdown
    for row in rows:
        for diagram in family.diagrams(row, spec):
            assert any((out / "report" / "diagrams").glob(f"*.{diagram.name}.svg")), diagram.name
