"""Search versus design: measure how comprehensible and how trustworthy an artifact is.

The package is laid out by concern:

- :mod:`analyzer.specs`    engineering problems (specs) and their registry;
- :mod:`analyzer.generate` generators (``search``, ``design``), the shared emitter, artifacts;
- :mod:`analyzer.measure`  the unit graph and the static measurements;
- :mod:`analyzer.cli`      a thin ``main(argv) -> int`` over the library.

Importing the package has no side effects: no DEAP ``creator`` classes, no random state.
"""

__version__ = "0.1.0"
