"""kam demo: fill a store with the demo portfolio, or clear it again."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass

from kam_tui.cli.common import (
    EXIT_PROBLEM,
    EXIT_USAGE,
    open_store,
    report_close,
    settings_from,
)
from kam_tui.cli.output import complain, say
from kam_tui.domain.demo import build_demo
from kam_tui.domain.demo_edits import DemoComparison
from kam_tui.domain.models import CHILD_TYPES, Account
from kam_tui.store import Repository


def run_demo(args: argparse.Namespace) -> int:
    """Load or clear the demo portfolio."""
    if args.read_only:
        complain("`kam demo` changes the store; it cannot run with --read-only")
        return EXIT_USAGE
    settings = settings_from(args)
    # Loading the demo may start a store; clearing it needs one that exists.
    repository = open_store(args, settings, read_only=False, create=not args.clear)
    try:
        if repository.read_only:
            complain(repository.read_only_reason)
            return EXIT_PROBLEM
        if args.clear:
            _clear_demo(repository)
        else:
            existing = repository.count(Account)
            if existing and not args.force:
                complain(
                    f"{repository.path} already holds {existing} accounts; "
                    "use --force to add the demo portfolio anyway."
                )
                return EXIT_USAGE
            with repository.change("Loaded the demo portfolio") as change:
                size = build_demo(change, repository.schema, repository.clock().date())
            say(f"Loaded {size.accounts} demo accounts into {repository.path}.")
    finally:
        closed = report_close(repository.close())
    return closed


def _clear_demo(repository: Repository) -> None:
    """Remove the demo accounts the user left as they were; keep and list the others."""
    comparison = DemoComparison(repository.schema)
    removed: list[Account] = []
    kept: list[tuple[Account, list[str]]] = []
    for account in repository.accounts():
        if not account.demo:
            continue
        children = {kind: repository.children(kind, account.id) for kind in CHILD_TYPES}
        changes = comparison.changes(account, children)
        if changes:
            kept.append((account, changes))
        else:
            removed.append(account)
    if removed:
        with repository.change("Removed the demo portfolio") as change:
            for account in removed:
                change.delete(account)
    say(f"Removed {len(removed)} demo accounts and their records.")
    if kept:
        say(
            f"Kept {len(kept)} demo account(s) no longer as `kam demo` made them, so as not "
            "to lose your changes (delete them in the app if you do not need them):"
        )
        for account, changes in kept:
            say(f"  {account.name!r} (id {account.id}): {'; '.join(changes)}")
