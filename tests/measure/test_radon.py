"""Agreement with radon on a seeded sample of the running interpreter's standard library."""

from __future__ import annotations

import ast
import os
import random
import sysconfig
import tokenize

import pytest
from radon.complexity import cc_visit
from radon.metrics import h_visit, mi_visit
from radon.raw import analyze
from radon.visitors import Class, Function

from sva.measure.analysis import analyze_source

SAMPLE_SIZE = 40


def _stdlib_sample() -> list[str]:
    root = sysconfig.get_paths()["stdlib"]
    files = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in ("site-packages", "__pycache__"))
        files.extend(os.path.join(folder, n) for n in sorted(names) if n.endswith(".py"))
    rng = random.Random(20240601)
    rng.shuffle(files)
    chosen = []
    for path in files:
        if len(chosen) == SAMPLE_SIZE:
            break
        if os.path.getsize(path) > 60_000:  # keep the test fast; radon's raw count is quadratic
            continue
        try:
            with tokenize.open(path) as handle:
                ast.parse(handle.read())
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        chosen.append(path)
    return chosen


SAMPLE = _stdlib_sample()


def _radon_blocks(source: str) -> dict[int, tuple[str, int]]:
    """radon's complexity per def line, closures and methods flattened."""
    out = {}
    stack = list(cc_visit(source))
    while stack:
        block = stack.pop()
        if isinstance(block, Function):
            out[block.lineno] = (block.name, block.complexity)
            stack.extend(block.closures)
        elif isinstance(block, Class):
            stack.extend(block.inner_classes)
            stack.extend(block.methods)
    return out


def test_sample_is_large_enough():
    assert len(SAMPLE) == SAMPLE_SIZE


#: Sampled files whose comparison costs more than the `slow` threshold (tests/README.md).
SLOW_FILES = {"cp737.py"}


@pytest.mark.parametrize("path", [pytest.param(path, marks=pytest.mark.slow) if os.path.basename(path) in SLOW_FILES
                                  else path for path in SAMPLE], ids=lambda p: os.path.basename(p))
def test_matches_radon(path):
    with tokenize.open(path) as handle:
        source = handle.read()
    analysis = analyze_source(source, path)
    ours = {f.lineno: (f.name.rsplit(".", 1)[-1].split("#")[0], f.cyclomatic_complexity)
            for f in analysis.functions}  # "#2" marks a redefinition (e.g. a fallback def)
    expected = _radon_blocks(source)
    for lineno, (name, complexity) in expected.items():
        assert ours[lineno] == (name, complexity), (path, lineno)
    m = analysis.metrics
    assert m["halstead_volume"] == h_visit(source).total.volume
    assert m["maintainability_index"] == mi_visit(source, True)
    assert m["sloc"] == analyze(source).sloc


def test_one_pass_raw_count_equals_radon_on_chunk_edge_cases():
    from radon.raw import analyze

    from sva.measure.rawcount import raw_counts

    cases = [
        "", "\n", "x = 1\n", "x = f(1,\n      2)  # two\n\n'''doc\nstring'''\n",
        "if x: y = 1; z = 2\n", "x = 1 + \\\n    2\n", "s = 'a\\\nb'\n", "def f():\n    '''one'''\n",
        "x = [\n\n    1,  # c\n]\n", "# c\n#d\n", "x = 1\x0cy = 2\n", "class A:\n    pass\n\n\n",
        "x = (1 +\n2)\n\n\n", "try: pass\nexcept E: pass\n", "x = '''a\n\nb'''; y = 1\n",
    ]
    for source in cases:
        try:
            expected = analyze(source)
        except SyntaxError:
            expected = SyntaxError
        try:
            got = raw_counts(source)
        except SyntaxError:
            got = SyntaxError
        assert got == expected, source
