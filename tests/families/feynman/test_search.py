"""The Feynman family's search: vectorized fitness equal to DEAP's compile-and-evaluate
reference (Hypothesis), linear scaling, determinism, no leaked random state, the manifest."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from deap import gp
from hypothesis import given, settings, strategies as st

from sva.core.emitter import render_expression
from sva.core.rng import seeded
from sva.errors import UsageError
from sva.families.feynman import FAMILY
from sva.families.feynman.primitives import PRIMITIVES
from sva.families.feynman.search import (PENALTY, fitness, generate, primitive_set, reference_fitness,
                                              scaled_error, scaled_expression, training_data, tree_to_expression)
from sva.families import get_spec

SMALL = {"population_size": 60, "generations": 5}


@settings(max_examples=60, deadline=None)
@given(spec_index=st.integers(0, 119), seed=st.integers(0, 10 ** 6), height=st.integers(1, 6))
def test_vectorized_fitness_equals_compile_and_evaluate_on_random_trees(spec_index, seed, height):
    spec = FAMILY.specs()[spec_index]
    pset, data = primitive_set(spec), training_data(spec)
    with seeded(seed):
        tree = gp.PrimitiveTree(gp.genHalfAndHalf(pset, 1, height))
    fast, reference = fitness(tree, data)[0], reference_fitness(tree, pset, spec, data)
    assert fast == reference or math.isclose(fast, reference, rel_tol=1e-9, abs_tol=1e-12), str(tree)


def test_a_tree_that_divides_by_zero_gets_the_penalty_both_ways():
    spec = get_spec("feynman-I.29.4")
    pset, data = primitive_set(spec), training_data(spec)
    tree = gp.PrimitiveTree.from_string("DIV(omega, SUB(c, c))", pset)
    assert fitness(tree, data)[0] == reference_fitness(tree, pset, spec, data) == PENALTY


def test_linear_scaling_fits_offset_and_slope_exactly():
    x = np.linspace(1.0, 5.0, 50)
    error, intercept, slope = scaled_error(x, 3.0 * x + 2.0, float(np.var(3.0 * x + 2.0)))
    assert error < 1e-20 and intercept == pytest.approx(2.0) and slope == pytest.approx(3.0)
    assert scaled_error(np.full(50, 7.0), x, float(np.var(x)))[0] == 1.0  # a constant explains nothing
    spec = get_spec("feynman-I.12.1")
    tree = gp.PrimitiveTree.from_string("MUL(mu, Nn)", primitive_set(spec))
    assert render_expression(scaled_expression(tree, 0.5, 2.0), PRIMITIVES) == "(2.0 * (mu * Nn)) + 0.5"
    assert render_expression(scaled_expression(tree, 1e-17, 1.0, scale=1.0), PRIMITIVES) == "mu * Nn"


def test_trees_become_ir_with_pi_constants_and_names():
    spec = get_spec("feynman-II.3.24")
    tree = gp.PrimitiveTree.from_string("DIV(Pwr, MUL(MUL(PI, 4.0), SQRT(r)))", primitive_set(spec))
    assert render_expression(tree_to_expression(tree), PRIMITIVES) == "Pwr / (math.pi * 4.0 * math.sqrt(abs(r)))"


def test_search_is_deterministic_and_leaves_the_callers_random_state_alone():
    spec = get_spec("feynman-I.14.3")
    random.seed(99)
    before = random.getstate()
    first, second = generate(spec, 2, SMALL), generate(spec, 2, SMALL)
    assert random.getstate() == before
    assert first.source == second.source and first.search.details["expression"] == second.search.details["expression"]
    assert generate(spec, 3, SMALL).config == first.config


def test_the_manifest_records_the_training_error_and_the_expression():
    artifact = generate(get_spec("feynman-I.12.1"), 0, None)
    record = artifact.search.to_json()
    assert record["success"] is True and record["training_r2"] > 0.999
    assert record["training_errors"][0] < 1e-3 and record["expression"] in artifact.source
    assert len(record["best_fitness_per_generation"][0]) == record["generations"][0] + 1
    assert artifact.source.count("import ") <= 1  # math at most


def test_unknown_or_bad_settings_are_refused_in_one_line():
    spec = get_spec("feynman-I.12.1")
    with pytest.raises(UsageError, match="unknown configuration key"):
        generate(spec, 0, {"populaton_size": 5})
    with pytest.raises(UsageError, match="population_size"):
        generate(spec, 0, {"population_size": 1})
    with pytest.raises(UsageError, match="non-negative"):
        generate(spec, -1, None)


def test_target_noise_is_seeded_by_the_spec_and_scaled_by_the_targets_rms():
    spec = get_spec("feynman-I.14.3")
    clean, noisy = training_data(spec), training_data(spec, 0.01)
    again = training_data(spec, 0.01)
    assert np.array_equal(noisy.target, again.target) and not np.array_equal(clean.target, noisy.target)
    rms = float(np.sqrt(np.mean(clean.target ** 2)))
    assert 0.005 * rms < float(np.std(noisy.target - clean.target)) < 0.02 * rms


def _search_in_a_process(env_extra: dict, out) -> bytes:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "NPY_DISABLE_CPU_FEATURES")}
    env.update(env_extra)
    result = subprocess.run([sys.executable, "-m", "sva", "generate", "feynman-I.10.7", "--generator", "search",
                             "--seed", "0", "--set", "population_size=120", "--set", "generations=12",
                             "--out", str(out)], capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    return (out / "feynman-I.10.7" / "search" / "seed-0.py").read_bytes()


@pytest.mark.slow
def test_the_search_gives_the_same_artifact_whichever_blas_kernel_the_cpu_gets(tmp_path):
    # OpenBLAS picks its kernels by CPU; a dot product through it gave three different seed-0
    # formulas under three kernels. The fitness sums in numpy's own order, so none matters.
    default = _search_in_a_process({}, tmp_path / "default")
    for kernel in ("Nehalem", "Sandybridge"):
        assert _search_in_a_process({"OPENBLAS_CORETYPE": kernel}, tmp_path / kernel) == default, kernel


def test_importing_analyzer_switches_off_numpys_avx512_loops_unless_told_otherwise():
    import subprocess
    import sys

    probe = ("import sva, os, numpy; from numpy.lib.introspect import opt_func_info; "
             "info = opt_func_info(func_name='^exp$', signature='float64'); "
             "print(os.environ['NPY_DISABLE_CPU_FEATURES']); print(next(iter(info['exp'].values()))['current'])")
    env = {k: v for k, v in __import__("os").environ.items() if k != "NPY_DISABLE_CPU_FEATURES"}
    lines = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env,
                           check=True).stdout.split("\n")
    assert lines[0] == "X86_V4 AVX512_ICL AVX512_SPR"
    assert not lines[1].startswith(("X86_V4", "AVX512"))
    env["NPY_DISABLE_CPU_FEATURES"] = "AVX512_SPR"  # the user's own choice is kept
    kept = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert kept.stdout.split("\n")[0] == "AVX512_SPR"


def test_a_numpy_running_avx512_exp_is_refused_with_the_fix():
    from sva.errors import SetupError
    from sva.families.feynman.fitness import check_float_dispatch

    check_float_dispatch({"exp": "X86_V3", "sin": "X86_V3", "cos": "baseline(X86_V2)"})
    with pytest.raises(SetupError, match=r"numpy runs its X86_V4 version of sin, .*NPY_DISABLE_CPU_FEATURES="
                                         r"'X86_V4 AVX512_ICL AVX512_SPR' before numpy is imported"):
        check_float_dispatch({"exp": "X86_V3", "sin": "X86_V4", "cos": "X86_V3"})
    check_float_dispatch()  # this machine, as set up by importing sva
