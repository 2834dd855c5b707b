"""kam export: the store as JSON, its tables as CSV, an account plan or the Portfolio's
numbers as Markdown; to stdout or to files that are never written over unasked."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import orjson

from kam_tui.cli.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_USAGE,
    missing_store,
    open_store,
    settings_from,
    store_path,
)
from kam_tui.cli.export_csv import (
    TABLE_NAMES,
    UnusualDocument,
    csv_text,
    raw_table_rows,
    table_rows,
)
from kam_tui.cli.export_md import ExportRefused, plan_markdown, portfolio_markdown
from kam_tui.cli.output import complain, say
from kam_tui.config.checks import check_store_usage
from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock, system_clock
from kam_tui.domain.models import TABLES, Account
from kam_tui.domain.text import json_safe
from kam_tui.services.workspace import Workspace
from kam_tui.store import Repository
from kam_tui.store.files import atomic_write_private
from kam_tui.store.loader import read_tables
from kam_tui.store.lock import real_path
from kam_tui.store.migrations import SCHEMA_VERSION

CLOCK: Clock = system_clock
"""Where today comes from (tests set a fixed clock)."""
STDOUT = "-"
"""The --out value that means stdout."""

Output = tuple[str, str]
"""A file to write: (its name, its text)."""


def run_export(args: argparse.Namespace) -> int:
    """Write the export the options ask for."""
    problem = _misused(args)
    if problem:
        complain(problem)
        return EXIT_USAGE
    settings = settings_from(args)
    outputs = _raw_csv_outputs(args, settings) if args.format == "csv" else None
    if outputs is None:
        repository = open_store(args, settings, read_only=True)
        try:
            workspace = Workspace(repository, settings, CLOCK)
            if args.format == "json":
                outputs = [_json_output(repository, workspace)]
            elif args.format == "csv":
                outputs = _csv_outputs(workspace, args.table)
            elif args.account is not None:
                outputs = [plan_markdown(workspace, args.account)]
            else:
                outputs = [portfolio_markdown(workspace)]
        except ExportRefused as error:
            complain(str(error))
            return EXIT_USAGE
        finally:
            repository.close()
    to_stdout = args.out == STDOUT or (
        args.out is None and (args.format == "json" or args.table is not None)
    )
    bom = "\ufeff" if args.bom else ""
    if to_stdout:
        sys.stdout.buffer.write("".join(bom + text for _, text in outputs).encode("utf-8"))
        sys.stdout.flush()
        return EXIT_OK
    return write_files(Path(args.out or "."), outputs, force=args.force, bom=bom)


def _misused(args: argparse.Namespace) -> str:
    """Why the options do not go together, or ""."""
    if args.table is not None and args.format != "csv":
        return "--table is for --format csv"
    if args.bom and args.format != "csv":
        return "--bom is for --format csv"
    if (args.account is not None or args.portfolio) and args.format != "md":
        return "--account and --portfolio are for --format md"
    if args.format == "md" and (args.account is None) == (not args.portfolio):
        return "--format md needs --account NAME or --portfolio (one of them)"
    if args.format == "csv" and args.out == STDOUT and args.table is None:
        return "--out - writes one table: name it with --table"
    return ""


def _json_output(repository: Repository, workspace: Workspace) -> Output:
    """The whole store as one JSON document (amounts in cents, as stored)."""
    document: dict[str, object] = {"schema_version": SCHEMA_VERSION}
    for table, kind in TABLES.items():
        document[table] = [{"id": record.id, **record.to_doc()} for record in repository.all(kind)]
    text = json_safe(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode())
    return f"kam-export-{workspace.today.isoformat()}.json", text + "\n"


def _raw_csv_outputs(args: argparse.Namespace, settings: Settings) -> list[Output] | None:
    """One CSV file per table (or only `--table`), read straight from the store's JSON:
    the accounts are built as records (the config must still name their statuses and
    lists, as for any open), the other tables are written from their documents. None when
    a document is one an open refuses: the caller then opens the store, which names it."""
    path = store_path(args)
    if not path.exists():
        raise missing_store(path)
    data, built = read_tables(path)
    statuses: dict[str, int] = {}
    lists: dict[str, int] = {}
    for account in built[Account.TABLE].values():
        statuses[account.status] = statuses.get(account.status, 0) + 1  # type: ignore[attr-defined]
        lists[account.lifecycle] = lists.get(account.lifecycle, 0) + 1  # type: ignore[attr-defined]
    check_store_usage(settings, statuses, lists, real_path(path))
    chosen = (args.table,) if args.table is not None else TABLE_NAMES
    try:
        return [
            (f"{name}.csv", csv_text(raw_table_rows(name, data.get(name, {}), settings.schema)))
            for name in chosen
        ]
    except UnusualDocument:
        return None


def _csv_outputs(workspace: Workspace, table: str | None) -> list[Output]:
    """One CSV file per table (or only `table`)."""
    chosen = (table,) if table is not None else TABLE_NAMES
    schema = workspace.schema
    return [
        (f"{name}.csv", csv_text(table_rows(name, workspace.all(TABLES[name]), schema)))
        for name in chosen
    ]


def write_files(folder: Path, outputs: list[Output], *, force: bool, bom: str = "") -> int:
    """Write each output into `folder`, atomically and mode 0600; refuse, writing nothing,
    when one of the files exists and `force` is not given."""
    folder = folder.expanduser().absolute()
    if not folder.is_dir():
        complain(f"no folder {folder}")
        return EXIT_USAGE
    targets = [(folder / name, text) for name, text in outputs]
    existing = [path for path, _ in targets if path.exists() or path.is_symlink()]
    if existing and not force:
        for path in existing:
            complain(f"{path} exists; --force replaces it")
        complain("nothing written")
        return EXIT_PROBLEM
    say(f"Writing to {folder}:")
    for path, text in targets:
        try:
            atomic_write_private(path, (bom + text).encode("utf-8"))
        except OSError as error:
            complain(f"cannot write {path}: {error.strerror or error}")
            return EXIT_PROBLEM
        say(f"  {path.name}")
    return EXIT_OK
