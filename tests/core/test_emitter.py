"""The shared emitter: how each primitive is written, and faithful round trips."""

from __future__ import annotations

import ast

import libcst as cst
import pytest
from hypothesis import given, settings, strategies as st

from sva.core.emitter import emit_program, emit_tests, render_expression
from sva.families.boolean.primitives import PRIMITIVES
from sva.core.program import (Apply, Bind, Call, Constant, Contract, Function, Name, Program,
                                       Return, TupleOf)

a, b, c = Name("a"), Name("b"), Name("c")


@pytest.mark.parametrize("expr, text", [
    (Apply("AND", (a, b)), "a and b"),
    (Apply("OR", (a, b)), "a or b"),
    (Apply("NOT", (a,)), "not a"),
    (Apply("XOR", (a, b)), "a ^ b"),
    (Apply("IF", (a, b, c)), "b if a else c"),
    (Apply("AND", (Apply("AND", (a, b)), c)), "a and b and c"),
    (Apply("AND", (a, Apply("AND", (b, c)))), "a and (b and c)"),
    (Apply("OR", (Apply("AND", (a, b)), c)), "(a and b) or c"),
    (Apply("NOT", (Apply("XOR", (a, b)),)), "not (a ^ b)"),
    (Apply("XOR", (Apply("NOT", (a,)), b)), "(not a) ^ b"),
    (Apply("IF", (Apply("NOT", (a,)), b, Apply("IF", (c, a, b)))), "b if (not a) else (a if c else b)"),
    (Call("helper", (Apply("OR", (a, b)), c)), "helper(a or b, c)"),
    (TupleOf((a, Apply("NOT", (b,)))), "(a, not b)"),
    (Constant(False), "False"),
])
def test_each_primitive_is_written_one_way(expr, text):
    assert render_expression(expr, PRIMITIVES) == text


def test_unknown_primitive_and_wrong_arity_are_refused():
    with pytest.raises(ValueError, match="no rendering for primitive 'NAND'"):
        render_expression(Apply("NAND", (a, b)), PRIMITIVES)
    with pytest.raises(ValueError, match="NOT takes 1 arguments, got 2"):
        render_expression(Apply("NOT", (a, b)), PRIMITIVES)


def _expressions():
    leaves = st.sampled_from([Name("x0"), Name("x1"), Name("x2")])

    def extend(children):
        return st.one_of(
            st.tuples(st.sampled_from(["AND", "OR", "XOR"]), children, children).map(
                lambda t: Apply(t[0], (t[1], t[2]))),
            children.map(lambda child: Apply("NOT", (child,))),
            st.tuples(children, children, children).map(lambda t: Apply("IF", t)),
        )

    return st.recursive(leaves, extend, max_leaves=30)


def _from_ast(node: ast.AST):
    """Read an emitted expression back into the IR, statically (nothing is executed)."""
    if isinstance(node, ast.Name):
        return Name(node.id)
    if isinstance(node, ast.BoolOp):
        primitive = "AND" if isinstance(node.op, ast.And) else "OR"
        result = _from_ast(node.values[0])
        for value in node.values[1:]:
            result = Apply(primitive, (result, _from_ast(value)))
        return result
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return Apply("NOT", (_from_ast(node.operand),))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitXor):
        return Apply("XOR", (_from_ast(node.left), _from_ast(node.right)))
    if isinstance(node, ast.IfExp):
        return Apply("IF", (_from_ast(node.test), _from_ast(node.body), _from_ast(node.orelse)))
    raise AssertionError(f"unexpected node {ast.dump(node)}")


@settings(max_examples=300, deadline=None)
@given(_expressions())
def test_python_parses_the_emitted_text_back_into_the_same_tree(expr):
    text = render_expression(expr, PRIMITIVES)
    assert _from_ast(ast.parse(text, mode="eval").body) == expr


@settings(max_examples=100, deadline=None)
@given(_expressions(), st.booleans())
def test_emitted_modules_round_trip_through_libcst_unchanged(expr, with_story):
    program = Program("A module.", (
        Function("helper", ("x0", "x1", "x2"), (Bind("part", expr), Return(Name("part"))),
                 story="A story." if with_story else None),
        Function("entry", ("x0", "x1", "x2"), (Return(TupleOf((Call("helper", (Name("x2"), Name("x1"), Name("x0"))),
                                                               expr))),)),
    ), "entry")
    source = emit_program(program, PRIMITIVES)
    assert cst.parse_module(source).code == source
    assert compile(source, "<emitted>", "exec")  # valid Python; compiled, never run


def test_a_small_program_is_emitted_exactly():
    program = Program("Demo.", (
        Function("odd_ones_2", ("b0", "b1"), (Return(Apply("XOR", (Name("b0"), Name("b1")))),),
                 story="True when exactly one bit is set."),
        Function("parity_2", ("x0", "x1"), (Return(Apply("NOT", (Call("odd_ones_2", (Name("x0"), Name("x1"))),))),)),
    ), "parity_2")
    assert emit_program(program, PRIMITIVES) == (
        '"""Demo."""\n\n\n'
        'def odd_ones_2(b0, b1):\n'
        '    """True when exactly one bit is set."""\n'
        '    return b0 ^ b1\n\n\n'
        'def parity_2(x0, x1):\n'
        '    return not odd_ones_2(x0, x1)\n'
    )


def test_entry_must_come_last():
    program = Program("Demo.", (Function("entry", ("a",), (Return(a),)), Function("other", ("a",), (Return(a),))),
                      "entry")
    with pytest.raises(ValueError, match="must be the program's last function"):
        emit_program(program, PRIMITIVES)


def test_tests_module_has_one_property_test_per_contract():
    program = Program("Demo.", (
        Function("same", ("a", "b"), (Return(Apply("IF", (a, b, Apply("NOT", (b,))))),),
                 contract=Contract("a == b", "the bits are equal")),
        Function("entry", ("a", "b"), (Return(Call("same", (a, b))),)),
    ), "entry")
    tests = emit_tests(program, "seed-3.py", {"a": "st.booleans()", "b": "st.booleans()"})
    tree = ast.parse(tests)
    names = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert names == ["_load_artifact", "test_same"]
    assert "with_name('seed-3.py')" in tests
    assert "assert artifact.same(a, b) == (a == b)" in tests
