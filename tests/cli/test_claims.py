"""``sva claims`` on a small results database built here: automated design against search, its
budgets, the share of hand design's trust it recovers and its comprehensibility, printed (the
summary by default, every claim with ``--all``) and in ``claims.json``."""

from __future__ import annotations

import json
import re

import pytest

from sva.cli.claimlines import HANG, WIDTH
from sva.results.claims import claims
from sva.results.store import store_rows

from tests.conftest import run_sva


def _row(spec, family, generator, seed, **fields):
    sha = f"{spec}-{generator}" if generator in ("design", "design-auto") else f"{spec}-{generator}-{seed}"
    return {"cell": f"{spec}/{generator}/seed-{seed}", "config_hash": "c0", "spec": spec, "family": family,
            "generator": generator, "seed": seed, "status": "done", "sha256": sha, **fields}


def _rows():
    """Ten Feynman specs where design-auto holds up (1.0 held out against search's 0.5-0.7) and two
    Boolean half-table specs where it does not (0.75 against 0.75-0.95); design-auto spends 200
    evaluations on every spec but feynman-I.14.3 (30,000), search 17,000."""
    feynman = ["feynman-I.6.2a", "feynman-I.8.14", "feynman-I.10.7", "feynman-I.12.1", "feynman-I.14.3",
               "feynman-I.15.3x", "feynman-I.18.12", "feynman-I.29.4", "feynman-I.34.8", "feynman-I.39.11"]
    rows = []
    for family, specs, auto_held, search_held in (("feynman", feynman, 1.0, 0.5), ("boolean", ["parity-3-half",
                                                                                               "mux-6-half"], 0.75, 0.75)):
        for k, spec in enumerate(specs):
            rows.append(_row(spec, family, "design", 0, held_out_pass_rate=1.0, explanation_length=30,
                             decomposability=0.6 + 0.01 * k))
            rows.append(_row(spec, family, "design-auto", 0, held_out_pass_rate=auto_held, explanation_length=31 + k,
                             decomposability=0.4 + 0.01 * k, symbolic_solution=1 if family == "feynman" else None,
                             search_evaluations=30_000 if spec == "feynman-I.14.3" else 200))
            rows += [_row(spec, family, "search", seed, held_out_pass_rate=search_held + 0.1 * (seed % 4),
                          explanation_length=40 + seed, decomposability=0.0, training_pass_rate=1.0,
                          symbolic_solution=0 if family == "feynman" else None, search_evaluations=17_000)
                     for seed in range(3)]
    return rows


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    folder = tmp_path_factory.mktemp("auto")
    store_rows(folder, _rows(), preset="auto")
    return folder


@pytest.fixture(scope="module")
def judged(database):
    """One ``sva claims --all`` over the database (about 20 s): its lines, each sentence unwrapped
    onto one line, the claims.json it wrote, and the lines as printed."""
    process = run_sva("claims", "--all", "--results", str(database))
    assert process.returncode == 0, process.stderr
    printed = process.stdout.splitlines()
    return unwrapped(printed), json.loads((database / "claims.json").read_text()), printed


def unwrapped(lines):
    """``--all``'s lines with each continuation (indented by ``HANG``) joined to the line it continues."""
    joined: list[str] = []
    for line in lines:
        if line.startswith(HANG) and joined:
            joined[-1] += " " + line[len(HANG):]
        else:
            joined.append(line)
    return joined


def _line(lines, name):
    return next(line for line in lines if line.startswith(name + " "))


@pytest.mark.slow
def test_sva_claims_prints_automated_design_against_search(judged):
    lines = judged[0]
    auto = _line(lines, "auto_trusted")
    # 12 specs: ten at +0.4 and two at -0.1 give exact signed-rank p = 2 x 4/4096 = 0.002, below 0.05/4
    assert re.match(r"auto_trusted\s+supported\s+Overall, the claim that automated design is trusted more than "
                    r"search is supported: held-out pass rate \[supported: design-auto more trusted\]: design-auto "
                    r"0.96 vs search 0.64 over 12 specs", auto), auto
    assert "signed-rank p = 0.002 (adjusted 0.002)" in auto and "symbolic solution [supported: design-auto more trusted]" in auto
    assert "budgets (evaluations spent): on boolean design-auto spent a median 0.0118 times" in auto  # registry order
    assert ("on feynman design-auto spent a median 0.0118 times search's evaluations "
            "over 10 specs (search spent more); design-auto spent more than search on 1 spec: feynman-I.14.3") in auto
    assert "at matched budgets (design-auto spent at most search's mean) [" in auto and "over 11 specs" in auto
    rule = lines[lines.index(auto) + 1]
    assert "confirmatory, p < 0.0125 (0.05 over the 4 confirmatory claims)" in rule
    families = {line.split()[1]: line for line in lines if line.startswith("  family ")
                and "automated design is trusted more" in line}
    assert re.match(r"  family feynman\s+supported\s+On the feynman family", families["feynman"])
    assert re.match(r"  family boolean\s+contradicted\s+On the boolean family, .*search at least as trusted",
                    families["boolean"])
    recovers = _line(lines, "auto_recovers_design")
    assert re.match(r"auto_recovers_design\s+supported\s+", recovers)  # [0.55, 0.95] lies above 1/2
    assert "design-auto at least as trusted as design on 10 of 12 specs, share 0.83 [0.55, 0.95]" in recovers
    assert "not on parity-3-half, mux-6-half" in recovers
    comprehensible = _line(lines, "auto_comprehensible")
    assert re.match(r"auto_comprehensible\s+supported\s+.*explanation length E \[supported: design-auto more "
                    r"comprehensible\]", comprehensible), comprehensible
    assert "decomposability D [structural: by construction]: design-auto 0.44 vs search 0.00" in comprehensible
    assert "explanation length E [contradicted: design more comprehensible]: design-auto 34.83 vs design 30" in comprehensible
    assert "decomposability D [contradicted: design more comprehensible]: design-auto 0.44 vs design 0.64" in comprehensible


@pytest.mark.slow
def test_claims_json_carries_the_typed_records(judged):
    found = {entry["name"]: entry for entry in judged[1]["claims"]}
    auto = found["auto_trusted"]
    assert (auto["verdict"], auto["confirmatory"], auto["says"]) == ("supported", True, "supported")
    held = auto["numbers"]["differences"][0]
    assert held["metric"] == "held_out_pass_rate" and held["sides"] == ["design-auto", "search"]
    assert held["specs"] == 12 and held["interval"]["low"] <= held["mean"] <= held["interval"]["high"]
    budget = next(item for item in auto["numbers"]["budgets"] if item["spec"] == "feynman-I.14.3")
    assert budget["first"] == 30_000 and budget["second"] == 17_000 and budget["first_spent_more"] is True
    assert auto["numbers"]["matched_budgets"][0]["specs"] == 11
    assert set(auto["numbers"]["by_family"]) == {"feynman", "boolean"}
    share = found["auto_recovers_design"]["numbers"]["shares"][0]
    assert (share["met"], share["specs"], share["unmet"]) == (10, 12, ["parity-3-half", "mux-6-half"])
    against = found["auto_comprehensible"]["numbers"]["against"]
    assert [item["metric"] for item in against] == ["explanation_length", "decomposability"]


@pytest.fixture(scope="module")
def summary(database):
    """``sva claims`` (the default summary) on the same database: its lines."""
    short = run_sva("claims", "--results", str(database))
    assert short.returncode == 0, short.stderr
    return short.stdout.splitlines()


@pytest.mark.slow
def test_the_default_summary_fits_a_screen_and_names_every_confirmatory_claim(summary):
    lines = summary
    assert len(lines) <= 24 and max(len(line) for line in lines) <= WIDTH
    confirmatory = [entry.name for entry in claims() if entry.confirmatory]
    named = [line.split()[0] for line in lines if line[:1].isalpha() and line.split()[0] in confirmatory]
    assert named == confirmatory  # each once, in the claims' order
    start = lines.index(next(line for line in lines if line.startswith("auto_trusted ")))
    end = next(k for k in range(start + 1, len(lines)) if not lines[k].startswith(" "))
    auto = " ".join(line.strip() for line in lines[start:end])  # the claim's line, unwrapped
    # ten specs at +0.4 and two at -0.1 (design-auto 1.0 and 0.75; search's mean 0.6 and 0.85): +0.32
    assert re.fullmatch(r"auto_trusted\s+Automated design is trusted more than search: supported design-auto more "
                        r"trusted, held-out pass rate \+0\.32 \[\+0\.19, \+0\.40\], 12 specs", auto), auto
    others = len(claims()) - len(confirmatory)
    assert any(line.startswith(f"{others} other claims (exploratory): ") for line in lines)
    assert "'sva claims --all' prints every claim" in " ".join(lines)
    assert "feynman-I.6.2a" not in "\n".join(lines)  # no spec's line


@pytest.mark.slow
def test_all_lists_every_claim_family_and_spec_in_readable_lines(judged):
    lines = judged[2]
    assert max(len(line) for line in lines) <= WIDTH
    heads = [line.split()[0] for line in lines if line[:1].isalpha()]
    assert heads == [entry.name for entry in claims()] + ["claims:", "written:"]
    specs = {line.split()[0] for line in lines if line.startswith("  ") and not line.startswith(HANG)}
    assert {"feynman-I.6.2a", "parity-3-half", "mux-6-half", "rule", "family"} <= specs
    assert lines[-1].startswith("written: ") and lines[-1].endswith("claims.json")
