"""The PSB family's probe: the edge cases of each problem, checked on their own.

The suite's edge cases (the empty list, lists of one or two values, the thresholds of
small-or-large, ...) are in every training set, so a search artifact that solved training
passes them; its held-out pass rate is measured on random cases, which rarely hit them. The
probe runs in the sandbox (the trust worker's baseline, or ``sva generate``'s probe job) and
calls the entry on each edge case; the caller's judgement compares the outputs with the
oracle's by the spec's own comparison and gives ``edge_case_pass_rate`` (``None`` for median,
whose suite definition has no edge cases) with the first failing edge case as a counterexample.
"""

from __future__ import annotations

from typing import Any, Callable

from sva.core.family import Judgement
from sva.core.spec import Spec
from sva.core.values import decode, encode


def probe(spec: Spec, entry: Callable[..., Any]) -> dict[str, Any]:
    """The entry's output on every edge case (encoded), or what it raised."""
    outputs = []
    for case in spec.extra["edge_cases"]:
        try:
            outputs.append({"output": encode(entry(*[list(v) if isinstance(v, list) else v for v in case]))})
        except Exception as error:  # noqa: BLE001 - the artifact's failure on this case
            outputs.append({"raised": f"{type(error).__name__}: {str(error)[:120]}"})
    return {"edge_outputs": outputs}


def judge(spec: Spec, value: Any) -> Judgement:
    """Edge-case pass rate and the first failing edge case, from the probe's outputs."""
    if not isinstance(value, dict) or "edge_outputs" not in value:
        reason = value.get("reason") if isinstance(value, dict) else None
        return Judgement(reason=reason or "no edge-case probe")
    cases = spec.extra["edge_cases"]
    passed, first = 0, None
    for case, item in zip(cases, value["edge_outputs"]):
        want = spec.expected(case)
        got = decode(item["output"]) if "output" in item else f"raised {item['raised']}"
        if "output" in item and spec.matches(got, want):
            passed += 1
        elif first is None:
            first = {"args": {name: encode(arg) for name, arg in zip(spec.params, case)}, "property": "edge case",
                     "expected": encode(want), "got": encode(got)}
    rate = passed / len(cases) if cases else None
    note = (f"{passed} of {len(cases)} edge cases pass" if cases else "the suite lists no edge cases for this problem")
    return Judgement(fields={"edge_case_pass_rate": rate, "edge_cases": len(cases)}, counterexample=first,
                     note=note, checked=(passed, len(cases)))
