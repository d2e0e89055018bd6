"""The essay's claims, stated as tests against a results database (``--results DIR``).

These are research findings, not gates: a failing test means the data do not support the claim,
and its message says why in plain words. The rule lives in ``sva.results.claims``
(``evaluate_claims``); these tests only ask for its verdicts. Only findings are tested: a claim
that is true by construction (structural), one whose outcome cannot vary here (degenerate), one
with too few seeds to decide, or one without data is skipped with its reason
(``sva.results.verdicts.UNTESTED``), so a pass is always evidence the data could have withheld.
``sva claims`` reports the same outcomes without pytest (``sva.results.verdicts.test_outcome``);
``tests/results/test_claims.py`` checks that the two agree.
"""

from __future__ import annotations

import pytest

from sva.results.verdicts import UNTESTED


def _tested(document: dict) -> dict:
    """``document``, or a skip with its sentence when the verdict is not a tested finding."""
    if document["verdict"] in UNTESTED:
        pytest.skip(document["sentence"])
    return document


def test_claim_overall(claim_name, claims):
    document = _tested(claims[claim_name].as_json())
    assert document["verdict"] == "supported", document["sentence"]


def test_claim_on_spec(claim_name, spec, claims):
    document = _tested(claims[claim_name].spec(spec).as_json())
    assert document["verdict"] == "supported", document["sentence"]
