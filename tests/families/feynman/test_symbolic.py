"""SRBench's symbolic-solution rule as :mod:`sva.families.feynman.symbolic` reproduces it, on cases
whose verdict SRBench's own code gives (each case names where it comes from), the protected
square root of a negative number, and the trusted / accuracy outcomes of the judge."""

from __future__ import annotations

import pytest
import sympy

from sva.families import get_spec
from sva.families.feynman.judge import trusted
from sva.families.feynman.specs import equation_of
from sva.families.feynman.symbolic import is_equal, is_symbolic_solution, round_floats, srbench_symbolic, to_sympy

SEIR = {name: sympy.Symbol(name) for name in ("x_S", "x_E", "x_I", "x_R", "x_rzero", "x_gamma", "x_sigma", "x_c",
                                              "x_N")}
SEIR_TRUTH = {
    "dS": "-x_gamma*x_rzero*x_S*x_I/x_N",
    "dE": "x_gamma*x_rzero*x_S*x_I/x_N - x_sigma*x_E",
    "dI": "x_sigma*x_E-x_gamma*x_I+x_c*x_R*x_I/x_N",
    "dR": "x_gamma*x_I-x_c*x_R*x_I/x_N",
}

#: (true formula, model, the ground-truth rule's verdict, where the case comes from). The SEIR
#: models are those of cavalab/srbench experiment/metrics/test_evaluation.py, every one asserted
#: "equivalent" by SRBench's 2022 evaluation (metrics/evaluation.py), which simplifies the ratio
#: before asking whether it is constant. The ground-truth rule reproduced here (2021:
#: assess_symbolic_model.py, collate_groundtruth_results.py) asks sympy's ``is_constant()`` of the
#: unsimplified ratio, which for a scaled *sum* answers None with sympy 1.14, recorded as False:
#: those four cases are where the two SRBench rules part, and the ground-truth one says no. The
#: other rejections follow from the 2021 rule (a model that simplifies to 0 is excluded; a
#: coefficient off by more than rounding leaves neither difference nor ratio constant).
SRBENCH_CASES = [
    ("dE", "x_E*(-x_sigma) + x_gamma*x_S*x_I/(x_N/x_rzero)", True, "test_evaluation.py: test_seir_true"),
    ("dE", "(-x_E*x_sigma**2 + x_gamma*x_sigma*x_rzero*x_S*x_I/x_N)/x_sigma", True,
     "test_evaluation.py: test_seir_true"),
    ("dS", "-x_gamma*x_rzero*x_S*x_I/x_N+1.80", True, "test_evaluation.py: test_seir_true_offset"),
    ("dE", "x_gamma*x_rzero*x_S*x_I/x_N - x_sigma*x_E - 3.12", True, "test_evaluation.py: test_seir_true_offset"),
    ("dI", "x_sigma*x_E-x_gamma*x_I+x_c*x_R*x_I/x_N + 678.0", True, "test_evaluation.py: test_seir_true_offset"),
    ("dR", "x_gamma*x_I-x_c*x_R*x_I/x_N-0.043", True, "test_evaluation.py: test_seir_true_offset"),
    ("dS", "-x_gamma*x_rzero*x_S*x_I/x_N*1.80", True, "test_evaluation.py: test_seir_true_scale"),
    ("dE", "(x_gamma*x_rzero*x_S*x_I/x_N - x_sigma*x_E) * 3.12", False, "test_evaluation.py (2022: yes; 2021 rule: no): test_seir_true_scale"),
    ("dI", "(x_sigma*x_E-x_gamma*x_I+x_c*x_R*x_I/x_N)/678.0", False, "test_evaluation.py (2022: yes; 2021 rule: no): test_seir_true_scale"),
    ("dR", "(x_gamma*x_I-x_c*x_R*x_I/x_N)*0.043", False, "test_evaluation.py (2022: yes; 2021 rule: no): test_seir_true_scale"),
    ("dE", "(x_gamma*x_rzero*x_S*x_I/x_N*1.0003 - x_sigma*x_E*0.9999)", True,
     "test_evaluation.py: test_seir_true_round"),
    ("dI", "x_sigma*x_E*0.9999-x_gamma*x_I+x_c*x_R*x_I/x_N*1.0001", True, "test_evaluation.py: test_seir_true_round"),
    ("dR", "(x_gamma*x_I*1.0004-x_c*x_R*x_I/x_N)*0.043", False, "test_evaluation.py (2022: yes; 2021 rule: no): test_seir_true_round"),
    ("dE", "x_gamma*x_rzero*x_S*x_I/x_N - 1.1*x_sigma*x_E", False,
     "assess_symbolic_model.py: one term scaled by 1.1, so neither the difference nor the ratio is constant"),
    ("dI", "x_sigma*x_E-x_gamma*x_I", False, "assess_symbolic_model.py: a term missing"),
    ("dR", "x_gamma*x_I - x_gamma*x_I", False, "collate_groundtruth_results.py: the model simplifies to 0"),
]


@pytest.mark.parametrize("name, model, verdict, source", SRBENCH_CASES)
def test_srbench_s_own_cases_get_srbench_s_verdict(name, model, verdict, source):
    # test data of our own (SRBench's strings), parsed by sympy here; an artifact's text never is
    truth = round_floats(sympy.parse_expr(SEIR_TRUTH[name], local_dict=SEIR))
    assert srbench_symbolic(truth, sympy.parse_expr(model, local_dict=SEIR)) is verdict, source


def test_rounding_is_srbench_s_three_decimals_at_three_significant_digits():
    x = sympy.Symbol("x")
    rounded = round_floats(1.02068 * x + 0.0552621 * x ** 2 + 0.00005 + sympy.Float("3.1415926535") * x ** 3)
    # the constant below 0.0001 is gone; each coefficient has three decimals and 3 significant digits
    assert {str(term): str(value) for term, value in rounded.as_coefficients_dict().items()} == {
        "x": "1.02", "x**2": "0.0550", "x**3": "3.14"}


def _tree(text):
    """A tree from infix test data: + - * / and names, numbers, pi, sqrt, sin (no artifact text)."""
    import ast

    def walk(node):
        if isinstance(node, ast.BinOp):
            kind = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div"}[type(node.op)]
            return [kind, walk(node.left), walk(node.right)]
        if isinstance(node, ast.UnaryOp):
            return ["neg", walk(node.operand)]
        if isinstance(node, ast.Constant):
            return ["const", float(node.value)]
        if isinstance(node, ast.Name):
            return ["pi"] if node.id == "pi" else ["var", node.id]
        return [node.func.id, walk(node.args[0])]
    return walk(ast.parse(text, mode="eval").body)


#: Search artifacts of the default run (seeds 0-4, `make run`), by spec and seed, with SRBench's
#: verdict under its rounding. I.29.4 seed 1 and II.3.24 seed 1 carry an offset that is exactly 0
#: once SRBench rounds (1.02 x 0.55 = 0.561); read with exact numbers it is 2e-6, which the
#: previous check (numbers as rationals) called "no".
DEFAULT_RUN = [
    ("feynman-I.29.4", "1.02068 * (0.55 - sin(sqrt(pi)) / (c / -omega)) - 0.561376", True),
    ("feynman-II.3.24", "-0.0552621 * (0.55 - (-1.44 / r) / (r / -Pwr)) + 0.0303942", True),
    ("feynman-II.3.24", "0.0795775 * (-(Pwr / r) / -r)", True),
    ("feynman-II.8.31", "0.159155 * ((epsilon * Ef) * (Ef * pi))", True),
    ("feynman-I.29.4", "omega / 5.5", False),
]


@pytest.mark.parametrize("name, text, verdict", DEFAULT_RUN)
def test_the_default_run_s_formulas_get_srbench_s_verdict(name, text, verdict):
    assert is_symbolic_solution(equation_of(get_spec(name)), _tree(text), 0.0, 0.0, r2=0.9999) is verdict


def test_the_r2_gate_and_the_screen_say_no_before_sympy():
    equation = equation_of(get_spec("feynman-I.29.4"))
    exact = _tree("omega / c")
    assert is_symbolic_solution(equation, exact, 0.0, 0.0, r2=0.4) is False  # SRBench checks only R^2 > 0.5
    assert is_symbolic_solution(equation, exact, 0.0, 0.0, r2=None) is False
    assert is_symbolic_solution(equation, None, 0.5, 0.7) is False  # no tree needed: the screen decides


def test_a_protected_square_root_of_a_negative_number_is_real():
    # math.sqrt(abs(-0.25)) reads as ["sqrt", ["neg", 0.25]]: the square root of its magnitude, 1/2
    half = ["sqrt", ["neg", ["const", 0.25]]]
    assert to_sympy(half, {}) == sympy.Rational(1, 2)
    assert to_sympy(half, {}, floats=True) == sympy.Float(0.5)
    assert to_sympy(["log", ["neg", ["const", 1.0]]], {}) == 0
    equation = equation_of(get_spec("feynman-I.29.4"))
    tree = ["mul", ["mul", ["const", 2.0], half], ["div", ["var", "omega"], ["var", "c"]]]
    assert is_equal(equation, tree, 0.0) is True
    assert is_symbolic_solution(equation, tree, 0.0, 0.0) is True


def _points(passed, cases):
    return {"passed": passed, "cases": cases}


@pytest.mark.parametrize("held, shift, symbolic, verified, expected", [
    ((1000, 1000), (200, 200), True, False, True),     # a fitted scale, every point within tolerance
    ((1000, 1000), (200, 200), False, True, True),     # exact though SRBench's unsigned symbols miss it
    ((1000, 1000), (199, 200), True, True, False),     # one shifted point off
    ((999, 1000), (200, 200), True, False, False),     # one held-out point off
    ((1000, 1000), (200, 200), False, False, False),   # a fit that holds there, not the formula
    ((1000, 1000), (200, 200), None, None, None),      # undecided: too large to simplify
    ((1000, 1000), (0, 0), True, True, False),         # nothing beyond the box checked: not trusted
])
def test_trusted_is_every_point_within_tolerance_and_the_formula_s_form(held, shift, symbolic, verified, expected):
    assert trusted(_points(*held), _points(*shift), symbolic, verified) is expected
