"""kam check: read a store and list what is wrong in it, without changing it."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass

from kam_tui.cli.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    open_store,
    settings_from,
)
from kam_tui.cli.output import say
from kam_tui.domain.integrity import store_problems
from kam_tui.domain.models import TABLES, Account
from kam_tui.domain.text import printable
from kam_tui.store import Repository


def _print_counts(title: str, counts: Counter[str], order: tuple[str, ...]) -> None:
    say(f"{title}:")
    names = [*order, *sorted(name for name in counts if name not in order)]
    shown = {name: printable(name) or "(unassigned)" for name in names}
    width = max((len(text) for text in shown.values()), default=10)
    for name in names:
        say(f"  {shown[name]:<{width}}  {counts.get(name, 0):>6}")


def run_check(args: argparse.Namespace) -> int:
    """Validate config and store; print counts per status, list and assignee."""
    settings = settings_from(args)
    repository = open_store(args, settings, read_only=True)
    try:
        problems = check_repository(repository)
        accounts = repository.accounts()
        say(f"Store {repository.path}: {len(accounts)} accounts")
        for table, count in repository.tables_in_use().items():
            if table != Account.TABLE:
                say(f"  {table}: {count}")
        schema = settings.schema
        _print_counts("Per status", Counter(a.status for a in accounts), schema.status_names)
        _print_counts("Per list", Counter(a.lifecycle for a in accounts), schema.lists)
        _print_counts("Per assignee", Counter(a.assignee for a in accounts), schema.team)
    finally:
        repository.close()
    if problems:
        say(f"{len(problems)} problem(s):", error=True)
        for problem in problems[:50]:
            say(f"  {problem}", error=True)
        return EXIT_PROBLEM
    say("OK: config and store are valid.")
    return EXIT_OK


def check_repository(repository: Repository) -> list[str]:
    """Every problem of the records in an open repository (used by tests and `kam check`)."""
    return store_problems(
        {kind: repository.all(kind) for kind in TABLES.values()}, repository.schema
    )
