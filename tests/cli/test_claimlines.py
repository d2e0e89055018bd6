"""How ``sva claims`` lays its lines out (:mod:`sva.cli.claimlines`), in this process: wrapping
loses nothing and never breaks a kept span, the summary of a run counts every other claim once."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sva.cli.claimlines import WIDTH, summary_lines, wrapped
from sva.results.claims import claim, claims, evaluate_claims

_WORDS = st.text("abcdefghij", min_size=1, max_size=12)
_INTERVAL = st.builds(lambda a, b, c: f"{a:+.2f} [{b:+.2f}, {c:+.2f}]",
                      *(st.floats(-99, 99, allow_nan=False) for _ in range(3)))
_SPECS = st.integers(1, 999).map(lambda n: f"{n} specs")


def test_the_worked_examples():
    assert wrapped("name  ", "a b c", " " * 6, width=9) == ["name  a b", "      c"]
    assert wrapped("", "rho -0.25 [-0.42, -0.07]", "  ", 16) == ["rho", "  -0.25 [-0.42, -0.07]"]
    assert wrapped("head ", "", "  ") == ["head"]


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.one_of(_WORDS, _INTERVAL, _SPECS), min_size=1, max_size=40),
       width=st.integers(30, 120), indent=st.integers(0, 12))
def test_wrapping_loses_nothing_and_keeps_each_span_whole(parts, width, indent):
    text = " ".join(parts)
    lines = wrapped("head: ", text, " " * indent, width)
    assert " ".join(line.strip() for line in lines) == "head: " + text
    kept = [part for part in parts if " " in part]  # an interval or a count of specs
    for part in kept:
        assert any(part in line for line in lines), part
    for number, line in enumerate(lines):  # longer than the width only with one span or word alone on it
        body = line[len("head: "):] if number == 0 else line[indent:]
        assert len(line) <= width or body in kept or " " not in body, (line, width)


@pytest.mark.slow  # the claims' evaluation imports its statistics (about 30 s on a busy machine)
def test_the_summary_counts_every_other_claim_once_by_its_word():
    verdicts = ["supported", "contradicted", "undecided", "structural", "degenerate", "no data"]
    nothing = evaluate_claims([])  # every claim without data; the others' verdicts set here
    results = [result if claim(result.name).confirmatory else replace(result, verdict=verdicts[k % len(verdicts)])
               for k, result in enumerate(nothing)]
    lines = summary_lines(results, "out/claims.json")
    text = " ".join(lines)
    others = [result.verdict for result in results if not claim(result.name).confirmatory]
    assert [line.split()[0] for line in lines[2:] if line[:1].isalpha()][:4] == [
        entry.name for entry in claims() if entry.confirmatory]
    assert "Automated design is trusted more than search: no data" in text
    counted = re.search(rf"{len(others)} other claims \(exploratory\): (.*?); 'sva claims --all'", text)
    assert counted is not None, text
    said = {"structural": "by construction", "degenerate": "cannot vary"}
    expected = ", ".join(f"{others.count(v)} {said.get(v, v)}" for v in verdicts if others.count(v))
    assert counted.group(1) == expected
    assert lines[-1] == "written: out/claims.json" and max(len(line) for line in lines) <= WIDTH
