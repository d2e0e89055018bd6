"""Reading a Python file safely: regular files only, a size limit, PEP 263 decoding.

The file is opened without blocking (a FIFO or device is rejected from ``fstat`` before any
read), its size is checked against a limit, and its bytes are decoded the way Python would
(BOM, ``# -*- coding: ... -*-`` cookie, else UTF-8), so a declared latin-1 file is analyzed.
"""

from __future__ import annotations

import codecs
import io
import os
import stat
import tokenize

from sva.errors import InputError, one_line, os_reason

__all__ = ["MAX_BYTES", "file_kind", "read_source", "decode_source"]

#: Default size limit: larger files fail with a clear reason instead of eating the time limit
#: and the memory (libcst's tree of dense code is several hundred bytes per source byte). The
#: largest file of CPython's standard library is under 1 MB; generated data modules of 4 MB
#: (moto's ``aws_managed_policies.py``) are measured. The CPU-time limit per file
#: (:data:`sva.measure.batch.DEFAULT_TIMEOUT`) stops dense input that is smaller.
MAX_BYTES = 8_000_000


def file_kind(mode: int) -> str:
    """A readable name for a non-regular file type."""
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a regular file"


def decode_source(data: bytes) -> str:
    """Text of ``data`` decoded per PEP 263; :class:`InputError` with a one-line reason if not."""
    if b"\x00" in data:
        raise InputError("contains a NUL byte (not Python source)")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:
        message = one_line(error)
        if "invalid or missing encoding declaration" in message:  # undecodable, no cookie
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as decode_error:
                raise InputError(f"cannot decode as utf-8: {decode_error.reason} at byte "
                                 f"{decode_error.start} (and no encoding declaration)") from None
        raise InputError(f"bad encoding declaration: {message}") from None
    try:
        codecs.lookup(encoding)
        text = data.decode(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as error:
        raise InputError(
            f"cannot decode as {encoding}: {error.reason} at byte {error.start}") from None
    return text


def read_source(path: str, max_bytes: int = MAX_BYTES) -> str:
    """Read and decode ``path``; never blocks on a FIFO; :class:`InputError` on any problem."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise InputError(os_reason(error, brief=True)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"not a regular file ({file_kind(info.st_mode)})")
        if info.st_size > max_bytes:
            raise InputError(
                f"file too large ({info.st_size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:g} MB)")
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            data = handle.read(max_bytes + 1)
    finally:
        if fd != -1:
            os.close(fd)
    if len(data) > max_bytes:
        raise InputError(f"file too large (over the {max_bytes / 1e6:g} MB limit)")
    return decode_source(data)
