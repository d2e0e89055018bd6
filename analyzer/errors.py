"""One error hierarchy for everything the user can get wrong.

Every message names the offending value and, where there is one, the fix, on one line, so
the CLI can print it as ``sva: <message>`` and exit with status 2 without a traceback.
"""


class SvaError(Exception):
    """Base class of every error this package raises on purpose."""


class UsageError(SvaError):
    """A bad argument: unknown spec or generator, negative seed, bad flag value."""


class InputError(SvaError):
    """An input file or folder that cannot be read or processed."""


class OutputError(SvaError):
    """A destination that cannot be written."""
