"""radon's raw counts (``radon.raw.analyze``) in one pass: the same numbers, linear time.

radon 6 reads a module in *chunks*: starting from a line, it strips every line of surrounding
whitespace, joins lines with ``\\n`` and re-tokenizes the growing buffer from scratch until the
tokenizer stops complaining (no ``TokenError``, no ``ERRORTOKEN``). A statement of k lines is
therefore tokenized k times, k lines each: quadratic, which is why a 2,000-line test module of
long calls takes radon minutes. Each chunk then feeds its counts (comments, single-line comments
and docstrings, multi-line strings, blank lines, SLOC, logical lines).

Here the stripped lines are tokenized **once**, as one text. With every line stripped, no line
is indented, so the tokenizer's state at the start of each chunk is the fresh state radon's own
restart gives, and the chunk radon would settle on ends at the first line after which the
tokenizer is back in that state: a ``NEWLINE`` or ``NL`` token with no bracket open. (A buffer
that stops earlier leaves a bracket, a string or a backslash continuation open, which radon's
tokenizer rejects.) Each chunk's tokens, with radon's ``ENDMARKER`` appended, go through radon's
own per-chunk rules (``radon.raw._logical``, ``radon.raw.is_single_token``), so the counting
logic is radon's and only the tokenization is shared.

Where the one-pass reading could differ from radon's restarts, radon itself is called on the
whole text instead: any ``ERRORTOKEN`` or ``TokenError`` (radon then fails or takes an odd
chunk), a bracket count below zero, an ``INDENT``/``DEDENT``, or a multi-line chunk ending on an
empty line (radon's buffer would then end in a bare newline, which reads as end of input). Valid
code never meets these, so the fallback costs nothing in practice and keeps the values exact.

Python's ``tokenize`` is itself most of that pass's cost (about 4 us a token), and the counts
need much less than the tokens: so a first reading, :func:`_scan`, walks the stripped text with
one regular expression that tells apart only strings, comments, line ends, backslash
continuations, brackets and colons, and lumps every other run of names, numbers and operators
into one piece. Per chunk that is enough for radon's rules: a chunk is one comment when a
comment comes first; one string when its only piece is a string (multi-line when the string
spans lines); and, with no ``;`` (split on by radon's ``_logical``), it has 1 logical line
when its last colon (``:=`` is not one) ends it, 2 when anything follows that colon, 1 with
pieces and no colon, 0 without pieces. Anything the scan does not read (a ``;``, a character
no token starts with or that tokenize's names reject, an unclosed bracket or string) sends the
file to the tokenizer pass above. Over the 13,353 ``*.py`` files of the interpreter's standard
library and ``site-packages``, the scan read all but 94 and agreed with the tokenizer pass on
every one, at about a sixth of its time.

Worked example: ``x = f(1,\\n      2)  # two\\n\\n'''doc\\nstring'''\\n`` has chunks
``x = f(1, / 2)  # two`` (2 SLOC, 1 comment, 1 logical line), an empty line (1 blank) and a
multi-line string (2 multi, 1 logical line): loc 5, lloc 2, sloc 2, comments 1, multi 2, blank 1, single 0,
exactly ``radon.raw.analyze``'s ``Module(5, 2, 2, 1, 2, 1, 0)``.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass
from typing import Iterator

from radon.raw import Module, _logical, analyze, is_single_token

__all__ = ["raw_counts"]

_COMMENT, _STRING, _OP = tokenize.COMMENT, tokenize.STRING, tokenize.OP
_NEWLINE, _NL, _EM = tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER
_ERROR, _INDENT, _DEDENT = tokenize.ERRORTOKEN, tokenize.INDENT, tokenize.DEDENT
_ENDMARKER = tokenize.TokenInfo(_EM, "", (0, 0), (0, 0), "")
_OPEN, _CLOSE = frozenset("([{"), frozenset(")]}")


class _Delegate(Exception):
    """The one-pass reading is not known to match radon here: ask radon."""


class _Tokenize(Exception):
    """The scanner met something it does not read (a ``;``, a character outside any token):
    tokenize instead."""


def raw_counts(source: str) -> Module:
    """Exactly ``radon.raw.analyze(source)`` (same record, same ``SyntaxError`` when radon gives up)."""
    try:
        try:
            return _scan(source)
        except _Tokenize:
            return _one_pass(source)
    except _Delegate:
        return analyze(source)


#: One token of the stripped text, or a run of tokens that the counts need not tell apart: a
#: string (prefix and all, triple-quoted ones across lines), a comment, a line end, a backslash
#: continuation, a bracket, a colon (not the walrus), or a run of names, numbers and other
#: operators (``\w`` as tokenize's names: a character it rejects, such as a combining mark, is
#: left to it). ``;`` and characters outside Python's tokens match nothing: tokenize instead.
_SCAN = re.compile(
    r"[ \t]*(?:"
    r"(?P<string>(?:[rR][bBfF]?|[bBfF][rR]?|[uU])?"
    r"(?:'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''"
    r'|"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""'
    r"|'[^\n'\\]*(?:\\.[^\n'\\]*)*'"
    r'|"[^\n"\\]*(?:\\.[^\n"\\]*)*"))'
    r"|(?P<comment>#[^\n]*)"
    r"|(?P<newline>\n)"
    r"|(?P<continuation>\\\n)"
    r"|(?P<open>[(\[{])"
    r"|(?P<close>[)\]}])"
    r"|(?P<colon>:(?!=))"
    r"|(?P<other>:=|[\w!%&*+,\-./<=>@^|~]+))",
    re.DOTALL)


def _scan(source: str) -> Module:
    """radon's counts read with one regular expression instead of the tokenizer.

    The counts need less than the tokens: where each chunk ends (a line end with no bracket
    open, outside strings), its comments, whether it is one comment or one string (and whether
    that string spans lines), whether it has a colon and how many tokens follow the last one (0
    or more: with no ``;``, radon's ``_logical`` counts 1 logical line for a chunk whose last
    token is its last colon, 2 if tokens follow it, 1 without a colon, 0 without tokens).
    Raises :class:`_Tokenize` on anything else (a ``;``, an unclosed bracket or string, a
    character no token starts with), so the exact path decides.
    """
    lines = [line.strip() for line in source.splitlines()]
    if not lines:
        return Module(0, 0, 0, 0, 0, 0, 0)
    text = "\n".join(lines) + "\n"
    filled_before = [0]  # filled_before[r]: non-blank lines among the first r
    for line in lines:
        filled_before.append(filled_before[-1] + (1 if line else 0))
    counts = _Counts()
    chunk = _Chunk()
    pos, row, start_row, depth = 0, 1, 1, 0
    for match in _SCAN.finditer(text):
        if match.start() != pos:
            raise _Tokenize
        pos = match.end()
        kind = match.lastgroup or ""
        if kind == "newline":
            if not depth:
                if row > start_row and not lines[row - 1]:
                    raise _Tokenize  # a multi-line chunk ending on an empty line (see _one_pass)
                chunk.count(counts, row - start_row + 1, filled_before[row] - filled_before[start_row - 1])
                chunk = _Chunk()
                start_row = row + 1
            row += 1
        elif kind == "continuation":
            row += 1
        elif kind == "comment":
            chunk.comment()
        else:
            spans = match.group(kind).count("\n") if kind == "string" else 0
            chunk.token(kind, spans)
            row += spans
            if kind == "open":
                depth += 1
            elif kind == "close":
                depth -= 1
                if depth < 0:
                    raise _Tokenize
    if pos != len(text) or start_row != len(lines) + 1:
        raise _Tokenize
    return counts.module()


class _Chunk:
    """What :func:`_scan` keeps of the chunk it is reading."""

    __slots__ = ("first", "tokens", "comments", "after_colon", "spans")

    def __init__(self) -> None:
        self.first: str | None = None  # the kind of its first token, comments included
        self.tokens = 0  # tokens other than comments and line ends
        self.comments = 0
        self.after_colon: int | None = None  # tokens after the last colon (None: no colon)
        self.spans = 0  # line ends inside its first token (a string across lines)

    def comment(self) -> None:
        if self.first is None:
            self.first = "comment"
        self.comments += 1

    def token(self, kind: str, spans: int) -> None:
        if self.first is None:
            self.first, self.spans = kind, spans
        self.tokens += 1
        if kind == "colon":
            self.after_colon = 0
        elif self.after_colon is not None:
            self.after_colon += 1

    def count(self, counts: "_Counts", length: int, filled: int) -> None:
        """Add this chunk of ``length`` lines, ``filled`` of them not blank, as radon would."""
        counts.comments += self.comments
        if self.first == "comment":
            counts.single_comments += 1
        elif self.first == "string" and self.tokens == 1 and not self.comments:
            if not self.spans:
                counts.single_comments += 1
            else:
                counts.multi += filled
                counts.blank += length - filled
        else:
            counts.sloc += filled
            counts.blank += length - filled
        if self.after_colon is not None:
            counts.lloc += 1 if self.after_colon == 0 else 2
        elif self.tokens:
            counts.lloc += 1


def _one_pass(source: str) -> Module:
    lines = [line.strip() for line in source.splitlines()]
    if not lines:
        return Module(0, 0, 0, 0, 0, 0, 0)
    tokens = _tokenize("\n".join(lines) + "\n")
    counts = _Counts()
    first = 0  # index in ``tokens`` of the chunk's first token
    start_row = 1  # the chunk's first line (1-based)
    for index in _chunk_ends(tokens):
        end_row = tokens[index][2][0]
        parsed = lines[start_row - 1:end_row]
        if len(parsed) > 1 and not parsed[-1]:
            raise _Delegate
        chunk = tokens[first:index + 1]
        chunk.append(_ENDMARKER)
        counts.add(chunk, parsed)
        first = index + 1
        start_row = end_row + 1
    if start_row != len(lines) + 1:  # lines the chunks did not cover: not radon's reading
        raise _Delegate
    return counts.module()


def _tokenize(text: str) -> list[tokenize.TokenInfo]:
    try:
        return list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        raise _Delegate from None


def _chunk_ends(tokens: list[tokenize.TokenInfo]) -> Iterator[int]:
    """The index of each token that ends a chunk: a ``NEWLINE`` or ``NL`` with no bracket open."""
    depth = 0
    for index, token in enumerate(tokens):
        kind = token[0]
        if kind == _OP:
            value = token[1]
            if value in _OPEN:
                depth += 1
            elif value in _CLOSE:
                depth -= 1
                if depth < 0:
                    raise _Delegate
            continue
        if kind == _COMMENT or kind == _STRING:
            continue
        if kind == _ERROR or kind == _INDENT or kind == _DEDENT:
            raise _Delegate
        if kind == _EM:
            return
        if (kind == _NEWLINE or kind == _NL) and not depth:
            yield index


@dataclass
class _Counts:
    """radon's counts, summed over the chunks by radon's per-chunk rules."""

    lloc: int = 0
    comments: int = 0
    single_comments: int = 0
    multi: int = 0
    blank: int = 0
    sloc: int = 0

    def add(self, chunk: list[tokenize.TokenInfo], parsed: list[str]) -> None:
        """Count one chunk: its tokens (``ENDMARKER`` appended) and its stripped lines."""
        self.comments += sum(1 for t in chunk if t[0] == _COMMENT)
        filled = sum(1 for line in parsed if line)
        if is_single_token(_COMMENT, chunk):
            self.single_comments += 1
        elif is_single_token(_STRING, chunk):
            if chunk[0][2][0] == chunk[0][3][0]:
                self.single_comments += 1
            else:
                self.multi += filled
                self.blank += len(parsed) - filled
        else:
            self.sloc += filled
            self.blank += len(parsed) - filled
        self.lloc += _logical(chunk)

    def module(self) -> Module:
        loc = self.sloc + self.blank + self.multi + self.single_comments
        return Module(loc, self.lloc, self.sloc, self.comments, self.multi, self.blank, self.single_comments)
