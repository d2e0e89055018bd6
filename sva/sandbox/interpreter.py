"""``--python PATH``: run the sandbox with the user's own interpreter, so their dependencies load.

The sandbox worker (:mod:`sva.sandbox.child` and the jobs) needs only the standard library,
Python 3.11 or newer (it reads ``co_qualname``), and from the chosen environment: pytest (to
run tests files), coverage (line and branch coverage) and Hypothesis (the spec's properties and
any property tests). sva's own code reaches the worker through its path, not through that
environment. A spec (``--spec``) needs sva's families as well (numpy, sympy, ...), which a
user's environment rarely has, so a spec is checked with sva's own interpreter.

:func:`check_interpreter` asks the interpreter itself, once, before anything runs, and turns
every shortfall into one :class:`~sva.errors.InputError` line that names the interpreter,
what is missing, and the command that fixes it. Only the interpreter's own ``-c`` probe runs
here; no artifact code does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from sva.errors import InputError, os_reason

__all__ = ["WORKER_NEEDS", "check_interpreter"]

#: What the sandbox worker imports from the interpreter's environment.
WORKER_NEEDS = ("pytest", "coverage", "hypothesis")

_PROBE = ("import importlib.util, sys; "
          "print(f'{sys.version_info[0]}.{sys.version_info[1]}'); "
          "print(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))")


def check_interpreter(python: str, with_spec: bool) -> str:
    """The absolute path of interpreter ``python`` when the worker can run on it; else
    :class:`InputError` saying what is missing."""
    if with_spec:
        raise InputError(f"--python {python}: a spec is checked with sva's own interpreter (its families need "
                         f"sva's dependencies); drop --python, or drop --spec and give --tests")
    found = shutil.which(python) if os.sep not in python else python
    if found is None or not Path(found).is_file():
        raise InputError(f"--python {python}: no such interpreter")
    if not os.access(found, os.X_OK):
        raise InputError(f"--python {python}: not executable")
    try:
        answer = subprocess.run([found, "-I", "-c", _PROBE, *WORKER_NEEDS], capture_output=True, text=True,
                                timeout=60, stdin=subprocess.DEVNULL, check=False)
    except OSError as error:
        raise InputError(f"--python {python}: cannot run it: {os_reason(error)}") from None
    except subprocess.TimeoutExpired as error:
        raise InputError(f"--python {python}: cannot run it: {error}") from None
    lines = answer.stdout.splitlines()
    if answer.returncode != 0 or not lines:
        raise InputError(f"--python {python}: it does not run Python (exit status {answer.returncode})")
    major, _, minor = lines[0].partition(".")
    if (int(major), int(minor)) < (3, 11):
        raise InputError(f"--python {python}: Python {lines[0]} is too old; the sandbox worker needs 3.11 or newer")
    missing = lines[1].split() if len(lines) > 1 else []
    if missing:
        raise InputError(f"--python {python}: cannot import {', '.join(missing)} there (the sandbox worker needs "
                         f"{', '.join(WORKER_NEEDS)}); install them with: {found} -m pip install {' '.join(missing)}")
    return str(Path(found).absolute())
