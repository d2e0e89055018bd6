"""A fresh mutant runs only the tests that can see it, and its verdict stays plain pytest's.

:mod:`sva.trust.worker.observe` skips a fresh mutant's tests that read none of the names whose
value its import changed (:mod:`sva.trust.worker.footprint` finds them,
:mod:`sva.trust.worker.reach` says who reads what), unless the import reached outside its
module (:mod:`sva.trust.worker.importwatch`). ``fresh_corpus/reach`` holds one module whose
import stays inside it and three whose import does not (the environment, the random module's
seed, ``sys.path``), one whose function the tests module calls while it is collected, and
one read through a module-scoped fixture; every verdict on them must be plain pytest's, and
killer for killer the verdict of the old way, which runs every test.
"""

from __future__ import annotations

import functools
import gc
import random
import shutil
import sys
import threading
import types
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from sva.trust import prepare
from sva.trust.baseline import run_baseline
from sva.trust.batch import plan_mutation, run_mutant_batch
from sva.trust.confirm import plain_pytest
from sva.trust.mutants.generation import generate_mutants
from sva.trust.protocol import PlanStep
from sva.trust.request import TrustConfig
from sva.trust.worker.footprint import Changes, Digester, Footprint, changes
from sva.trust.worker.importwatch import ImportWatch
from sva.trust.worker.reach import Reach

REACH = Path(__file__).parent / "fresh_corpus" / "reach"
FAST = TrustConfig(examples=10, test_seconds=5.0)

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=20)


def _digest(value: object) -> bytes:
    return Digester([]).digest(value)


@given(values)
def test_a_value_and_its_rebuilt_copy_digest_alike(value):
    rebuilt = eval(repr(value), {"inf": float("inf")})  # noqa: S307 - our own generated literals
    assert _digest(value) == _digest(rebuilt)


@given(values, values)
def test_values_that_differ_digest_differently(first, second):
    if type(first) is type(second) and repr(first) == repr(second):
        return
    assert _digest(first) != _digest(second)


def test_the_digest_tells_what_equality_does_not():
    assert _digest(0.0) != _digest(-0.0)
    assert _digest(1) != _digest(True) != _digest(1.0)
    shared = [1]
    assert _digest([shared, shared]) != _digest([shared, [1]])  # who shares with whom
    loop: list = []
    loop.append(loop)
    assert _digest(loop) == _digest(_cycle())


def _cycle() -> list:
    other: list = []
    other.append(other)
    return other


def test_what_cannot_be_seen_into_never_digests_alike():
    lock = threading.Lock()
    assert Digester([]).digest(lock) != Digester([]).digest(lock)
    assert Digester([]).digest((x for x in ())) != Digester([]).digest((x for x in ()))
    cached = functools.lru_cache(maxsize=8)(_cycle)  # pickled by name: its function and cache are hidden
    assert Digester([]).digest(cached) != Digester([]).digest(cached)


def test_a_function_of_the_folder_by_its_code_and_one_elsewhere_by_its_name(tmp_path):
    one, two = {}, {}
    exec(compile("def f(x):\n    return x + 1\n", "home.py", "exec"), one)  # noqa: S102 - a fixed text
    exec(compile("def f(x):\n    return x - 1\n", "home.py", "exec"), two)  # noqa: S102 - a fixed text
    assert Digester(["home.py"]).digest(one["f"]) != Digester(["home.py"]).digest(two["f"])
    assert Digester([]).digest(one["f"]) == Digester([]).digest(two["f"])  # not the folder's: a name


def test_changes_name_what_differs_and_refuse_what_cannot_be_compared():
    original = Footprint({"m:A": "1", "m:B": "2", "t:C": "3"}, {"t::a": "x", "t::b": "y"}, "calls")
    mutant = Footprint({"m:A": "1", "m:B": "9", "t:D": "4"}, {"t::a": "x", "t::b": "z", "t::c": "w"}, "calls")
    assert changes(original, mutant) == Changes(frozenset({"B", "C", "D"}), frozenset({"t::b", "t::c"}))
    assert changes(original, Footprint(original.globals, original.items, "other")).unknown
    assert changes(original, Footprint(original.globals, original.items, None, "stores")).unknown == "stores"
    assert Footprint.from_json(mutant.to_json()) == mutant


def _watched(tmp_path: Path, text: str) -> tuple[str | None, str | None]:
    path = tmp_path / "watched_module.py"
    path.write_text(text)
    code = compile(text, str(path), "exec")
    gc.collect()
    gc.freeze()  # as in a fresh mutant's child: what is older than the import is frozen
    try:
        with ImportWatch(str(path), Digester([str(path)])) as watch:
            exec(code, {"__name__": "watched_module"})  # noqa: S102 - the test's own texts
    finally:
        gc.unfreeze()
    return watch.verdict()


def test_the_watch_lets_an_import_that_keeps_to_itself_be_compared(tmp_path):
    trace, why = _watched(tmp_path, "import math\nT = []\nT.append(math.sqrt(4))\nS = ''.join(['a', 'b'])\n")
    assert why is None and trace is not None


def test_the_watch_refuses_an_import_that_reaches_outside(tmp_path):
    state = random.getstate()
    path_before = list(sys.path)
    try:
        assert "stores" in (_watched(tmp_path, "import os\nos.environ['SVA_WATCH'] = '1'\n")[1] or "")
        assert "did not make" in (_watched(tmp_path, "import sys\nsys.path.append('/nonexistent')\n")[1] or "")
        assert "print" in (_watched(tmp_path, "print('hello')\n")[1] or "")
        seven = _watched(tmp_path, "import random\nrandom.seed(7)\n")
        eight = _watched(tmp_path, "import random\nrandom.seed(8)\n")
        assert seven[1] is None and eight[1] is None and seven[0] != eight[0]  # the calls differ
    finally:
        random.setstate(state)
        sys.path[:] = path_before


def _item(name: str, fixtures: tuple[str, ...] = ()) -> types.SimpleNamespace:
    return types.SimpleNamespace(originalname=name, name=name, fixturenames=fixtures, cls=None)


def test_a_test_runs_when_its_reach_meets_a_changed_name():
    reach = Reach(frozenset({"tables", "double", "rule"}), {"rule": frozenset({"RULES", "dict"}),
                                                            "double": frozenset(), "setting": None})
    step = PlanStep("t::test_rule", 1.0, ("rule",))
    changed = Changes(frozenset({"RULES"}), frozenset())
    assert reach.runs(step, _item("test_rule"), changed)
    assert not reach.runs(PlanStep("t::test_double", 1.0, ("double",)), _item("test_double"), changed)
    assert reach.runs(PlanStep("t::test_setting", 1.0, ("setting",)), _item("test_setting"), changed)  # globals()
    assert reach.runs(PlanStep("t::x", 1.0, ("gone",)), _item("x"), changed)  # a function it cannot read
    assert reach.runs(PlanStep("t::x", 1.0, ()), _item("x", ("RULES",)), changed)  # a fixture of that name
    assert reach.runs(step, None, changed)  # the spec test finds its entry by name
    assert reach.runs(PlanStep("t::x", 1.0, ()), _item("x"), Changes(frozenset(), frozenset({"t::x"})))
    assert reach.runs(PlanStep("t::x", 1.0, ()), _item("x"), Changes(frozenset(), frozenset(), "unknown"))
    assert not reach.runs(PlanStep("t::x", 1.0, ()), _item("x"), Changes(frozenset(), frozenset()))
    assert Reach(None, {}).runs(PlanStep("t::x", 1.0, ()), _item("x"), changed)


def test_the_reach_reads_names_from_the_code_and_its_strings(tmp_path):
    (tmp_path / "m.py").write_text("X = 1\ndef f():\n    return X + len([y for y in Y])\ndef g():\n    return eval('X')\n")
    (tmp_path / "test_m.py").write_text("import m\ndef test_f(monkeypatch):\n    monkeypatch.setattr('m.Z', 2)\n")
    reach = Reach.of((tmp_path / "m.py").read_bytes(), str(tmp_path / "m.py"), tmp_path)
    assert reach.units["f"] is not None and {"X", "len", "Y"} <= reach.units["f"]
    assert reach.units["g"] is None
    assert reach.shared is not None and {"m", "Z", "setattr"} <= reach.shared
    (tmp_path / "test_n.py").write_text("import m\ndef test_g():\n    assert vars(m)\n")
    assert Reach.of((tmp_path / "m.py").read_bytes(), str(tmp_path / "m.py"), tmp_path).shared is None


def _verdicts(folder: Path, name: str):
    request = prepare(folder / f"{name}.py", tests=[folder / f"test_{name}.py"])
    baseline = run_baseline(request, FAST)
    assert baseline.failure is None and baseline.result is not None
    plan = plan_mutation(request, FAST, baseline.result, baseline.records)
    results, error = run_mutant_batch(plan)
    assert error is None
    fresh = {splice.index: results[splice.index] for splice in plan.batch.mutants if splice.fresh}
    return request, plan, fresh


@pytest.mark.slow
@pytest.mark.parametrize("name", ["tables", "environ", "seeded", "paths", "called", "shared"])
def test_every_fresh_verdict_is_plain_pytests_and_the_full_runs(tmp_path, name):
    shutil.copytree(REACH, tmp_path / "reach")
    shutil.copytree(REACH, tmp_path / "full")
    (tmp_path / "full" / "conftest.py").write_text(f"import {name}  # sends the batch the old way: every test\n")
    request, plan, fresh = _verdicts(tmp_path / "reach", name)
    _, _, full = _verdicts(tmp_path / "full", name)
    assert fresh and fresh.keys() == full.keys()
    assert {i: (r.killed, r.by, r.subtest) for i, r in fresh.items()} == {i: (r.killed, r.by, r.subtest)
                                                                           for i, r in full.items()}
    plain = {verdict.index: verdict.killed for verdict in plain_pytest(request, sorted(fresh), workers=2)}
    assert {index: result.killed for index, result in fresh.items()} == plain
    lines = {m.index: m.line for m in generate_mutants(request.source)}
    on = {line: [result for index, result in fresh.items() if lines[index] == line] for line in set(lines.values())}
    tests = len(plan.batch.plan)
    if name == "tables":  # the import keeps to its module: a mutant of the rules skips test_double
        assert any(result.killed and (result.tests_run or 0) < tests for result in on[12])
        assert on[5] and all(result.killed and "test_setting" in (result.by or "") for result in on[5])  # globals()
    elif name == "shared":  # the table's mutant is killed by the test that reads the shared fixture
        assert on[3] and all(result.killed and "test_second" in (result.by or "") for result in on[3])
    else:  # the import (or the collection) reaches outside the module: that line's mutants are killed
        assert on[4] and all(result.killed for result in on[4])
