"""Write a synthetic store of N accounts (run as a child so its memory is not counted)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from kam_tui.domain.schema import Schema
from kam_tui.domain.synthetic import build_synthetic
from kam_tui.store import Repository


def generate(path: Path, accounts: int) -> float:
    """Fill a new store at `path` with `accounts` synthetic accounts; returns the seconds."""
    started = time.perf_counter()
    repository = Repository.open(path, Schema())
    try:
        with repository.change(f"Synthetic portfolio of {accounts} accounts") as change:
            build_synthetic(change, repository.schema, repository.clock().date(), accounts)
        repository.wait_saved(None)
    finally:
        state = repository.close(timeout=None)
    if state.pending:
        raise RuntimeError(f"the synthetic store was not saved: {state.error}")
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    """`python -m kam_tui.bench.generate PATH ACCOUNTS`: prints {"seconds": ...}."""
    path, accounts = Path(argv[0]), int(argv[1])
    if path.exists():
        raise SystemExit(f"{path} exists already; the benchmark writes a new store")
    print(json.dumps({"seconds": generate(path, accounts)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
