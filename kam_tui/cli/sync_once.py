"""`kam sync`: sync this laptop's store with the team server once, and say what came in
and what went out."""

from __future__ import annotations

import argparse

from kam_tui.cli.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_USAGE,
    open_store,
    report_close,
    settings_from,
)
from kam_tui.cli.output import complain, say
from kam_tui.services import Workspace
from kam_tui.services.syncing_session import Outcome, SyncRefused, SyncSession


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def summary(outcome: Outcome, url: str, *, written_unsent: int) -> list[str]:
    """The lines `kam sync` prints after a verified sync."""
    lines = [f"kam sync: synced with {url}: the server holds everything this laptop has"]
    if written_unsent:
        lines.append(
            f"  {_plural(written_unsent, 'edit')} not yet in the shared document written into it"
            " (made by other kam commands, or left by a session that ended early)"
        )
    lines.append(
        f"  in:  {_plural(outcome.records_in, 'record')} changed"
        f" ({_plural(outcome.bytes_down, 'byte')})"
    )
    lines.append(
        f"  out: {_plural(outcome.fields_out, 'field')} written"
        f" ({_plural(outcome.bytes_up, 'byte')})"
    )
    if outcome.conflicts:
        lines.append(
            f"  {_plural(len(outcome.conflicts), 'conflict')}: the app's Conflicts screen"
            " lists them (palette: Conflicts)"
        )
    if outcome.rejected:
        lines.append(
            f"  {_plural(outcome.rejected, 'record')} from the server could not be read;"
            " this store keeps its own"
        )
    return lines


def run_sync_once(args: argparse.Namespace) -> int:
    """Open the store, join the team when this laptop has not yet, exchange, bring the
    store up to what came in, save both. Exit 1 when the server is unreachable or refuses."""
    settings = settings_from(args)
    if settings.sync is None:
        where = settings.source or "the config"
        complain(f"kam sync: {where} has no sync: section (see README, Team sync)")
        return EXIT_USAGE
    if args.read_only:
        complain("kam sync changes the store; it cannot run with --read-only")
        return EXIT_USAGE
    repository = open_store(args, settings, read_only=False)
    status = EXIT_PROBLEM
    try:
        if repository.read_only:
            complain(f"kam sync: {repository.read_only_reason}")
            return EXIT_PROBLEM
        session = SyncSession(Workspace(repository, settings), settings.sync)
        try:
            written = session.load()
            outcome = session.sync()
        except SyncRefused as error:
            complain(f"kam sync: {error}")
            return EXIT_PROBLEM
        report = outcome.report
        if not outcome.covered:
            why = report.error if report is not None else "no exchange"
            complain(f"kam sync: could not sync with {settings.sync.url}: {why}")
            return EXIT_PROBLEM
        for line in summary(outcome, settings.sync.url, written_unsent=written):
            say(line)
        status = EXIT_OK
    finally:
        closed = report_close(repository.close())
    return status if closed == EXIT_OK else closed
