"""Fuzzing the analyzer with hypothesmith: any valid program gets metrics or a one-line reason.

Programs come from Python's grammar (``from_grammar``) and from libcst's node types
(``from_node``). Nothing generated is executed: the analyzer only parses it. The number of
examples is small by default (``make test``); ``make fuzz`` loads the ``fuzz`` profile
(``SVA_HYPOTHESIS_PROFILE=fuzz``, tests/conftest.py) for a larger search. Deep input gets a
plain test per shape, at sizes just past each limit measured in docs/metrics.md.
"""

from __future__ import annotations

import ast
import os

import hypothesmith
import pytest
from hypothesis import HealthCheck, example, given, settings

from analyzer.errors import InputError
from analyzer.measure.analysis import MAX_SYNTAX_DEPTH, Analysis, analyze_source, syntax_depth
from analyzer.measure.batch import Analyzed, Failed, analyze_paths

#: ``make fuzz`` multiplies every example count (and draws fresh examples: profile ``fuzz``).
SCALE = 40 if os.environ.get("SVA_HYPOTHESIS_PROFILE") == "fuzz" else 1


def fuzz(examples: int) -> settings:
    return settings(deadline=None, max_examples=examples * SCALE,
                    suppress_health_check=list(HealthCheck))


def _outcome(source: str) -> Analysis | str:
    """The analysis, or the one-line reason; anything else raised fails the test."""
    try:
        return analyze_source(source)
    except InputError as error:
        reason = str(error)
        assert reason and "\n" not in reason
        return reason


@fuzz(60)
@given(hypothesmith.from_grammar())
@example("x = " + " and ".join(["a"] * 8000) + "\n")  # crashed libcst's parser (SIGSEGV)
def test_programs_from_the_grammar_get_metrics_or_one_line(source):
    outcome = _outcome(source)
    if isinstance(outcome, Analysis):
        assert outcome.metrics["audit_length"] >= 0
        assert 0.0 <= outcome.metrics["decomposability"] < 1.0


@fuzz(30)
@given(hypothesmith.from_node())
def test_programs_from_libcst_nodes_get_metrics_or_one_line(source):
    outcome = _outcome(source)
    if isinstance(outcome, Analysis):
        assert outcome.metrics["units"] >= 0
        assert 0.0 <= outcome.metrics["decomposability"] < 1.0


@fuzz(3)
@given(hypothesmith.from_grammar())
def test_generated_programs_through_the_worker_processes(tmp_path_factory, source):
    """The batch path: the worker never crashes, every outcome is Analyzed or a one-line Failed."""
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "generated.py"
    path.write_text(source, encoding="utf-8")
    (outcome,) = analyze_paths([str(path)], jobs=1, timeout=120)
    assert isinstance(outcome, (Analyzed, Failed))
    if isinstance(outcome, Failed):
        assert "crashed" not in outcome.reason and "internal error" not in outcome.reason
        assert "\n" not in outcome.reason


def test_syntax_depth_counts_boolean_chains_as_libcst_nests_them():
    assert syntax_depth(ast.parse("x = a and b and c")) == 6
    assert syntax_depth(ast.parse("x = a + b + c")) == 6


#: name -> source just beyond a limit, and the reason fragment expected (docs/metrics.md)
BEYOND = {
    "or-chain": ("x = " + " or ".join(["a"] * 8000) + "\n", "levels deep"),
    "bitor-chain": ("x = " + " | ".join(["a"] * (MAX_SYNTAX_DEPTH + 10)) + "\n", "levels deep"),
    "parentheses-201": ("x = " + "(" * 201 + "1" + ")" * 201 + "\n", "too many nested parentheses"),
    "if-100": ("".join("    " * i + f"if x{i}:\n" for i in range(100)) + "    " * 100 + "pass\n",
               "too many levels of indentation"),
    "not-10000": ("x = " + "not " * 10_000 + "y\n", "cannot parse"),
}


@pytest.mark.parametrize("name", sorted(BEYOND))
def test_input_beyond_a_limit_is_one_clear_reason(name):
    source, fragment = BEYOND[name]
    with pytest.raises(InputError, match=fragment):
        analyze_source(source)
