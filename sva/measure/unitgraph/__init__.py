"""The unit graph: one libcst parse of a module turned into units, sizes, stories and references.

Every measurement reads a :class:`UnitGraph`; nothing downstream re-parses. The builder walks the
libcst tree iteratively (an explicit stack, never Python recursion), so a 1,000-term sum or deeply
nested calls cost nothing special, and it resolves names with a small scope pass of its own
(Python's rules: function, lambda and comprehension scopes, class bodies invisible to nested
functions, ``global``/``nonlocal``), which is several times cheaper than libcst's ScopeProvider.

Rules (restated with examples in ``docs/metrics.md``; each module below gives its own with a
worked example):

* **Units.** Every ``def`` is a unit (kind ``function``, or ``method`` when it sits directly in a
  class body); every ``class`` is a unit (kind ``class``: its header and its non-method body);
  every *simple binding* in a module or function scope is a unit (kind ``binding``); statements at
  module level that belong to none of these form one ``<module>`` unit (kind ``module``), created
  only when it has at least one token, so a module of imports and definitions has none.
* **Simple binding.** A name ``y`` whose every binding in its scope is a statement of the form
  ``y = e``, ``y: T = e``, ``y: T`` or ``y op= e``. Its definition is those statements (one token
  each plus their value and annotation expressions; the target ``y`` itself is the name being
  defined and is not counted). A name bound any other way anywhere in the scope (parameter, tuple
  unpacking, chained ``a = b = e``, loop or ``with``/``except`` target, walrus, import, ``del``,
  ``def``/``class``, pattern capture, or declared ``global``/``nonlocal`` somewhere) is not a unit:
  all its binding statements stay, fully counted, in the code of the enclosing unit.
* **Size.** One token per libcst expression node (``BaseExpression``: names, literals, operations,
  calls, attributes with their attribute name, comprehensions, lambdas...; parentheses are not
  nodes) plus one per statement (small or compound). A unit's own name is not counted; a
  reference to another unit is an ordinary name node, so it counts as one leaf. Docstrings and
  import statements count nothing (imports name outside vocabulary, not code to read).
* **Story.** A unit's docstring (first statement of a def or class body that is a plain string);
  story tokens are its whitespace-separated words. Bindings never have a story.
* **References.** A name load resolved (by the scope rules) to a binding that is a unit gives an
  edge from the unit whose code contains the load; so does ``self.m`` inside a method when ``m``
  is a method of the same class. A name bound several ways (e.g. two ``def f``) points at every
  unit it may denote.
* **Entry.** The unit the explanation metrics read from: named by the caller, else the last
  top-level function no other unit references.

Where each rule lives:

* :mod:`.records`: :class:`Unit`, :class:`UnitGraph`, :class:`UnitBuild`;
* :mod:`.walk`: the iterative walk and the size and nesting rules;
* :mod:`.statements`: units and simple bindings; :mod:`.expressions`: name modes, expression
  scopes, ``self.m``; :mod:`.walker`: the two combined, and the module-level code;
* :mod:`.syntax`: stories and import names read off libcst nodes;
* :mod:`.scopes`: name resolution; :mod:`.resolve`: the binding rules settled after the walk,
  ``<module>``, and the reference edges;
* :mod:`.build`: :func:`build_units` and :func:`build_unit_graph`; :mod:`.entry`:
  :func:`choose_entry`.

This package's public names are the ones below; import them from here.
"""

from __future__ import annotations

from sva.measure.unitgraph.build import build_unit_graph, build_units
from sva.measure.unitgraph.entry import choose_entry
from sva.measure.unitgraph.records import Unit, UnitBuild, UnitGraph

__all__ = ["Unit", "UnitGraph", "UnitBuild", "build_unit_graph", "build_units", "choose_entry"]
