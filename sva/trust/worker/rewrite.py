"""Pytest's assert rewriting of the tests files, done once before the fresh mutants' children fork.

:mod:`sva.trust.worker.fresh` configures one pytest session and forks a child per import-time
mutant; each child collects the tests files itself. pytest keeps a tests file's rewritten code in
a ``__pycache__`` file of its own, which its import hook reads whether or not bytecode may be
written but writes only when it may (the worker forbids it). :func:`rewrite_once` writes those
files in the session process, with pytest's own functions, so every child reads them instead of
parsing, rewriting and compiling the tests file again (on inflection's 431-line tests file, 60%
of a child's collection: 0.046-0.059 s of CPU per child without the file, 0.024-0.027 s with it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

__all__ = ["rewrite_once"]


def rewrite_once(config: Any, tests_files: Sequence[str]) -> int:
    """Rewrite the asserts of ``tests_files`` once, for every child to read: pytest keeps a
    tests file's rewritten code in a ``__pycache__`` file of its own (named with pytest's tag,
    checked against the source's size and time) that its import hook reads whether or not
    bytecode may be written, and writes only when it may, which the worker forbids; so without
    this every child parsed, rewrote and compiled the tests file again: on inflection's 431-line
    tests file 60% of a child's collection. Written here with pytest's own functions, the code
    is what each child would have made. Returns how many files were written; none (the
    children rewrite as before) when pytest does not rewrite asserts or cannot write there."""
    try:
        from _pytest.assertion.rewrite import PYC_TAIL, _rewrite_test, _write_pyc, assertstate_key, get_cache_dir
    except ImportError:  # another pytest: each child rewrites, as before
        return 0
    state = config.stash.get(assertstate_key, None)
    if state is None or getattr(state, "hook", None) is None:  # --assert=plain: nothing is rewritten
        return 0
    written = 0
    for name in tests_files:
        source = Path.cwd() / name
        if source.suffix != ".py" or not source.is_file():
            continue
        try:
            cache = get_cache_dir(source)
            cache.mkdir(exist_ok=True)
            stat, code = _rewrite_test(source, config)
            written += bool(_write_pyc(state, code, stat, cache / (source.name[:-3] + PYC_TAIL)))
        except Exception:  # noqa: BLE001 - a read-only folder, a tests file pytest will report: rewritten as before
            continue
    return written
