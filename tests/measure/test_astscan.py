"""The one ast walk (depth and renaming) against plain recursive restatements of each, the
normalized text built from it against the text built by renaming a copy of the tree, and the
unparser with a method table against ``ast.unparse``."""

from __future__ import annotations

import ast
import copy
import os
import tokenize

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings

from sva.measure.analysis import parse_facts
from sva.measure.astscan import scan
from sva.measure.deep import run_deep
from sva.measure.description import normalize, unparse
from tests.measure.packages import package_sample

#: Identifier fields by node type, as the normalization's definition lists them.
IDENTIFIERS = {
    ast.Name: ("id",), ast.arg: ("arg",), ast.FunctionDef: ("name",), ast.AsyncFunctionDef: ("name",),
    ast.ClassDef: ("name",), ast.keyword: ("arg",), ast.Attribute: ("attr",), ast.alias: ("name", "asname"),
    ast.Global: ("names",), ast.Nonlocal: ("names",), ast.ExceptHandler: ("name",),
    ast.ImportFrom: ("module",), ast.MatchAs: ("name",), ast.MatchStar: ("name",),
    ast.MatchMapping: ("rest",), ast.MatchClass: ("kwd_attrs",),
}


def reference_normalize(tree: ast.Module) -> str:
    """The definition restated: on a copy, recursively in pre-order, drop each docstring and
    rename each identifier by first appearance; then ``ast.unparse``."""
    tree = copy.deepcopy(tree)
    names: dict[str, str] = {}

    def canon(name: str) -> str:
        return names.setdefault(name, f"n{len(names)}")

    def visit(node: ast.AST) -> None:
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and body
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            node.body = body[1:]
        for field in IDENTIFIERS.get(type(node), ()):
            value = getattr(node, field)
            if isinstance(value, list):
                setattr(node, field, [canon(v) for v in value])
            elif value is not None:
                setattr(node, field, ".".join(canon(part) for part in value.split(".")))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return ast.unparse(tree)


def reference_depth(node: ast.AST) -> int:
    """libcst's nesting restated recursively: a ``BoolOp`` of n values is n - 1 levels."""
    children = list(ast.iter_child_nodes(node))
    if not children:
        return 1
    step = len(node.values) - 1 if isinstance(node, ast.BoolOp) else 1
    return step + max(reference_depth(child) for child in children)


TRICKY = [
    "", "x = 1\n",
    "def add(a, b):\n    '''Add.'''\n    return a + b   # sum\n",
    "'''module doc'''\nimport os.path as p, a.b.c\nfrom x.y import (z as w, v)\nfrom . import q\nfrom .m import *\n",
    "class A(B, metaclass=M):\n    'doc'\n    def f(self, *a, k=1, **kw):\n        global g\n        nonlocal_ = self.x.y\n",
    "def f():\n    x = 1\n    def g():\n        nonlocal x\n        x = a and b and c or d\n",
    "try:\n    pass\nexcept E as e:\n    raise\n", "try:\n    pass\nexcept* (A, B) as f:\n    pass\n",
    "match p:\n    case {'k': [1, *r], **rest} | Point(x=0, y=q) as w if r:\n        pass\n    case _:\n        pass\n",
    "s = f'{x!r:>{w}}' f\"{y=}\"\nasync def h():\n    async with a as b:\n        await c(d=e)\n",
    "def f():\n    1\n    'not a docstring'\n", "lambda: (yield)\n", "x = [i for i in y if i] + {k: v for k, v in z}\n",
]


@pytest.mark.parametrize("source", TRICKY)
def test_the_scan_gives_the_defined_text_and_depth_and_leaves_the_tree_as_it_was(source):
    tree = ast.parse(source)
    before = ast.dump(tree, include_attributes=True)
    scanned = scan(tree)
    assert ast.dump(tree, include_attributes=True) == before  # scanning edits nothing
    assert scanned.depth == reference_depth(tree)
    assert normalize(tree, scanned.renaming) == reference_normalize(tree)
    assert ast.dump(tree, include_attributes=True) == before  # normalizing put everything back
    assert normalize(tree) == reference_normalize(tree)
    assert unparse(tree) == ast.unparse(tree)


def test_the_worked_examples():
    tree = ast.parse("def add(a, b):\n    '''Add.'''\n    return a + b   # sum\n")
    assert normalize(tree) == "def n0(n1, n2):\n    return n1 + n2"
    assert scan(ast.parse("x = a and b and c")).depth == 6
    assert scan(ast.parse("x = a + b + c")).depth == 6


def test_parse_facts_carries_the_scans_renaming():
    source = TRICKY[4]
    facts = run_deep(lambda: parse_facts(source))
    assert facts.renaming is not None
    assert facts.normalized_source == reference_normalize(ast.parse(source))


@pytest.mark.parametrize("path", package_sample("deap", 6) + package_sample("hypothesis", 6),
                         ids=lambda p: os.path.basename(p))
def test_the_scan_gives_the_defined_text_on_installed_packages(path):
    with tokenize.open(path) as handle:
        tree = ast.parse(handle.read())
    assert run_deep(lambda: unparse(tree)) == run_deep(lambda: ast.unparse(tree))
    scanned = run_deep(lambda: scan(tree))
    assert scanned.depth == run_deep(lambda: reference_depth(tree))
    assert run_deep(lambda: normalize(tree, scanned.renaming)) == run_deep(lambda: reference_normalize(tree))


@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # the compiler's hints on generated code
@settings(deadline=None, max_examples=60, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_the_scan_gives_the_defined_text_and_depth_on_generated_programs(source):
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return
    assert run_deep(lambda: unparse(tree)) == run_deep(lambda: ast.unparse(tree))
    scanned = run_deep(lambda: scan(tree))
    assert scanned.depth == run_deep(lambda: reference_depth(tree))
    assert run_deep(lambda: normalize(tree, scanned.renaming)) == run_deep(lambda: reference_normalize(tree))
