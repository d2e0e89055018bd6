"""Checking mutation verdicts against a plain ``pytest`` run of the mutated file.

A survivor is something a user acts on (a missing test), so its verdict must be what their own
``pytest`` would say on the mutated code. :func:`plain_pytest` applies each mutant to the file
and runs plain pytest on the tests in a new sandboxed interpreter per mutant, the project laid
out as :mod:`sva.trust.project` lays it out: no swapping, no forking, no shared state, so
it is an independent check of :mod:`sva.trust.worker.batch` (and slow: one interpreter and
one pytest start per mutant). A mutant counts as killed by plain pytest when pytest reports a
failure of a test that had none on the original, by the rule pytest counts failures with (any
of the test's reports failed and is no expected failure: an error in a fixture, a failed
subtest, a strict xfail that passed), or when the tests do not run to the end at all (a
collection error, a crash, a limit hit).

Used by the tests (every verdict on a corpus of import-time cases) and by
``benchmarks/bench_mutation_peers.py`` (a sample of survivors on third-party modules).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from sva.trust.request import TrustConfig, TrustInput, sandbox_files
from sva.sandbox import Completed, run_job

__all__ = ["PlainVerdict", "plain_pytest"]

#: pytest's exit statuses for a run that ran every test: all passed (0), some failed (1)
_RAN = (0, 1)


@dataclass(frozen=True)
class PlainVerdict:
    """What plain pytest said of one mutant: killed or not, pytest's exit status and the tests
    it reports failing on the mutant that had no failure on the original (status None when the
    run did not finish: then ``reason`` says why)."""

    index: int
    killed: bool
    status: int | None
    failed: tuple[str, ...] = ()
    reason: str | None = None


def plain_pytest(request: TrustInput, indices: Sequence[int], config: TrustConfig | None = None,
                 workers: int = 1) -> tuple[PlainVerdict, ...]:
    """Plain pytest's verdict on each mutant of ``request`` whose index is in ``indices``
    (the numbering of :func:`sva.trust.mutants.generation.generate_mutants`), in that order;
    ``workers`` sandboxed runs at a time."""
    from concurrent.futures import ThreadPoolExecutor

    from sva.trust.mutants.generation import generate_mutants

    config = config or TrustConfig()
    mutants = generate_mutants(request.source)
    layout = request.place()
    payload = {"tests": list(layout.tests), "import_root": layout.import_root, "package": layout.package}
    limits = replace(config.limits, python=request.python)
    original = run_job("pytest", payload, sandbox_files(request), limits)
    if not isinstance(original, Completed) or original.value["status"] not in _RAN:
        reason = original.reason if not isinstance(original, Completed) else f"exit status {original.value['status']}"
        raise RuntimeError(f"plain pytest does not run on the original: {reason}")
    failing = set(original.value["failed"])

    def judge(index: int) -> PlainVerdict:
        outcome = run_job("pytest", payload, sandbox_files(request, mutants[index].apply(request.source)), limits)
        if isinstance(outcome, Completed):
            status = int(outcome.value["status"])
            failed = tuple(sorted(set(outcome.value["failed"]) - failing))
            return PlainVerdict(index, bool(failed) or status not in _RAN, status, failed)
        return PlainVerdict(index, True, None, (), outcome.reason)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return tuple(pool.map(judge, indices))
