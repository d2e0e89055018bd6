"""Containment around the sandbox's child: bubblewrap's namespaces when it works here, else none.

:mod:`sva.sandbox.process` limits what the child may consume (CPU, memory, output, time);
this module limits what it may reach. When bubblewrap (``bwrap``, Debian package
``bubblewrap``) runs on this machine, the child's command is wrapped in it::

    bwrap --die-with-parent --unshare-net --unshare-pid --unshare-ipc --cap-drop ALL
          --ro-bind / / --dev /dev --proc /proc --size N --tmpfs /tmp (also /run, HOME, /dev/shm)
          [--ro-bind P P ...] --bind WORK WORK [--ro-bind T WORK/.sva-readable/N ...]
          --chdir WORK --clearenv --setenv NAME VALUE ... -- COMMAND

so the child has no network (a private loopback only), sees no other process and leaves none
behind (its pid namespace dies with it), cannot write outside its working folder (the root is
read-only; ``/tmp``, ``/run``, ``/dev/shm`` and the caller's home are small, empty private
tmpfs, hiding the Unix sockets and the per-user secrets kept there), holds no capabilities even when the caller is
root, and gets exactly the environment the sandbox chose. The folders it must still read that
lie under a hidden one (sva's package, the interpreter's environment, external families) are
bound back read-only: at their own paths (the ``P`` above), but for those under ``/tmp`` (the
``T``: a clone and its venv kept there), bound inside the job folder instead, with the command
and the environment pointing there, so the child's ``/tmp`` holds its job folder alone.

:func:`containment` decides once per process: ``SVA_SANDBOX=limits`` turns bubblewrap off (for
debugging); otherwise a probe runs ``bwrap ... true`` with the same flags, and if it fails the
reason is said once on standard error and the sandbox falls back to its resource limits alone.
What is and is not contained is tabled in ``docs/trust.md``.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterable, Literal, Mapping

from sva.errors import os_reason

__all__ = ["Containment", "containment", "label", "wrap"]

#: "bwrap": the child runs inside bubblewrap; "limits": resource limits only.
Containment = Literal["bwrap", "limits"]

#: The variable that turns bubblewrap off: ``SVA_SANDBOX=limits``.
ENV = "SVA_SANDBOX"

#: The folder, inside the job folder, where the folders to read that lie under /tmp are bound.
MOVED = ".sva-readable"

#: The variable naming the interpreter's path entries moved there, for the child's ``sys.path``.
MOVED_PATH = "SVA_MOVED_PATH"


def _hidden() -> list[str]:
    """The folders replaced by an empty private one: /tmp and /run (Unix sockets, agents) and
    the caller's home (keys, tokens, configuration), the home unless it is the root itself."""
    folders = ["/tmp", "/run"]
    home = os.path.realpath(os.path.expanduser("~"))
    if home != "/" and os.path.isdir(home) and home not in folders:
        folders.append(home)
    return folders


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _interpreter_roots(python: str) -> list[str]:
    """The folders an interpreter reads: its environment (``bin/..``), the one its resolved
    binary lives in, and a venv's base (``home`` in ``pyvenv.cfg``)."""
    path = Path(python).absolute()
    roots = [path.parent.parent, path.resolve().parent.parent]
    config = path.parent.parent / "pyvenv.cfg"
    try:
        lines = config.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    for line in lines:
        key, _, value = line.partition("=")
        if key.strip() == "home" and value.strip():
            roots.append(Path(value.strip()).parent)
    return [str(root) for root in roots]


@functools.lru_cache(maxsize=None)
def _path_entries(python: str) -> tuple[str, ...]:
    """The folders on interpreter ``python``'s own ``sys.path`` (``python -I``): its standard
    library, its site-packages and what their ``.pth`` files add, such as another environment's
    site-packages. The child must read them all; none when the interpreter does not answer."""
    try:
        answer = subprocess.run([python, "-I", "-c", "import sys; print('\\n'.join(sys.path))"], capture_output=True,
                                text=True, timeout=60, stdin=subprocess.DEVNULL, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ()
    return tuple(line for line in answer.stdout.splitlines() if line.startswith("/") and os.path.isdir(line))


def _readable_binds(readable: Iterable[str], hidden: list[str], moved: Mapping[str, str]) -> list[str]:
    """``--ro-bind P P`` for each folder the child must read that a hidden folder covers, but
    those moved into the job folder (:func:`_moved`)."""
    arguments: list[str] = []
    for path in sorted({os.path.realpath(p) for p in readable}):
        if any(_inside(path, gone) for gone in moved):
            continue
        if os.path.exists(path) and any(_inside(path, folder) for folder in hidden):
            arguments += ["--ro-bind", path, path]
    return arguments


def _moved(readable: Iterable[str], work: str) -> dict[str, str]:
    """The folders the child must read that lie under ``/tmp`` (a clone and its venv kept there,
    say), outermost first, each mapped to a place inside the job folder: bound there, they leave
    the child's ``/tmp`` holding its job folder alone, whatever else the caller keeps in /tmp."""
    under = sorted({os.path.realpath(p) for p in readable if os.path.exists(p)})
    under = [path for path in under if _inside(path, "/tmp") and not _inside(work, path)]
    outermost = [path for path in under if not any(path != other and _inside(path, other) for other in under)]
    return {path: f"{work}/{MOVED}/{index}" for index, path in enumerate(outermost)}


def _relocated(text: str, moved: Mapping[str, str]) -> str:
    """``text`` (a path, or paths joined by ``os.pathsep``) with each moved folder replaced by its
    place in the job folder; the path as given first (a venv's ``bin/python`` stays the link)."""
    if os.pathsep in text:
        return os.pathsep.join(_relocated(part, moved) for part in text.split(os.pathsep))
    if not text.startswith("/"):
        return text
    for spelling in (text, os.path.realpath(text)):
        for path, place in moved.items():
            if _inside(spelling, path):
                return place + spelling[len(path):]
    return text


def wrap(command: list[str], work: str, env: Mapping[str, str], python: str,
         readable: Iterable[str] = (), tmpfs_bytes: int = 4 * 1024**2) -> list[str]:
    """``command`` run in bubblewrap with working folder ``work`` (the only writable place on
    disk), environment ``env`` alone, and the folders in ``readable`` plus interpreter
    ``python``'s readable even if a hidden folder covers them. Each private tmpfs (the hidden
    folders, ``/dev/shm``) holds at most ``tmpfs_bytes``, so it cannot fill the memory."""
    hidden = _hidden()
    entries = _path_entries(python)
    readable = [*readable, *_interpreter_roots(python), *entries]
    moved = _moved(readable, work)
    arguments = ["bwrap", "--die-with-parent", "--unshare-net", "--unshare-pid", "--unshare-ipc",
                 "--cap-drop", "ALL", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    for folder in [*hidden, "/dev/shm"]:
        arguments += ["--size", str(tmpfs_bytes), "--tmpfs", folder]
    arguments += _readable_binds(readable, hidden, moved)
    arguments += ["--bind", work, work]
    for path, place in moved.items():
        arguments += ["--ro-bind", path, place]
    arguments += ["--chdir", work, "--clearenv"]
    for name, value in env.items():
        arguments += ["--setenv", name, _relocated(value, moved)]
    # path entries moved into the job folder: the interpreter skipped them at start-up (their
    # old paths are gone there); the child puts them back (sva.sandbox.child)
    moved_entries = [_relocated(entry, moved) for entry in entries if _relocated(entry, moved) != entry]
    if moved_entries:
        arguments += ["--setenv", MOVED_PATH, os.pathsep.join(moved_entries)]
    return [*arguments, "--", *(_relocated(part, moved) for part in command)]


def _probe() -> str | None:
    """Why bubblewrap cannot contain a child here, or None when a trial run succeeds."""
    if shutil.which("bwrap") is None:
        return "bwrap is not installed (Debian package bubblewrap)"
    with tempfile.TemporaryDirectory(prefix="sva-bwrap-probe-") as work:
        try:
            trial = subprocess.run(wrap(["true"], work, {"PATH": "/usr/bin:/bin"}, sys.executable),
                                   capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
                                   check=False)
        except OSError as error:
            return f"bwrap did not run: {os_reason(error)}"
        except subprocess.TimeoutExpired as error:
            return f"bwrap did not run: {error}"
    if trial.returncode != 0:
        lines = trial.stderr.strip().splitlines()
        return lines[-1][:200] if lines else f"bwrap exited with status {trial.returncode}"
    return None


@functools.lru_cache(maxsize=None)
def _detected() -> Containment:
    reason = _probe()
    if reason is None:
        return "bwrap"
    print(f"note: bubblewrap unavailable ({reason}); artifacts run with resource limits only", file=sys.stderr)
    return "limits"


def containment() -> Containment:
    """How this process contains sandboxed children: ``SVA_SANDBOX=limits`` forces "limits";
    else "bwrap" when the (cached) probe succeeds, "limits" after one note on stderr."""
    if os.environ.get(ENV, "").strip().lower() == "limits":
        return "limits"
    return _detected()


def label() -> str:
    """What the trust report records as the sandbox's containment."""
    return "bubblewrap" if containment() == "bwrap" else "resource limits only"
