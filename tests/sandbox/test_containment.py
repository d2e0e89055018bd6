"""Containment: hostile artifacts cannot reach the network, write outside their folder, leave a
process behind, or read the caller's environment (bubblewrap), and the fallback still kills
what it started and hides the caller's variables (resource limits only). What they may read is
tested in ``test_confinement.py``."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from sva.sandbox import containment
from sva.sandbox import Completed, Crashed, Limits, run_job

BWRAP = containment.containment() == "bwrap"
needs_bwrap = pytest.mark.skipif(not BWRAP, reason="bubblewrap unavailable here: network and writes are not contained")
#: the fallback is always tried; bubblewrap where it works
MODES = [pytest.param("bwrap", marks=needs_bwrap), "limits"]


@pytest.fixture
def mode(request, monkeypatch):
    if request.param == "limits":
        monkeypatch.setenv(containment.ENV, "limits")
    return request.param


def hostile(body: str, *args, limits: Limits | None = None):
    """Run ``def f(*args): body`` in the sandbox; the output (or the exception line) of the call."""
    source = "import os, socket, subprocess, sys, time\n\ndef f(*args):\n" + \
             "".join(f"    {line}\n" for line in body.strip().splitlines())
    outcome = run_job("evaluate_cases", {"module": "artifact.py", "entry": "f", "cases": [list(args)]},
                      files={"artifact.py": source}, limits=limits)
    if isinstance(outcome, Completed):
        [case] = outcome.value
        return case.get("output", case.get("exception"))
    return outcome


def survivors(marker: str) -> list[int]:
    """Live (not zombie) processes with ``marker`` in their command line, after a short grace."""
    found: list[int] = []
    for _ in range(50):  # killed processes may take a moment to be reaped
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes()
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            if marker.encode() in cmdline and state != "Z":
                found.append(int(entry.name))
        if not found:
            return []
        time.sleep(0.1)
    for pid in found:  # do not leave them to the rest of the suite
        os.kill(pid, 9)
    return found


@needs_bwrap
def test_a_connection_to_the_callers_loopback_is_refused():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        port = listener.getsockname()[1]
        output = hostile("try:\n    socket.create_connection(('127.0.0.1', args[0]), timeout=5)\n"
                         "except OSError as error:\n    return type(error).__name__\nreturn 'connected'", port)
        assert output == "ConnectionRefusedError"  # a private loopback, nothing listens there
        with pytest.raises(BlockingIOError):
            listener.accept()  # and nothing reached ours


@needs_bwrap
def test_no_file_appears_outside_the_working_folder(tmp_path):
    name = f"sva-containment-{uuid.uuid4().hex}"
    targets = [Path.home() / name, tmp_path / name, Path(__file__).parent / name, Path("/var/tmp") / name,
               Path("/") / name, Path("/usr/lib") / name]
    try:
        outputs = hostile("results = []\nfor path in args:\n    try:\n        open(path, 'w').write('x')\n"
                          "        results.append('written')\n    except OSError as error:\n"
                          "        results.append(error.strerror)\nreturn results", *map(str, targets))
        appeared = [str(path) for path in targets if path.exists()]
    finally:
        for path in targets:
            path.unlink(missing_ok=True)
    assert appeared == []
    # the home folder is a private empty one (a write there is discarded); the caller's /tmp, this
    # checkout and /var are not there at all, wherever the checkout and its venv live; the root
    # and the system folders shown are read-only
    assert outputs == ["written", *["No such file or directory"] * 3, *["Read-only file system"] * 2]


@needs_bwrap
def test_the_sandbox_sees_no_other_process_and_no_unix_socket_under_run():
    output = hostile("return [sorted(int(p) for p in os.listdir('/proc') if p.isdigit()) == [1, 2],"
                     " os.path.exists('/run'), os.listdir('/tmp') == [os.path.basename(os.getcwd())]]")
    assert output == [True, False, True]


@needs_bwrap
@pytest.mark.parametrize("folder", ["/tmp", "/dev/shm"])
def test_the_private_tmpfs_cannot_fill_the_memory(folder):
    output = hostile("for i in range(4):\n    try:\n        open(f'{args[0]}/{i}', 'wb').write(bytes(1536 * 1024))\n"
                     "    except OSError as error:\n        return [i, error.strerror]\nreturn 'filled'", folder,
                     limits=Limits(output_bytes=2 * 1024**2))
    assert output == [1, "No space left on device"]  # the second file overflows the 2 MiB tmpfs


@needs_bwrap
def test_another_processs_environment_is_out_of_sight():
    secret = f"sva-secret-{uuid.uuid4().hex}"
    holder = subprocess.Popen(["sleep", "60"], env={"SVA_TEST_SECRET": secret})
    try:
        output = hostile("found = []\nfor pid in filter(str.isdigit, os.listdir('/proc')):\n    try:\n"
                         "        found.append(args[0].encode() in open(f'/proc/{pid}/environ', 'rb').read())\n"
                         "    except OSError:\n        pass\nreturn any(found)", secret)
    finally:
        holder.kill()
        holder.wait()
    assert output is False


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_the_callers_environment_is_not_inherited(mode, monkeypatch):
    monkeypatch.setenv("SVA_TEST_SECRET", "hunter2")
    output = hostile("return [os.environ.get('SVA_TEST_SECRET'), sorted(os.environ)]")
    assert output[0] is None
    assert "SVA_TEST_SECRET" not in output[1] and "PATH" in output[1]


#: A sleeper's arguments after the interpreter: the artifact starts it with its own
#: ``sys.executable`` (inside the sandbox the caller's interpreter may sit at another path: one
#: under /tmp is bound inside the job folder).
SLEEPER = ["-c", "import time; time.sleep(600)"]


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_a_forked_sleeper_does_not_outlive_the_job(mode):
    marker = f"sva-sleeper-{uuid.uuid4().hex}"
    output = hostile("subprocess.Popen([sys.executable] + args[0] + [args[1]])\nreturn 'spawned'", SLEEPER, marker)
    assert output == "spawned"
    assert survivors(marker) == []


@pytest.mark.parametrize("how", [
    "subprocess.Popen([sys.executable] + args[0] + [args[1]], start_new_session=True)",  # out of the process group
    "if os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n        os.execv(sys.executable, [sys.executable] + args[0] + [args[1]])\n"
    "    os._exit(0)",  # a daemon: double fork, reparented away from the job
])
@needs_bwrap
def test_a_sleeper_in_its_own_session_does_not_outlive_the_job(how):
    marker = f"sva-sleeper-{uuid.uuid4().hex}"
    output = hostile(how + "\nreturn 'spawned'", SLEEPER, marker)
    assert output == "spawned"
    assert survivors(marker) == []


@needs_bwrap
def test_a_job_killed_at_its_wall_clock_limit_takes_its_sleepers_along():
    marker = f"sva-sleeper-{uuid.uuid4().hex}"
    outcome = hostile("subprocess.Popen([sys.executable] + args[0] + [args[1]], start_new_session=True)\ntime.sleep(600)",
                      SLEEPER, marker, limits=Limits(wall_seconds=3))
    assert isinstance(outcome, Crashed) and outcome.overran
    assert survivors(marker) == []


@needs_bwrap
def test_a_signal_is_still_reported_as_such_through_bubblewrap():
    outcome = hostile("while True:\n    pass", limits=Limits(cpu_seconds=1, wall_seconds=30))
    assert isinstance(outcome, Crashed) and outcome.reason == "CPU time limit exceeded"


def test_the_limits_setting_turns_bubblewrap_off(monkeypatch):
    monkeypatch.setenv(containment.ENV, "limits")
    assert containment.containment() == "limits"
    assert containment.label() == "resource limits only"
    # the fallback's pid is the caller's namespace's, never the bwrap namespace's 2
    assert hostile("return os.getpid()") not in (1, 2)


def test_the_command_binds_what_the_child_must_read_and_no_more(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    outside = "/usr/share/doc" if os.path.isdir("/usr/share/doc") else "/usr/lib"  # a system folder
    command = containment.wrap(["true"], "/tmp/work", {"A": "1"}, sys.executable, [str(package), "/usr/lib/os-release"])
    assert command[-2:] == ["--", "true"]
    pairs = list(zip(command, command[1:]))
    assert ("--tmpfs", "/tmp") in pairs and ("--unshare-net", "--unshare-pid") in pairs
    assert ("--ro-bind", "/") not in pairs  # the root is bubblewrap's own, empty
    binds = [(command[i + 1], command[i + 2]) for i, word in enumerate(command) if word == "--ro-bind"]
    sources = [source for source, _ in binds]
    # a folder under /tmp is bound inside the job folder, under its own name
    moved = [target for source, target in binds if source == str(package.resolve())]
    assert len(moved) == 1 and re.fullmatch(rf"/tmp/work/{re.escape(containment.MOVED)}/\d+/pkg", moved[0]), moved
    assert sources.count("/usr/lib") == 1  # a file inside a system folder is not bound again
    assert outside not in sources and "/var/tmp" not in sources and "/" not in sources
    assert str(Path(sys.prefix).resolve()) in sources  # the interpreter's environment
    assert command.index("--bind") > max(i for i, word in enumerate(command) if word == "--tmpfs")
    assert command.index("--remount-ro") > max(i for i, word in enumerate(command) if word == "--ro-bind")
    assert command[command.index("--setenv"):command.index("--setenv") + 3] == ["--setenv", "A", "1"]


def test_an_interpreter_under_a_hidden_folder_still_runs_the_job(tmp_path):
    """A user's venv under /tmp (or the home) is bound back read-only: ``--python`` works (one
    under /tmp is bound inside the job folder, so the child's /tmp holds that folder alone)."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    [site] = (venv / "lib").glob("python*/site-packages")
    (site / "sva-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")  # sva's pytest etc.
    output = hostile("return [sys.prefix, sys.executable]", limits=Limits(python=str(venv / "bin" / "python")))
    if str(venv).startswith("/tmp/"):
        assert f"/{containment.MOVED}/" in output[0] and output[1] == output[0] + "/bin/python"
    else:
        assert output == [str(venv), str(venv / "bin" / "python")]


@needs_bwrap
def test_tmp_holds_the_job_folder_alone_when_the_interpreter_lives_under_tmp(tmp_path_factory):
    """A clone (and so its venv) kept under /tmp: the folders the child must read are bound
    inside its job folder, not at their paths, so its /tmp still lists its own folder alone."""
    root = Path(tempfile.mkdtemp(prefix="sva-venv-under-tmp-", dir="/tmp"))
    try:
        venv = root / "venv"
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
        python = venv / "bin" / "python"
        packages = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  capture_output=True, text=True, check=True).stdout.strip()
        # the venv sees sva's own dependencies (a .pth to this interpreter's site-packages) and a
        # folder of its own under /tmp (a .pth too: the child must still find what it holds)
        (root / "deps").mkdir()
        (root / "deps" / "userdep.py").write_text("VALUE = 42\n")
        Path(packages, "sva-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n" + str(root / "deps") + "\n")
        output = hostile("import userdep\nreturn [os.listdir('/tmp') == [os.path.basename(os.getcwd())], "
                         "sys.prefix.startswith(os.getcwd()), userdep.VALUE]", limits=Limits(python=str(python)))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    assert output == [True, True, 42]


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_the_child_runs_with_hash_seed_zero_whatever_the_callers(mode, monkeypatch):
    """The environment's PYTHONHASHSEED=0 reaches the child (``python -I`` ignored it, so a
    set of strings iterated in a different order in every job), whatever the caller's seed."""
    monkeypatch.setenv("PYTHONHASHSEED", "12345")
    shown = hostile("return [sys.flags.hash_randomization, hash('sva'), sys.flags.no_user_site, sys.flags.safe_path]")
    assert shown == [0, _hash_with_seed_zero("sva"), 1, True]


def _hash_with_seed_zero(text: str) -> int:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", f"print(hash({text!r}))"], capture_output=True, text=True,
                          env={"PYTHONHASHSEED": "0"}, check=True)
    return int(done.stdout)
