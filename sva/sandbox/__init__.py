"""The sandbox: run a job on untrusted artifact code in a limited, contained child process.

The mechanism alone, for every layer that executes artifact code (``sva generate`` checking a
candidate, ``sva trust`` running tests and mutants): :func:`run_job` starts the child
(:mod:`.process`) under :class:`Limits` (:mod:`.limits`), inside bubblewrap where it works
(:mod:`.containment`), which shows it only what its job needs (:mod:`.visible`); the child (:mod:`.child`) runs one job and writes its JSON result.
Several jobs on one folder can share one warm child instead (:mod:`.warm`: a server that
imports once and forks each job under its own limits).
A job is named by a short name (the sandbox's own, :mod:`.jobs`: ``evaluate_cases``, ``pytest``,
``family_probe``) or by dotted path ``package.module:function`` (the trust jobs), so the sandbox
imports nothing of the layers above it. Built on it, for callers: the checks of an artifact on
cases (:mod:`.cases`, records in :mod:`.records`, with the bound on any artifact value the
caller keeps) and a family's probe (:mod:`.probe`); for jobs:
loading a file of the folder (:mod:`.loading`) and Hypothesis's Unicode tables
(:mod:`.hypothesis_tables`); for ``--python``, the check of a user's interpreter
(:mod:`.interpreter`).
"""

from sva.sandbox.limits import Limits
from sva.sandbox.process import Completed, Crashed, Outcome, run_job, sandbox_path, write_files

__all__ = ["Completed", "Crashed", "Limits", "Outcome", "run_job", "sandbox_path", "write_files"]
