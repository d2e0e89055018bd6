"""The spec registry builds a spec on its first lookup, not every spec of every family.

Each check runs in a fresh interpreter (the registry and the families cache what they build
for the life of a process): it counts the calls of the Feynman, PSB and sorting builders
(``spec_of``, ``_spec``, ``sorting``) after listing the names, after one lookup and after :func:`all_specs`. Lazy lookups
must give the very objects :func:`all_specs` lists, and listing the names must load the same
modules as building everything (Hypothesis draws from the constants of every local module
loaded, so one module fewer in a sandboxed job would change a design contract's examples).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sva.errors import UsageError
from sva.families import all_specs, get_spec, spec_names
from tests.conftest import ROOT

_COUNT = """
import json, sys
import sva.families.feynman.specs as feynman
import sva.families.psb.specs as psb
import sva.families.sorting.specs as sorting
counts = {"feynman": 0, "psb": 0, "sorting": 0}
def counting(module, attribute, key):
    original = getattr(module, attribute)
    def wrapper(*args):
        counts[key] += 1
        return original(*args)
    setattr(module, attribute, wrapper)
counting(feynman, "spec_of", "feynman")
counting(psb, "_spec", "psb")
counting(sorting, "sorting", "sorting")
from sva.families import all_specs, get_spec, spec_names
seen = []
names = spec_names()
seen.append(dict(counts))
get_spec("feynman-I.10.7"); get_spec("feynman-I.10.7"); get_spec("psb-median"); get_spec("sort-8")
seen.append(dict(counts))
all_specs()
seen.append(dict(counts))
print(json.dumps([len(names), seen]))
"""

_MODULES = """
import json, sys
from sva.families import all_specs, spec_names
spec_names() if sys.argv[1] == "names" else all_specs()
print(json.dumps(sorted(sys.modules)))
"""


def _python(code: str, *args: str) -> str:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_listing_names_builds_no_spec_and_a_lookup_builds_that_one_once():
    count, seen = json.loads(_python(_COUNT))
    assert count == len(spec_names())
    assert seen[0] == {"feynman": 0, "psb": 0, "sorting": 0}
    assert seen[1] == {"feynman": 1, "psb": 1, "sorting": 1}
    built = {family: sum(1 for name in spec_names() if name.startswith(prefix))
             for family, prefix in (("feynman", "feynman-"), ("psb", "psb-"), ("sorting", "sort-"))}
    assert built == {"feynman": 120, "psb": 9, "sorting": 8}
    assert seen[2] == built  # the three built before are not built again


def test_listing_names_loads_the_modules_building_every_spec_loads():
    assert json.loads(_python(_MODULES, "names")) == json.loads(_python(_MODULES, "all"))


def test_a_lookup_gives_the_object_all_specs_lists_under_its_name_in_listing_order():
    specs = all_specs()
    assert tuple(spec.name for spec in specs) == spec_names()
    assert all(get_spec(spec.name) is spec for spec in specs)


@pytest.mark.parametrize("name", ["feynman-no-such", "psb-no-such", ""])
def test_an_unknown_name_is_still_refused_naming_the_known_specs(name):
    with pytest.raises(UsageError, match="unknown spec") as caught:
        get_spec(name)
    assert "feynman-I.10.7" in str(caught.value) and "psb-median" in str(caught.value)
