"""``sva specs`` and ``sva generate`` through the real CLI, in a fresh process."""

from __future__ import annotations

import json

import pytest

from sva.cli import main


def test_specs_lists_the_nine_boolean_specs(sva):
    result = sva("specs", "--json")
    assert result.returncode == 0
    specs = json.loads(result.stdout)
    assert [spec["name"] for spec in specs][:9] == ["parity-3", "parity-4", "parity-5", "parity-6", "mux-6",
                                                    "mux-11", "majority-5", "adder-2", "comparator-3"]
    assert {key for key in ("name", "family", "entry", "arity")} <= set(specs[0])
    assert specs[5]["arity"] == 11


def test_python_dash_m_analyzer_is_sva(sva):
    result = sva("specs")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].split()[:4] == ["name", "family", "entry", "arity"]
    from sva.families import spec_names

    assert len(result.stdout.splitlines()) == 1 + len(spec_names())  # the header, then one line per spec


def test_generate_design_writes_module_tests_and_manifest(sva, tmp_path):
    result = sva("generate", "parity-4", "--generator", "design", "--seed", "1", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    module = tmp_path / "parity-4" / "design" / "seed-1.py"
    assert result.stdout.strip() == str(module)
    manifest = json.loads(module.with_suffix(".json").read_text())
    assert (manifest["spec"], manifest["generator"], manifest["seed"], manifest["entry"]) == \
        ("parity-4", "design", 1, "parity_4")
    assert manifest["search"] is None
    assert manifest["tests"] == "seed-1_test.py"
    assert (tmp_path / "parity-4" / "design" / "seed-1_test.py").is_file()
    import hashlib
    assert manifest["sha256"] == hashlib.sha256(module.read_bytes()).hexdigest()
    assert set(manifest["versions"]) >= {"python", "deap", "libcst", "sva"}


@pytest.mark.parametrize("args, message", [
    (["generate", "parity-9", "--generator", "design"], "sva: unknown spec 'parity-9'; known specs: parity-3,"),
    (["generate", "parity-4", "--generator", "evolve"], "sva: unknown generator 'evolve'; known generators: search, design, search-parsimony"),
    (["generate", "parity-4", "--generator", "design", "--seed", "-1"], "expected a non-negative seed, got seed=-1"),
    (["generate", "parity-4", "--generator", "design", "--seed", "x"], "expected an int, got seed='x'"),
    (["generate", "parity-4", "--generator", "design", "--set", "colour=1"], "unknown configuration key 'colour'"),
    (["generate", "parity-4", "--generator", "design", "--bogus"], "unrecognized arguments: --bogus"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
])
def test_bad_arguments_give_one_line_and_status_2(args, message, capsys):
    with pytest.raises(SystemExit) as exit_info:
        status = main(args)
        raise SystemExit(status)
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert "Traceback" not in captured.err


def test_an_unwritable_folder_is_one_line_and_status_2(sva, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = sva("generate", "parity-3", "--generator", "design", "--out", str(blocker / "sub"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"sva: cannot write artifacts under '{blocker / 'sub'}': ")
    assert len(result.stderr.strip().splitlines()) == 1


_LOADED_BY = r"""
import sys
from sva.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(" ".join(sorted(name for name in sys.modules if name.startswith("sva."))))
"""


def test_only_the_chosen_commands_module_is_imported(tmp_path):
    """``sva trust --help`` builds the trust parser alone: no experiment, no presets, no report."""
    import subprocess
    import sys

    loaded = subprocess.run([sys.executable, "-c", _LOADED_BY, "trust", "--help"], capture_output=True, text=True,
                            timeout=120).stdout.split()
    assert "sva.cli.trust" in loaded
    assert not [name for name in loaded if name.startswith(("sva.experiment", "sva.report", "sva.generate",
                                                            "sva.cli.run", "sva.cli.generate"))], loaded


def test_help_lists_every_command_from_the_one_table(capsys):
    from sva.cli import COMMANDS

    with pytest.raises(SystemExit):
        main(["--help"])
    listed = " ".join(capsys.readouterr().out.split())  # argparse wraps the help: compare words
    for command in COMMANDS:
        assert f" {command.name} {' '.join(command.help.split())}" in listed
