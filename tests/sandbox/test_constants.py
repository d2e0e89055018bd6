"""Hypothesis draws no constant from sva's own modules in the sandbox (sva.sandbox.constants).

Each check runs in a fresh interpreter: the exclusion changes Hypothesis's module state, which the
test process's own Hypothesis tests must not see.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

#: Loads what a trust job loads (the worker, Hypothesis, pytest, every family), then an artifact
#: with its own constants, and prints the local constants Hypothesis would draw from.
PROBE = textwrap.dedent('''
    import json, sys
    sys.path.insert(0, sys.argv[1])
    if sys.argv[2] == "child":
        from sva.sandbox import child
        sys.stdin = open("/dev/null")
        assert child.main(["--serve"]) == 0  # a warm server with no job: the exclusion, then nothing
    import sva.trust.worker.jobs, hypothesis, pytest
    from sva.families import spec_names
    spec_names()
    import seed_0
    from hypothesis.internal.conjecture.providers import _get_local_constants
    found = _get_local_constants()
    print(json.dumps({"integers": sorted(found.integers), "strings": sorted(found.strings)}))
''')


def _constants(folder: Path, how: str) -> dict:
    (folder / "seed_0.py").write_text('LIMIT = 40961\nNAME = "zq-artifact"\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", PROBE, str(folder), how], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_sandboxed_child_draws_from_the_artifact_and_never_from_sva(tmp_path):
    child, plain = _constants(tmp_path, "child"), _constants(tmp_path, "plain")
    for found in (child, plain):
        assert 40961 in found["integers"] and "zq-artifact" in found["strings"]  # the artifact's own: kept
    assert not {"wrong training cases", "FitnessCurve", "rewrite_once"} & set(child["strings"])
    assert 130 not in child["integers"]  # sva.errors' exit status for an interrupt
    # without the child's exclusion Hypothesis also scans sva's modules: strictly more to draw from
    assert set(child["strings"]) < set(plain["strings"]) and set(child["integers"]) < set(plain["integers"])


def test_the_exclusion_is_idempotent_and_names_what_it_needs(tmp_path):
    script = textwrap.dedent('''
        from sva.sandbox.constants import exclude_tool_constants, tool_folder
        import hypothesis.internal.conjecture.providers as providers
        exclude_tool_constants(); first = providers.is_local_module_file
        exclude_tool_constants()
        assert providers.is_local_module_file is first and first.sva_excludes == tool_folder()
        assert not first(str(tool_folder() / "core" / "family.py"))
        del providers.is_local_module_file
        try:
            exclude_tool_constants()
        except RuntimeError as error:
            print(error)
    ''')
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("hypothesis.internal.conjecture.providers.is_local_module_file: not found")
