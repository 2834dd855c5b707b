"""kam restore: put a backup back in place of the store, keeping the store it replaces."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass

from kam_tui.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    missing_store,
    store_path,
)
from kam_tui.cli.output import complain, say
from kam_tui.services.syncing_journal import journal_replaced
from kam_tui.store import StoreError
from kam_tui.store.backups import backup_folder, backup_store_file, list_backups
from kam_tui.store.files import atomic_write, special_kind
from kam_tui.store.lock import StoreLock
from kam_tui.store.reader import Tables, build_tables, parse_store_bytes


def run_restore(args: argparse.Namespace) -> int:
    """List the backups of the store, or restore one of them."""
    path = store_path(args).absolute()
    kind = special_kind(path)
    if kind:
        raise StoreError(f"{path} is {kind}, not a store file. Pass the path of a .json file.")
    backups = list_backups(path)
    if not path.exists() and not backups:
        raise missing_store(path, f" and no backups of it in {backup_folder(path)}")
    if args.backup is not None and args.read_only:
        complain("restoring changes the store; it cannot run with --read-only")
        return EXIT_USAGE
    if args.backup is None:
        if not backups:
            say(f"No backups of {path} yet (they are kept in {backup_folder(path)}).")
            return EXIT_OK
        say(f"Backups of {path}, newest first:")
        for number, backup in enumerate(backups, start=1):
            taken = backup.taken.strftime("%Y-%m-%d %H:%M:%S UTC")
            say(f"  {number}. {taken}  {backup.size:>10,} bytes  {backup.path.name}")
        say("Restore one with: kam restore NUMBER")
        return EXIT_OK
    chosen = _chosen_backup(args.backup, [backup.path for backup in backups])
    payload = chosen.read_bytes()
    restored = build_tables(chosen, payload, parse_store_bytes(chosen, payload))
    lock = StoreLock(path)
    holder = lock.acquire()
    if holder is not None:
        raise StoreError(f"{path} is open in another kam ({holder}); close it before restoring.")
    try:
        saved = backup_store_file(path, reason="before-restore")
        # A store in a team: the team gets what the restore changed. Journaled first: a kill
        # before the write leaves lines whose records did not change, which write nothing.
        journal_replaced(path, _tables_of(path), restored)
        atomic_write(path, payload)
    finally:
        lock.release()
    say(f"Restored {path} from {chosen}.")
    if saved is not None:
        say(f"The file it replaced was kept as {saved}.")
    return EXIT_OK


def _chosen_backup(choice: str, backups: list[Path]) -> Path:
    if not choice.strip():
        raise StoreError("name the backup to restore: its number (`kam restore` lists them)")
    if choice.isdigit():
        number = int(choice)
        if not 1 <= number <= len(backups):
            raise StoreError(f"there is no backup number {number}; `kam restore` lists them")
        return backups[number - 1]
    candidate = Path(choice).expanduser()
    if not candidate.is_file():
        raise StoreError(f"{candidate} is not a backup file")
    return candidate


def _tables_of(path: Path) -> Tables:
    """The records of the store file being replaced (none when it is missing or unreadable:
    then every restored record counts as changed)."""
    try:
        payload = path.read_bytes()
        return build_tables(path, payload, parse_store_bytes(path, payload))
    except (OSError, StoreError):
        return {}
