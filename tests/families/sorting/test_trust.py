"""Sorting networks measured and verified: the sandbox trace, the 0-1 verification, the diagram.

Artifacts run only in the sandbox (the trace job or the trust worker). The fixtures are
written in the emitted form (``if wires[j] < wires[i]: swap``); the expected networks, counts and
counterexamples are worked out by hand in the comments beside them.
"""

from __future__ import annotations

import json
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sva.errors import InputError
from sva.families.sorting.diagram import layer_columns, network_svg
from sva.families import get_spec
from sva.trust import TrustConfig, trust
from sva.core.artifact import annotate_manifest
from sva.families.sorting import FAMILY
from sva.families.sorting.trace import assess
from sva.sandbox.probe import declared_fields, probe_artifact
from sva.sandbox import Limits
from tests.conftest import ROOT

FAST = TrustConfig(examples=30, shifted_examples=60, test_seconds=5.0, mutate=False,
                   limits=Limits(cpu_seconds=20, wall_seconds=60))

#: The optimal 4-input network: 5 comparators in 3 layers [(0,1),(2,3)] [(0,2),(1,3)] [(1,2)].
OPTIMAL_4 = [(0, 1), (2, 3), (0, 2), (1, 3), (1, 2)]


def network_fields(path, spec, limits=None):
    """The declared fields of the family's probe of the artifact at ``path`` (None: no probe)."""
    judgement = probe_artifact(path, spec, limits=limits)
    return None if judgement is None else declared_fields(spec, judgement)


def zero_one_check(pairs, n):
    """(cases, passed, first failure) of the 0-1 check the family runs on traced pairs alone."""
    judgement = FAMILY.judge(get_spec(f"sort-{n}"), {"network": [list(p) for p in pairs], "agreement": None})
    passed, cases = judgement.checked
    return cases, passed, judgement.counterexample


def flat_module(entry: str, pairs, tail: str = "") -> str:
    """A network in the emitted form, one compare-exchange per comparator."""
    lines = [f"def {entry}(values):", "    wires = list(values)"]
    for i, j in pairs:
        lines += [f"    if wires[{j}] < wires[{i}]:", f"        wires[{i}], wires[{j}] = wires[{j}], wires[{i}]"]
    lines += [f"    {line}" for line in textwrap.dedent(tail).strip().splitlines()]
    lines.append("    return wires")
    return "\n".join(lines) + "\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# The trace


def test_tracing_a_flat_network_gives_its_comparators_in_order_and_the_record(tmp_path):
    path = write(tmp_path, "four.py", flat_module("sort_4", OPTIMAL_4))
    fields = network_fields(path, get_spec("sort-4"))
    assert fields == {"comparators": 5, "depth": 3, "best_known_comparators": 5, "best_known_depth": 3,
                      "network": [[0, 1], [2, 3], [0, 2], [1, 3], [1, 2]]}


@pytest.mark.parametrize("n, comparators, depth", [(8, 19, 6), (16, 63, 10)])
def test_batchers_design_artifact_traces_to_its_textbook_size_and_depth(n, comparators, depth):
    # Batcher's odd-even merge sort: 19 comparators in 6 layers for n = 8, 63 in 10 for n = 16
    # (Knuth, TAOCP 5.3.4). The artifact is recursive helpers; the trace counts what runs.
    path = ROOT / "artifacts" / f"sort-{n}" / "design" / "seed-0.py"
    fields = network_fields(path, get_spec(f"sort-{n}"))
    assert (fields["comparators"], fields["depth"]) == (comparators, depth)
    assert (fields["best_known_comparators"], fields["best_known_depth"]) == \
        {8: (19, 6), 16: (60, 9)}[n]
    assert all(0 <= i < j < n for i, j in fields["network"])


def test_a_recursive_design_and_its_flat_transcription_are_counted_alike(tmp_path):
    spec = get_spec("sort-8")
    recursive = network_fields(ROOT / "artifacts" / "sort-8" / "design" / "seed-0.py", spec)
    flat = write(tmp_path, "flat.py", flat_module("sort_8", recursive["network"]))
    assert network_fields(flat, spec) == recursive


@pytest.mark.parametrize("spec", FAMILY.specs(), ids=lambda s: s.name)
def test_every_committed_network_sorts_every_0_1_input_and_its_manifest_holds_the_trace(spec):
    for generator in ("design", "search"):
        path = ROOT / "artifacts" / spec.name / generator / "seed-0.py"
        fields = network_fields(path, spec)
        cases, passed, _ = zero_one_check(fields["network"], spec.size)
        assert passed == cases == 1 << spec.size, path
        assert json.loads(path.with_suffix(".json").read_text())["network"] == fields, path


def test_network_fields_is_none_for_a_spec_that_is_not_a_network(tmp_path):
    path = write(tmp_path, "parity.py", "def parity_3(x0, x1, x2):\n    return not (x0 ^ x1 ^ x2)\n")
    assert network_fields(path, get_spec("parity-3")) is None


@pytest.mark.parametrize("body, reason", [
    # sorted() compares neighbours once on sorted input (it would look like a 3-comparator
    # network); on the descending input its second comparison is between positions 1 and 2,
    # where that network would compare the values then on wires 1 and 2: positions 0 and 2.
    ("return sorted(values)",
     "makes comparisons that depend on the input: on input [3, 2, 1, 0] its comparison 2 is between "
     "input positions (1, 2), where the network it performs on sorted input compares (0, 2)"),
    ("wires = list(values)\nif wires[0] < 5:\n    pass\nreturn wires",
     "compares an input value with int 5, not with another input value"),
    # a reversed comparator puts the larger value on wire 0: it moves sorted input
    ("wires = list(values)\nif wires[0] < wires[1]:\n    wires[0], wires[1] = wires[1], wires[0]\nreturn wires",
     "moves values that are already in order (it returns wires [1, 0, 2, 3] for sorted input)"),
    ("return [v + 0 for v in values]", "raises TypeError"),
    ("return list(values)[:3]", "returns list"),
])
def test_code_that_is_not_a_comparator_network_gets_a_reason_not_a_size(tmp_path, body, reason):
    path = write(tmp_path, "notnet.py", "def sort_4(values):\n" + textwrap.indent(body, "    ") + "\n")
    with pytest.raises(InputError) as caught:
        network_fields(path, get_spec("sort-4"))
    message = str(caught.value)
    assert "not a comparator network (so it has no size or depth as one)" in message
    assert reason in message


def test_an_artifact_that_hangs_on_the_trace_is_stopped_with_the_limit_as_reason(tmp_path):
    path = write(tmp_path, "hang.py", "def sort_4(values):\n    while True:\n        pass\n")
    with pytest.raises(InputError, match="cannot probe it: wall-clock limit of 2 s exceeded"):
        network_fields(path, get_spec("sort-4"), limits=Limits(cpu_seconds=10, wall_seconds=2))


# --------------------------------------------------------------------------------------------
# Verification (the 0-1 check itself runs in the parent, on the traced pairs)


def test_the_zero_one_check_counts_the_binary_inputs_a_network_leaves_unsorted():
    # Without the last comparator (1, 2), wires 1 and 2 hold min(max01, max23) and
    # max(min01, min23): out of order exactly when each of the pairs (x0, x1) and (x2, x3)
    # holds one 1: 2 x 2 = 4 of the 16 inputs. The first in order r = 0, 1, ... is r = 5:
    # bits 0 and 2 set, the input [1, 0, 1, 0].
    assert zero_one_check(OPTIMAL_4[:-1], 4) == (16, 12, ([1, 0, 1, 0],))
    assert zero_one_check(OPTIMAL_4, 4) == (16, 16, None)


def test_assess_verifies_only_a_network_that_sorts_every_0_1_input_and_agrees_everywhere():
    spec = get_spec("sort-4")
    agreed = {"cases": 10, "agreed": 10, "first_disagreement": None}
    good = assess({"network": [list(p) for p in OPTIMAL_4], "agreement": agreed}, spec)
    assert good.verified is True and good.counterexample is None
    assert (good.fields["unsorted_binary_inputs"], good.fields["binary_inputs"]) == (0, 16)
    # the probe claims a counterexample-free network, but the pairs do not sort: the parent's
    # own bit-sliced check decides
    short = assess({"network": [list(p) for p in OPTIMAL_4[:-1]], "agreement": agreed}, spec)
    assert short.verified is False and short.fields["unsorted_binary_inputs"] == 4
    disagreement = {"args": {"values": [0.5, 0.0, 1.0, 2.0]}}
    differs = assess({"network": [list(p) for p in OPTIMAL_4],
                      "agreement": {"cases": 10, "agreed": 9, "first_disagreement": disagreement}}, spec)
    assert differs.verified is False and differs.counterexample == disagreement
    assert assess({"reason": "not a comparator network: x"}, spec).verified is None


@pytest.mark.slow
def test_sva_trust_on_a_design_artifact_is_verified_with_a_mutation_score(sva):
    # Batcher's sort-4 (5 comparators, depth 3: optimal). The `<` -> `<=` mutants are the
    # equivalent ones (they only swap equal values), so the score is below 1.
    result = sva("trust", "artifacts/sort-4/design/seed-0.py", "--json", "--examples", "30")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["verified"] is True
    assert (report["held_out_pass_rate"], report["shift_pass_rate"]) == (1.0, 1.0)
    assert report["counterexample"] is None
    assert 0.8 < report["mutation_score"] < 1.0
    assert {s["before"].split(" ")[1] for s in report["survivors"]} == {"<"}
    network = report["family_fields"]
    assert (network["comparators"], network["depth"], network["unsorted_binary_inputs"]) == (5, 3, 0)
    assert network["agreeing_cases"] == network["checked_cases"] > 200  # 200 held out + the shift
    assert any(note.startswith("verified by the 0-1 principle") for note in report["notes"])


def test_a_network_missing_one_comparator_is_not_verified_and_gets_a_counterexample(tmp_path):
    path = write(tmp_path, "short.py", flat_module("sort_4", OPTIMAL_4[:-1]))
    report = trust(path, spec="sort-4", config=FAST)
    assert report.verified is False
    assert report.family_fields["comparators"] == 4 and report.family_fields["unsorted_binary_inputs"] == 4
    # Hypothesis shrinks to the same kind of input; whichever found it, it is a real failure
    example = report.counterexample
    assert sorted(example["args"]["values"]) == example["expected"] != example["got"]
    assert report.held_out_pass_rate < 1.0


def test_an_artifact_that_is_a_network_only_on_the_trace_is_not_verified(tmp_path):
    # A correct network, then a reversal of its output whenever it sees a float: the trace
    # (comparable objects, no floats) finds a perfect network; the shifted floats show the
    # artifact is not that network everywhere.
    tail = "if any(isinstance(v, float) for v in values):\n    wires.reverse()"
    path = write(tmp_path, "sneaky.py", flat_module("sort_4", OPTIMAL_4, tail))
    report = trust(path, spec="sort-4", config=FAST)
    assert report.family_fields["unsorted_binary_inputs"] == 0
    assert report.verified is False
    assert report.family_fields["agreeing_cases"] < report.family_fields["checked_cases"]
    assert any(isinstance(v, float) for v in report.counterexample["args"]["values"])


def test_a_correct_sort_that_is_not_a_network_is_not_verified_by_the_0_1_principle(tmp_path):
    path = write(tmp_path, "builtin.py", "def sort_4(values):\n    return sorted(values)\n")
    report = trust(path, spec="sort-4", config=FAST)
    assert report.verified is None and report.family_fields is None
    assert (report.held_out_pass_rate, report.shift_pass_rate) == (1.0, 1.0)
    assert any("not a comparator network" in note for note in report.notes)


# --------------------------------------------------------------------------------------------
# The manifest


def test_annotate_manifest_adds_the_network_and_keeps_everything_else(tmp_path):
    manifest = tmp_path / "seed-0.json"
    manifest.write_text(json.dumps({"spec": "sort-4", "seed": 0}), encoding="utf-8")
    fields = {"comparators": 5, "depth": 3, "best_known_comparators": 5, "best_known_depth": 3,
              "network": [[0, 1]]}
    annotate_manifest(manifest, "network", fields)
    text = manifest.read_text(encoding="utf-8")
    assert json.loads(text) == {"spec": "sort-4", "seed": 0, "network": fields}
    assert text == json.dumps({"network": fields, "seed": 0, "spec": "sort-4"}, indent=2, sort_keys=True) + "\n"


def test_sva_generate_records_the_traced_network_in_the_manifest(sva, tmp_path):
    result = sva("generate", "sort-6", "--generator", "design", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "sort-6" / "design" / "seed-0.json").read_text())
    # Batcher's odd-even merge for 6 = 3 + 3: 3 + 3 for the halves, 6 for the merge = 12
    # comparators; the record is 12 comparators and depth 5
    network = manifest["network"]
    assert (network["comparators"], network["best_known_comparators"], network["best_known_depth"]) == (12, 12, 5)
    assert len(network["network"]) == 12


# --------------------------------------------------------------------------------------------
# The diagram


def test_layer_columns_put_overlapping_comparators_side_by_side():
    assert layer_columns([(0, 1), (2, 3)]) == [[(0, 1), (2, 3)]]
    assert layer_columns([(0, 2), (1, 3)]) == [[(0, 2)], [(1, 3)]]
    assert layer_columns([(1, 2), (5, 6), (0, 4), (3, 7)]) == [[(1, 2), (5, 6)], [(0, 4)], [(3, 7)]]


def test_the_diagram_of_the_optimal_4_network():
    svg = network_svg(OPTIMAL_4, 4)
    assert svg == network_svg(OPTIMAL_4, 4)  # deterministic bytes
    root = ET.fromstring(svg.split("\n", 1)[1])
    ns = "{http://www.w3.org/2000/svg}"
    groups = root.findall(f"{ns}g")
    separators, wires, labels, comparators = groups
    # layers [(0,1),(2,3)] | [(0,2)] [(1,3)] | [(1,2)]: four columns at x = 44, 70, 86, 112
    # (16 apart inside a layer, 26 across a separator), separators half way: 57 and 99
    assert [line.get("x1") for line in separators] == ["57", "99"]
    assert len(wires) == 4 and [t.text for t in labels] == ["0", "1", "2", "3"]
    lines = [(e.get("x1"), e.get("y1"), e.get("y2")) for e in comparators if e.tag == f"{ns}line"]
    # wires at y = 18 + 24 k
    assert lines == [("44", "18", "42"), ("44", "66", "90"), ("70", "18", "66"), ("86", "42", "90"),
                     ("112", "42", "66")]
    assert len([e for e in comparators if e.tag == f"{ns}circle"]) == 10
    assert root.find(f"{ns}title").text == "sorting network on 4 wires: 5 comparators, depth 3"


def test_the_diagram_rejects_a_comparator_outside_its_wires():
    with pytest.raises(InputError, match=r"comparator \(2, 4\) must have 0 <= i < j < 4"):
        network_svg([(0, 1), (2, 4)], 4)
    with pytest.raises(InputError, match="comparator \\(3, 1\\)"):
        network_svg([(3, 1)], 4)
    assert "0 comparators, depth 0" in network_svg([], 2)
