"""The one exit-status rule (:class:`sva.errors.Exit`) on every command: a missing input and a bad
argument are status 2 with one ``sva:`` line naming them and nothing done; some items failing
among others is status 1; the table in ``docs/cli.md`` is the rule's.

The commands run in this process through :func:`sva.cli.main` (what the ``sva`` script and
``python -m sva`` call), so the matrix costs no interpreter start per case; one case runs as a
real process to see that the entry point adds nothing (no traceback, the same status)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sva.cli import COMMANDS, main
from sva.errors import Exit

from tests.conftest import ROOT, run_sva

#: A parity-3 artifact that passes everything (the committed design).
GOOD = ROOT / "artifacts" / "parity-3" / "design" / "seed-0.py"
#: The commands that read no input of the user's (nothing can be missing).
NO_INPUT = {"specs"}
#: command -> (arguments naming an input that does not exist under {missing}, the name the line says)
MISSING = {
    "generate": (["no-such-spec", "--generator", "design", "--out", "{tmp}"], "no-such-spec"),
    "generate-all": (["--specs", "no-such-spec", "--out", "{tmp}"], "no-such-spec"),
    "factorize": (["{missing}/m.py", "--spec", "parity-3", "--out", "{tmp}"], "{missing}/m.py"),
    "analyze": (["{missing}/m.py"], "{missing}/m.py"),
    "explain": (["{missing}/m.py"], "{missing}/m.py"),
    "trust": (["{missing}/m.py", "--spec", "parity-3"], "{missing}/m.py"),
    "run": (["--preset", "smoke", "--external", "{missing}", "--out", "{tmp}"], "{missing}"),
    "export": (["--results", "{missing}", "--csv", "{tmp}/rows.csv"], "{missing}"),
    "claims": (["--results", "{missing}"], "{missing}"),
    "report": (["--results", "{missing}"], "{missing}"),
}
#: command -> (arguments with one bad value, what the line names)
BAD = {
    "specs": (["--frobnicate"], "--frobnicate"),
    "generate": (["parity-3", "--generator", "design", "--seed", "-1"], "seed=-1"),
    "generate-all": (["--seed", "x"], "seed='x'"),
    "factorize": ([str(GOOD)], "--spec"),
    "analyze": ([str(GOOD), "--timeout", "0"], "--timeout"),
    "explain": ([str(GOOD), "--entry", "no_such_unit"], "no_such_unit"),
    "trust": ([str(GOOD), "--examples", "0"], "--examples"),
    "run": (["--seeds", "0"], "seeds=0"),
    "export": (["--results", "{tmp}"], "--csv"),
    "claims": (["--frobnicate"], "--frobnicate"),
    "report": (["--frobnicate"], "--frobnicate"),
}


def sva_here(capsys, *args: str) -> tuple[int, str, str]:
    """``sva ARGS`` through :func:`sva.cli.main` in this process: (status, stdout, stderr)."""
    capsys.readouterr()
    try:
        status = main(list(args))
    except SystemExit as stop:  # argparse's own exit (a bad flag, --help)
        status = stop.code if isinstance(stop.code, int) else 1
    out, err = capsys.readouterr()
    return int(status), out, err


def _filled(values: list[str], tmp_path: Path) -> list[str]:
    return [value.format(tmp=tmp_path / "out", missing=tmp_path / "missing") for value in values]


def _one_line_naming(err: str, name: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("sva: ") and name in lines[0], lines[0]
    assert "Traceback" not in err
    return lines[0]


def test_every_command_has_a_case_of_each_kind():
    names = {command.name for command in COMMANDS}
    assert set(MISSING) | NO_INPUT == names and not set(MISSING) & NO_INPUT
    assert set(BAD) == names


@pytest.mark.parametrize("command", sorted(MISSING))
def test_a_missing_input_is_one_line_and_status_2(command, tmp_path, capsys):
    arguments, name = MISSING[command]
    status, out, err = sva_here(capsys, command, *_filled(arguments, tmp_path))
    assert status == Exit.BAD_INPUT == 2
    _one_line_naming(err, _filled([name], tmp_path)[0])
    assert out == ""  # nothing done, nothing printed
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("command", sorted(BAD))
def test_a_bad_argument_is_one_line_and_status_2(command, tmp_path, capsys):
    arguments, name = BAD[command]
    status, out, err = sva_here(capsys, command, *_filled(arguments, tmp_path))
    assert status == 2
    _one_line_naming(err, name)
    assert out == ""


def test_the_installed_entry_point_gives_the_same_line_and_status(tmp_path):
    process = run_sva("analyze", str(tmp_path / "missing.py"))
    assert process.returncode == 2 and process.stdout == ""
    assert process.stderr == f"sva: {tmp_path / 'missing.py'}: no such file or folder\n"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(string.ascii_letters + string.digits + "-_. ", min_size=1, max_size=20).filter(
    lambda text: text.strip(". ") != ""))
def test_any_missing_file_is_named_with_status_2(name, tmp_path, capsys):
    path = str(tmp_path / "nowhere" / name)
    for command in ("analyze", "explain"):
        status, out, err = sva_here(capsys, command, path)
        assert (status, out) == (2, "")
        assert _one_line_naming(err, path) == f"sva: {path}: no such file or folder"


def test_a_folder_without_python_files_is_one_line_and_status_2(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("not Python\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "m.py").write_text("x = 1\n")  # hidden folders are not walked
    status, out, err = sva_here(capsys, "analyze", str(tmp_path))
    assert (status, out) == (2, "")
    assert re.fullmatch(rf"sva: {re.escape(str(tmp_path))}: no Python file in this folder \(.*\)", err.strip())


def test_some_items_failing_among_others_is_status_1(tmp_path, capsys):
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "good.py").write_text("def f(x):\n    return x + 1\n")
    (folder / "bad.py").write_text("def f(x) return x\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    status, out, err = sva_here(capsys, "analyze", "--jobs", "0", str(folder), str(empty),
                                str(tmp_path / "missing.py"))
    assert status == Exit.PARTIAL == 1
    assert f"== {folder / 'good.py'}" in out
    lines = err.splitlines()
    assert len(lines) == 3 and all(line.startswith("sva: ") for line in lines)
    assert lines[0].startswith(f"sva: {empty}: no Python file in this folder")
    assert lines[1].startswith(f"sva: {folder / 'bad.py'}: syntax error at line 1")
    assert lines[2] == f"sva: {tmp_path / 'missing.py'}: no such file or folder"


def test_the_docs_table_is_the_rule():
    """``docs/cli.md`` states each status of :class:`Exit` in its table, and a section per command
    naming every one of its options."""
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (\d+) \| `(\w+)` \|", text, flags=re.MULTILINE))
    assert rows == {str(int(member)): member.name for member in Exit}
    for command in COMMANDS:
        section = text.split(f"\n### `sva {command.name}`", 1)[1].split("\n### ", 1)[0]
        for option in _options(command.name):
            assert f"`{option}" in section, (command.name, option)


def _options(command: str) -> list[str]:
    import argparse

    from sva.cli import build_parser

    parser = build_parser(command)
    subparsers = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    return [action.option_strings[-1] for action in subparsers.choices[command]._actions
            if action.option_strings and "--help" not in action.option_strings]
