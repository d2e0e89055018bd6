"""An import that writes the process's environment: only a test of the environment sees it."""
import os

os.environ["ENVIRON_MODE"] = "fast"


def double(n):
    return 2 * n
