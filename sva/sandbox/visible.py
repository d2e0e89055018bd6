"""What a child contained by bubblewrap may read: what its job needs, and nothing else.

The child's root is an empty folder of bubblewrap's own, made read-only once everything is
mounted (:func:`sva.sandbox.containment.wrap`). This module lists what is put in it, read-only:

==============================  ===============================================================
entry                           why the child needs it
==============================  ===============================================================
``/usr/lib``, ``/usr/lib64``    the C library, the dynamic loader and the shared libraries the
                                interpreter and compiled extensions load (``libc``, ``libm``,
                                ``libssl`` for ``_ssl``, ``libffi`` for ``ctypes``, ``libz``...)
``/lib``, ``/lib64``            the same folders under their old names, every binary names its
                                loader by one (``/lib64/ld-linux-x86-64.so.2``): recreated as the
                                links they are on a merged-``/usr`` system (``lib -> usr/lib``),
                                bound where they are folders of their own
``/etc/ld.so.cache``            the loader's index of library folders (it finds libraries kept
                                outside the default folders); nothing else of ``/etc``
the interpreter's environment   a venv's root (``bin/..`` of the interpreter given, when a
                                ``pyvenv.cfg`` is there): its ``bin``, its site-packages
the interpreter's installation  the prefix of its resolved binary and a venv's ``home``
                                (``/root/.pyenv/versions/3.11.7``): the binary, the standard
                                library, ``libpython``. A shared system prefix (``/``, ``/usr``,
                                ``/usr/local``) is never bound whole: the resolved binary alone
                                then, with the next three rows
its path entries                ``sys.path`` of ``python -I``: the standard library,
                                ``lib-dynload``, site-packages and the folders their ``.pth``
                                files add (another environment's site-packages, a project)
its editable installs           the folders a setuptools editable finder maps packages to
                                (``MAPPING`` and ``NAMESPACES`` of ``__editable___*_finder``):
                                sva's ``sva/`` folder, a user's sibling project
its library folder              ``LIBDIR``, where ``libpython`` lives
==============================  ===============================================================

To these the sandbox adds sva's package folder (``sva/`` alone, not the checkout around it),
the folders of families from outside the package, a minimal ``/dev`` and the child's own
``/proc``, private empty tmpfs at ``/tmp``, ``/dev/shm`` and the caller's home, and the job
folder read-write (the files the job was given, its payload and results). Nothing else
exists there: ``os.listdir('/')`` inside lists ``dev``, ``etc``, ``lib``, ``lib64``, ``proc``,
``tmp``, ``usr`` and the top folders of the paths above (``work`` for a checkout at
``/work/sva``, ``root`` for an interpreter under ``/root``); no ``/var``, ``/home``, ``/opt``,
``/srv``, ``/mnt``, ``/run`` or ``/sys``.

The interpreter is asked once (:func:`interpreter_paths`, cached per interpreter), by running
it with ``-I`` on a fixed script that prints its ``sys.path`` and the finders' maps; no artifact
code is involved, and an interpreter that does not answer gets its environment bound alone.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Interpreter", "SYSTEM_PREFIXES", "ask", "interpreter_paths", "system_binds", "system_folders"]

#: Prefixes shared by the whole system: never bound whole for the interpreter's sake.
SYSTEM_PREFIXES = ("/", "/usr", "/usr/local")

#: System folders every child gets, read-only (the table above).
_LIBRARY_FOLDERS = ("/usr/lib", "/usr/lib64")
_LIBRARY_NAMES = ("/lib", "/lib64")
_LOADER_CACHE = "/etc/ld.so.cache"

#: What the interpreter is asked: its executable, prefixes, ``LIBDIR``, path and editable maps.
_PROBE = """
import json, os, sys, sysconfig
editable = []
for name, module in sorted(sys.modules.items()):
    if name.startswith('__editable__') and name.endswith('_finder'):
        editable += [str(p) for p in dict(getattr(module, 'MAPPING', {}) or {}).values()]
        for paths in dict(getattr(module, 'NAMESPACES', {}) or {}).values():
            editable += [str(p) for p in paths]
print(json.dumps({"executable": os.path.realpath(sys.executable), "prefix": sys.prefix,
                  "base_prefix": sys.base_prefix, "libdir": sysconfig.get_config_var('LIBDIR') or '',
                  "path": [p for p in sys.path if p], "editable": editable}))
"""


@dataclass(frozen=True)
class Interpreter:
    """What interpreter ``python`` reports of itself (``-I``); empty when it does not answer."""

    executable: str = ""
    prefix: str = ""
    base_prefix: str = ""
    libdir: str = ""
    path: tuple[str, ...] = ()
    editable: tuple[str, ...] = ()


def system_binds() -> list[str]:
    """The bubblewrap arguments that show the child the system entries of the table above."""
    arguments: list[str] = []
    for folder in _LIBRARY_FOLDERS:
        if os.path.isdir(folder):
            arguments += ["--ro-bind", folder, folder]
    for name in _LIBRARY_NAMES:
        if os.path.islink(name):
            arguments += ["--symlink", os.readlink(name), name]
        elif os.path.isdir(name):
            arguments += ["--ro-bind", name, name]
    if os.path.exists(_LOADER_CACHE):
        arguments += ["--ro-bind", _LOADER_CACHE, _LOADER_CACHE]
    return arguments


def system_folders() -> tuple[str, ...]:
    """The folders :func:`system_binds` shows whole (nothing inside them needs binding again)."""
    return tuple(folder for folder in (*_LIBRARY_FOLDERS, *_LIBRARY_NAMES) if os.path.isdir(folder))


@functools.lru_cache(maxsize=None)
def ask(python: str) -> Interpreter:
    """Interpreter ``python``'s own report (:data:`_PROBE`); an empty one when it does not answer."""
    try:
        answer = subprocess.run([python, "-I", "-c", _PROBE], capture_output=True, text=True, timeout=60,
                                stdin=subprocess.DEVNULL, check=False)
        data = json.loads(answer.stdout.strip().splitlines()[-1])
    except (OSError, subprocess.TimeoutExpired, ValueError, IndexError):
        return Interpreter()
    return Interpreter(str(data["executable"]), str(data["prefix"]), str(data["base_prefix"]), str(data["libdir"]),
                       tuple(map(str, data["path"])), tuple(map(str, data["editable"])))


def _environment(python: str) -> list[str]:
    """The interpreter's environment and installation: a venv's root (``bin/..`` holding a
    ``pyvenv.cfg``), its resolved binary's prefix and the venv's ``home``'s, each unless it is a
    system prefix, in which case the binary itself (as given and resolved) stands for it."""
    path = Path(python).absolute()
    roots = [path.parent.parent] if (path.parent.parent / "pyvenv.cfg").is_file() else []
    roots.append(path.resolve().parent.parent)
    try:
        lines = (path.parent.parent / "pyvenv.cfg").read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    for line in lines:
        key, _, value = line.partition("=")
        if key.strip() == "home" and value.strip():
            roots.append(Path(value.strip()).parent)
    kept = [str(root) for root in roots if str(root) not in SYSTEM_PREFIXES]
    if len(kept) < len(roots):
        kept += [str(path), str(path.resolve())]
    return kept


def interpreter_paths(python: str) -> tuple[str, ...]:
    """Every path interpreter ``python`` reads from (the table's interpreter rows), existing
    ones only, in a fixed order; a system prefix is never among them whole."""
    asked = ask(python)
    paths = [*_environment(python), *asked.path, *asked.editable]
    if asked.libdir not in SYSTEM_PREFIXES:
        paths.append(asked.libdir)
    if asked.executable:
        paths.append(asked.executable)
    return tuple(dict.fromkeys(path for path in paths if path.startswith("/") and os.path.exists(path)))
