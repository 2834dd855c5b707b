"""A writer process for the kill test: saves changes and acknowledges each once durable."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from kam_tui.domain.models import Account
from kam_tui.store import Repository


def main() -> None:
    """Save one change after another; print `ack N` only once change N is on disk."""
    repository = Repository.open(Path(sys.argv[1]))
    accounts = repository.accounts()
    number = 0
    while True:
        target = accounts[number % len(accounts)]
        repository.save(replace(target, notes=f"change {number}"))
        saved = repository.account(target.id)
        assert saved is not None
        accounts[number % len(accounts)] = saved
        repository.save(Account(name=f"acked {number}", status="Won", lifecycle="New"))
        repository.wait_saved()
        print(f"ack {number}", flush=True)
        number += 1


if __name__ == "__main__":
    main()
