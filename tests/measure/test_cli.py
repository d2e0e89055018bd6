"""``sva analyze`` and ``sva explain`` through the real CLI, hostile input included."""

from __future__ import annotations

import json
import os
import random
import shutil
import textwrap

import pytest

from sva.measure.registry import metric_fields

GOOD = textwrap.dedent('''
    def helper(a, b):
        """Add two numbers."""
        return a + b

    def main(x):
        y = helper(x, 1)
        return y * 2
''')

#: name -> (bytes, expected reason fragment)
INVALID = {
    "syntax.py": (b"def f(:\n    pass\n", "syntax error at line 1"),
    "python2.py": (b'print "x"\n', "Missing parentheses in call to 'print'"),
    "indent.py": (b"def f():\n    x = 1\n        y = 2\n", "bad indentation at line 3"),
    "undecodable.py": (b'x = "\xff\xfe\xfa"\n', "cannot decode as utf-8"),
    "nul.py": (b"x = 1\x00\n", "NUL byte"),
    "random.py": (random.Random(7).randbytes(2048), ""),
    "big.py": (b"x = 1\n" * 1_400_000, "file too large"),
    "paren1000.py": (("x = " + "(" * 1000 + "1" + ")" * 1000 + "\n").encode(), "too many nested parentheses"),
    "call1000.py": (("x = " + "f(" * 1000 + "1" + ")" * 1000 + "\n").encode(), "too many nested parentheses"),
}

#: valid but unusual files: all must be analyzed
VALID = {
    "empty.py": b"",
    "comments.py": b"# only a comment\n# and another\n",
    "latin1.py": '# -*- coding: latin-1 -*-\nname = "caf\xe9"\n'.encode("latin-1"),
    "sum1000.py": ("def f():\n    return " + " + ".join(["1"] * 1000) + "\n").encode(),
    "paren100.py": ("x = " + "(" * 100 + "1" + ")" * 100 + "\n").encode(),
    "call100.py": ("x = " + "f(" * 100 + "1" + ")" * 100 + "\n").encode(),
}


def _stderr_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def hostile_batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "good.py").write_text(GOOD)
    for name, (data, _) in {**INVALID}.items():
        (folder / name).write_bytes(data)
    for name, data in VALID.items():
        (folder / name).write_bytes(data)
    return folder


def test_hostile_files_each_fail_on_one_line_and_the_batch_goes_on(hostile_batch, sva):
    paths = [str(hostile_batch / n) for n in ["good.py", *INVALID, *VALID]] + [str(hostile_batch / "missing.py")]
    result = sva("analyze", "--json", "--timeout", "60", *paths)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = _stderr_lines(result)
    records = {r["path"]: r for r in json.loads(result.stdout)["files"]}
    failed = [*INVALID, "missing.py"]
    assert len(lines) == len(failed)
    for name in failed:
        path = str(hostile_batch / name)
        (line,) = [line for line in lines if line.startswith(f"sva: {path}: ")]
        reason = line[len(f"sva: {path}: "):]
        expected = INVALID[name][1] if name in INVALID else "no such file or folder"
        assert expected in reason
        assert records[path]["error"] == reason
        assert records[path]["metrics"] is None and records[path]["functions"] == []
    for name in ["good.py", *VALID]:
        record = records[str(hostile_batch / name)]
        assert record["error"] is None and set(record["metrics"]) == set(metric_fields())
    assert records[str(hostile_batch / "sum1000.py")]["metrics"]["audit_length"] == 2001
    assert records[str(hostile_batch / "latin1.py")]["metrics"]["units"] == 1
    assert records[str(hostile_batch / "empty.py")]["metrics"]["units"] == 0


def test_valid_unusual_files_exit_zero(hostile_batch, sva):
    result = sva("analyze", *[str(hostile_batch / n) for n in VALID])
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    for name in VALID:
        assert f"== {hostile_batch / name}" in result.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_and_symlink_loops_never_block(tmp_path, sva):
    (tmp_path / "good.py").write_text(GOOD)
    os.mkfifo(tmp_path / "x.py")
    os.symlink("loop.py", tmp_path / "loop.py")  # a link to itself
    os.symlink(".", tmp_path / "again")  # a folder link back into the walk
    hidden = tmp_path / ".hidden"
    hidden.mkdir()
    (hidden / "h.py").write_text("x = 1\n")
    venv = tmp_path / "env"
    venv.mkdir()
    (venv / "pyvenv.cfg").write_text("home = /usr\n")
    (venv / "v.py").write_text("x = 1\n")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "c.py").write_text("x = 1\n")

    walked = sva("analyze", "--json", str(tmp_path), timeout=60)
    assert walked.returncode == 0, walked.stderr  # skipped is not failed
    records = {r["path"]: r for r in json.loads(walked.stdout)["files"]}
    assert records[str(tmp_path / "good.py")]["error"] is None
    assert records[str(tmp_path / "x.py")]["error"] == "skipped: not a regular file (a FIFO)"
    assert records[str(tmp_path / "loop.py")]["error"] == "skipped: symbolic link loop"
    assert records[str(tmp_path / "again")]["error"].startswith("skipped: symbolic link to a folder")
    assert not any(".hidden" in p or "env" in p.split(os.sep)[-2:-1] or "__pycache__" in p for p in records)
    assert f"sva: {tmp_path / 'x.py'}: skipped: not a regular file (a FIFO)" in walked.stderr

    named = sva("analyze", str(tmp_path / "x.py"), str(tmp_path / "loop.py"), str(tmp_path / "good.py"),
                timeout=60)
    assert named.returncode == 1
    assert _stderr_lines(named) == [
        f"sva: {tmp_path / 'x.py'}: not a regular file (a FIFO)",
        f"sva: {tmp_path / 'loop.py'}: symbolic link loop",
    ]
    assert f"== {tmp_path / 'good.py'}" in named.stdout


def test_json_schema(tmp_path, sva):
    (tmp_path / "good.py").write_text(GOOD)
    result = sva("analyze", "--json", str(tmp_path / "good.py"))
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert list(document) == ["files"]
    (record,) = document["files"]
    assert list(record) == ["path", "error", "metrics", "functions"]
    assert list(record["metrics"]) == list(metric_fields())
    assert record["functions"] == [
        {"name": "helper", "lineno": 2, "cyclomatic_complexity": 1, "size": 7},
        {"name": "main", "lineno": 6, "cyclomatic_complexity": 1, "size": 6},
    ]
    metrics = record["metrics"]
    # helper 7, main.y: statement, Call, helper, x, 1 = 5, main: def, x, return, (*), y, 2 = 6
    assert metrics["audit_length"] == 18
    assert metrics["explanation_length"] == 6 + 5 + 3  # y read by body, helper by its 3-word story


def test_table_output_and_usage_errors(tmp_path, sva):
    (tmp_path / "good.py").write_text(GOOD)
    result = sva("analyze", str(tmp_path / "good.py"))
    assert result.returncode == 0
    for name in metric_fields():
        assert name in result.stdout
    bad = sva("analyze", "--timeout", "0", str(tmp_path / "good.py"))
    assert bad.returncode == 2 and bad.stderr.startswith("sva: --timeout")
    assert sva("analyze").returncode == 2


def test_diagram_written(tmp_path, sva):
    (tmp_path / "good.py").write_text(GOOD)
    out = tmp_path / "diagrams"
    result = sva("analyze", "--diagram", str(out), str(tmp_path / "good.py"))
    assert result.returncode == 0, result.stderr
    dots = list(out.glob("*.dot"))
    assert len(dots) == 1
    text = dots[0].read_text()
    assert "helper" in text and "main.y" in text and "story: 3 words" in text
    if shutil.which("dot"):
        svg = dots[0].with_suffix(".svg")
        assert svg.exists() and "<svg" in svg.read_text()


def test_explain_command(tmp_path, sva):
    (tmp_path / "good.py").write_text(GOOD)
    result = sva("explain", str(tmp_path / "good.py"))
    assert result.returncode == 0, result.stderr
    assert "[body 6 / 14] main" in result.stdout
    assert "[story 3] helper" in result.stdout
    assert result.stdout.rstrip().endswith("total: 14 tokens (= explanation_length)")
    entry = sva("explain", str(tmp_path / "good.py"), "--entry", "helper")
    assert "total: 7 tokens" in entry.stdout
    missing = sva("explain", str(tmp_path / "good.py"), "--entry", "nope")
    assert missing.returncode == 2 and "no unit named 'nope'" in missing.stderr
    (tmp_path / "bad.py").write_bytes(b'print "x"\n')
    bad = sva("explain", str(tmp_path / "bad.py"))
    assert bad.returncode == 1 and _stderr_lines(bad) == [
        f"sva: {tmp_path / 'bad.py'}: syntax error at line 1: Missing parentheses in call to 'print'. "
        "Did you mean print(...)?"]
