"""Search versus design: measure how comprehensible and how trustworthy an artifact is.

The package is laid out by concern:

- :mod:`sva.families` the spec families and their registry (specs: :mod:`sva.core.spec`);
- :mod:`sva.generate` generators (``search``, ``design``), the shared emitter, artifacts;
- :mod:`sva.measure`  the unit graph and the static measurements;
- :mod:`sva.cli`      a thin ``main(argv) -> int`` over the library, one module per command.

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
