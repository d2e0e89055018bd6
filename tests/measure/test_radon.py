"""Agreement with radon on a seeded sample of the running interpreter's standard library."""

from __future__ import annotations

import ast
import os
import random
import sysconfig
import tokenize

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings
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


#: Sources the regular-expression scan reads itself (no tokenizer): each is one rule of radon's
#: raw count (comment first, a lone string on one line or across lines, a colon last or followed,
#: the walrus, string prefixes, a continuation, brackets across lines, implicit concatenation).
SCANNED = [
    "x = 1\n", "# c\n\n", "'''doc\nstring'''\n", "'doc'\n", "'doc'  # c\n", "'a' 'b'\n",
    "if x:\n    y\n", "if x: y\n", "x = d[1:]\n", "x = d[1:2]\n", "lambda: 0\n", "if (n := 1):\n    pass\n",
    "rb'\\x00' + Rb'''a\n'''\n", "f'{x:>3}'\n", "x = 1 + \\\n    2\n", "s = 'a\\\nb'\n",
    "x = [\n\n    1,  # c\n]\n", "def f(a: int) -> int:\n    '''one'''\n    return a\n",
    "class A:\n    pass\n\n\n", "if'x' in y: pass\n", "x = {'a': 1,\n     'b': 2}\n",
]


@pytest.mark.parametrize("source", SCANNED)
def test_the_scan_reads_these_itself_and_equals_radon(source):
    from sva.measure.rawcount import _scan

    assert _scan(source) == analyze(source)


#: Sources the scan leaves to the tokenizer pass: a ``;``, a name tokenize rejects (a combining
#: mark), an unclosed bracket, a bracket closed twice, a multi-line chunk ending on an empty line.
LEFT_TO_TOKENIZE = ["x = 1; y = 2\n", "A\u0a3c = 1\n", "x = (1,\n", "x = 1)\n", "x = 1 + \\\n\n"]


@pytest.mark.parametrize("source", LEFT_TO_TOKENIZE)
def test_the_scan_leaves_what_it_does_not_read_and_the_count_stays_radons(source):
    from sva.measure.rawcount import _scan, _Tokenize, raw_counts

    with pytest.raises(_Tokenize):
        _scan(source)
    try:
        expected = analyze(source)
    except SyntaxError:
        with pytest.raises(SyntaxError):
            raw_counts(source)
    else:
        assert raw_counts(source) == expected


@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # the compiler's hints on generated code
@settings(deadline=None, max_examples=40, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_raw_count_of_generated_programs_equals_radons(source):
    from sva.measure.rawcount import raw_counts

    try:
        expected = analyze(source)
    except SyntaxError:
        expected = SyntaxError
    try:
        got = raw_counts(source)
    except SyntaxError:
        got = SyntaxError
    assert got == expected
