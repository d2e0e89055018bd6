"""Measurement modules. Each registers itself with :func:`sva.measure.registry.register`;
the registry imports every module of this package, so a new file here is a new metric."""
