"""Read confinement: under bubblewrap an artifact, its tests and a fresh-import mutant read only
what their job needs (``sva.sandbox.visible``); files planted anywhere else stay out of reach.
The fallback reads them (the control that shows each check can fail) and says so once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest

from sva.sandbox import containment
from tests.conftest import ROOT
from tests.sandbox.test_containment import BWRAP, MODES, hostile, mode, needs_bwrap  # noqa: F401 - a fixture

#: Reads every path in ``args``: its text, or the reason it could not be read.
READER = ("out = []\nfor path in args:\n    try:\n        out.append(open(path, encoding='utf-8').read())\n"
          "    except OSError as error:\n        out.append(error.strerror)\nreturn out")


@pytest.fixture
def secrets():
    """Secret files outside every bound path: a new folder under /var/tmp, beside the checkout,
    in the home; with this checkout's own setup.cfg (a file of the checkout outside ``sva/``)."""
    token = uuid.uuid4().hex
    folder = Path("/var/tmp") / f"sva-secret-{token}"
    planted = [folder / "secret.txt", ROOT.parent / f"sva-secret-{token}.txt", Path.home() / f"sva-secret-{token}.txt"]
    folder.mkdir()
    try:
        for path in planted:
            path.write_text(f"secret {token}\n", encoding="utf-8")
        yield {str(path): f"secret {token}\n" for path in planted} | {
            str(ROOT / "setup.cfg"): (ROOT / "setup.cfg").read_text(encoding="utf-8")}
    finally:
        for path in planted:
            path.unlink(missing_ok=True)
        folder.rmdir()


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_an_artifact_cannot_read_a_file_outside_what_it_was_given(mode, secrets):
    output = hostile(READER, *secrets)
    if mode == "bwrap":
        assert output == ["No such file or directory"] * len(secrets)
    else:  # the control: without bubblewrap every one is read
        assert output == list(secrets.values())


@needs_bwrap
def test_the_root_lists_only_the_bound_entries():
    output = hostile("return [sorted(os.listdir('/')), sorted(os.listdir('/etc')), os.path.dirname(sys.modules['sva'].__path__[0]),"
                     " sorted(os.listdir(os.path.dirname(sys.modules['sva'].__path__[0])))]")
    tops = {Path(path).parts[1] for path in (sys.prefix, os.path.realpath(sys.executable), str(ROOT),
                                             os.path.expanduser("~")) if not path.startswith("/tmp/")}
    assert set(output[0]) <= {"dev", "etc", "lib", "lib64", "proc", "tmp", "usr"} | tops
    assert {"proc", "tmp", "usr"} <= set(output[0])
    assert not {"var", "run", "sys", "opt", "srv", "mnt", "boot", "media"} & set(output[0])
    assert output[1] == ["ld.so.cache"]
    assert "sva" in output[3] and set(output[3]) <= {"sva", Path(sys.prefix).name}  # not the checkout around


@needs_bwrap
def test_a_checkout_and_its_venv_under_tmp_leave_tmp_holding_the_job_folder_alone():
    """The suite run from a clone under /tmp (as in CI): sva's package there is bound inside the
    job folder under its own name, so the child imports it and its /tmp lists its folder alone."""
    clone = Path(tempfile.mkdtemp(prefix="sva-clone-under-tmp-", dir="/tmp"))
    try:
        shutil.copytree(ROOT / "sva", clone / "sva", ignore=shutil.ignore_patterns("__pycache__"))
        script = ("import json, sys; sys.path.insert(0, sys.argv[1]); from sva.sandbox import run_job\n"
                  "source = 'import os, sys\\ndef f():\\n    return [os.listdir(\"/tmp\"), os.getcwd(), sys.modules[\"sva\"].__file__]\\n'\n"
                  "outcome = run_job('evaluate_cases', {'module': 'a.py', 'entry': 'f', 'cases': [[]]}, files={'a.py': source})\n"
                  "print(json.dumps(outcome.value))")
        answer = subprocess.run([sys.executable, "-c", script, str(clone)], capture_output=True, text=True,
                                timeout=300, check=True, cwd=clone)
    finally:
        shutil.rmtree(clone, ignore_errors=True)
    [[listed, work, module]] = [case["output"] for case in json.loads(answer.stdout)]
    assert listed == [os.path.basename(work)]
    assert module.startswith(f"{work}/{containment.MOVED}/") and module.endswith("/sva/__init__.py")


#: A module that reads the planted files: at import when ``LOOK`` is true (line 3), else on call.
MODULE = '''import json
PATHS = json.loads({paths!r})
LOOK = False


def _read(path):
    try:
        with open(path, encoding="utf-8") as stream:
            return stream.read()
    except OSError:
        return None


SEEN = [_read(path) for path in PATHS] if LOOK else [None] * len(PATHS)


def seen():
    return SEEN


def read_now():
    return [_read(path) for path in PATHS]
'''

TESTS = '''from reader import read_now, seen


def test_nothing_was_read_at_import():
    assert seen() == [None] * {count}


def test_nothing_is_read_now():
    assert read_now() == [None] * {count}
'''


@pytest.mark.slow
@needs_bwrap
def test_its_tests_and_a_fresh_import_mutant_cannot_read_them_either(sva, tmp_path, secrets):
    """Through ``sva trust``: the tests (the pytest job) pass only if no read succeeds; the
    mutant ``LOOK = False -> True`` of line 3 (judged in a fresh import, since it changes what
    runs at import) survives only if its import read nothing. Without bubblewrap both fail."""
    (tmp_path / "reader.py").write_text(MODULE.format(paths=json.dumps(list(secrets))), encoding="utf-8")
    (tmp_path / "test_reader.py").write_text(TESTS.format(count=len(secrets)), encoding="utf-8")
    result = sva("trust", "reader.py", "--tests", "test_reader.py", "--lines", "3", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [test["status"] for test in data["tests"]] == ["passed", "passed"]
    # line 3's two mutants, both judged in a fresh import: ``pass`` (killed: LOOK is undefined)
    # and the flip, which reads at import and survives only because nothing could be read
    assert data["mutants_total"] == 2 and data["mutants_fresh"] == 2
    assert [(s["before"], s["after"]) for s in data["survivors"]] == [("False", "True")]
    assert not any(text.strip() in result.stdout + result.stderr for text in secrets.values())


def test_without_bubblewrap_the_fallback_says_once_that_reads_are_not_confined(monkeypatch, capsys):
    monkeypatch.delenv(containment.ENV, raising=False)
    monkeypatch.setattr(containment, "_probe", lambda: "bwrap is not installed (Debian package bubblewrap)")
    containment._detected.cache_clear()
    try:
        decided = [containment.containment() for _ in range(3)]
    finally:
        containment._detected.cache_clear()  # the next caller probes for real
    assert decided == ["limits"] * 3
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("note: bubblewrap unavailable (bwrap is not installed")
    assert "reads are not confined (they can read every file you can)" in lines[0]
