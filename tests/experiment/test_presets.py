"""The presets as planned cells: ``auto`` (automated design against search) and ``beyond``."""

from __future__ import annotations

from collections import Counter

from sva.experiment.presets import get_preset, load_presets
from sva.experiment.runner import plan_cells
from sva.families import all_families, get_spec, spec_names
from sva.generate import get_generator


def _family_specs(*families):
    return [name for name in spec_names() if get_spec(name).family in families]


def test_auto_runs_every_boolean_and_feynman_spec_with_design_design_auto_and_search():
    preset = load_presets()["auto"]
    assert preset.spec_names() == tuple(_family_specs("boolean", "feynman"))
    assert len(preset.spec_names()) == 136 and len(_family_specs("feynman")) == 120
    assert preset.generators == ("design", "design-auto", "search") and preset.seeds == 5
    assert preset.trust["mutate"] is False


def test_auto_plans_one_design_cell_per_spec_and_five_search_seeds():
    """Whatever families offer design-auto today: design once, design-auto once where offered,
    search on seeds 0-4."""
    preset = get_preset("auto")
    cells = plan_cells(preset, "/nowhere")
    counts = Counter(task.generator for task in cells)
    offered = [name for name in preset.spec_names() if get_generator("design-auto").offers(get_spec(name))]
    assert counts == Counter({"design": 136, "search": 680, **({"design-auto": len(offered)} if offered else {})})
    assert {task.seed for task in cells if task.generator != "search"} == {0}
    assert [task.spec for task in cells if task.generator == "design-auto"] == offered


def test_auto_plans_design_auto_on_every_spec_once_its_families_offer_it(monkeypatch):
    for family in all_families():
        if family.name in ("boolean", "feynman"):
            # planning reads only default_config; design's module stands in for the families' own
            monkeypatch.setattr(type(family), "generator_modules",
                                {**family.generator_modules, "design-auto": "sva.generate.design"})
    cells = plan_cells(get_preset("auto"), "/nowhere")
    assert len(cells) == 136 * 5 + 2 * 136 == 952
    autos = [task for task in cells if task.generator == "design-auto"]
    assert [task.spec for task in autos] == list(get_preset("auto").spec_names()) and {t.seed for t in autos} == {0}
    assert [task.seed for task in cells] == sorted(task.seed for task in cells)  # seed-major


def test_beyond_includes_design_auto():
    assert "design-auto" in get_preset("beyond").generators
