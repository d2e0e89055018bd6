"""``sva analyze --formula`` and ``sva trust --formula`` through the real CLI, in a fresh process:
a formula given as text gets the same figures as the equivalent module, and a bad one is one
line with exit status 2."""

from __future__ import annotations

import json

import pytest

SPEC = "feynman-II.3.24"
FORMULA = "Pwr/(4*pi*r**2)"
#: The module that formula means with the family's primitives (no power: r * r), written by hand
#: with other words in docstrings of the same line counts (radon's maintainability index counts
#: docstring lines as comments).
EQUIVALENT = '''"""The intensity of a spherical wave, written out by hand for a comparison with the same
formula given as text to sva analyze.
"""

import math


def feynman_ii_3_24(Pwr, r):
    """The power of the source spread evenly over the surface of the sphere of radius r around
    it, which grows as the square of r.
    """
    return Pwr / (4.0 * math.pi * (r * r))
'''


@pytest.fixture
def equivalent(tmp_path):
    path = tmp_path / "feynman_ii_3_24.py"
    path.write_text(EQUIVALENT)
    return path


def test_analyze_formula_gets_the_figures_of_the_equivalent_module(sva, equivalent):
    by_text = sva("analyze", "--json", "--jobs", "0", "--formula", FORMULA, "--spec", SPEC)
    by_file = sva("analyze", "--json", "--jobs", "0", str(equivalent))
    assert by_text.returncode == 0 and by_file.returncode == 0, by_text.stderr + by_file.stderr
    text, file = json.loads(by_text.stdout)["files"][0], json.loads(by_file.stdout)["files"][0]
    assert text["path"] == f"formula {FORMULA!r}"
    assert text["metrics"] == file["metrics"]
    assert text["metrics"]["explanation_length"] == 15 and text["metrics"]["interpretability_phi"] > 0
    assert [(f["name"], f["size"]) for f in text["functions"]] == [("feynman_ii_3_24", 15)]


def test_analyze_several_formulas_beside_a_file_in_input_order(sva, equivalent, tmp_path):
    result = sva("analyze", "--jobs", "0", str(equivalent), "--formula", "x1/(4*pi*x2**2)", "--formula", "x1*x2",
                 "--spec", SPEC, "--diagram", str(tmp_path / "diagrams"))
    assert result.returncode == 0, result.stderr
    heads = [line for line in result.stdout.splitlines() if line.startswith("== ")]
    assert heads == [f"== {equivalent}", "== formula 'x1/(4*pi*x2**2)'", "== formula 'x1*x2'"]
    dots = sorted(path.name for path in (tmp_path / "diagrams").glob("*.dot"))
    assert dots == ["formula-feynman_ii_3_24-2.dot", "formula-feynman_ii_3_24.dot",
                    equivalent.as_posix().strip("/").replace("/", "__") + ".dot"]


def _figures(report: dict) -> dict:
    """Every figure of a ``--json`` report but the artifact's name and the clock's readings."""
    figures = {key: value for key, value in report.items() if key not in ("artifact", "timings", "mutants_per_s")}
    figures["tests"] = [{k: v for k, v in test.items() if k != "seconds"} for test in report["tests"]]
    return figures


@pytest.mark.slow
def test_trust_formula_gets_the_figures_of_the_equivalent_module(sva, equivalent):
    """Held-out, shift, units, symbolic solution, mutation score: the same for text and file."""
    by_text = sva("trust", "--json", "--examples", "20", "--formula", FORMULA, "--spec", SPEC)
    by_file = sva("trust", "--json", "--examples", "20", str(equivalent), "--spec", SPEC)
    assert by_text.returncode == 0 and by_file.returncode == 0, by_text.stderr + by_file.stderr
    text, file = json.loads(by_text.stdout), json.loads(by_file.stdout)
    assert text["artifact"] == f"formula {FORMULA!r}"
    assert _figures(text) == _figures(file)
    assert text["verified"] is True and text["held_out_pass_rate"] == 1.0 and text["shift_pass_rate"] == 1.0
    assert text["family_fields"]["symbolic_solution"] is True and text["family_fields"]["units_kept"] is True
    assert text["mutants_total"] > 0


@pytest.mark.slow
def test_trust_formula_that_misses_is_measured_not_refused(sva):
    result = sva("trust", "--json", "--no-mutants", "--formula", "x1/(4*pi*x2)", "--spec", SPEC)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["verified"] is False and report["held_out_pass_rate"] < 0.5
    assert report["family_fields"]["units_kept"] is False


@pytest.mark.parametrize("args, message", [
    (("analyze", "--formula", "x1*y", "--spec", SPEC),
     "sva: formula 'x1*y': no variable 'y'; use the spec's variables (Pwr, r)"),
    (("trust", "--formula", "atan(r)", "--spec", SPEC), "sva: formula 'atan(r)': atan is not a primitive"),
    (("analyze", "--formula", "x1*x2"), "sva: formula 'x1*x2': give --spec NAME"),
    (("trust", "--formula", "x1*x2"), "sva: formula 'x1*x2': give --spec NAME"),
    (("analyze", "--formula", "x1", "--spec", "nope"), "sva: unknown spec 'nope'"),
    (("analyze",), "sva: give a PATH to analyze or --formula TEXT --spec NAME"),
    (("analyze", "x.py", "--spec", SPEC), "sva: --spec names the spec of a --formula"),
    (("trust",), "sva: give the ARTIFACT to check, or --formula TEXT --spec NAME"),
    (("trust", "x.py", "--formula", "x1", "--spec", SPEC), "sva: give ARTIFACT (x.py) or --formula, not both"),
    (("trust", "--formula", "a and b", "--spec", "parity-3"), "the boolean family reads no formula given as text"),
])
def test_bad_formulas_and_flags_are_one_line_with_exit_2(sva, args, message):
    result = sva(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_help_says_how_a_formula_is_given(sva):
    for command in ("analyze", "trust"):
        result = sva(command, "--help")
        assert "--formula TEXT" in result.stdout and "x1*x2/(4*pi*x3**2)" in " ".join(result.stdout.split())
