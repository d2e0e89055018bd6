"""The batch API: outcomes in order, and a crashing or hanging worker fails alone."""

from __future__ import annotations

import os
import textwrap

import pytest

from sva.measure.batch import Analyzed, Failed, analyze_paths
from sva.measure.workers import START_METHODS, start_method
from tests.conftest import load_benchmark

HOOK = textwrap.dedent('''
    import os, signal, time
    import sva.measure.batch as batch

    _original = batch.analyze_one

    def _patched(path, entry, max_bytes):
        if path.endswith("crash_me.py"):
            os.kill(os.getpid(), signal.SIGSEGV)
        if path.endswith("hang_me.py"):
            time.sleep(600)
        return _original(path, entry, max_bytes)

    batch.analyze_one = _patched
''')


@pytest.mark.parametrize("start", START_METHODS)
def test_crash_and_hang_fail_alone(tmp_path, monkeypatch, start):
    if start == "spawn":
        # a sitecustomize seen only by the new interpreters makes them crash or hang on cue
        hooks = tmp_path / "hooks"
        hooks.mkdir()
        (hooks / "sitecustomize.py").write_text(HOOK)
        monkeypatch.setenv("PYTHONPATH", str(hooks))
    else:
        # a forked worker inherits this process's module: patch it here (restored afterwards)
        import sva.measure.batch as batch

        namespace: dict = {}
        exec(HOOK, namespace)
        monkeypatch.setattr(batch, "analyze_one", namespace["_patched"])
    files = []
    for name in ["a.py", "crash_me.py", "b.py", "hang_me.py", "c.py"]:
        (tmp_path / name).write_text("def f(x):\n    return x + 1\n")
        files.append(str(tmp_path / name))
    outcomes = analyze_paths(files, jobs=2, timeout=3, start=start)
    assert [o.path for o in outcomes] == files
    kinds = [type(o).__name__ for o in outcomes]
    assert kinds == ["Analyzed", "Failed", "Analyzed", "Failed", "Analyzed"]
    assert outcomes[1].reason == "the analysis process crashed (SIGSEGV)"
    assert outcomes[3].reason == "timed out after 3 s without CPU progress (stalled)"
    assert all(o.analysis.metrics["audit_length"] == 6 for o in outcomes if isinstance(o, Analyzed))


def test_fork_and_spawn_workers_give_identical_outcomes(tmp_path):
    sources = {
        "a.py": "def f(x):\n    return x + 1\n",
        "b.py": "class C:\n    def m(self):\n        return [i for i in range(3)]\n",
        "bad.py": "def (:\n",
        "nul.py": "x = 1\x00\n",
    }
    for name, text in sources.items():
        (tmp_path / name).write_text(text)
    forked = analyze_paths([str(tmp_path)], jobs=2, start="fork")
    spawned = analyze_paths([str(tmp_path)], jobs=2, start="spawn")
    assert forked == spawned
    assert [type(o).__name__ for o in forked] == ["Analyzed", "Analyzed", "Failed", "Failed"]


def test_a_forked_worker_holds_no_other_descriptor(tmp_path):
    # A second worker must not keep the first one's pipes open, or the first one's death would
    # never reach the parent as end of file; a parent's open file must not be held either.
    from sva.measure.batch import analyze_file
    from sva.measure.workers import Worker

    held = open(tmp_path / "parent.txt", "w")
    (tmp_path / "a.py").write_text("x = 1\n")
    first, second = Worker("fork"), Worker("fork")
    try:
        second.send((analyze_file, str(tmp_path / "a.py")))  # once it answers, it has closed what it must
        status, outcome = second.conn.recv()
        assert status == "ok" and isinstance(outcome, Analyzed)
        fds = sorted(int(fd) for fd in os.listdir(f"/proc/{second.process.pid}/fd"))
        assert len(fds) == 5, fds  # /dev/null as 0, 1, 2; its own two pipe ends
        assert held.fileno() not in fds[3:]
    finally:
        first.stop()
        second.stop()
        held.close()
    assert first.process.returncode == 0 and second.process.returncode == 0


def test_an_unknown_start_method_is_named():
    with pytest.raises(ValueError, match="start method 'thread' is not one of fork, spawn"):
        start_method("thread")


def test_in_process_mode_and_folder_order(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "b.py").write_text("x = 1\n")
    (tmp_path / "a.py").write_text("def f():\n    return 1\n")
    (tmp_path / "pkg" / "c.py").write_text("y = 2\n")
    (tmp_path / "notes.txt").write_text("not python")
    outcomes = analyze_paths([str(tmp_path), str(tmp_path / "nope.py")], jobs=0)
    assert [o.path for o in outcomes] == [str(tmp_path / "a.py"), str(tmp_path / "b.py"),
                                          str(tmp_path / "pkg" / "c.py"), str(tmp_path / "nope.py")]
    assert isinstance(outcomes[-1], Failed) and outcomes[-1].reason == "no such file or folder"


def test_files_named_like_standard_modules_do_not_shadow_them_in_workers(tmp_path, monkeypatch):
    # Run from inside the analyzed folder: its random.py and json.py are not Python the worker
    # may import (one holds a NUL byte), yet every file is still measured or failed on its merits.
    (tmp_path / "random.py").write_bytes(b"x = 1\x00\n")
    (tmp_path / "json.py").write_text("raise SystemExit('imported by mistake')\n")
    (tmp_path / "good.py").write_text("def f(x):\n    return x + 1\n")
    monkeypatch.chdir(tmp_path)
    outcomes = analyze_paths(["."], jobs=2, timeout=30)
    by_name = {os.path.basename(o.path): o for o in outcomes}
    assert isinstance(by_name["good.py"], Analyzed)
    assert by_name["good.py"].analysis.metrics["audit_length"] == 6
    assert isinstance(by_name["json.py"], Analyzed)
    assert isinstance(by_name["random.py"], Failed)
    assert "NUL" in by_name["random.py"].reason or "null" in by_name["random.py"].reason


def test_a_generated_4_mb_module_is_measured_not_refused(tmp_path):
    """Over the old 2 MB limit, under the 8 MB one: a generated module of 4.2 MB (a table kept as
    comment lines, as generated code often carries its source, then a little code) is measured
    and its raw counts are radon's. (A 4 MB triple-quoted string would cost Python's own
    tokenizer minutes, radon's as ours: it grows the string a line at a time.)"""
    rows = "".join(f'# "policy_{i:06d}": {{"version": "v{i % 9}", "arn": "arn:aws:iam::{i}"}},\n'
                   for i in range(63_500))
    source = f'{rows}\nDATA = {{"policy_000000": 1}}\n\n\ndef load():\n    return len(DATA)\n'
    path = tmp_path / "generated.py"
    path.write_text(source)
    assert path.stat().st_size > 4_200_000
    (outcome,) = analyze_paths([str(path)], jobs=0)
    assert isinstance(outcome, Analyzed), outcome
    from radon.raw import analyze

    assert outcome.analysis.metrics["sloc"] == analyze(source).sloc == 3
    assert outcome.analysis.metrics["units"] == 2


def test_bench_analyze_rejects_an_unknown_corpus_in_one_line():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "benchmarks/bench_analyze.py", "--corpus", "nope"],
                            capture_output=True, text=True,
                            cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    assert result.returncode == 2
    assert result.stderr.strip() == ("bench_analyze: unknown corpus 'nope' "
                                     "(choose from stdlib, hypothesis, deap, libcst, radon)")


def test_the_pool_names_each_outcome_by_a_record():
    # The one pool under sva analyze and sva run, with standard-library functions (a spawned
    # worker imports them): a value, an exception, a death and a spent budget, by position.
    import math
    import time

    from sva.measure.pool import Died, Pool, Raised, Returned, TimedOut

    pool = Pool(2, clock="wall")
    outcomes = dict(pool.run(math.sqrt, [4.0, -1.0], limit=30))
    assert isinstance(outcomes[0], Returned) and outcomes[0].value == 2.0
    assert isinstance(outcomes[1], Raised) and outcomes[1].text.startswith("ValueError: math domain error")
    (_, died), = pool.run(os._exit, [3], limit=30)
    assert isinstance(died, Died) and died.exit_code == 3
    timed = dict(pool.run(time.sleep, [60, 0.01], limit=1.0))
    assert isinstance(timed[0], TimedOut) and (timed[0].clock, timed[0].limit) == ("wall", 1.0)
    assert timed[1] == Returned(None, timed[1].seconds)


def test_bench_analyze_times_three_sides_and_prints_the_libcst_bound_beside_both_ratios(tmp_path):
    bench = load_benchmark("bench_analyze")
    paths = []
    for name, text in (("a.py", "def f(x):\n    return x + 1\n"), ("b.py", "# c\nclass A:\n    y = 2\n")):
        (tmp_path / name).write_text(text)
        paths.append(str(tmp_path / name))
    record = bench.bench_corpus("tiny", paths, rounds=3, jobs=1, quiet=True)
    assert (record["files"], record["lines"]) == (2, 5)
    for side in ("radon", "ours", "libcst"):
        assert len(record[f"{side}_seconds"]) == len(record[f"{side}_cpu_seconds"]) == 3
        assert record[f"{side}_failures"] == 0
    assert record["cpu_ratio"] == record["radon_cpu"] / record["ours_cpu"]
    assert record["bound_cpu_ratio"] == record["radon_cpu"] / record["libcst_cpu"]
    lines = bench.table([record], jobs=1, rounds=3).splitlines()
    assert lines[1].split() == ["corpus", "files", "lines", "wall", "ratio", "CPU", "ratio", "radon", "CPU",
                                "ours", "CPU", "libcst", "CPU", "bound", "load"]
    row = lines[2].split()
    assert row[:3] == ["tiny", "2", "5"]
    assert row[4] == f"{record['cpu_ratio']:.2f}x" and row[8] == f"{record['bound_cpu_ratio']:.2f}x"
