"""`kam move-accounts`: move every account of one status or lifecycle list to another, so a
store catches up with a config that renamed or dropped one."""

from __future__ import annotations

import argparse
from dataclasses import replace

from kam_tui.cli.common import EXIT_PROBLEM, EXIT_USAGE, open_store, report_close, settings_from
from kam_tui.cli.output import complain, say
from kam_tui.config.settings import Settings
from kam_tui.domain.errors import ValidationError
from kam_tui.domain.models import Account, Deal
from kam_tui.domain.validation import validate
from kam_tui.services import Workspace
from kam_tui.services.syncing_journal import journal_local_writes
from kam_tui.store.change_set import ChangeSet

MAX_PROBLEMS_SHOWN = 20
"""Accounts listed when a move is refused; the count says how many there are in all."""


def _unlisted(
    pairs: list[list[str]] | None, settings: Settings, key_path: str, allowed: tuple[str, ...]
) -> str | None:
    """Why a NEW of --status or --list cannot be moved to, or None when each is listed."""
    where = f"{key_path} in {settings.source}" if settings.source else f"the built-in {key_path}"
    for _, new in pairs or []:
        if new not in allowed:
            return f"cannot move accounts to {new!r}: {where} does not list it; " + (
                f"choose one of: {', '.join(allowed)}"
            )
    return None


def run_move(args: argparse.Namespace) -> int:
    """Move the accounts of the statuses and lists named by --status and --list, as one change."""
    refusal = None
    if args.read_only:
        refusal = "moving accounts changes the store; it cannot run with --read-only"
    elif not args.status and not args.lifecycle:
        refusal = "name what to move: --status OLD NEW, --list OLD NEW, or both"
    else:
        same = [old for old, new in [*(args.status or []), *(args.lifecycle or [])] if old == new]
        if same:
            refusal = f"moving {same[0]!r} to {same[0]!r} changes nothing; name another NEW"
    settings = settings_from(args)
    schema = settings.schema
    refusal = (
        refusal
        or _unlisted(args.status, settings, "pipeline.statuses", schema.status_names)
        or _unlisted(args.lifecycle, settings, "lists", schema.lists)
    )
    if refusal:
        complain(refusal)
        return EXIT_USAGE
    statuses = dict(args.status or [])
    lists = dict(args.lifecycle or [])
    repository = open_store(args, settings, read_only=False, check_usage=False)
    journal_local_writes(repository)
    try:
        if repository.read_only:
            complain(repository.read_only_reason)
            return EXIT_PROBLEM
        moved: list[tuple[Account, Account]] = []  # (before, after) of each account moved
        for account in repository.accounts():
            after = replace(
                account,
                status=statuses.get(account.status, account.status),
                lifecycle=lists.get(account.lifecycle, account.lifecycle),
            )
            if after != account:
                moved.append((account, after))
        if not moved:
            named = [old for old, _ in [*(args.status or []), *(args.lifecycle or [])]]
            shown = ", ".join(repr(name) for name in named)
            complain(f"no account is in {shown}; nothing was moved")
            return EXIT_PROBLEM
        problems = []
        for _, account in moved:
            try:
                validate(account, schema)
            except ValidationError as error:
                problems.append(f"{account.label}: {error}")
        if problems:
            complain(
                f"nothing was moved: {len(problems)} account(s) would still not fit "
                "the config (move their other status or list in the same command):"
            )
            for problem in problems[:MAX_PROBLEMS_SHOWN]:
                say(f"  {problem}", error=True)
            return EXIT_PROBLEM

        def move(change: ChangeSet) -> None:
            for _, account in moved:
                change.save(account)
            for deal in repository.all(Deal):  # a deal's stage is a status too
                if deal.stage in statuses:
                    change.save(replace(deal, stage=statuses[deal.stage]))

        outcome = Workspace(repository, settings).apply(f"Moved {len(moved)} accounts", move)
        if outcome.refusal is not None:
            complain(outcome.refusal.text)
            return EXIT_PROBLEM
        for what, field, moves in (("status", "status", statuses), ("list", "lifecycle", lists)):
            for old, new in moves.items():
                count = sum(1 for before, _ in moved if getattr(before, field) == old)
                say(f"  {count} account(s) from {what} {old!r} to {new!r}")
        say(f"Moved {len(moved)} accounts in {repository.path}.")
    finally:
        closed = report_close(repository.close())
    return closed
