"""The set-up both trust jobs share: machinery, the artifact, its spec and entry, the spec test.

:func:`open_session` runs first in both the baseline and the mutant job: it prepares
Hypothesis (shrinking only on the original) and pytest, imports the artifact under the alarm
(an import that hangs is the artifact's failure), looks the spec up and finds the entry.
:func:`spec_test_of` builds the spec test on the check cases the caller chose, when there is a
spec and an entry to run it on.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from sva.trust.worker.loading import import_artifact, prepare_machinery
from sva.trust.protocol import WorkerRequest
from sva.trust.worker.runners import SpecTest
from sva.trust.worker.timer import Alarm

__all__ = ["Session", "open_session", "preload_spec", "spec_test_of"]


@dataclass
class Session:
    """The artifact as the job runs it: its file, the imported module, the spec and entry (or none)."""

    module_file: str
    module: types.ModuleType
    spec: Any
    entry: Callable[..., Any] | None


def open_session(request: WorkerRequest, alarm: Alarm, shrink: bool) -> Session:
    """Import the artifact of ``request`` in the working folder, with its spec and entry.

    Raises :class:`~sva.trust.worker.timer.TimeBudgetExceeded` when the import outlasts one test
    budget, whatever the artifact raises at import, and ``AttributeError`` when a spec's entry
    is missing.
    """
    work = Path.cwd()
    prepare_machinery(work, request, shrink)
    module_file = str(work / request.module)
    alarm.arm(request.settings.test_seconds)
    try:
        module = import_artifact(module_file, request.module_name, work / request.import_root)
    finally:
        alarm.disarm()
    spec = entry = None
    if request.spec:
        from sva.families import get_spec

        spec = get_spec(request.spec)
    if request.entry:
        entry = getattr(module, request.entry, None)
        if spec is not None and not callable(entry):
            raise AttributeError(f"the artifact has no function {request.entry!r}")
    return Session(module_file, module, spec, entry)


def preload_spec(request: WorkerRequest) -> None:
    """Have the registry load every family and build the request's spec now, before any clock,
    tracer or fork (a child forked afterwards inherits it instead of building it again); an
    unknown spec is left for :func:`open_session` to report. Every family is loaded, not only
    the spec's: Hypothesis draws from the constants of every module of the tool loaded (its
    "local constants"), so loading fewer would change the examples drawn. The other specs are
    not built (:mod:`sva.families` builds a spec on its first lookup)."""
    if request.spec:
        from sva.families import get_spec, spec_names

        if request.spec in spec_names():
            get_spec(request.spec)


def spec_test_of(session: Session, cases: Sequence[tuple], record_passing: bool) -> SpecTest | None:
    """The spec test on ``cases``, or None without a spec and an entry."""
    if session.spec is None or session.entry is None:
        return None
    return SpecTest(session.spec, session.entry, cases, name=f"spec {session.spec.name}: all properties",
                    record_passing=record_passing)
