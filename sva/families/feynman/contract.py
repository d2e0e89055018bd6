"""The contract of a numeric helper of a Feynman design: a Hypothesis property test.

:class:`FloatContract` states what a helper promises as a Python expression over ``result``
(the helper's value), its parameters, ``artifact`` and ``math``, checked for parameters drawn
from Hypothesis strategies. ``lorentz_factor``'s is ``result >= 1.0 and math.isclose(result,
1 / math.sqrt(1 - v ** 2 / c ** 2), ...)`` for v in [0, 2.9] and c in [3, 10]; a transcribed
design's entry promises to equal the database's formula on the training ranges. Contracts state
intent, so they may use the full language (``math.isclose``, ``**``). The hand-written designs
(:mod:`sva.families.feynman.design`) and the transcribed ones
(:mod:`sva.families.feynman.transcribe`) both use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from sva.core.program import Function

__all__ = ["FloatContract"]

_HEADER = "\nimport math\n"

_TEST = '''

@settings(max_examples={examples}, derandomize=True, database=None, deadline=None)
@given({strategies})
def test_{name}({params}):
    """Contract of {name}: {description}"""
    result = artifact.{name}({params})
    assert {check}
'''

_TEST_NO_ARGS = '''

def test_{name}():
    """Contract of {name}: {description}"""
    result = artifact.{name}()
    assert {check}
'''


@dataclass(frozen=True)
class FloatContract:
    """The promise of a numeric helper: ``check`` (a Python expression over ``result``, the
    helper's parameters, ``artifact`` and ``math``) holds for parameters drawn from ``draws``
    (parameter -> Hypothesis strategy expression)."""

    check: str
    description: str
    draws: Mapping[str, str] = field(default_factory=dict)

    def preamble(self) -> str:
        return _HEADER

    def test_source(self, function: Function, max_examples: int) -> str:
        missing = [param for param in function.params if param not in self.draws]
        if missing:
            raise ValueError(f"no strategy for parameters {missing} of {function.name}")
        if not function.params:
            return _TEST_NO_ARGS.format(name=function.name, description=self.description, check=self.check)
        return _TEST.format(examples=max_examples, name=function.name, params=", ".join(function.params),
                            strategies=", ".join(f"{param}={self.draws[param]}" for param in function.params),
                            description=self.description, check=self.check)
