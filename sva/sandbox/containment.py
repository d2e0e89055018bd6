"""Containment around the sandbox's child: bubblewrap's namespaces when it works here, else none.

:mod:`sva.sandbox.process` limits what the child may consume (CPU, memory, output, time);
this module limits what it may reach. When bubblewrap (``bwrap``, Debian package
``bubblewrap``) runs on this machine, the child's command is wrapped in it::

    bwrap --die-with-parent --unshare-net --unshare-pid --unshare-ipc --cap-drop ALL
          --ro-bind /usr/lib /usr/lib --symlink usr/lib /lib ... (the system entries)
          --dev /dev --proc /proc --size N --tmpfs /tmp (also the caller's HOME, /dev/shm)
          --ro-bind P P ... --bind WORK WORK [--ro-bind T WORK/.sva-readable/N/NAME ...]
          --remount-ro / --chdir WORK --clearenv --setenv NAME VALUE ... -- COMMAND

so the child has no network (a private loopback only), sees no other process and leaves none
behind (its pid namespace dies with it), holds no capabilities even when the caller is root,
gets exactly the environment the sandbox chose, and reads only what its job needs: its root is
an empty folder holding the system entries the interpreter needs to start, the ``P`` (the
interpreter's environment, installation and path entries, sva's package folder, external
families: :mod:`sva.sandbox.visible` lists each and why) and its job folder, the one writable
place on disk; ``/tmp``, ``/dev/shm`` and the caller's home are small, empty private tmpfs, and
the root is made read-only once all is mounted. A folder to read that lies under ``/tmp`` (the
``T``: a clone and its venv kept there) is bound inside the job folder instead, under its own
name, with the command and the environment pointing there, so the child's ``/tmp`` holds its
job folder alone wherever the caller keeps its interpreter.

:func:`containment` decides once per process: ``SVA_SANDBOX=limits`` turns bubblewrap off (for
debugging); otherwise a probe starts the interpreter in ``bwrap`` with the same flags, and if it
fails the sandbox says once on standard error that artifacts run with resource limits only and
can read every file the caller can, and falls back to the limits alone. What is and is not
contained is tabled in ``docs/trust.md``.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from typing import Iterable, Literal, Mapping

from sva.errors import os_reason
from sva.sandbox import visible

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
    """The folders the child gets as private empty tmpfs: /tmp and the caller's home (unless
    the home is the root itself); what it must read under them is bound back on top."""
    folders = ["/tmp"]
    home = os.path.realpath(os.path.expanduser("~"))
    if home != "/" and os.path.isdir(home) and home not in folders:
        folders.append(home)
    return folders


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _outermost(paths: Iterable[str]) -> list[str]:
    """``paths`` without those inside another of them, sorted."""
    unique = sorted(set(paths))
    return [path for path in unique if not any(path != other and _inside(path, other) for other in unique)]


def _readable_binds(readable: Iterable[str], moved: Mapping[str, str]) -> list[str]:
    """``--ro-bind P P`` for each folder or file the child must read (at the path given and at
    its resolved one, where they differ), but those the system entries already show and those
    moved into the job folder (:func:`_moved`)."""
    sources: dict[str, str] = {}
    for path in readable:
        if not os.path.exists(path):
            continue
        for spelling in (os.path.abspath(path), os.path.realpath(path)):
            sources.setdefault(spelling, os.path.realpath(path))
    shown = [*visible.system_folders(), *moved]
    arguments: list[str] = []
    for path in _outermost(sources):
        if not any(_inside(path, folder) for folder in shown):
            arguments += ["--ro-bind", sources[path], path]
    return arguments


def _moved(readable: Iterable[str], work: str) -> dict[str, str]:
    """The folders the child must read that lie under ``/tmp`` (a clone and its venv kept there,
    say), outermost first, each mapped to a place inside the job folder that keeps its name
    (``/tmp/clone/sva`` -> ``WORK/.sva-readable/0/sva``): bound there, they leave the child's
    ``/tmp`` holding its job folder alone, whatever else the caller keeps in /tmp."""
    under = [os.path.realpath(p) for p in readable if os.path.exists(p)]
    outermost = _outermost(path for path in under if _inside(path, "/tmp") and not _inside(work, path))
    return {path: f"{work}/{MOVED}/{index}/{os.path.basename(path)}" for index, path in enumerate(outermost)}


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
    disk), environment ``env`` alone, and nothing else to read but the system entries, interpreter
    ``python``'s paths and the paths in ``readable`` (:mod:`sva.sandbox.visible`). Each private
    tmpfs (``/tmp``, the home, ``/dev/shm``) holds at most ``tmpfs_bytes``, so it cannot fill
    the memory."""
    readable = [*readable, *visible.interpreter_paths(python)]
    moved = _moved(readable, work)
    arguments = ["bwrap", "--die-with-parent", "--unshare-net", "--unshare-pid", "--unshare-ipc",
                 "--cap-drop", "ALL", *visible.system_binds(), "--dev", "/dev", "--proc", "/proc"]
    for folder in [*_hidden(), "/dev/shm"]:
        arguments += ["--size", str(tmpfs_bytes), "--tmpfs", folder]
    arguments += _readable_binds(readable, moved)
    arguments += ["--bind", work, work]
    for path, place in moved.items():
        arguments += ["--ro-bind", path, place]
    arguments += ["--remount-ro", "/", "--chdir", work, "--clearenv"]
    for name, value in env.items():
        arguments += ["--setenv", name, _relocated(value, moved)]
    # path entries moved into the job folder: the interpreter skipped them at start-up (their
    # old paths are gone there); the child puts them back (sva.sandbox.child)
    entries = visible.ask(python).path
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
            trial = subprocess.run(wrap([sys.executable, "-I", "-c", "pass"], work, {"PATH": "/usr/bin:/bin"},
                                        sys.executable),
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
    print(f"note: bubblewrap unavailable ({reason}); artifacts run with resource limits only: their reads are "
          f"not confined (they can read every file you can), nor their network and writes", file=sys.stderr)
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
