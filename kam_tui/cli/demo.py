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
from kam_tui.domain.demo import DemoSize, build_demo
from kam_tui.domain.demo_edits import DemoComparison
from kam_tui.domain.models import CHILD_TYPES, Account
from kam_tui.services import Workspace
from kam_tui.services.syncing_journal import journal_local_writes
from kam_tui.store.change_set import ChangeSet


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
        journal_local_writes(repository)
        workspace = Workspace(repository, settings)
        if args.clear:
            if not _clear_demo(workspace):
                return EXIT_PROBLEM
        else:
            existing = repository.count(Account)
            if existing and not args.force:
                complain(
                    f"{repository.path} already holds {existing} accounts; "
                    "use --force to add the demo portfolio anyway."
                )
                return EXIT_USAGE

            def load(change: ChangeSet) -> DemoSize:
                return build_demo(change, workspace.schema, repository.clock().date())

            outcome = workspace.apply("Loaded the demo portfolio", load)
            if outcome.refusal is not None or outcome.value is None:
                complain(outcome.refusal.text if outcome.refusal else "the demo was not loaded")
                return EXIT_PROBLEM
            say(f"Loaded {outcome.value.accounts} demo accounts into {repository.path}.")
    finally:
        closed = report_close(repository.close())
    return closed


def _clear_demo(workspace: Workspace) -> bool:
    """Remove the demo accounts the user left as they were; keep and list the others.
    Returns False when the store refused the change (and says why)."""
    comparison = DemoComparison(workspace.schema)
    removed: list[Account] = []
    kept: list[tuple[Account, list[str]]] = []
    for account in workspace.accounts():
        if not account.demo:
            continue
        children = {kind: workspace.children(kind, account.id) for kind in CHILD_TYPES}
        changes = comparison.changes(account, children)
        if changes:
            kept.append((account, changes))
        else:
            removed.append(account)

    def remove(change: ChangeSet) -> None:
        for account in removed:
            change.delete(account)

    if removed:
        outcome = workspace.apply("Removed the demo portfolio", remove)
        if outcome.refusal is not None:
            complain(outcome.refusal.text)
            return False
    say(f"Removed {len(removed)} demo accounts and their records.")
    if kept:
        say(
            f"Kept {len(kept)} demo account(s) no longer as `kam demo` made them, so as not "
            "to lose your changes (delete them in the app if you do not need them):"
        )
        for account, changes in kept:
            say(f"  {account.name!r} (id {account.id}): {'; '.join(changes)}")
    return True
