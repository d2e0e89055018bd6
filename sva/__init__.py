"""Search versus design: measure how comprehensible and how trustworthy an artifact is.

The package is laid out by role, each layer importing only the ones below it
(``docs/architecture.md``; ``.importlinter`` checks it):

- :mod:`sva.cli`        every command: a thin ``main(argv) -> int``, one module per command;
- :mod:`sva.experiment` ``sva run``: presets, one cell's steps, executors (local, Dask);
- :mod:`sva.report`     the report: tables, plots, side-by-side views, HTML and Markdown;
- :mod:`sva.results`    the results database, statistics and the claims;
- :mod:`sva.generate`   the generators (``design``, ``external``, and the families' own);
- :mod:`sva.trust`      trust: the public API and the caller's side; ``trust.worker`` runs inside
  the sandbox, ``trust.mutants`` makes mutants statically;
- :mod:`sva.sandbox`    the one sandbox: a job in a child process under limits and containment;
- :mod:`sva.measure`    static analysis (the unit graph and every metric) and the worker pool;
- :mod:`sva.families`   the family registry and the built-in families;
- :mod:`sva.core`       what families build on: specs, program IR, emitter, artifacts, the GP kit;
- :mod:`sva.errors`, :mod:`sva.atomic`, :mod:`sva.progress`: errors, atomic writes, progress.

Importing the package creates no DEAP ``creator`` classes and touches no random state. It has
one side effect, on purpose: unless the variable is already set, it sets
``NPY_DISABLE_CPU_FEATURES`` to :data:`NUMPY_DISABLED_FEATURES` for numpy to read when it is
first imported. numpy picks its float64 ``exp``, ``sin`` and ``cos`` by the CPU it runs on, and
its AVX-512 versions round differently from the C library's, so the same Feynman search would
evolve a different formula on an AVX-512 machine than on any other (it did: a committed
artifact made on one did not regenerate on an AVX2 machine). With AVX-512 dispatch off, every
x86-64 machine with AVX2 computes the same bits;
:func:`sva.families.feynman.fitness.check_float_dispatch` refuses to search where numpy was
imported first with it on.
"""

import os as _os

__version__ = "0.1.0"

#: numpy's dispatch targets that are switched off (numpy 2.4's names; see the docstring).
NUMPY_DISABLED_FEATURES = "X86_V4 AVX512_ICL AVX512_SPR"

_os.environ.setdefault("NPY_DISABLE_CPU_FEATURES", NUMPY_DISABLED_FEATURES)
