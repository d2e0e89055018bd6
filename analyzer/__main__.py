"""``python -m analyzer`` behaves exactly like the ``sva`` command."""

import sys

from analyzer.cli import main

if __name__ == "__main__":
    sys.exit(main())
