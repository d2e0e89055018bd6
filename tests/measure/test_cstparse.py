"""libcst's parse without per-node validation: the same tree, and validation back on after."""

from __future__ import annotations

import ast

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, given, settings

from sva.measure.cstparse import parse_cst

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
    assert got.deep_equals(cst.parse_module(source))
    assert got.code == source


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
    assert got.deep_equals(expected)
    assert got.code == expected.code  # not always the source: libcst drops a line of 'A\n\n '
