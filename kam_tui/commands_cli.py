"""What each `kam` subcommand does."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import orjson

from kam_tui.cli import (
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_USAGE,
    open_store,
    settings_from,
    store_path,
)
from kam_tui.collector import long_lived, tune_garbage_collector
from kam_tui.config import ConfigError, validate_keymap
from kam_tui.domain.demo import build_demo
from kam_tui.domain.integrity import store_problems
from kam_tui.domain.models import TABLES, Account
from kam_tui.domain.text import json_safe, printable
from kam_tui.store import Repository, StoreError
from kam_tui.store.backups import backup_store_file, list_backups
from kam_tui.store.files import atomic_write
from kam_tui.store.lock import StoreLock
from kam_tui.store.migrations import SCHEMA_VERSION
from kam_tui.store.reader import build_tables, parse_store_bytes


def run_app(args: argparse.Namespace) -> int:
    """Open the app on the store."""
    settings = settings_from(args)
    from kam_tui.app import KamApp, known_binding_ids, theme_names

    if settings.keymap:  # knowing every binding id imports every view: only when needed
        validate_keymap(settings, known_binding_ids())
    if settings.theme not in theme_names():
        raise ConfigError(
            f"unknown theme {settings.theme!r}; choose one of {', '.join(sorted(theme_names()))}",
            path=settings.source,
            line=settings.positions.get("theme", (None, None))[0],
            column=settings.positions.get("theme", (None, None))[1],
            key_path="theme",
        )
    tune_garbage_collector()
    # The boards paint from the accounts; the other tables load after the first paint.
    with long_lived():
        repository = open_store(args, settings, read_only=args.read_only, progressive=True)
    try:
        KamApp(repository, settings).run()
    finally:
        state = repository.close()
    if repository.load_error is not None:
        print(f"kam: {repository.load_error}", file=sys.stderr)
        return EXIT_PROBLEM
    if state.pending:
        print(
            f"kam: {state.generation - state.saved_generation} change(s) could not be saved: "
            f"{state.error or 'the save did not finish'}",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    return EXIT_OK


def run_demo(args: argparse.Namespace) -> int:
    """Load or clear the demo portfolio."""
    settings = settings_from(args)
    repository = open_store(args, settings, read_only=False)
    try:
        if repository.read_only:
            print(f"kam: {repository.path} is open in another kam ({repository.locked_by})")
            return EXIT_PROBLEM
        if args.clear:
            demo_accounts = [account for account in repository.accounts() if account.demo]
            with repository.change("Removed the demo portfolio") as change:
                for account in demo_accounts:
                    change.delete(account)
            print(f"Removed {len(demo_accounts)} demo accounts and their records.")
        else:
            existing = repository.count(Account)
            if existing and not args.force:
                print(
                    f"kam: {repository.path} already holds {existing} accounts; "
                    "use --force to add the demo portfolio anyway.",
                    file=sys.stderr,
                )
                return EXIT_USAGE
            with repository.change("Loaded the demo portfolio") as change:
                size = build_demo(change, repository.schema, repository.clock().date())
            print(f"Loaded {size.accounts} demo accounts into {repository.path}.")
    finally:
        state = repository.close()
    if state.pending:
        print(f"kam: the change could not be saved: {state.error}", file=sys.stderr)
        return EXIT_PROBLEM
    return EXIT_OK


def _print_counts(title: str, counts: Counter[str], order: tuple[str, ...]) -> None:
    print(f"{title}:")
    names = [*order, *sorted(name for name in counts if name not in order)]
    shown = {name: printable(name) or "(unassigned)" for name in names}
    width = max((len(text) for text in shown.values()), default=10)
    for name in names:
        print(f"  {shown[name]:<{width}}  {counts.get(name, 0):>6}")


def run_check(args: argparse.Namespace) -> int:
    """Validate config and store; print counts per status, list and assignee."""
    settings = settings_from(args)
    repository = open_store(args, settings, read_only=True)
    try:
        problems = check_repository(repository)
        accounts = repository.accounts()
        print(f"Store {repository.path}: {len(accounts)} accounts")
        for table, count in repository.tables_in_use().items():
            if table != Account.TABLE:
                print(f"  {table}: {count}")
        schema = settings.schema
        _print_counts("Per status", Counter(a.status for a in accounts), schema.status_names)
        _print_counts("Per list", Counter(a.lifecycle for a in accounts), schema.lists)
        _print_counts("Per assignee", Counter(a.assignee for a in accounts), schema.team)
    finally:
        repository.close()
    if problems:
        print(f"{len(problems)} problem(s):", file=sys.stderr)
        for problem in problems[:50]:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_PROBLEM
    print("OK: config and store are valid.")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """Write every record as JSON to stdout."""
    settings = settings_from(args)
    repository = open_store(args, settings, read_only=True)
    try:
        document: dict[str, object] = {"schema_version": SCHEMA_VERSION}
        for table, kind in TABLES.items():
            document[table] = [
                {"id": record.id, **record.to_doc()} for record in repository.all(kind)
            ]
    finally:
        repository.close()
    text = json_safe(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode())
    sys.stdout.buffer.write(text.encode() + b"\n")
    sys.stdout.flush()
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    """List the backups of the store, or restore one of them."""
    path = store_path(args).absolute()
    backups = list_backups(path)
    if args.backup is None:
        if not backups:
            print(f"No backups of {path} yet (they are kept in {path.parent / 'backups'}).")
            return EXIT_OK
        print(f"Backups of {path}, newest first:")
        for number, backup in enumerate(backups, start=1):
            taken = backup.taken.strftime("%Y-%m-%d %H:%M:%S UTC")
            print(f"  {number}. {taken}  {backup.size:>10,} bytes  {backup.path.name}")
        print("Restore one with: kam restore NUMBER")
        return EXIT_OK
    chosen = _chosen_backup(args.backup, [backup.path for backup in backups])
    payload = chosen.read_bytes()
    build_tables(chosen, payload, parse_store_bytes(chosen, payload))
    lock = StoreLock(path)
    holder = lock.acquire()
    if holder is not None:
        raise StoreError(f"{path} is open in another kam ({holder}); close it before restoring.")
    try:
        saved = backup_store_file(path, reason="before-restore")
        atomic_write(path, payload)
    finally:
        lock.release()
    print(f"Restored {path} from {chosen}.")
    if saved is not None:
        print(f"The file it replaced was kept as {saved}.")
    return EXIT_OK


def _chosen_backup(choice: str, backups: list[Path]) -> Path:
    if choice.isdigit():
        number = int(choice)
        if not 1 <= number <= len(backups):
            raise StoreError(f"there is no backup number {number}; `kam restore` lists them")
        return backups[number - 1]
    candidate = Path(choice).expanduser()
    if not candidate.is_file():
        raise StoreError(f"{candidate} is not a backup file")
    return candidate


def check_repository(repository: Repository) -> list[str]:
    """Every problem of the records in an open repository (used by tests and `kam check`)."""
    return store_problems(
        {kind: repository.all(kind) for kind in TABLES.values()}, repository.schema
    )
