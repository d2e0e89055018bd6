"""Fuzzing the analyzer with hypothesmith: any valid program gets metrics or a one-line reason.

Programs come from Python's grammar (``from_grammar``) and from libcst's node types
(``from_node``). Nothing generated is executed: the analyzer only parses it. The number of
examples is small by default (``make test``); ``make fuzz`` loads the ``fuzz`` profile
(``SVA_HYPOTHESIS_PROFILE=fuzz``, tests/conftest.py) for a larger search. Deep input gets a
plain test per shape, at sizes just past each limit measured in docs/metrics.md. A metamorphic
property closes the file: renaming every identifier a generated program binds or reads
(:func:`rename_identifiers`) changes no metric that depends only on structure.
"""

from __future__ import annotations

import ast
import builtins
import itertools
import keyword
import math
import os
import re
import unicodedata

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, assume, event, example, given, settings

from sva.errors import InputError
from sva.measure.analysis import MAX_SYNTAX_DEPTH, Analysis, analyze_source, syntax_depth
from sva.measure.batch import Analyzed, Failed, analyze_paths

#: hypothesmith compiles each program it draws to check it, and the compiler's hints about the
#: generated code ("'str' object is not callable; perhaps you missed a comma?") are its noise
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")

#: ``make fuzz`` multiplies every example count (and draws fresh examples: profile ``fuzz``).
SCALE = 40 if os.environ.get("SVA_HYPOTHESIS_PROFILE") == "fuzz" else 1


def fuzz(examples: int) -> settings:
    return settings(deadline=None, max_examples=examples * SCALE,
                    suppress_health_check=list(HealthCheck))


def _outcome(source: str) -> Analysis | str:
    """The analysis, or the one-line reason; anything else raised fails the test."""
    try:
        return analyze_source(source)
    except InputError as error:
        reason = str(error)
        assert reason and "\n" not in reason
        return reason


@fuzz(60)
@given(hypothesmith.from_grammar())
@example("x = " + " and ".join(["a"] * 8000) + "\n")  # crashed libcst's parser (SIGSEGV)
def test_programs_from_the_grammar_get_metrics_or_one_line(source):
    outcome = _outcome(source)
    if isinstance(outcome, Analysis):
        assert outcome.metrics["audit_length"] >= 0
        assert 0.0 <= outcome.metrics["decomposability"] < 1.0


@fuzz(30)
@given(hypothesmith.from_node())
@pytest.mark.slow
def test_programs_from_libcst_nodes_get_metrics_or_one_line(source):
    outcome = _outcome(source)
    if isinstance(outcome, Analysis):
        assert outcome.metrics["units"] >= 0
        assert 0.0 <= outcome.metrics["decomposability"] < 1.0


@fuzz(3)
@given(hypothesmith.from_grammar())
def test_generated_programs_through_the_worker_processes(tmp_path_factory, source):
    """The batch path: the worker never crashes, every outcome is Analyzed or a one-line Failed."""
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "generated.py"
    path.write_text(source, encoding="utf-8")
    (outcome,) = analyze_paths([str(path)], jobs=1, timeout=120)
    assert isinstance(outcome, (Analyzed, Failed))
    if isinstance(outcome, Failed):
        assert "crashed" not in outcome.reason and "internal error" not in outcome.reason
        assert "\n" not in outcome.reason


def test_syntax_depth_counts_boolean_chains_as_libcst_nests_them():
    assert syntax_depth(ast.parse("x = a and b and c")) == 6
    assert syntax_depth(ast.parse("x = a + b + c")) == 6


#: name -> source just beyond a limit, and the reason fragment expected (docs/metrics.md)
BEYOND = {
    "or-chain": ("x = " + " or ".join(["a"] * 8000) + "\n", "levels deep"),
    "bitor-chain": ("x = " + " | ".join(["a"] * (MAX_SYNTAX_DEPTH + 10)) + "\n", "levels deep"),
    "parentheses-201": ("x = " + "(" * 201 + "1" + ")" * 201 + "\n", "too many nested parentheses"),
    "if-100": ("".join("    " * i + f"if x{i}:\n" for i in range(100)) + "    " * 100 + "pass\n",
               "too many levels of indentation"),
    "not-10000": ("x = " + "not " * 10_000 + "y\n", "cannot parse"),
}


@pytest.mark.parametrize("name", sorted(BEYOND))
def test_input_beyond_a_limit_is_one_clear_reason(name):
    source, fragment = BEYOND[name]
    with pytest.raises(InputError, match=fragment):
        analyze_source(source)


# --- Renaming every identifier the program binds or reads changes no structural metric ---------

#: Spellings never renamed: Python's builtins (``True``/``None`` are libcst Names, ``len`` may be
#: read without being bound) and hard keywords; ``_`` is the wildcard of ``case _:`` (a capture
#: name there makes later cases unreachable, a SyntaxError).
_NEVER = frozenset(dir(builtins)) | frozenset(keyword.kwlist) | {"_"}


def _spelling(name: str) -> str:
    """The identifier Python sees: ``ast`` and the interpreter NFKC-normalize (``ﬁ`` is ``fi``)."""
    return unicodedata.normalize("NFKC", name)


class _Spellings(cst.CSTVisitor):
    """Every identifier spelling in a module, and those spelled where renaming is not ours to do."""

    def __init__(self) -> None:
        self.all: list[str] = []  # in order of first appearance
        self.fixed: set[str] = set()

    def _fix(self, node: cst.CSTNode | None) -> None:
        if node is not None:
            self.fixed.update(_spelling(n.value) for n in _names_in(node))

    def visit_Name(self, node: cst.Name) -> None:
        self.all.append(_spelling(node.value))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._fix(node.attr)

    def visit_Arg(self, node: cst.Arg) -> None:
        self._fix(node.keyword)

    def visit_MatchKeywordElement(self, node: cst.MatchKeywordElement) -> None:
        self._fix(node.key)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._fix(node.module)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        self._fix(node.name)  # a module path, or the imported module's member


def _names_in(node: cst.CSTNode) -> list[cst.Name]:
    found: list[cst.Name] = []

    class Collect(cst.CSTVisitor):
        def visit_Name(self, name: cst.Name) -> None:
            found.append(name)

    node.visit(Collect())
    return found


def renaming(module: cst.Module) -> dict[str, str]:
    """The bijection that renames every identifier ``module`` binds or reads, old -> new spelling.

    Renamed: each libcst ``Name`` in a binding or load position (variables, functions, classes,
    parameters, ``as`` names of imports, ``except``/``with`` targets, pattern captures, names in
    ``global``/``nonlocal``/``del``, names inside f-strings), by one bijection on spellings
    (NFKC-normalized, numbered by first appearance) to ``n0, n1, ...`` skipping every spelling
    the module already has, so no new name collides with an old one.

    Not renamed, with every other occurrence of the same spelling:

    * a name after a dot, a keyword argument's name (``f(a=1)``), a class pattern's keyword
      (``case C(a=1)``) and an import's module path or imported member (``import os``,
      ``from m import x``): they name things outside the module's own bindings (a member, a
      parameter of the callee, a module), so renaming the occurrence alone would change what the
      program means; and since ``self.m`` reaches the method ``m`` (the unit graph links them),
      a spelling that also appears in any of these places keeps its name everywhere;
    * builtins, hard keywords (``None`` is a libcst Name), ``_`` (the match wildcard) and
      ``__dunder__`` names, whose meaning comes from Python rather than the module;
    * string contents (string annotations, ``__all__`` entries): text, not code.

    ``global``, ``nonlocal``, ``del`` and star-imports need no exclusion: the renaming is by
    spelling, so a declared name and its uses are renamed alike, and a name a star-import may
    supply stays unbound to the analyzer either way.
    """
    seen = _Spellings()
    module.visit(seen)
    keep = seen.fixed | _NEVER
    existing = set(seen.all) | seen.fixed
    fresh = (f"n{i}" for i in itertools.count() if f"n{i}" not in existing)
    mapping: dict[str, str] = {}
    for name in seen.all:
        dunder = name.startswith("__") and name.endswith("__")
        if name not in keep and not dunder and name not in mapping:
            mapping[name] = next(fresh)
    return mapping


def rename_identifiers(source: str) -> tuple[str, dict[str, str]]:
    """``source`` with :func:`renaming` applied, and the mapping used.

    Each renamed ``Name`` is replaced in the original text at the position libcst reports, so
    everything else (layout, comments, docstrings, line count) is byte for byte the same.
    Printing libcst's tree back (``Module.code``) would not do: libcst 1.9.0 drops trailing
    indented comment lines of a file without a final newline (``"x\\n #\\n #"`` prints as
    ``"x\\n #"``), which changes radon's line counts.
    """
    wrapper = cst.metadata.MetadataWrapper(cst.parse_module(source))
    mapping = renaming(wrapper.module)
    positions = wrapper.resolve(cst.metadata.PositionProvider)
    lines = re.split(r"(?<=\r\n)|(?<=\r)(?!\n)|(?<=\n)", source)  # libcst's line breaks
    edits = sorted(((positions[node].start.line, positions[node].start.column, node.value) for node in _names_in(wrapper.module)
                    if _spelling(node.value) in mapping), reverse=True)
    for line, column, old in edits:
        text = lines[line - 1]
        assert text[column:column + len(old)] == old, (line, column, old)
        lines[line - 1] = text[:column] + mapping[_spelling(old)] + text[column + len(old):]
    return "".join(lines), mapping


def test_renamer_renames_bindings_and_loads_and_keeps_members_builtins_and_dunders():
    source = (
        "import os\n"
        "import json as j\n"
        "from m import x as y, z\n"
        "n0 = 1  # taken: fresh names skip it\n"
        "def f(a, b=2, *rest, **kw):\n"
        '    """Doc names a and f."""\n'
        "    total = len(rest) + a + n0\n"
        "    return g(total, key=b).key + os.sep + j.dumps(y) + z + __name__ + f'{total}'\n"
        "class C:\n"
        "    def key(self):\n"
        "        return self.key\n"
        "    def other(self, q):\n"
        "        global G\n"
        "        G = q\n"
        "        return [_ for _ in q]\n"
    )
    expected = (
        "import os\n"
        "import json as n1\n"
        "from m import x as n2, z\n"
        "n3 = 1  # taken: fresh names skip it\n"
        "def n4(n5, n6=2, *n7, **n8):\n"
        '    """Doc names a and f."""\n'
        "    n9 = len(n7) + n5 + n3\n"
        "    return n10(n9, key=n6).key + os.sep + n1.dumps(n2) + z + __name__ + f'{n9}'\n"
        "class n11:\n"
        "    def key(n12):\n"
        "        return n12.key\n"
        "    def n13(n12, n14):\n"
        "        global n15\n"
        "        n15 = n14\n"
        "        return [_ for _ in n14]\n"
    )
    renamed, mapping = rename_identifiers(source)
    assert renamed == expected
    assert mapping["f"] == "n4" and "key" not in mapping and "os" not in mapping


#: Every metric ``analyze_source`` reports (see :func:`_assert_renaming_changes_no_structural_metric`)
STRUCTURAL = ("units", "effective_parts", "decomposability", "largest_chunk", "largest_chunk_share",
              "abstraction_depth", "propagation_cost", "max_nesting", "audit_length", "inline_length",
              "explanation_length", "cyclomatic_complexity", "interpretability_phi", "description_bits")
#: ... but these, compared only where spelling cannot matter (radon's tokenizer, radon's operands)
COUNTED_LINES = ("sloc",)
SPELLING_SENSITIVE = ("halstead_volume", "maintainability_index")


def _string_constants(source: str) -> set[str]:
    return {node.value for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def test_halstead_volume_depends_on_spelling_when_a_name_is_spelled_like_a_string():
    source = 'def f(x):\n    return x + "x"\n'
    renamed, _ = rename_identifiers(source)
    assert renamed == 'def n0(n1):\n    return n1 + "x"\n'
    # radon: one distinct operand ("x" twice), then two (n1 and "x"): volume 3 log2 2, 3 log2 3
    assert analyze_source(source).metrics["halstead_volume"] == 3.0
    assert analyze_source(renamed).metrics["halstead_volume"] == pytest.approx(3 * math.log2(3))


def _shape(analysis: Analysis) -> list[tuple]:
    """The per-function rows and the unit graph without names."""
    rows = [(r.lineno, r.cyclomatic_complexity, r.size) for r in analysis.functions]
    units = [(u.kind, u.depth, u.size, u.story_tokens, u.references, u.reference_counts)
             for u in analysis.graph.units]
    return rows + units


def _assert_renaming_changes_no_structural_metric(source: str) -> None:
    """Measure ``source`` and its renaming: every metric, the unit graph and the function rows agree.

    Why each is independent of spelling: units, scopes and references follow a bijection (and
    ``self.m`` spellings are never renamed); sizes, and so ``audit_length``, ``inline_length``
    and ``explanation_length``, count one token per libcst node, and a name is one node however
    it is spelled; the entry is chosen by position; radon's complexity counts branches; the
    text changes only inside names, so ``sloc`` and every line count stay; phi counts formula
    nodes; ``description_bits`` compresses the source with every identifier already renamed by
    first appearance, and the renaming keeps every spelling that normalization renames outside
    names (attributes, keywords, import paths) as it is, so the normalized text is identical.
    Halstead's distinct operands are the exception: radon identifies the name ``x``, the
    attribute ``.x`` and the string ``"x"`` as one operand, so renaming a name spelled like a
    string constant of the program splits one operand into two; ``halstead_volume`` and the
    maintainability index built on it are compared only when no renamed name is. And ``sloc``
    and the index are null when radon's tokenizer rejects the file, which Python 3.11's
    ``tokenize`` does for some identifier characters (``A\\u0a3c``, a combining mark, is an
    ERRORTOKEN) that a renaming to ASCII removes: they are compared when the original was counted.
    """
    before = _outcome(source)
    assume(isinstance(before, Analysis))  # only programs the analyzer measures
    renamed, mapping = rename_identifiers(source)
    event("names renamed: " + ("0" if not mapping else "1-2" if len(mapping) < 3 else "3+"))
    after = analyze_source(renamed)  # a refusal here is a bug in the renamer
    compared = list(STRUCTURAL)
    if before.metrics["sloc"] is not None:
        compared += COUNTED_LINES
        if not set(mapping) & _string_constants(source):
            compared += SPELLING_SENSITIVE
    elif not set(mapping) & _string_constants(source):
        compared.append("halstead_volume")
    for name in compared:
        assert after.metrics[name] == before.metrics[name], (name, renamed)
    assert _shape(after) == _shape(before)


@fuzz(15)
@given(hypothesmith.from_grammar())
@example("importA\n\n\\\n\n ")  # printed back by libcst, it lost lines: sloc 2 became 1
@example("try:A\nexcept:A**A#\n #\n #")  # ... and the maintainability index changed
def test_renaming_every_identifier_changes_no_structural_metric(source):
    _assert_renaming_changes_no_structural_metric(source)


@fuzz(10)
@given(hypothesmith.from_node())
@example("class A: global A\u0a3c\n")  # radon's tokenizer rejects it (sloc null); renamed, not
def test_renaming_every_identifier_of_a_libcst_program_changes_no_structural_metric(source):
    _assert_renaming_changes_no_structural_metric(source)
