"""The sandbox: hostile artifacts become reasons, inside the limits, and never hang."""

from __future__ import annotations


import pytest

from sva.families import get_spec
from sva.sandbox.cases import check_cases
from sva.sandbox import Completed, Crashed, Limits, run_job

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
