"""What each `kam` subcommand does."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from textual.app import App

from kam_tui.cli import (
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_USAGE,
    complain_of_store,
    missing_store,
    open_store,
    report_close,
    settings_from,
    store_is_default,
    store_path,
)
from kam_tui.cli_output import complain, say
from kam_tui.collector import long_lived, tune_garbage_collector
from kam_tui.config import ConfigError, validate_keymap
from kam_tui.crash import report_crash
from kam_tui.domain.demo import build_demo
from kam_tui.domain.demo_edits import DemoComparison
from kam_tui.domain.integrity import store_problems
from kam_tui.domain.models import CHILD_TYPES, TABLES, Account
from kam_tui.domain.text import json_safe, printable
from kam_tui.store import Repository, StoreError
from kam_tui.store.backups import backup_folder, backup_store_file, list_backups
from kam_tui.store.files import atomic_write, special_kind
from kam_tui.store.lock import StoreLock
from kam_tui.store.migrations import SCHEMA_VERSION
from kam_tui.store.reader import build_tables, parse_store_bytes


def run_app(args: argparse.Namespace) -> int:
    """Open the app on the store."""
    settings = settings_from(args)
    from kam_tui.app import KamApp, known_binding_ids, theme_names

    if settings.keymap:  # knowing every binding id imports every view: only when needed
        from kam_tui.binding_views import binding_views, normalize_key

        validate_keymap(settings, known_binding_ids(), binding_views(), normalize_key)
    if settings.theme not in theme_names():
        raise ConfigError(
            f"unknown theme {settings.theme!r}; choose one of {', '.join(sorted(theme_names()))}",
            path=settings.source,
            line=settings.positions.get("theme", (None, None))[0],
            column=settings.positions.get("theme", (None, None))[1],
            key_path="theme",
        )
    if args.read_only:
        hint = "; --read-only creates nothing (run kam without it first)"
    else:
        hint = "; check the path, or pass --new to create a store there"
    tune_garbage_collector()
    # The boards paint from the accounts; the other tables load after the first paint.
    with long_lived():
        repository = open_store(
            args,
            settings,
            read_only=args.read_only,
            progressive=True,
            create=args.new or store_is_default(args),
            missing_hint=hint,
        )
    app = KamApp(repository, settings)
    try:
        app.run()
    finally:
        closed = report_close(repository.close())
    crash = app_crash(app)
    if crash is not None:
        return report_crash(crash)
    if repository.load_error is not None:
        complain_of_store(repository.load_error)
        return EXIT_PROBLEM
    return closed


def app_crash(app: App[Any]) -> BaseException | None:
    """The unhandled error that ended the app, if one did.

    Textual catches an error raised inside the app, prints its traceback, sets the return
    code to 1 and returns from `run()`; it keeps the first such error in `_exception`.
    """
    if not app.return_code:
        return None
    return app._exception


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


def check_repository(repository: Repository) -> list[str]:
    """Every problem of the records in an open repository (used by tests and `kam check`)."""
    return store_problems(
        {kind: repository.all(kind) for kind in TABLES.values()}, repository.schema
    )
