"""Specs: engineering problems that every generator solves and every check reads.

Public API: :class:`Spec`, :class:`Property`, :class:`Domain`, :func:`get_spec`,
:func:`spec_names`, :func:`all_specs`. The records live in :mod:`sva.core.spec`; the specs
themselves come from the registered families (:mod:`sva.families`), so a new family's specs
appear here, in ``sva specs`` and in the experiment without edits.
"""

from __future__ import annotations

from sva.core.spec import Case, Domain, Property, Spec
from sva.families import all_specs, get_spec, spec_names

__all__ = ["Case", "Domain", "Property", "Spec", "all_specs", "get_spec", "spec_names"]
