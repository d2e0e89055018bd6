"""Hypothesis properties: renaming changes nothing; docstrings shorten E; inlining never helps D."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sva.measure.analysis import analyze_source

WORDS = ("sum", "of", "the", "inputs", "scaled", "value", "offset", "square")
LEAVES = st.sampled_from(["P", "1", "2", "3"])
EXPRS = st.recursive(
    LEAVES,
    lambda inner: st.tuples(inner, st.sampled_from(["+", "-", "*"]), inner).map(
        lambda t: f"({t[0]} {t[1]} {t[2]})"),
    max_leaves=6,
)
NAMES = st.lists(st.from_regex(r"[a-z]{1,6}", fullmatch=True).map(lambda s: f"n_{s}"),
                 min_size=12, max_size=12, unique=True)


@dataclass(frozen=True)
class Design:
    """An entry function calling helpers; each helper is one expression over its parameter."""

    exprs: tuple[str, ...]
    local: tuple[bool, ...]  # whether the helper names its expression in a local binding first
    docs: tuple[str | None, ...]  # one to three words, or no docstring
    calls: tuple[int, ...]  # helper indices the entry calls, in order


DESIGNS = st.integers(1, 4).flatmap(lambda k: st.builds(
    Design,
    exprs=st.lists(EXPRS, min_size=k, max_size=k).map(tuple),
    local=st.lists(st.booleans(), min_size=k, max_size=k).map(tuple),
    docs=st.lists(st.none() | st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
                  min_size=k, max_size=k).map(tuple),
    calls=st.lists(st.integers(0, k - 1), min_size=1, max_size=4).map(tuple),
))


def render(d: Design, names: list[str], docstrings: bool = True, inline: int | None = None) -> str:
    """Source of ``d`` with identifiers from ``names``; ``inline``: helper pasted into the entry."""
    helper = names[:4]
    param, local, entry, arg = names[4], names[5], names[6], names[7]
    lines = []
    for i, expr in enumerate(d.exprs):
        if i == inline:
            continue
        body = expr.replace("P", param)
        lines.append(f"def {helper[i]}({param}):")
        if docstrings and d.docs[i]:
            lines.append(f'    """{d.docs[i]}"""')
        if d.local[i]:
            lines += [f"    {local} = {body}", f"    return {local}"]
        else:
            lines.append(f"    return {body}")
        lines.append("")
    calls = []
    for i in d.calls:
        if i == inline:
            calls.append("(" + d.exprs[i].replace("P", arg) + ")")
        else:
            calls.append(f"{helper[i]}({arg})")
    lines += [f"def {entry}({arg}):", f"    return {' + '.join(calls)}", ""]
    return "\n".join(lines)


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(DESIGNS, NAMES, NAMES)
def test_renaming_variables_changes_no_metric(design, names_a, names_b):
    first = analyze_source(render(design, names_a)).metrics
    second = analyze_source(render(design, names_b)).metrics
    assert first == second


@FAST
@given(DESIGNS, NAMES)
def test_removing_docstrings_raises_explanation_length_and_keeps_audit_length(design, names):
    with_docs = analyze_source(render(design, names)).metrics
    without = analyze_source(render(design, names, docstrings=False)).metrics
    assert without["audit_length"] == with_docs["audit_length"]
    read_by_story = {i for i in design.calls if design.docs[i]}
    if read_by_story:
        # each story (at most 3 words) replaces a body of at least 4 tokens
        assert without["explanation_length"] > with_docs["explanation_length"]
    else:
        assert without["explanation_length"] == with_docs["explanation_length"]


@FAST
@given(DESIGNS, NAMES, st.data())
def test_inlining_a_helper_never_raises_decomposability(design, names, data):
    target = data.draw(st.sampled_from(sorted(set(design.calls))))
    before = analyze_source(render(design, names)).metrics
    after = analyze_source(render(design, names, inline=target)).metrics
    assert after["units"] < before["units"]
    assert after["decomposability"] <= before["decomposability"] + 1e-12
