"""Each swapped-in mutant is compiled once, by the caller, and the worker runs that code.

The caller compiles a mutant to decide whether it can be swapped in
(:func:`sva.trust.worker.swap.swappable`) and ships the code with it; the worker unpacks it
under its own file name instead of compiling again. Checked here: the caller compiles the
original once and each function-level mutant once; what the worker unpacks equals what its own
``compile`` gives (code equality covers the bytecode, constants, names and line table; the file
name is checked in every nested code object); the worker's swapper compiles nothing when the
code comes with the mutant; and the trust report is the same whether the worker takes the
shipped code or compiles each mutant itself (a worker whose interpreter differs does the latter).
"""

from __future__ import annotations

import builtins
import importlib.util
import sys
import types
from pathlib import Path

import pytest

from sva.trust import TrustConfig, evaluate, prepare
from sva.trust.batch import _fresh
from sva.trust.mutants.generation import generate_mutants
from sva.trust.worker import swap
from sva.trust.worker.swap import Swapper, code_tag, unpack

from tests.trust.test_warm import _comparable

ARTIFACT = """\
def scale(xs, k):
    def times(x):
        return x * k
    return [times(x) for x in xs]


def pick(xs):
    return sorted(xs, key=lambda x: -x)[0]


def untested(x):
    return x + 1


LIMIT = 3
"""

TESTS = """\
from mod import pick, scale


def test_scale():
    assert scale([1, 2], 3) == [3, 6]


def test_pick():
    assert pick([1, 5, 2]) == 5
"""


class _Counting:
    """``compile`` that counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return _COMPILE(*args, **kwargs)


_COMPILE = builtins.compile


def _files(code: types.CodeType) -> set[str]:
    found = {code.co_filename}
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            found |= _files(const)
    return found


def _shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "mod.py").write_text(ARTIFACT, encoding="utf-8")
    (tmp_path / "test_mod.py").write_text(TESTS, encoding="utf-8")
    request = prepare(tmp_path / "mod.py", tests=[tmp_path / "test_mod.py"])
    mutants = generate_mutants(ARTIFACT)
    counting = _Counting()
    monkeypatch.setattr(builtins, "compile", counting)
    fresh, codes = _fresh(request, mutants, set())
    monkeypatch.setattr(builtins, "compile", _COMPILE)
    return mutants, fresh, codes, counting.calls


def test_the_caller_compiles_each_function_mutant_once_and_ships_what_the_worker_would_compile(tmp_path, monkeypatch):
    mutants, fresh, codes, calls = _shipped(tmp_path, monkeypatch)
    in_functions = [m for m in mutants if m.function is not None]
    assert calls == 1 + len(in_functions)  # the original, then each mutant inside a function
    assert {m.index for m in mutants if m.function is None} <= fresh  # LIMIT's mutants
    assert set(codes) == {m.index for m in mutants} - fresh and len(codes) >= 5
    place = "/sandbox/work/mod.py"
    for mutant in mutants:
        if mutant.index in codes:
            got = unpack(codes[mutant.index], place)
            assert got == _COMPILE(mutant.apply(ARTIFACT), place, "exec", dont_inherit=True)
            assert _files(got) == {place}


def test_the_worker_swaps_the_shipped_code_in_without_compiling(tmp_path, monkeypatch):
    mutants, fresh, codes, _ = _shipped(tmp_path, monkeypatch)
    path = str(tmp_path / "mod.py")
    loader = importlib.util.spec_from_file_location("mod_compile_once", path)
    module = importlib.util.module_from_spec(loader)
    sys.modules["mod_compile_once"] = module
    try:
        loader.loader.exec_module(module)
        swapper = Swapper(path, ARTIFACT)
        counting = _Counting()
        monkeypatch.setattr(swap, "compile", counting, raising=False)
        changed = 0
        for mutant in mutants:
            if mutant.index not in codes:
                continue
            restore = swapper.swap_in(mutant.apply(ARTIFACT), unpack(codes[mutant.index], path))
            compiled = swap.codes_by_name(_COMPILE(mutant.apply(ARTIFACT), path, "exec", dont_inherit=True))
            live = {"scale": module.scale, "pick": module.pick, "untested": module.untested}
            assert live[mutant.function.split(".")[0]].__code__ == compiled[mutant.function.split(".")[0]][0]
            changed += not _behaves(module)
            restore()
        assert counting.calls == 0
        assert changed > 0  # some mutants are visible to the tests, so the swap took effect
        assert _behaves(module)
    finally:
        del sys.modules["mod_compile_once"]


def _behaves(module: types.ModuleType) -> bool:
    """Whether the module passes the two tests' checks (a mutant may raise instead)."""
    try:
        return module.scale([1, 2], 3) == [3, 6] and module.pick([1, 5, 2]) == 5
    except Exception:  # noqa: BLE001 - a mutant's failure is what is counted
        return False


@pytest.mark.slow
def test_the_report_is_the_same_whether_the_worker_takes_the_shipped_code_or_compiles(tmp_path, monkeypatch):
    (tmp_path / "mod.py").write_text(ARTIFACT, encoding="utf-8")
    (tmp_path / "test_mod.py").write_text(TESTS, encoding="utf-8")
    config = TrustConfig(test_seconds=2.0, mutant_timeout_floor=0.5)

    def report():
        return evaluate(prepare(tmp_path / "mod.py", tests=[tmp_path / "test_mod.py"]), config)

    shipped = report()
    assert code_tag() != "another interpreter"
    monkeypatch.setattr(swap, "code_tag", lambda: "another interpreter")  # the worker compiles each
    compiled = report()
    assert _comparable(shipped) == _comparable(compiled)
    assert shipped.mutants_killed is not None and 0 < shipped.mutants_killed < shipped.mutants_total
    assert any(survivor.unit == "untested" for survivor in shipped.survivors)
