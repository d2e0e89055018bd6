"""The warm sandbox (:mod:`sva.sandbox.warm`): jobs forked from one server end as cold ones do.

Each case runs the same job cold (:func:`sva.sandbox.run_job`) and warm, and compares the
outcome (kind, value, reason); the folder is reset between jobs, a job the sandbox stops takes
the server down and the next job starts a new one, and the jobs after the first run warm.
"""

from __future__ import annotations

import pytest

from sva.sandbox import Completed, Crashed, Limits, run_job
from sva.sandbox.records import CasesRequest
from sva.sandbox.warm import WarmSandbox

MODULE = """\
import os


def add(x):
    return x + 1


def spin(x):
    while True:
        pass


def leave(x):
    with open("left.txt", "w") as stream:
        stream.write("from an earlier job")
    return x


def peek(x):
    return os.path.exists("left.txt")


def die(x):
    os._exit(3)


def shout(x):
    import sys
    print("a line of an earlier job", file=sys.stderr)
    return x


def bad(x):
    raise SystemExit("no")
"""

FILES = {"mod.py": MODULE}
LIMITS = Limits(cpu_seconds=2, wall_seconds=30)


def _cases(entry: str) -> dict:
    return CasesRequest("mod.py", entry, ((1,), (2,))).to_json()


def _seen(outcome) -> tuple:
    if isinstance(outcome, Completed):
        return ("completed", outcome.value)
    return ("crashed", outcome.reason, outcome.overran)


@pytest.mark.slow
def test_every_kind_of_ending_is_the_cold_ones_and_the_jobs_after_the_first_run_warm():
    entries = ["add", "die", "add", "spin", "add", "bad", "leave", "peek", "shout", "die"]
    cold = [_seen(run_job("evaluate_cases", _cases(entry), FILES, LIMITS)) for entry in entries]
    with WarmSandbox(FILES, LIMITS, preload=("sva.sandbox.jobs",)) as box:
        warm = [_seen(box.run_job("evaluate_cases", _cases(entry), FILES, LIMITS)) for entry in entries]
        assert box.warm_jobs == len(entries)
    assert warm == cold
    assert warm[0] == ("completed", [{"output": 2}, {"output": 3}])
    assert warm[1][0] == "crashed" and "status 3" in warm[1][1]
    assert warm[3] == ("crashed", "CPU time limit exceeded", False)
    assert warm[7] == ("completed", [{"output": False}, {"output": False}])  # the folder was reset
    assert warm[-1] == warm[1]  # its reason holds no line of the job before


def test_a_job_stopped_by_the_wall_clock_takes_the_server_down_and_the_next_one_starts_anew():
    with WarmSandbox(FILES, LIMITS) as box:
        first = box.run_job("evaluate_cases", _cases("add"), FILES, LIMITS)
        server = box._server
        stopped = box.run_job("evaluate_cases", _cases("spin"), FILES, Limits(cpu_seconds=60, wall_seconds=1.0))
        assert isinstance(stopped, Crashed) and stopped.overran and "wall-clock" in stopped.reason
        assert box._server is None
        after = box.run_job("evaluate_cases", _cases("add"), FILES, LIMITS)
        assert box._server is not None and box._server is not server
    assert isinstance(first, Completed) and isinstance(after, Completed) and after.value == first.value


def test_a_job_on_other_files_runs_cold_and_leaves_the_folder_alone():
    other = {"mod.py": "def add(x):\n    return x + 10\n"}
    with WarmSandbox(FILES, LIMITS) as box:
        elsewhere = box.run_job("evaluate_cases", _cases("add"), other, LIMITS)
        here = box.run_job("evaluate_cases", _cases("add"), FILES, LIMITS)
        assert box.warm_jobs == 1
    assert elsewhere.value == [{"output": 11}, {"output": 12}]
    assert here.value == [{"output": 2}, {"output": 3}]
