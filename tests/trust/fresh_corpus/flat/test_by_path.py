"""Loads the module by path, as sva's generated contracts load ``seed-0.py``."""

import importlib.util
import pathlib


def _load():
    spec = importlib.util.spec_from_file_location("loader_by_path", pathlib.Path(__file__).with_name("loader.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_lookup_by_path():
    assert _load().lookup(2) == 30
