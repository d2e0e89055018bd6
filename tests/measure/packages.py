"""Real code for the analyzer's tests: an evenly spaced sample of an installed package's files."""

from __future__ import annotations

import importlib.util
import os


def package_sample(name: str, count: int) -> list[str]:
    """``count`` ``*.py`` files of installed package ``name``, evenly spaced in path order."""
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.submodule_search_locations
    root = spec.submodule_search_locations[0]
    files = sorted(os.path.join(folder, f) for folder, _, names in os.walk(root) for f in names
                   if f.endswith(".py"))
    return files[:: max(1, len(files) // count)][:count]
