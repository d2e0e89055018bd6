"""One error hierarchy for everything the user can get wrong, and the one exit-status rule.

Every message names the offending value and, where there is one, the fix, on one line, so
the CLI can print it as ``sva: <message>`` (:func:`error_line`, the one formatter) and exit
with status 2 without a traceback.

Every ``sva`` command ends with one of the statuses of :class:`Exit`:

====  =============  ========================================================================
code  name           when
====  =============  ========================================================================
0     ``OK``         everything asked was done, whatever the results say (a claim
                     contradicted, an artifact's low score, a run's failed cells are results)
1     ``PARTIAL``    the command ran on its input, but some of its items failed (the others, if
                     any, were processed): a file that does not parse among others, an artifact
                     that crashes at import, an external entry skipped; each named on one line
2     ``BAD_INPUT``  nothing was done: a bad argument, or an input that is missing, unreadable
                     or empty (no results database, a folder without a Python file); one line
                     naming the argument or input and the reason
130   ``STOPPED``    interrupted (Ctrl-C)
====  =============  ========================================================================

Worked example: ``sva analyze good.py missing.py`` measures ``good.py``, names ``missing.py``
on one line and exits 1; ``sva analyze missing.py`` has nothing it can read and exits 2, as
``sva trust missing.py`` and ``sva claims --results missing/`` do. A command raises
:class:`SvaError` for status 2 (``main`` prints it); it returns :attr:`Exit.PARTIAL` itself.
"""

import errno
import enum
import sys


class Exit(enum.IntEnum):
    """The exit status of every ``sva`` command (the table in the module docstring)."""

    OK = 0
    PARTIAL = 1
    BAD_INPUT = 2
    STOPPED = 130


class SvaError(Exception):
    """Base class of every error this package raises on purpose."""


class UsageError(SvaError):
    """A bad argument: unknown spec or generator, negative seed, bad flag value."""


class InputError(SvaError):
    """An input file or folder that cannot be read or processed."""


class OutputError(SvaError):
    """A destination that cannot be written."""


class SetupError(SvaError):
    """This process cannot give the reproducible results asked of it (say, numpy's SIMD choice)."""


def one_line(error: BaseException | str, limit: int = 200) -> str:
    """The first line of an error's message, whitespace collapsed, at most ``limit`` characters.

    This is the one formatter of error text for the one-line ``sva: <input>: <reason>`` rule.
    A string is taken as the message itself; an exception with no message gives its type name::

        one_line(ValueError("bad\\n  value"))  -> "bad"
        one_line(KeyError())                    -> "KeyError"
    """
    text = str(error).strip()
    first = " ".join(text.splitlines()[0].split()) if text else ""
    if not first:
        return type(error).__name__ if isinstance(error, BaseException) else "unknown error"
    return first[:limit]


def typed_line(error: BaseException, limit: int = 200) -> str:
    """``Type: first line`` of an exception (what an artifact's own failure looks like)."""
    text = str(error).strip()
    return f"{type(error).__name__}: {one_line(error, limit)}" if text else type(error).__name__


def syntax_reason(error: SyntaxError) -> str:
    """Python's verdict on source that does not compile, in one line: the one wording for it.

    ``syntax_reason(SyntaxError("invalid syntax", ("m.py", 3, 1, "x =")))``
    -> ``"syntax error at line 3: invalid syntax"``; an ``IndentationError`` says
    ``"bad indentation"`` instead.
    """
    kind = "bad indentation" if isinstance(error, IndentationError) else "syntax error"
    where = f" at line {error.lineno}" if error.lineno else ""
    message = one_line(error.msg) if error.msg else "invalid syntax"
    return f"{kind}{where}: {message}"


#: What a failed file operation means, by errno, in words a user acts on (the system's text follows).
_MEANINGS = {errno.ENOSPC: "disk full", errno.EDQUOT: "disk quota exceeded", errno.EFBIG: "file too large",
             errno.EROFS: "read-only file system", errno.EACCES: "permission denied",
             errno.EPERM: "permission denied", errno.ENOENT: "no such file or folder",
             errno.ELOOP: "symbolic link loop"}


def os_reason(error: OSError, brief: bool = False) -> str:
    """Why a file operation failed, in one line: the meaning first, then the system's words.

    ``os_reason(OSError(errno.ENOSPC, "No space left on device"))`` ->
    ``"disk full (No space left on device)"``; an errno without a known meaning gives the system's
    text alone (``"Input/output error"``), an ``OSError`` without errno its message.
    ``brief=True`` (a reason among many in a list, as ``sva analyze`` prints them) gives the
    meaning alone, or the system's text in lower case: ``"no such file or folder"``."""
    text = error.strerror or one_line(error)
    meaning = _MEANINGS.get(error.errno) if error.errno is not None else None
    if brief:
        return meaning or (error.strerror or str(error)).lower()
    return f"{meaning} ({text})" if meaning else text


def error_line(message: str) -> str:
    """The CLI's line for an error: ``sva: <message>`` (the input named first in ``message``)."""
    return f"sva: {one_line(message, limit=2000)}"


def print_error(message: str) -> None:
    """Print :func:`error_line` of ``message`` on standard error at once (one failed item, or the
    reason of a status 2)."""
    print(error_line(message), file=sys.stderr, flush=True)
