"""The spec checks, run on the artifact's entry inside the sandbox.

Given a spec and the artifact's entry function, :func:`run_spec_checks` runs:

* each property through Hypothesis (derandomized by the ``sva-trust`` profile of
  :mod:`sva.trust.worker.loading`, shrinking kept on the original), so a failure comes back as a
  minimal :class:`~sva.trust.protocol.Counterexample`: the arguments by name, the oracle's
  and the artifact's output;
* the exhaustive check of a finite domain (with its first failing element);
* the held-out cases and the shifted domain (a derandomized sample when it is infinite),

each under the alarm with the test budget; inputs a timeout leaves unreached count as failing.
:func:`property_failure` is the one verdict "do all properties hold at this case" that the spec
test (:mod:`sva.trust.worker.runners`) and every count here share; :func:`check_cases_of` and
:func:`shifted_cases_of` say which inputs the spec test and the shifted check use, the same on
every run (so the mutant batch can pick the original's passing cases by index).
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from sva.core.values import decode, encode
from sva.trust.protocol import CaseCount, CheckSettings, Counterexample, PropertyCheck, SpecChecks
from sva.trust.worker.timer import Alarm, TimeBudgetExceeded, failure_line

__all__ = ["check_cases_of", "counterexample", "property_failure", "run_spec_checks", "sample_cases",
           "shifted_cases_of"]


def property_failure(spec: Any, entry: Callable[..., Any], case: tuple, oracle_only: bool = False) -> str | None:
    """``None`` when every property (``oracle_only``: the first, agreement with the oracle)
    holds at ``case``, else why not (one line)."""
    for prop in spec.properties[:1] if oracle_only else spec.properties:
        try:
            holds = prop.check(entry, case)
        except Exception as error:  # the artifact's exception is a failure, not ours
            return f"{prop.name}: raised {failure_line(error)}"
        if not holds:
            return f"{prop.name} does not hold"
    return None


def sample_cases(strategy: Any, count: int) -> list[tuple]:
    """``count`` inputs drawn from a Hypothesis strategy, derandomized (the same every run),
    duplicates dropped, in the order drawn."""
    from hypothesis import Phase, given, settings

    drawn: list[tuple] = []
    seen: set[str] = set()

    @settings(max_examples=count, phases=(Phase.generate,), derandomize=True, database=None, deadline=None)
    @given(strategy)
    def draw(case: Any) -> None:
        key = repr(case)
        if key not in seen:
            seen.add(key)
            drawn.append(case if isinstance(case, tuple) else (case,))

    draw()
    return drawn


def check_cases_of(spec: Any, examples: int) -> list[tuple]:
    """The spec test's cases: the whole domain when finite (exhaustive), else a sample."""
    if spec.domain.cases is not None:
        return list(spec.domain.cases)
    return sample_cases(spec.domain.strategy(), examples)


def shifted_cases_of(spec: Any, settings: CheckSettings) -> list[tuple]:
    """The shifted domain's cases: all of them when it is finite, else a derandomized sample."""
    if spec.shifted is None:
        return []
    if spec.shifted.cases is not None:
        return list(spec.shifted.cases)
    return sample_cases(spec.shifted.strategy(), settings.shifted_examples)


def counterexample(spec: Any, entry: Callable[..., Any], case: tuple, prop: str | None = None) -> Counterexample:
    """The record of a failing ``case``: arguments by parameter name, expected and actual output
    (an oracle or entry that raises is recorded as what it raised). Each value is copied
    through the codec as it is taken, before the next call can change a shared object (an
    entry that sorts its argument in place)."""
    args = {name: _snapshot(value) for name, value in zip(spec.params, case)}
    try:
        expected: Any = _snapshot(spec.expected(case))
    except Exception as error:  # an oracle that rejects the input: say so
        expected = f"oracle raised {failure_line(error)}"
    try:
        got: Any = _snapshot(entry(*case))
    except Exception as error:
        got = f"raised {failure_line(error)}"
    return Counterexample(args, prop, expected, got)


def _snapshot(value: Any) -> Any:
    """An independent copy of ``value``, exactly as it will cross the boundary."""
    return decode(encode(value))


def _hypothesis_property(spec: Any, entry: Callable[..., Any], prop: Any, examples: int, alarm: Alarm,
                         budget: float) -> PropertyCheck:
    """Run one property through Hypothesis; keep the last (shrunk) failing case."""
    from hypothesis import given, settings

    failing: list[tuple] = []
    tried: set[str] = set()

    class _Fails(Exception):
        pass

    @settings(max_examples=examples)
    @given(spec.domain.strategy())
    def check(case: Any) -> None:
        case = case if isinstance(case, tuple) else (case,)
        tried.add(repr(case))
        try:
            holds = prop.check(entry, case)
        except Exception:
            holds = False
        if not holds:
            failing.append(case)
            raise _Fails()

    passed, reason = True, None
    alarm.arm(budget)
    try:
        check()
    except _Fails:
        passed = False
    except TimeBudgetExceeded:
        passed, reason = False, f"timed out after {budget:g} s of CPU"
    except Exception as error:  # Hypothesis itself gave up (e.g. flaky artifact): a failure
        passed, reason = False, failure_line(error)
    finally:
        alarm.disarm()
    found = counterexample(spec, entry, failing[-1], prop.name) if failing else None
    return PropertyCheck(prop.name, passed, found, reason, len(tried))


def _pass_count(spec: Any, entry: Callable[..., Any], cases: Sequence[tuple], alarm: Alarm,
                budget: float, first_failure: bool = False, oracle_only: bool = False) -> CaseCount:
    """Cases on which every property (``oracle_only``: the oracle's agreement) holds; unreached
    cases after a timeout count as failed (``tried`` says how many were reached).
    ``first_failure``: record the first failing case."""
    passed, failures, reason, tried = 0, [], None, 0
    alarm.arm(budget)
    try:
        for index, case in enumerate(cases):
            tried = index + 1
            if property_failure(spec, entry, case, oracle_only) is None:
                passed += 1
            else:
                failures.append(index)
    except TimeBudgetExceeded:
        reason = f"timed out after {budget:g} s of CPU"
    finally:
        alarm.disarm()
    first = counterexample(spec, entry, cases[failures[0]]) if first_failure and failures else None
    return CaseCount(len(cases), tried, passed, len(failures), reason, first)


def run_spec_checks(spec: Any, entry: Callable[..., Any], settings: CheckSettings, alarm: Alarm,
                    shifted_cases: Sequence[tuple] | None = None) -> SpecChecks:
    """Hypothesis on each property, the exhaustive check, held-out and shifted pass counts (on
    ``shifted_cases`` when the caller has drawn them already), and the training cases' count of
    agreement with the oracle (what search was scored on)."""
    budget = float(settings.test_seconds)
    properties = tuple(_hypothesis_property(spec, entry, prop, settings.examples, alarm, budget)
                       for prop in spec.properties)
    exhaustive = None
    if spec.domain.cases is not None:
        exhaustive = _pass_count(spec, entry, spec.domain.cases, alarm, budget, first_failure=True)
    held_out = _pass_count(spec, entry, spec.held_out, alarm, budget) if spec.held_out else None
    shifted = None
    if spec.shifted is not None:
        if shifted_cases is None:
            shifted_cases = shifted_cases_of(spec, settings)
        shifted = _pass_count(spec, entry, shifted_cases, alarm, budget)
    # the training fit is what search was scored on: agreement with the oracle on its cases
    training = _pass_count(spec, entry, spec.training, alarm, budget, oracle_only=True) if spec.training else None
    return SpecChecks(properties, exhaustive, held_out, shifted, training=training)
