"""The one-walk complexity and Halstead counts equal radon's two visitors, rule by rule."""

from __future__ import annotations

import ast
import math

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings
from radon.metrics import halstead_visitor_report
from radon.visitors import Class, ComplexityVisitor, Function, HalsteadVisitor

from sva.measure.radonwalk import radon_counts


def _radon(tree: ast.Module) -> tuple[int, dict[int, int], tuple[int, int, int, int]]:
    """radon's total complexity, its complexity of every ``def`` (by line) and its Halstead counts.

    A method of a class defined inside a function is missing from radon's blocks; its value is
    radon's visitor run on that ``def`` alone, as radon would measure it."""
    complexity = ComplexityVisitor.from_ast(tree)
    per_def: dict[int, int] = {}
    stack: list = list(complexity.functions) + list(complexity.classes)
    while stack:
        block = stack.pop()
        if isinstance(block, Function):
            per_def[block.lineno] = block.complexity
            stack.extend(block.closures)
        elif isinstance(block, Class):
            stack.extend(block.methods)
            stack.extend(block.inner_classes)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno not in per_def:
            one = ComplexityVisitor()
            one.visit_FunctionDef(node)
            per_def[node.lineno] = one.functions[0].complexity
    halstead = HalsteadVisitor.from_ast(tree)
    counts = (halstead.distinct_operators, halstead.distinct_operands, halstead.operators, halstead.operands)
    return complexity.total_complexity, per_def, counts


def _ours(tree: ast.Module) -> tuple[int, dict[int, int], tuple[int, int, int, int]]:
    got = radon_counts(tree)
    counts = (got.distinct_operators, got.distinct_operands, got.operators, got.operands)
    return got.total_complexity, got.function_complexities, counts


#: One source per rule of the module docstring, and the places radon does not look.
TRICKY = [
    "x = 1\n",
    "def f(x):\n    if x and x > 1:\n        return -x\n    return x\n",
    "assert a or b, c and d\n",  # +1 for the assert, nothing inside it
    "def f():\n    assert x if y else z\n",
    "for i in x:\n    pass\nelse:\n    pass\nwhile a or b:\n    break\nelse:\n    y = 1\n",
    "async def f():\n    async for i in x:\n        pass\n    else:\n        pass\n    async with a as b:\n        pass\n",
    "try:\n    pass\nexcept A:\n    pass\nexcept B:\n    pass\nelse:\n    pass\nfinally:\n    pass\n",
    "try:\n    pass\nexcept* A:\n    pass\nelse:\n    pass\n",  # TryStar: radon counts nothing
    "match x:\n    case 1:\n        pass\n    case [a, *b] if a > b:\n        pass\n    case _:\n        pass\n",
    "match x:\n    case _:\n        pass\n",
    "match x:\n    case y:\n        pass\n    case {1: z, **rest} | [z]:\n        pass\n",
    "y = [a for a in b if a if not a for c in a]\nz = {k: v for k, v in d}\ng = (i for i in x)\n",
    "f = lambda x: x if x else (y or z)\n",
    "@d(a or b)\ndef f(x=1 if y else 2, *, z: int = a and b) -> (p or q):\n    return x + 1\n",
    "@d(a or b)\nclass C(Base if x else Other, metaclass=m or n):\n    x = 1 if y else 2\n",
    "def outer(a):\n    def inner(b):\n        if b:\n            def deepest():\n                return a or b\n        return 1\n    return inner if a else None\n",
    "class A:\n    if x:\n        def m(self):\n            return self.v if self.v else 0\n    def n(self):\n"
    "        while True:\n            pass\n    class Inner:\n        def p(self):\n            return 1 if a else 2\n",
    "def make():\n    class Local:\n        def m(self):\n            if self:\n                return 1\n    return Local\n",
    "if flag:\n    def f():\n        return a and b\n    class K:\n        def g(self):\n            return x if y else z\n",
    "x += 1\ny -= x * 2 ** -z\nw = a < b <= c != d\nn = not m\nv = a.b + a.b + c.d\n",
    "a = 1 + 1.0 + True + 1j + 'x' + b'x' + ... + None\n",  # equal constants share a key
    "def f():\n    return x + 1\n\ndef g():\n    return x + 1\n",  # the same operands, two contexts
    "def f():\n    g = lambda: x + y\n    return [x * 2 for x in y if x]\n",
    "async def f():\n    return [await x for x in y if await z]\n",
    "class A:\n    def f(self):\n        return 1\n\n    @property\n    def f(self):\n        return 2 if x else 3\n",
]


@pytest.mark.parametrize("source", TRICKY)
def test_the_walk_gives_radons_figures(source):
    tree = ast.parse(source)
    assert _ours(tree) == _radon(tree)


def test_the_worked_example_of_the_module_docstring():
    got = radon_counts(ast.parse("def f(x):\n    if x and x > 1:\n        return -x\n    return x\n"))
    assert got.total_complexity == 3
    assert got.function_complexities == {1: 3}
    assert (got.operators, got.distinct_operators, got.operands, got.distinct_operands) == (3, 3, 5, 3)
    assert halstead_visitor_report(got).volume == 8 * math.log2(6)


def test_module_total_leaves_out_closures_local_classes_and_inner_classes():
    # outer: 1 + If = 2 (its closure's If and BoolOp are its own); Local's method: 1 + If = 2;
    # A.m: 1 + If = 2, A.Inner.p: 2; the total is 1 + (2 - 1) + A's body 0 + (1 + 1) = 4.
    source = ("def outer(a):\n    if a:\n        pass\n    def inner(b):\n        if b or a:\n            pass\n"
              "    class Local:\n        def m(self):\n            if self:\n                pass\n\n"
              "class A:\n    def m(self):\n        if self:\n            pass\n"
              "    class Inner:\n        def p(self):\n            if self:\n                pass\n")
    got = radon_counts(ast.parse(source))
    assert got.total_complexity == 4 == ComplexityVisitor.from_ast(ast.parse(source)).total_complexity
    assert got.function_complexities == {1: 2, 4: 3, 8: 2, 13: 2, 17: 2}


@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # the compiler's hints on generated code
@settings(deadline=None, max_examples=60, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_the_walk_gives_radons_figures_on_generated_programs(source):
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return
    assert _ours(tree) == _radon(tree)


@pytest.mark.filterwarnings("ignore::SyntaxWarning")
@settings(deadline=None, max_examples=60, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_node())
def test_the_walk_gives_radons_figures_on_generated_syntax_trees(source):
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return
    assert _ours(tree) == _radon(tree)
