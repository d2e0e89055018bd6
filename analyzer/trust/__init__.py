"""Trust: everything that executes artifact code, always inside :mod:`analyzer.trust.sandbox`."""
