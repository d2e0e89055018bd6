"""``python -m sva`` behaves exactly like the ``sva`` command."""

import sys

from sva.cli import main

if __name__ == "__main__":
    sys.exit(main())
