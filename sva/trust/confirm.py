"""Checking mutation verdicts against a plain ``pytest`` run of the mutated file.

A survivor is something a user acts on (a missing test), so its verdict must be what their own
``pytest`` would say on the mutated code. :func:`plain_pytest` applies each mutant to the file
and runs plain pytest on the tests in a new sandboxed interpreter per mutant, the project laid
out as :mod:`sva.trust.project` lays it out: no swapping, no forking, no shared state, so
it is an independent check of :mod:`sva.trust.worker.batch` (and slow: one interpreter and
one pytest start per mutant). As in sva's own verdict, a mutant counts as killed by plain
pytest when a test that passes on the original does not pass on it (a failure, an error, a
collection error, a crash or a limit hit all count).

Used by the tests (every verdict on a corpus of import-time cases) and by
``benchmarks/bench_mutation_peers.py`` (a sample of survivors on third-party modules).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from sva.trust.request import TrustConfig, TrustInput, sandbox_files
from sva.sandbox import Completed, run_job

__all__ = ["PlainVerdict", "plain_pytest"]


@dataclass(frozen=True)
class PlainVerdict:
    """What plain pytest said of one mutant: killed or not, pytest's exit status and the tests
    that passed on the original but not on the mutant (status None when the run did not
    finish: then ``reason`` says why)."""

    index: int
    killed: bool
    status: int | None
    lost: tuple[str, ...] = ()
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
    if not isinstance(original, Completed):
        raise RuntimeError(f"plain pytest does not run on the original: {original.reason}")
    passing = set(original.value["passed"])

    def judge(index: int) -> PlainVerdict:
        outcome = run_job("pytest", payload, sandbox_files(request, mutants[index].apply(request.source)), limits)
        if isinstance(outcome, Completed):
            lost = tuple(sorted(passing - set(outcome.value["passed"])))
            return PlainVerdict(index, bool(lost), int(outcome.value["status"]), lost)
        return PlainVerdict(index, True, None, tuple(sorted(passing)), outcome.reason)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return tuple(pool.map(judge, indices))
