"""The complete walk: the loop of :mod:`.walk` with the rules of :mod:`.statements` and
:mod:`.expressions`, started at the module.

**Module level.** The walk opens the ``<module>`` unit first (index 0); module-level statements
that belong to no other unit are its code. For ``sva explain``'s rendering of ``<module>``, its
statements are the module-level ones that are not imports, ``def``/``class`` statements or
simple-binding candidates (``y = e``, ``y: T = e``, ``y op= e``); a candidate that dissolves
later hands its statements back to ``<module>`` (:mod:`.resolve`). The module's docstring is its
story (``UnitGraph.module_story``) and counts nothing.

Example: in ``LIMIT = 10`` / ``for i in range(LIMIT): print(i)``, the ``for`` statement is
``<module>`` code and ``LIMIT`` is a binding unit the ``<module>`` unit references.
"""

from __future__ import annotations

import libcst as cst

from sva.measure.unitgraph.expressions import EXPRESSION_HANDLERS, ExpressionRules
from sva.measure.unitgraph.scopes import LOAD
from sva.measure.unitgraph.statements import STATEMENT_HANDLERS, StatementRules
from sva.measure.unitgraph.syntax import body_statements

__all__ = ["Walker"]


class Walker(StatementRules, ExpressionRules):
    """The walker :func:`~sva.measure.unitgraph.build.build_units` runs: the loop of
    :class:`~sva.measure.unitgraph.walk.WalkerBase` with every node rule."""

    handlers = {**STATEMENT_HANDLERS, **EXPRESSION_HANDLERS}

    def run(self, module: cst.Module) -> None:
        """Walk ``module``: the ``<module>`` unit first (index 0), then every statement in order."""
        self._new_unit("<module>", "module", None, None)
        stmts, doc, doc_node = body_statements(module)
        self.module_story = doc
        if doc_node is not None:
            self.stmts += 1
        simple_targets = (cst.Assign, cst.AnnAssign, cst.AugAssign)
        for stmt in stmts:  # module-level code, for the explanation's rendering of <module>
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    if isinstance(small, (cst.Import, cst.ImportFrom)):
                        continue
                    if isinstance(small, simple_targets) and (
                            type(getattr(small, "target", None)) is cst.Name
                            or (type(small) is cst.Assign and len(small.targets) == 1
                                and type(small.targets[0].target) is cst.Name)):
                        continue
                    self.pus[0].nodes.append(small)
            elif not isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                self.pus[0].nodes.append(stmt)
        self._push_seq(stmts, 0, self.module_scope, 0, LOAD)
        self._loop()
