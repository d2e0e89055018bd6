"""The benchmark runner a researcher calls: the experiment, then its report.

    .venv/bin/python benchmarks/run.py [--preset smoke|default|full] [--specs A,B]
        [--generators search,design] [--seeds N] [--workers N] [--out DIR] [--retry-failed]

Same options as ``sva run`` (it is ``sva run`` followed by ``sva report``, with the claims
evaluated at the end); prints where the database, the report and the claims are.
"""

from __future__ import annotations

import sys

from sva.cli import main


def run(argv: list[str]) -> int:
    """``sva run ARGV`` then ``sva claims`` on the same results folder."""
    if "--no-report" in argv:
        print("benchmarks/run.py: always writes the report; drop --no-report", file=sys.stderr)
        return 2
    status = main(["run", *argv])
    if status != 0:
        return status
    out = argv[argv.index("--out") + 1] if "--out" in argv[:-1] else None
    return main(["claims", *(["--results", out] if out else [])])


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
