"""The PSB family's factorization plan: intron removal and naming, checked on samples.

A spec with a finite domain (sum-of-squares: n in 1..100) is checked on all of it; the others on
the training cases (edge cases first) and the held-out cases, PSB1's seeded test sample of the
domain, outputs compared with the spec's own comparison against the search artifact's. There
is no simplification step: no simplifier for programs over lists and strings is sound enough
to add (intron removal already folds constant sub-programs such as ``'' if False else 'small'``).
The comprehension's variable ``x`` stays inside its primitive: a sub-expression naming it is
never bound outside (it may still become a helper's argument).
"""

from __future__ import annotations

from sva.core.factorize import DomainCheck, Plan
from sva.core.spec import Spec


def plan(spec: Spec) -> Plan:
    if spec.domain.cases:
        check = DomainCheck(tuple(spec.domain.cases), True, f"all {len(spec.domain.cases)} inputs of the domain",
                            spec.equal)
    else:
        cases = tuple(dict.fromkeys(tuple(spec.training) + tuple(spec.held_out)))
        check = DomainCheck(cases, False, f"the {len(spec.training)} training cases (edge cases first) and "
                                          f"{len(spec.held_out)} held-out cases, a seeded sample of the domain",
                            spec.equal)
    return Plan(check=check, simplify=None,
                simplify_how="none for PSB: no sound simplifier over lists and strings is used")
