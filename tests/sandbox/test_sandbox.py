"""The sandbox: hostile artifacts become reasons, inside the limits, and never hang; what the caller
keeps of an artifact's values is bounded."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from sva.families import get_spec
from sva.sandbox.cases import check_cases
from sva.sandbox import Completed, Crashed, Limits, run_job
from sva.core.values import Opaque, decode, encode
from sva.sandbox.records import STORED_CHARACTERS, bounded

GOOD = "def parity_3(x0, x1, x2):\n    return not (x0 ^ x1 ^ x2)\n"


def evaluate(source: str, limits: Limits | None = None):
    return run_job("evaluate_cases", {"module": "artifact.py", "entry": "parity_3", "cases": [[True, False, False]]},
                   files={"artifact.py": source}, limits=limits)


def test_a_good_artifact_completes_with_its_outputs():
    outcome = evaluate(GOOD)
    assert isinstance(outcome, Completed)
    assert outcome.value == [{"output": False}]


@pytest.mark.parametrize("source, reason", [
    ("while True:\n    pass\n", "CPU time limit exceeded"),
    ("import os\nos._exit(3)\n", "exited with status 3 before returning a result"),
    ("import sys\nsys.exit(4)\n", "SystemExit: 4"),
    ("blob = bytearray(50 * 1024 ** 3)\n", "MemoryError"),
    ("def f():\n    return f()\nf()\n", "RecursionError"),
    ("import sys\nwhile True:\n    sys.stdout.write('x' * 65536)\n", "output limit exceeded"),
    ("import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n", "segmentation fault"),
])
def test_hostile_artifacts_are_reported_with_their_reason(source, reason):
    outcome = evaluate(source, Limits(cpu_seconds=2, wall_seconds=20, memory_bytes=1024**3, output_bytes=1024**2))
    assert isinstance(outcome, Crashed)
    assert reason in outcome.reason


def test_a_sleeping_artifact_hits_the_wall_clock_limit():
    outcome = evaluate("import time\ntime.sleep(60)\n", Limits(wall_seconds=1.5))
    assert isinstance(outcome, Crashed)
    assert outcome.reason == "wall-clock limit of 1.5 s exceeded"
    assert outcome.wall_seconds < 10


def test_an_exception_in_one_case_is_recorded_for_that_case():
    source = "def parity_3(x0, x1, x2):\n    if x0:\n        raise ValueError('boom')\n    return True\n"
    outcome = run_job("evaluate_cases", {"module": "artifact.py", "entry": "parity_3",
                                         "cases": [[True, False, False], [False, False, False]]},
                      files={"artifact.py": source})
    assert isinstance(outcome, Completed)
    assert outcome.value == [{"exception": "ValueError: boom"}, {"output": True}]


def test_the_child_sees_a_minimal_environment_in_its_own_folder(monkeypatch):
    monkeypatch.setenv("SVA_SECRET", "do-not-leak")
    source = ("import os\ndef parity_3(x0, x1, x2):\n"
              "    return [os.environ.get('SVA_SECRET'), os.getcwd() == os.environ['HOME']]\n")
    outcome = run_job("evaluate_cases", {"module": "artifact.py", "entry": "parity_3", "cases": [[1, 0, 0]]},
                      files={"artifact.py": source})
    assert isinstance(outcome, Completed)
    assert outcome.value == [{"output": [None, True]}]


def test_check_cases_finds_the_first_wrong_row():
    spec = get_spec("parity-3")
    wrong = "def parity_3(x0, x1, x2):\n    return not (x0 ^ x1 ^ x2) if not (x0 and x1 and x2) else True\n"
    check = check_cases(wrong, spec, spec.domain.cases)
    assert (check.cases, check.passed, check.first_failure) == (8, 7, (True, True, True))
    assert not check.all_passed


# -- what the caller keeps of an artifact's values: at most STORED_CHARACTERS of a repr ------

_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                       lambda inner: st.lists(inner, max_size=20) | st.tuples(inner, inner)
                       | st.text(min_size=200, max_size=1500).map(lambda text: [text] * 3), max_leaves=30)


@settings(deadline=None, max_examples=60)
@given(_VALUES)
def test_a_kept_value_is_itself_when_short_else_its_cut_repr(value):
    data = encode(value)
    kept = bounded(data)
    if len(repr(value)) <= STORED_CHARACTERS or len(json.dumps(data, ensure_ascii=False)) <= STORED_CHARACTERS:
        assert kept == data and decode(kept) == value
    else:
        shown = decode(kept)
        cut = len(repr(value)) - STORED_CHARACTERS
        assert shown == Opaque(f"{repr(value)[:STORED_CHARACTERS]} [{cut:,} more characters cut]", type(value).__name__)


def test_a_family_record_keeps_its_fields_each_bounded():
    record = {"args": {"x": "y" * 5000, "n": 3}, "property": "p", "got": [1, 2]}
    kept = bounded(record)
    assert kept["args"]["n"] == 3 and kept["property"] == "p" and kept["got"] == [1, 2]
    assert decode(kept["args"]["x"]).repr.endswith(" [4,002 more characters cut]")


@pytest.mark.slow
def test_an_artifact_that_returns_a_file_dump_leaves_a_bounded_counterexample(tmp_path):
    """Through ``sva trust``: the artifact's 1 MB output on the failing case is kept as a value
    of 1,000 characters and a marker, in the report (and so in the results database)."""
    from sva.trust import TrustConfig, trust

    artifact = tmp_path / "dump.py"
    artifact.write_text("def parity_3(x0, x1, x2):\n    return 'x' * 10**6\n", encoding="utf-8")
    report = trust(artifact, spec="parity-3", config=TrustConfig(examples=10, test_seconds=5.0))
    got = decode(report.counterexample["got"])
    assert got == Opaque("'" + "x" * (STORED_CHARACTERS - 1) + " [999,002 more characters cut]", "str")
    assert len(json.dumps(report.counterexample)) < 2 * STORED_CHARACTERS
    assert all(len(json.dumps(p["counterexample"])) < 2 * STORED_CHARACTERS for p in report.properties)
