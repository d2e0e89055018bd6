"""The report: one self-contained HTML page (plus Markdown and CSV) rebuilt from a run's results.

Public API: :func:`build_report` and :class:`ReportFiles` (``analyzer.report.build``);
``sva report`` lives in ``analyzer.report.commands``. Submodules are imported lazily so
``import analyzer.report`` does not pull in matplotlib.
"""

from __future__ import annotations

from typing import Any

__all__ = ["build_report", "ReportFiles"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from analyzer.report import build

        return getattr(build, name)
    raise AttributeError(f"module 'analyzer.report' has no attribute {name!r}")
