"""The report: one self-contained HTML page (plus Markdown and CSV) rebuilt from a run's results.

Public API: :func:`build_report` and :class:`ReportFiles` (``sva.report.build``);
``sva report`` is :mod:`sva.cli.report`. Submodules are imported lazily so
``import sva.report`` does not pull in matplotlib.
"""

from __future__ import annotations

from typing import Any

__all__ = ["build_report", "ReportFiles"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from sva.report import build

        return getattr(build, name)
    raise AttributeError(f"module 'sva.report' has no attribute {name!r}")
