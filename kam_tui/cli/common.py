"""What every kam subcommand shares: which store and config, opening the store, and what
closing it left to report."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import platformdirs

from kam_tui.cli.output import complain
from kam_tui.config.checks import check_store_usage
from kam_tui.config.loader import load_config
from kam_tui.config.settings import Settings
from kam_tui.store import Repository, StoreCorruptError, StoreError
from kam_tui.store.saver import SaveState

EXIT_OK = 0


EXIT_PROBLEM = 1


EXIT_USAGE = 2


def default_store_path() -> Path:
    """The embedded default store: kam.json in the user data folder."""
    return platformdirs.user_data_path("kam-tui") / "kam.json"


def store_path(args: argparse.Namespace) -> Path:
    """The store chosen by --db, then KAM_DB, then the default."""
    chosen = args.db or os.environ.get("KAM_DB")
    return Path(chosen).expanduser() if chosen else default_store_path()


def settings_from(args: argparse.Namespace) -> Settings:
    """The config chosen by --config, then KAM_CONFIG, then the user config folder."""
    chosen = args.config or os.environ.get("KAM_CONFIG")
    if chosen:
        return load_config(Path(chosen).expanduser(), required=True)
    return load_config(None)


def store_is_default(args: argparse.Namespace) -> bool:
    """True when neither --db nor KAM_DB chose the store."""
    return not (args.db or os.environ.get("KAM_DB"))


def missing_store(path: Path, hint: str = "") -> StoreError:
    """The error for a store path with no file: nothing is created on a mistyped path."""
    return StoreError(f"no store at {path}{hint}")


def complain_of_store(error: StoreError) -> None:
    """Print a store's error; a corrupt store's message is several lines on purpose."""
    complain(str(error), multiline=isinstance(error, StoreCorruptError))


def open_store(
    args: argparse.Namespace,
    settings: Settings,
    *,
    read_only: bool,
    progressive: bool = False,
    create: bool = False,
    missing_hint: str = "",
    check_usage: bool = True,
) -> Repository:
    """Open the store and check that the config still covers what it holds.

    A path with no file is an error (`missing_hint` ends its message) unless `create`
    allows making it there; a read-only open never creates anything. Without
    `check_usage`, a store holding statuses or lists the config does not name opens anyway
    (to move those accounts).
    """
    path = store_path(args)
    if not path.exists() and (read_only or not create):
        raise missing_store(path, missing_hint)
    repository = Repository.open(
        path, settings.schema, read_only=read_only, progressive=progressive, user=settings.user
    )
    try:
        accounts = repository.accounts()
        statuses: dict[str, int] = {}
        lists: dict[str, int] = {}
        for account in accounts:
            statuses[account.status] = statuses.get(account.status, 0) + 1
            lists[account.lifecycle] = lists.get(account.lifecycle, 0) + 1
        if check_usage:
            check_store_usage(settings, statuses, lists, repository.path)
    except BaseException:
        repository.close()
        raise
    return repository


def report_close(state: SaveState) -> int:
    """Say what closing a store left to know: a backup that failed, saving that stopped
    (the message names the kept copy), changes not saved. Returns the exit status: a
    problem when a change is not in the store."""
    if state.backup_warning:
        complain(f"warning: {state.backup_warning}")
    if state.stopped:
        complain(state.stopped)
    if state.pending:
        unsaved = state.generation - state.saved_generation
        complain(
            f"{unsaved} change(s) could not be saved: {state.error or 'the save did not finish'}"
        )
        return EXIT_PROBLEM
    return EXIT_PROBLEM if state.stopped else EXIT_OK
