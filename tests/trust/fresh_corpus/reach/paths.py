"""An import that appends to sys.path: a container the import did not make."""
import sys

sys.path.append("/nonexistent/paths-a")


def double(n):
    return 2 * n
