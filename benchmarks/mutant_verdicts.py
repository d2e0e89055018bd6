"""Every mutant's verdict from ``sva trust``, to compare two commits (a speed-up must change none).

``python benchmarks/mutant_verdicts.py MODULE TESTS [--lines 10-20,33] > verdicts.json`` runs
:func:`sva.trust.trust` on ``MODULE`` with its tests (comma-separated) and writes, per mutant
index, whether it was killed, by which test and subtest, whether by a timeout, and how it was
judged, with the tests it ran and its CPU seconds, and the command's wall and CPU seconds
(every process waited for). ``python benchmarks/mutant_verdicts.py --compare OLD.json NEW.json``
prints the mutants whose verdicts differ (killed, killer, subtest, timeout) and the tests run and
CPU seconds of both; exits 1 when a verdict differs.

Run it twice in one copy of the corpus, once with each commit on ``PYTHONPATH`` (with
``SVA_SANDBOX=limits``, as ``bench_mutation_peers.py`` does, so the CPU of the sandboxed
worker is counted): how docs/trust.md compared inflection's 1,277 verdicts.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

if str(Path(__file__).resolve().parent) not in sys.path:  # benchmarks/alternate.py, beside this script
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from alternate import cpu_seconds  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
try:  # the sva on the path (PYTHONPATH=another/checkout compares that commit), else this checkout's
    import sva  # noqa: F401
except ImportError:
    sys.path.insert(0, str(ROOT))

VERDICT = ("killed", "by", "subtest", "timeout")


def _lines(text: str | None) -> tuple[int, ...] | None:
    if not text:
        return None
    found: list[int] = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        found.extend(range(int(first), int(last or first) + 1))
    return tuple(found)


def verdicts(module: str, tests: list[str], lines: tuple[int, ...] | None) -> dict[str, Any]:
    from sva.trust import trust
    from sva.trust.request import TrustConfig

    rows: dict[int, dict[str, Any]] = {}

    class Record:
        def planned(self, outlook: Any) -> None:
            pass

        def result(self, result: Any) -> None:
            rows[result.mutant] = {"killed": result.killed, "by": result.by, "subtest": result.subtest,
                                   "timeout": result.timeout, "fresh": result.fresh, "tests_run": result.tests_run,
                                   "seconds": result.seconds}

    wall, cpu = time.perf_counter(), cpu_seconds()
    report = trust(module, tests=tests, config=TrustConfig(lines=lines), progress=Record())
    return {"wall": round(time.perf_counter() - wall, 2), "cpu": round(cpu_seconds() - cpu, 2),
            "total": report.mutants_total, "killed": report.mutants_killed, "mutants": rows}


def compare(old: dict[str, Any], new: dict[str, Any]) -> int:
    differ = [index for index in old["mutants"] if index not in new["mutants"]
              or any(old["mutants"][index][key] != new["mutants"][index][key] for key in VERDICT)]
    for name, run in (("old", old), ("new", new)):
        mutants = run["mutants"].values()
        tests = sum(m["tests_run"] or 0 for m in mutants)
        seconds = sum(m["seconds"] or 0 for m in mutants)
        print(f"{name}: {len(mutants)} mutants, {run['killed']} killed, tests run {tests}, mutants' CPU {seconds:.1f} s, "
              f"command {run['wall']} s wall {run['cpu']} s CPU")
    print(f"verdicts that differ: {len(differ)}{': ' + ', '.join(map(str, differ[:20])) if differ else ''}")
    return 1 if differ or len(new["mutants"]) != len(old["mutants"]) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", nargs="?")
    parser.add_argument("tests", nargs="?")
    parser.add_argument("--lines")
    parser.add_argument("--compare", nargs=2, metavar=("OLD", "NEW"))
    args = parser.parse_args(argv)
    if args.compare:
        old, new = (json.loads(Path(path).read_text()) for path in args.compare)
        return compare(old, new)
    if not args.module or not args.tests:
        parser.error("give MODULE and TESTS, or --compare OLD NEW")
    import sva

    found = verdicts(args.module, args.tests.split(","), _lines(args.lines))
    json.dump({**found, "sva": str(Path(sva.__file__).parent)}, sys.stdout, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
