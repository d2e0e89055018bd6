"""Hypothesis's Unicode tables: built once per machine and copied into every sandbox folder.

The first ``text()`` or ``characters()`` strategy a test validates makes Hypothesis tabulate all
1,114,112 code points (their categories, which ones UTF-8 can encode) and cache the result under
``.hypothesis/unicode_data/`` of its storage folder. In the sandbox that folder is new for every
job, so every job paid for it: about 2 s of CPU untraced, and 9.8 s under the baseline's coverage
and call tracer, charged to the first test that drew text (in CI once past its 10 s budget: a
passing test reported as timed out).

:func:`table_files` builds the tables once, in a child process that runs Hypothesis alone in an
empty folder (nothing of an artifact runs there), keeps them under
``$XDG_CACHE_HOME/sva/hypothesis-tables/<key>/`` (``~/.cache`` when unset) and returns them as
files for the sandbox folder (about 22 KB). The key names the Python and Hypothesis versions and
the Unicode version, so a table is read only by the Hypothesis that wrote it; a sandbox
interpreter of another Unicode version looks under another name, finds nothing and builds its
own, before any clock starts (:func:`sva.trust.worker.loading.prepare_machinery` calls
:func:`build` there). Where the cache folder cannot be written, the tables are kept for this
process only; where the child fails, no table is copied and each job builds its own.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import unicodedata
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from sva.atomic import write_bytes_atomically

__all__ = ["build", "table_files"]

#: Where the tables live in a sandbox folder (Hypothesis's default storage folder, relative to it).
PREFIX = Path(".hypothesis") / "unicode_data"

_CHILD = "import sys; sys.path.insert(0, sys.argv[1]); from sva.sandbox.hypothesis_tables import build; build()"


def build() -> None:
    """Have Hypothesis build its Unicode tables in its storage folder now (what a first
    ``characters()`` and a first ``text()``, whose default alphabet is what UTF-8 encodes, do)."""
    from hypothesis import strategies as st

    st.characters().validate()
    st.text().validate()


def _key() -> str:
    parts = (sys.version, metadata.version("hypothesis"), unicodedata.unidata_version)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _cache_folder() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(root) / "sva" / "hypothesis-tables" / _key()


def _read(folder: Path) -> dict[str, bytes]:
    return {str(PREFIX / path.relative_to(folder)): path.read_bytes()
            for path in sorted(folder.rglob("*.json.gz")) if path.is_file()}


def _built() -> dict[str, bytes]:
    """The tables built by a child process in an empty folder ({} when the child fails)."""
    package_root = str(Path(__file__).resolve().parents[2])
    with tempfile.TemporaryDirectory(prefix="sva-tables-") as folder:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": folder, "LANG": "C.UTF-8"}
        done = subprocess.run([sys.executable, "-I", "-c", _CHILD, package_root], cwd=folder, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=300, check=False)
        if done.returncode != 0:
            return {}
        return _read(Path(folder) / PREFIX)


def _keep(folder: Path, tables: dict[str, bytes]) -> None:
    """Store the tables in the cache folder, each file through a rename (a reader never sees half)."""
    try:
        for name, data in tables.items():
            path = folder / Path(name).relative_to(PREFIX)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomically(path, data)
    except OSError:
        return  # an unwritable cache: this process keeps them in memory


@lru_cache(maxsize=1)
def table_files() -> dict[str, bytes]:
    """``{path in the sandbox folder: bytes}`` of Hypothesis's Unicode tables, from the cache
    folder, else built (once) and stored there."""
    folder = _cache_folder()
    try:
        tables = _read(folder) if folder.is_dir() else {}
    except OSError:
        tables = {}
    if tables:
        return tables
    tables = _built()
    if tables:
        _keep(folder, tables)
    return tables
