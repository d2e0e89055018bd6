"""libcst's parse with plain node ``__init__`` methods: the same tree, libcst's own back after."""

from __future__ import annotations

import ast
import dataclasses
import os
import tokenize

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, given, settings

from sva.measure.cstparse import parse_cst, plain_init
from tests.measure.packages import package_sample


def same_tree(a: object, b: object) -> bool:
    """``a`` and ``b`` equal field by field, the type of every node and sequence included
    (stricter than ``deep_equals``, which takes a list and a tuple of equal items as equal)."""
    stack = [(a, b)]
    while stack:
        x, y = stack.pop()
        if type(x) is not type(y):
            return False
        if isinstance(x, cst.CSTNode):
            stack.extend((getattr(x, f.name), getattr(y, f.name)) for f in dataclasses.fields(x))
        elif isinstance(x, (list, tuple)):
            if len(x) != len(y):
                return False
            stack.extend(zip(x, y))
        elif x != y:
            return False
    return True

#: Sources where libcst's validators have something to check: operators that need whitespace
#: (``not``, ``and``, ``in``, ``lambda``), parentheses, f-strings, decorators, star targets...
TRICKY = [
    "", "\n", "x = 1\n", "if not(x)and(y)or[z]:pass\n", "y = (a)if(b)else(c)\n",
    "z = [i for(i)in(x)if(i)]\n", "f = lambda:0\nf = lambda*a,**k:(a,k)\n", "s = f'{x!r:>{w}}' f\"{y=}\"\n",
    "@d\n@e.f(g)\nasync def h(a, /, b=1, *c, d: int = 2, **e) -> 'T':\n    await x\n    return (yield)\n",
    "class A(B, metaclass=M):\n    '''doc'''\n    x: int = 1\n",
    "try:\n    pass\nexcept* (A, B) as e:\n    raise\n",
    "match p:\n    case {'k': [1, *r]} | Point(x=0) if r:\n        pass\n    case _:\n        pass\n",
    "x = ((((1))))\nwith (open(a) as b, c):\n    del b[1:2, ::3]\n", "global g\nx = a if b else c  # c\n",
    "a = b = c = not-+~x**-y\n", "print(*a, **b, sep='')\nassert x, y\n", "x = 1; y = 2;\n",
    "if x:\n  pass\nelif y:\n\tpass\nelse:  \n    pass\n",
]


@pytest.mark.parametrize("source", TRICKY)
def test_the_unvalidated_parse_gives_libcsts_tree(source):
    got = parse_cst(source)
    assert same_tree(got, cst.parse_module(source))
    assert got.code == source


def test_same_tree_tells_a_list_from_a_tuple_and_a_changed_field():
    tree = cst.parse_module("f(a, b)\n")
    call = tree.body[0].body[0].value
    as_list = tree.deep_replace(call, call.with_changes(args=list(call.args)))
    assert tree.deep_equals(as_list) and not same_tree(tree, as_list)
    assert not same_tree(tree, cst.parse_module("f(a, c)\n"))
    assert same_tree(tree, cst.parse_module("f(a, b)\n"))


@pytest.mark.parametrize("path", package_sample("deap", 8) + package_sample("hypothesis", 8),
                         ids=lambda p: os.path.basename(p))
def test_the_parse_gives_libcsts_tree_on_installed_packages(path):
    with tokenize.open(path) as handle:
        source = handle.read()
    assert same_tree(parse_cst(source), cst.parse_module(source))


def test_libcsts_own_init_is_back_after_a_parse_and_after_a_failed_one():
    own = cst.Name.__init__
    assert own.__qualname__ == "Name.__init__"  # the dataclass's (a plain one is "__init__")
    parse_cst("x = 1\n")
    assert cst.Name.__init__ is own
    with pytest.raises(cst.ParserSyntaxError):
        parse_cst("x = (\n")
    assert cst.Name.__init__ is own and cst.Comma.__init__ is not plain_init


@pytest.mark.parametrize("node", [cst.Name("x"), cst.Comma(), cst.Call(cst.Name("f")),
                                  cst.Subscript(cst.Name("a"), [cst.SubscriptElement(cst.Index(cst.Name("i")))])])
def test_a_plain_init_builds_what_libcsts_builds_with_defaults_and_factories(node):
    """Rebuilt with only the fields that have no default: the defaults and the default
    factories (``Comma``'s whitespace, ``Subscript``'s brackets) give the same node."""
    node_class = type(node)
    required = {f.name: getattr(node, f.name) for f in dataclasses.fields(node_class)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    rebuilt = object.__new__(node_class)
    plain_init(node_class)(rebuilt, **required)
    assert same_tree(rebuilt, node)
    assert same_tree(rebuilt, node_class(**required))


def test_validation_is_back_on_after_a_parse_and_after_a_failed_one():
    parse_cst("x = 1\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("")  # libcst rejects an empty name when validation is on
    with pytest.raises(cst.ParserSyntaxError):
        parse_cst("x = (\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("")


@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # the compiler's hints on generated code
@settings(deadline=None, max_examples=40, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_the_unvalidated_parse_gives_libcsts_tree_on_generated_programs(source):
    try:
        ast.parse(source)
        expected = cst.parse_module(source)
    except (SyntaxError, ValueError):  # CSTValidationError and ParserSyntaxError included
        return
    got = parse_cst(source)
    assert same_tree(got, expected)
    assert got.code == expected.code  # not always the source: libcst drops a line of 'A\n\n '


def test_prepare_parse_compiles_the_plain_inits_before_the_first_parse(monkeypatch):
    """What a forked worker inherits: after :func:`prepare_parse`, a parse compiles nothing."""
    from sva.measure import cstparse

    monkeypatch.setattr(cstparse, "_plain", {})
    monkeypatch.setattr(cstparse, "_own", {})
    cstparse.prepare_parse()

    def no_compiling(node_class):
        raise AssertionError(f"compiled {node_class.__name__}.__init__ during the parse")

    monkeypatch.setattr(cstparse, "plain_init", no_compiling)
    source = "def f(a, *, b=[1, 2]):\n    return {a: b}\n"
    assert same_tree(parse_cst(source), cst.parse_module(source))
