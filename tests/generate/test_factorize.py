"""The ``factorized`` generator and ``sva factorize``.

Equivalence is asserted with the tests' own evaluation of the IR read back from each artifact's
text (never by running the artifact here): Boolean primitives by their truth functions, Feynman
by the family's per-point table, PSB by its reference interpreter, networks by their comparators.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import given, settings, strategies as st

from sva.cli import main
from sva.core.factorize import DomainCheck, Plan, factorize_program, size
from sva.core.program import Apply, Bind, Call, Constant, Do, Expr, Function, Name, Program, Return, TupleOf
from sva.core.reconstruct import read_program
from sva.families import family_of
from sva.generate import GENERATORS, generate
from sva.families import get_spec

ROOT = Path(__file__).resolve().parents[2]

_BOOLEAN = {"AND": lambda a, b: a and b, "OR": lambda a, b: a or b, "NOT": lambda a: not a,
            "XOR": lambda a, b: a ^ b, "IF": lambda c, t, e: t if c else e}


def _boolean(expr: Expr, env: dict[str, Any], functions: dict[str, Callable[..., Any]]) -> Any:
    if isinstance(expr, Name):
        return env[expr.id]
    if isinstance(expr, Constant):
        return expr.value
    if isinstance(expr, TupleOf):
        return tuple(_boolean(item, env, functions) for item in expr.items)
    args = [_boolean(arg, env, functions) for arg in expr.args]
    return functions[expr.function](*args) if isinstance(expr, Call) else _BOOLEAN[expr.primitive](*args)


def _feynman(expr: Expr, env: dict[str, Any], functions: dict[str, Callable[..., Any]]) -> Any:
    import math

    from sva.families.feynman.primitives import SCALAR

    if isinstance(expr, Name):
        return env[expr.id]
    if isinstance(expr, Constant):
        return expr.value
    if expr.primitive == "PI":
        return math.pi
    return SCALAR[expr.primitive](*(_feynman(arg, env, functions) for arg in expr.args))


def _run(program: Program, case: tuple, evaluate: Callable[..., Any]) -> Any:
    """The entry's value on ``case``, walking the IR (bindings, helpers, a return)."""
    functions: dict[str, Callable[..., Any]] = {}

    def make(function: Function) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            env = dict(zip(function.params, args))
            for statement in function.body:
                if isinstance(statement, Bind):
                    env[statement.target] = evaluate(statement.value, env, functions)
                elif isinstance(statement, Return):
                    return evaluate(statement.value, env, functions)
            raise AssertionError("no return")
        return call

    for function in program.functions:
        functions[function.name] = make(function)
    return functions[program.entry](*case)


def _read(source: str, spec_name: str) -> Program:
    spec = get_spec(spec_name)
    family = family_of(spec)
    return read_program(source, spec_name, spec.entry, family.primitives, family.imports)


def _factorization(artifact: Any) -> dict[str, Any]:
    return artifact.search.details["factorization"]


def test_factorized_is_registered_and_settles_only_localization():
    generator = GENERATORS["factorized"]
    assert generator.settles("localization") is not None
    assert generator.settles("decomposability") is None
    assert generator.default_config(get_spec("parity-6")) == GENERATORS["search"].default_config(get_spec("parity-6"))


def test_parity_6_seed_0_equivalent_on_all_64_rows_and_smaller(tmp_path, capsys):
    assert main(["generate", "parity-6", "--generator", "factorized", "--seed", "0", "--out", str(tmp_path)]) == 0
    written = tmp_path / "parity-6" / "factorized" / "seed-0.py"
    assert capsys.readouterr().out.strip() == str(written)
    manifest = json.loads(written.with_suffix(".json").read_text())
    spec = get_spec("parity-6")
    searched = generate(spec, "search", 0)
    before, after = _read(searched.source, "parity-6"), _read(written.read_text(), "parity-6")
    rows = spec.domain.cases
    assert len(rows) == 64
    assert [_run(after, row, _boolean) for row in rows] == [_run(before, row, _boolean) for row in rows]
    factorization = manifest["search"]["factorization"]
    assert factorization["source_sha256"] == searched.sha256
    assert factorization["sizes"]["ir_nodes"] == size(before) > size(after) == factorization["sizes"]["factorized_ir_nodes"]
    steps = factorization["steps"]
    assert [step["step"] for step in steps] == ["intron_removal", "simplification", "helpers", "common_subexpressions",
                                               "stories"]
    assert steps[0]["applied"] and steps[0]["evidence"] == {"inputs": 64, "exhaustive": True,
                                                            "description": "all 64 rows of the truth table"}
    for earlier, later in zip(steps, steps[1:]):
        assert earlier["size_after"] == later["size_before"]
    assert steps[-1]["size_after"] == size(after)
    assert not steps[-1]["applied"]


def test_sorting_network_loses_its_redundant_comparators_and_still_sorts(tmp_path, capsys):
    from sva.families.sorting.networks import initial_masks, sorts_all_binary, wire_masks

    source = ROOT / "artifacts" / "sort-16" / "search" / "seed-0.py"
    assert main(["factorize", str(source), "--spec", "sort-16", "--out", str(tmp_path)]) == 0
    written = tmp_path / "sort-16" / "factorized" / "seed-0.py"
    assert capsys.readouterr().out.startswith(f"{written}: size 403 -> 347")

    def pairs(program: Program) -> list[tuple[int, int]]:
        return [(s.args[1].value, s.args[2].value) for s in program.functions[-1].body if isinstance(s, Do)]

    before, after = pairs(_read(source.read_text(), "sort-16")), pairs(_read(written.read_text(), "sort-16"))
    assert len(before) - len(after) == 14
    assert sorts_all_binary(after, 16) and wire_masks(after, 16) == wire_masks(before, 16)
    wires = list(initial_masks(16))
    for i, j in after:  # every comparator left swaps on some 0-1 input
        assert wires[i] & ~wires[j]
        wires[i], wires[j] = wires[i] & wires[j], wires[i] | wires[j]
    steps = json.loads(written.with_suffix(".json").read_text())["search"]["factorization"]["steps"]
    assert steps[1]["step"] == "simplification" and steps[1]["changes"] == 14
    assert steps[1]["evidence"]["inputs"] == 2 ** 16 and steps[1]["evidence"]["exhaustive"]
    assert not steps[0]["applied"] and steps[0]["note"].startswith("not applicable")


def test_feynman_formula_simplified_within_tolerance_on_held_out_points():
    spec = get_spec("feynman-I.10.7")
    config = {"population_size": 100, "generations": 10}
    artifact = generate(spec, "factorized", 0, config)
    searched = generate(spec, "search", 0, config)
    before, after = _read(searched.source, spec.name), _read(artifact.source, spec.name)
    assert size(after) < size(before)
    for case in spec.held_out:
        assert spec.equal(_run(after, case, _feynman), _run(before, case, _feynman)), case
    steps = {step["step"]: step for step in _factorization(artifact)["steps"]}
    assert steps["simplification"]["applied"]
    assert steps["simplification"]["size_after"] < steps["simplification"]["size_before"]
    assert steps["simplification"]["evidence"]["inputs"] == len(spec.training) + len(spec.held_out)
    assert not steps["simplification"]["evidence"]["exhaustive"]


def test_psb_introns_removed_equal_on_training_and_held_out():
    from sva.families.psb.vocabulary import evaluate

    spec = get_spec("psb-small-or-large")
    artifact = generate(spec, "factorized", 0)
    before, after = _read(generate(spec, "search", 0).source, spec.name), _read(artifact.source, spec.name)
    assert size(after) < size(before)
    for case in spec.training + spec.held_out:
        assert _run(after, case, evaluate) == _run(before, case, evaluate)
    steps = {step["step"]: step for step in _factorization(artifact)["steps"]}
    assert steps["intron_removal"]["applied"] and not steps["simplification"]["applied"]


def test_factorize_refuses_a_non_primitive_call_in_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.py"
    bad.write_text("def parity_3(x0, x1, x2):\n    return abs(x0) ^ x1\n")
    assert main(["factorize", str(bad), "--spec", "parity-3", "--out", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err
    assert error == f"sva: {bad}: line 2: 'abs(x0)' is not made of the spec's primitives\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("source, reason", [
    ("import os\ndef parity_3(x0, x1, x2):\n    return x0\n", "only functions"),
    ("def parity_3(x0, x1, x2):\n    return y\n", "name 'y'"),
    ("def other(a):\n    return a\n", "no function parity_3"),
    ("def parity_3(x0, x1, x2):\n    return parity_3(x0, x1, x2)\n", "not made of the spec's primitives"),
    ("def parity_3(x0, x1, x2):\n    return x0 +\n", "not valid Python"),
])
def test_read_program_refuses_what_is_not_the_primitives(source, reason):
    from sva.errors import InputError

    with pytest.raises(InputError, match=reason):
        _read(source, "parity-3")


def _trees(names: tuple[str, ...]) -> st.SearchStrategy[Expr]:
    leaves = st.sampled_from([Name(name) for name in names])
    return st.recursive(leaves, lambda inner: st.one_of(
        st.builds(lambda a: Apply("NOT", (a,)), inner),
        st.builds(lambda p, a, b: Apply(p, (a, b)), st.sampled_from(["AND", "OR", "XOR"]), inner, inner),
        st.builds(lambda c, t, e: Apply("IF", (c, t, e)), inner, inner, inner)), max_leaves=14)


@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(_trees(("a", "b", "c")))
def test_factorized_boolean_trees_are_equivalent_and_never_larger(tree):
    from sva.families.boolean.factorize import minimise
    from sva.families.boolean.primitives import PRIMITIVES

    spec = get_spec("mux-6")  # any spec whose primitives include AND OR NOT IF; XOR is allowed below
    rows = tuple(itertools.product((False, True), repeat=3))
    program = Program("", (Function("f", ("a", "b", "c"), (Return(tree),)),), "f")
    fake = type("Spec", (), {"params": ("a", "b", "c"), "primitives": ("AND", "OR", "NOT", "XOR", "IF")})()
    plan = Plan(DomainCheck(rows, True, "8 rows"), lambda p: minimise(fake, p), "minimisation")
    factorized, steps = factorize_program(program, PRIMITIVES, plan)
    assert [_run(factorized, row, _boolean) for row in rows] == [_run(program, row, _boolean) for row in rows]
    assert size(factorized) <= size(program)
    assert steps[-1].size_after == size(factorized)
    assert spec.primitives  # the plan above stands in for a spec over three inputs


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.integers(3, 6).flatmap(lambda n: st.tuples(st.just(n), st.lists(
    st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] < p[1]), max_size=25))))
def test_redundant_comparator_removal_keeps_every_0_1_output(network):
    from sva.families.sorting.factorize import without_redundant
    from sva.families.sorting.networks import sorts_all_binary, wire_masks

    n, pairs = network
    body = (Bind("wires", Apply("COPY", (Name("values"),))),) + tuple(
        Do("COMPARE_EXCHANGE", (Name("wires"), Constant(i), Constant(j))) for i, j in pairs) + (Return(Name("wires")),)
    program = Program("", (Function("sort", ("values",), body),), "sort")
    spec = type("Spec", (), {"size": n})()
    simpler, removed = without_redundant(spec, program)
    kept = [(s.args[1].value, s.args[2].value) for s in simpler.functions[0].body if isinstance(s, Do)]
    assert len(pairs) - len(kept) == removed
    assert wire_masks(kept, n) == wire_masks(pairs, n)
    assert sorts_all_binary(kept, n) == sorts_all_binary(pairs, n)


def test_helpers_and_bindings_are_mechanical_and_keep_behaviour():
    from sva.families.boolean.primitives import PRIMITIVES

    def shape(x: str, y: str) -> Expr:
        return Apply("AND", (Apply("NOT", (Name(x),)), Apply("OR", (Name(y), Name(x)))))

    common = Apply("XOR", (Apply("AND", (Name("a"), Name("b"))), Name("c")))
    tree = Apply("OR", (Apply("XOR", (shape("a", "b"), shape("c", "d"))),
                        Apply("AND", (Apply("XOR", (shape("b", "c"), common)), Apply("OR", (shape("d", "a"), common))))))
    params = ("a", "b", "c", "d")
    rows = tuple(itertools.product((False, True), repeat=4))
    program = Program("", (Function("f", params, (Return(tree),)),), "f")
    plan = Plan(DomainCheck(rows, True, "16 rows"), None, "none", introns="off")
    factorized, steps = factorize_program(program, PRIMITIVES, plan)
    assert [f.name for f in factorized.functions] == ["helper_0", "f"]
    assert factorized.functions[0].params == ("p0", "p1")
    assert any(isinstance(s, Bind) and s.target == "shared_0" for s in factorized.functions[1].body)
    assert [_run(factorized, row, _boolean) for row in rows] == [_run(program, row, _boolean) for row in rows]
    assert size(factorized) < size(program)
    assert [(s.name, s.applied) for s in steps] == [("intron_removal", False), ("simplification", False),
                                                     ("helpers", True), ("common_subexpressions", True),
                                                     ("stories", False)]


@pytest.mark.slow
def test_factorized_bytes_do_not_depend_on_the_hash_seed(tmp_path):
    script = ("import sys; from sva.generate import generate; from sva.families import get_spec; "
              "a = generate(get_spec('feynman-I.10.7'), 'factorized', 0, {'population_size': 100, 'generations': 10}); "
              "import json; sys.stdout.write(a.source + json.dumps(a.search.details['factorization'], sort_keys=True))")
    outputs = []
    for hash_seed in ("1", "4242"):
        environment = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
        outputs.append(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                                      env=environment, cwd=tmp_path).stdout)
    assert outputs[0] == outputs[1] and "def feynman_i_10_7" in outputs[0]
