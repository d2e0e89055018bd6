"""The essay's claims, stated as tests against a results database (``--results DIR``).

These are research findings, not gates: a failing test means the data do not support the claim,
and its message says why in plain words. The rule lives in ``sva.results.claims``
(``evaluate_claims``); these tests only ask for its verdicts. Only findings are tested: a claim
that is true by construction (structural), one whose outcome cannot vary here (degenerate), one
with too few seeds to decide, or one without data is skipped with its reason, so a pass is
always evidence the data could have withheld. Each test
records its claim, spec, verdict and the verdict's JSON as junit properties, which ``sva claims``
reads back.
"""

from __future__ import annotations

import json

import pytest


def _recorded(claim_name: str, spec: str | None, document: dict, record_property) -> dict:
    """Record the verdict for ``sva claims``; skip when there is no data; return the verdict."""
    record_property("claim", claim_name)
    record_property("spec", spec or "")
    record_property("verdict", document["verdict"])
    record_property("kind", document.get("kind", "empirical"))
    record_property("result", json.dumps(document, sort_keys=True))
    if document["verdict"] in ("no data", "too few seeds", "structural", "degenerate"):
        pytest.skip(document["sentence"])
    return document


def test_claim_overall(claim_name, claims, record_property):
    document = claims[claim_name].as_json()
    del document["specs"]  # each spec has its own test
    verdict = _recorded(claim_name, None, document, record_property)
    assert verdict["verdict"] == "supported", verdict["sentence"]


def test_claim_on_spec(claim_name, spec, claims, record_property):
    verdict = _recorded(claim_name, spec, claims[claim_name].spec(spec).as_json(), record_property)
    assert verdict["verdict"] == "supported", verdict["sentence"]
