"""`kam import`: read a CRM export, show what it would create, update and skip, and write
it as one change (the store backed up before it is overwritten)."""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path

from kam_tui.cli.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_USAGE,
    open_store,
    report_close,
    settings_from,
    store_path,
)
from kam_tui.cli.output import complain, say
from kam_tui.config.mapping_reader import load_mapping
from kam_tui.config.settings import ConfigError, Settings
from kam_tui.domain.exchange.mapping import MappingFile
from kam_tui.services import Workspace
from kam_tui.services.importing import ImportPlan, apply_import, plan_import
from kam_tui.services.syncing_journal import journal_local_writes
from kam_tui.store import Repository
from kam_tui.store.lock import lock_path


def print_plan(plan: ImportPlan, *, skipping: bool) -> None:
    """Per file what would be created, updated and skipped; every problem; what to fill."""
    for item in plan.files:
        say(
            f"{item.name} ({item.source} {item.object}): {item.rows} row(s): "
            f"{item.created} to create, {item.updated} to update, {item.unchanged} unchanged, "
            f"{item.skipped} {'skipped' if skipping else 'with problems'}"
        )
    if plan.problems:
        say(f"{len(plan.problems)} problem(s):")
        for problem in plan.problems:
            say(f"  {problem}")
    for note in plan.notes:
        say(f"note: {note}")


def _confirmed() -> bool:
    answer = input("Import? [y/N] ")
    return answer.strip().casefold() in ("y", "yes")


def run_import(args: argparse.Namespace) -> int:
    """Plan the import; with --dry-run print it, else confirm and apply it as one change."""
    if args.read_only and not args.dry_run:
        complain("importing changes the store; it cannot run with --read-only (try --dry-run)")
        return EXIT_USAGE
    if not args.dry_run and not args.yes and not sys.stdin.isatty():
        complain("no terminal to confirm the import on: add --yes (or --dry-run to look first)")
        return EXIT_USAGE
    settings = settings_from(args)
    mapping: MappingFile | None = None
    if args.mapping:
        try:  # read first: a wrong mapping touches no store
            mapping = load_mapping(Path(args.mapping).expanduser(), settings.schema)
        except ConfigError as error:
            complain(f"cannot use the mapping: {error}")
            complain("nothing was imported")
            return EXIT_USAGE
    paths = [Path(path).expanduser() for path in args.paths]
    if args.dry_run and not store_path(args).exists():
        # Nothing to compare with: plan against an empty store in a scratch folder.
        with tempfile.TemporaryDirectory(prefix="kam-import-") as scratch:
            repository = Repository.open(
                Path(scratch) / "kam.json", settings.schema, read_only=False, user=settings.user
            )
            try:
                say(f"dry run: no store at {store_path(args)} yet; planned against an empty one")
                return _run(args, settings, repository, paths, mapping, backed_up=False)
            finally:
                repository.close()
    path = store_path(args)
    existed, folder_existed = path.exists(), path.parent.exists()
    repository = open_store(args, settings, read_only=args.dry_run, create=not args.dry_run)
    journal_local_writes(repository)
    try:
        status = _run(args, settings, repository, paths, mapping, backed_up=existed)
    finally:
        closed = report_close(repository.close())
        if not existed and repository.revision == 0:
            _remove_unused(path, folder_existed)
    return closed if closed != EXIT_OK else status


def _remove_unused(path: Path, folder_existed: bool) -> None:
    """Take away the store this import created and wrote nothing into (a refused file, a
    stopped or empty import): "nothing was imported" leaves nothing behind."""
    for made in (path, lock_path(path)):
        made.unlink(missing_ok=True)
    if not folder_existed:
        with contextlib.suppress(OSError):  # only an empty folder goes
            path.parent.rmdir()


def _run(
    args: argparse.Namespace,
    settings: Settings,
    repository: Repository,
    paths: list[Path],
    mapping: MappingFile | None,
    *,
    backed_up: bool,
) -> int:
    """Plan, print, confirm and apply; `backed_up` says whether the store held data to back
    up before this import overwrote it."""
    if repository.read_only and not args.dry_run:
        complain(repository.read_only_reason)
        return EXIT_PROBLEM
    mapping = (
        load_mapping(Path(args.mapping).expanduser(), settings.schema) if args.mapping else None
    )
    workspace = Workspace(repository, settings)
    plan = plan_import(workspace, paths, settings.importing, mapping=mapping)
    for refusal in plan.refusals:
        complain(f"cannot import {refusal}")
    if plan.refusals:
        complain("nothing was imported")
        return EXIT_PROBLEM
    print_plan(plan, skipping=args.skip_bad_rows)
    stopped = bool(plan.problems) and not args.skip_bad_rows
    if args.dry_run:
        say("dry run: nothing was written")
        return EXIT_PROBLEM if stopped else EXIT_OK
    if stopped:
        complain(
            f"nothing was imported: {len(plan.problems)} problem(s); fix them, "
            "or import the other rows with --skip-bad-rows"
        )
        return EXIT_PROBLEM
    if plan.changes == 0 and plan.bookkeeping == 0:
        say(plan.nothing_to_import)
        return EXIT_OK
    if not args.yes and not _confirmed():
        say("Nothing was imported.")
        return EXIT_PROBLEM
    names = ", ".join(item.name for item in plan.files)
    outcome = apply_import(workspace, plan, f"Imported {names}")
    if outcome.refusal is not None:
        complain(f"nothing was imported: {outcome.refusal.text}")
        return EXIT_PROBLEM
    if outcome.value == 0:
        say("No record changed; what was reported is noted, so it is not reported again.")
        return EXIT_OK
    say(f"Imported {outcome.value} record(s) into {repository.path} as one change.")
    if backed_up and repository.save_state.backup_warning is None:
        say("The store was backed up first: `kam restore` lists the backups to take it back.")
    return EXIT_OK
