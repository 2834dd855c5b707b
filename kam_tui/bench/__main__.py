"""Run the benchmark: `python -m kam_tui.bench --help`."""

from __future__ import annotations

import sys

from kam_tui.bench.cli import main

if __name__ == "__main__":
    sys.exit(main())
