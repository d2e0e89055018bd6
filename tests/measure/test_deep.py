"""run_deep: deep recursion in one long-lived thread per process, errors re-raised in the caller."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from sva.measure.deep import run_deep


def _depth(n: int) -> int:
    return 0 if n == 0 else 1 + _depth(n - 1)


def test_deep_recursion_runs_and_the_limit_is_put_back():
    before = sys.getrecursionlimit()
    assert run_deep(lambda: _depth(20_000)) == 20_000
    assert sys.getrecursionlimit() == before


def test_an_error_is_raised_in_the_caller_and_the_thread_serves_on():
    with pytest.raises(ZeroDivisionError):
        run_deep(lambda: 1 / 0)
    assert run_deep(lambda: 2 + 2) == 4


def test_one_thread_serves_every_call():
    first = run_deep(threading.current_thread)
    second = run_deep(threading.current_thread)
    assert first is second
    assert first is not threading.current_thread()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_starts_its_own_thread():
    parent_thread = run_deep(threading.current_thread)
    pid = os.fork()
    if pid == 0:  # the child: the parent's deep thread did not survive the fork
        ok = False
        try:
            ok = run_deep(lambda: _depth(5_000)) == 5_000 and run_deep(threading.current_thread) is not parent_thread
        finally:
            os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
