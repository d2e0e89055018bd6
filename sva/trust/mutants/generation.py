"""Mutants of a module for mutation analysis: small, plausible faults, generated statically.

A test suite (or an oracle check) is trusted as far as it notices deliberate mistakes. Each
operator below injects one kind of mistake a programmer (or a search) could make; a check that
still passes on a mutant did not pin that part of the code down. Nothing here runs the code:
a mutant is a byte splice of the original text, kept only if it compiles.

Operators, in the order they are tried on one node:

``swap_and_or``             ``and`` <-> ``or``: the wrong connective.
``swap_binary_operator``    ``+``<->``-``, ``*``->``/``, ``/``->``*``, ``//``->``/``, ``%``->``//``,
                            ``**``->``*``, ``&``<->``|``, ``^``->``|`` and ``&``, ``<<``<->``>>``,
                            ``@``->``*``; also the augmented forms (``+=`` -> ``-=``).
``swap_comparison``         ``==``<->``!=``, ``<``->``<=``, ``<=``->``<``, ``>``->``>=``, ``>=``->``>``,
                            ``in``<->``not in``, ``is``<->``is not``: off-by-one and inverted tests,
                            one operator of a chained comparison at a time.
``remove_unary``            ``not x``/``-x``/``~x``/``+x`` -> ``x``: a forgotten negation.
``change_constant``         ``n`` -> ``n+1``, ``n-1``; ``x`` -> ``x+1.0``; ``True``<->``False``;
                            ``"s"`` -> ``""``, ``""`` -> ``"x"`` (bytes alike). Not ``None``,
                            ``...``, docstrings or f-strings.
``replace_with_operand``    ``a op b`` -> ``a``, ``b`` (binary and boolean); ``a if c else b`` ->
                            ``a``, ``b``: a dropped sub-computation.
``replace_with_sibling``    in call positional arguments and tuple/list/set displays (2+
                            elements), element i -> a copy of element i+1 (the last: i-1): a
                            mixed-up argument.
``replace_with_constant``   a non-constant load (name, attribute, subscript, call, operation,
                            comparison, conditional expression) -> ``True`` and -> ``False``.
``negate_condition``        the test of ``if``/``elif``/``while`` -> ``not (c)``; of
                            ``a if c else b`` -> ``(not (c))``.
``delete_statement``        a simple statement (assignment, expression, ``return``, ``raise``,
                            ``assert``, ``del``) -> ``pass``: a missing step.

Never mutated: docstrings, annotations, decorators, class headers (bases and keywords),
parameters and their defaults (evaluated once, at ``def`` time), a call's callee itself (its
arguments and the object of ``obj.m(...)`` are), attribute names, keyword names, whatever is
bound (assignment, ``for``, ``with``, ``except``, walrus, comprehension and ``del`` targets, whole),
imports, ``global``/``nonlocal``, f-strings, ``match`` patterns and ``type`` aliases; a
module-level ``__all__`` (its strings are names, not behaviour); and any node on a line that
carries ``# pragma: no mutate`` (mutmut's convention), for code its author says not to mutate.

A replacement that is not atomic is parenthesized, and operands are parenthesized when a
swapped operator binds differently, so a mutant always means what its operator says. Mutants
that do not compile, or whose ``ast`` equals the original's or an earlier mutant's, are
dropped; the rest are numbered in source order of the mutated node (an enclosing node before
the nodes it contains), then in operator order. Worked example::

    def f(a, b):
        return a and not b

yields 13 mutants (line 2 throughout; column, operator, replaced text -> replacement):

    4  delete_statement       return a and not b -> pass
    11 swap_and_or            a and not b -> (a or not b)
    11 replace_with_operand   a and not b -> a
    11 replace_with_operand   a and not b -> (not b)
    11 replace_with_constant  a and not b -> True      (and -> False)
    11 replace_with_constant  a -> True                (and -> False)
    17 remove_unary           not b -> b
    17 replace_with_constant  not b -> True            (and -> False)
    21 replace_with_constant  b -> True                (and -> False)

Where each operator applies and how its text is rendered is :mod:`sva.trust.mutants.walk`;
this module checks each candidate splice (:class:`_Checker`, judged on the statement it lies
in) and numbers the mutants. A source that does not compile, or that libcst cannot parse, is an
:class:`~sva.errors.InputError` with one line (:func:`sva.errors.syntax_reason`).
"""

from __future__ import annotations

import ast
import warnings
from dataclasses import dataclass
from typing import Any, cast

import libcst as cst
from libcst.metadata import ByteSpanPositionProvider, CodeRange, CodeSpan, MetadataWrapper, PositionProvider

from sva.errors import InputError, one_line, syntax_reason
from sva.trust.mutants.walk import Candidate, Walk

__all__ = ["Mutant", "OPERATORS", "PRAGMA", "generate_mutants"]

OPERATORS: tuple[str, ...] = (
    "swap_and_or",
    "swap_binary_operator",
    "swap_comparison",
    "remove_unary",
    "change_constant",
    "replace_with_operand",
    "replace_with_sibling",
    "replace_with_constant",
    "negate_condition",
    "delete_statement",
)


@dataclass(frozen=True)
class Mutant:
    """One mutant: ``after`` spliced over bytes ``[start, end)`` of the original source."""

    index: int  #: position in the generated tuple, 0..n-1
    operator: str  #: one of :data:`OPERATORS`
    line: int  #: 1-based line of the mutated node's start
    column: int  #: 0-based column of the mutated node's start
    before: str  #: the replaced source text (the node without its own parentheses)
    after: str  #: the replacement text
    function: str | None  #: innermost enclosing def, dotted (``C.m.inner``); None outside defs
    binding: str | None  #: the name ``y`` of the ``y = e`` / ``y: T = e`` / ``y op= e`` mutated
    start: int  #: UTF-8 byte offset of the replaced region
    end: int  #: UTF-8 byte offset one past the replaced region

    def apply(self, source: str) -> str:
        """The mutated module text."""
        data = source.encode("utf-8")
        return (data[: self.start] + self.after.encode("utf-8") + data[self.end:]).decode("utf-8")


# --- checking splices, and the entry point -------------------------------------------------

def _compiles(text: str) -> bool:
    try:
        compile(text, "m.py", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, OverflowError, RecursionError, MemoryError):
        return False
    return True


def _dump(text: str) -> str | None:
    """``ast.dump`` of ``text``, or None if it does not parse."""
    try:
        return ast.dump(ast.parse(text, "m.py"))
    except (SyntaxError, ValueError, OverflowError, RecursionError, MemoryError):
        return None


class _Checker:
    """Is a splice valid Python, and what is its ``ast``, judged on the statement it lies in?

    Text outside the splice is unchanged, so a mutant is valid and new exactly when its
    innermost statement (a simple-statement line or a compound statement) parses and its
    ``ast`` differs from that statement's original ``ast``; reparsing only that statement keeps
    the cost linear in the module size. The statement is parsed from the start of its line,
    inside ``if 1:`` when indented. Compile-time (symbol table) errors cannot come from an
    expression splice; the one a deletion can cause (``nonlocal x`` losing the binding of
    ``x``) is caught by compiling the whole module when it has a ``nonlocal``. A statement
    whose text does not parse alone falls back to compiling the whole module.
    """

    def __init__(self, data: bytes, spans: Any, full_compile_deletions: bool) -> None:
        self.data, self.spans, self.full_compile_deletions = data, spans, full_compile_deletions
        # statement -> (first byte, last byte, header, original ast dump); last -1: whole module
        self.originals: dict[cst.CSTNode, tuple[int, int, bytes, str]] = {}
        self.seen: set[tuple[int, int, str]] = set()

    def statement(self, node: cst.CSTNode) -> tuple[int, int, bytes, str]:
        if node not in self.originals:
            span = self.spans[node]
            first, last = self.data.rfind(b"\n", 0, span.start) + 1, span.start + span.length
            indent = self.data[first:span.start]
            header = b"if 1:\n" if indent else b""
            local = None if indent.strip() else _dump((header + self.data[first:last] + b"\n").decode("utf-8"))
            if local is None:
                self.originals[node] = (0, -1, b"", _dump(self.data.decode("utf-8")) or "")
            else:
                self.originals[node] = (first, last, header, local)
        return self.originals[node]

    def accept(self, candidate: Candidate, start: int, end: int) -> bool:
        """Whether the splice is valid, new, and not an earlier mutant's twin (then remember it)."""
        first, last, header, original = self.statement(candidate.statement)
        after = candidate.after.encode("utf-8")
        whole = last < 0 or (self.full_compile_deletions and candidate.operator == "delete_statement")
        if whole and not _compiles((self.data[:start] + after + self.data[end:]).decode("utf-8")):
            return False
        if last < 0:
            tree = _dump((self.data[:start] + after + self.data[end:]).decode("utf-8"))
        else:
            tree = _dump((header + self.data[first:start] + after + self.data[end:last] + b"\n").decode("utf-8"))
        key = (first, last, tree or "")
        if tree is None or tree == original or key in self.seen:
            return False
        self.seen.add(key)
        return True


def generate_mutants(source: str) -> tuple[Mutant, ...]:
    """Every mutant of ``source`` (see the module docstring), deterministic and compile-checked.

    Raises :class:`InputError` with a one-line reason when ``source`` does not compile or libcst
    cannot parse it.
    """
    with warnings.catch_warnings():  # e.g. SyntaxWarning for ``x is 1``: the mutant is still kept
        warnings.simplefilter("ignore")
        return _generate(source)


def _check_source(source: str) -> None:
    """Python's own verdict: raise :class:`InputError` unless ``source`` compiles."""
    try:
        source.encode("utf-8")
        compile(source, "<source>", "exec", dont_inherit=True)
    except SyntaxError as error:
        raise InputError(syntax_reason(error)) from None
    except UnicodeError as error:
        raise InputError(f"source is not valid Unicode text: {one_line(error)}") from None
    except ValueError as error:
        raise InputError(f"cannot compile the source: {one_line(error)}") from None
    except (RecursionError, MemoryError):
        raise InputError("source is nested too deeply to compile") from None


#: The comment that keeps a line from being mutated (mutmut's convention).
PRAGMA = "pragma: no mutate"


def _pragma_lines(source: str) -> frozenset[int]:
    """The 1-based lines whose comment says ``# pragma: no mutate``."""
    import io
    import tokenize

    lines = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT and PRAGMA in token.string:
                lines.add(token.start[0])
    except (tokenize.TokenError, SyntaxError):  # the source compiled; a tokenizer quirk keeps every line
        return frozenset()
    return frozenset(lines)


def _generate(source: str) -> tuple[Mutant, ...]:
    _check_source(source)
    try:
        data = source.encode("utf-8")
        module = cst.parse_module(source)
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        metadata = wrapper.resolve_many((ByteSpanPositionProvider, PositionProvider))
        generator = Walk(module)
        candidates = generator.run()
    except cst.ParserSyntaxError as error:
        raise InputError(f"libcst cannot parse the source: {one_line(error)}") from None
    except (RecursionError, MemoryError):
        raise InputError("source is nested too deeply to mutate") from None
    spans, positions = metadata[ByteSpanPositionProvider], metadata[PositionProvider]
    checker = _Checker(data, spans, generator.has_nonlocal)
    excluded = _pragma_lines(source)
    mutants: list[Mutant] = []
    for candidate in candidates:
        if candidate.function is None and candidate.binding == "__all__":
            continue
        place = cast(CodeRange, positions[candidate.node])
        if excluded and any(line in excluded for line in range(place.start.line, place.end.line + 1)):
            continue
        span, where = cast(CodeSpan, spans[candidate.node]), place.start
        start, end = span.start, span.start + span.length
        if checker.accept(candidate, start, end):
            mutants.append(Mutant(len(mutants), candidate.operator, where.line, where.column,
                                  data[start:end].decode("utf-8"), candidate.after, candidate.function,
                                  candidate.binding, start, end))
    return tuple(mutants)
