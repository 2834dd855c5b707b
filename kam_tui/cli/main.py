"""The `kam` command: open the app, serve it to a browser, or run demo, check, export,
restore, move-accounts and numbers on a store."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from kam_tui import __version__
from kam_tui.cli import import_parser, serve_parser, sync_parser
from kam_tui.cli.common import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, complain_of_store
from kam_tui.cli.crash import report_crash
from kam_tui.cli.export_options import add_export_options
from kam_tui.cli.output import complain
from kam_tui.config.settings import ConfigError, StoreConfigMismatch
from kam_tui.store import StoreError


def _path_option(text: str) -> str:
    """The text of --db or --config; an empty one is refused, not taken for 'not given'
    (`--db "$UNSET_VARIABLE"` acted on the default store)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("a path cannot be empty")
    return text


def _global_options(parser: argparse.ArgumentParser, *, on_command: bool) -> None:
    """--db, --config and --read-only, accepted before the command and after it.

    A command's copies default to SUPPRESS, so an option given before the command is not
    overwritten by the command's own (absent) copy of it.
    """
    unset = argparse.SUPPRESS if on_command else None
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=_path_option,
        default=unset,
        help="the store file (default: $KAM_DB, else the user data folder)",
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        type=_path_option,
        default=unset,
        help="the YAML config (default: $KAM_CONFIG, else config.yaml in the user config folder)",
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        default=argparse.SUPPRESS if on_command else False,
        help="never change or create anything",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `kam` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="kam",
        description="Key account management in the terminal. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"kam-tui {__version__}")
    _global_options(parser, on_command=False)
    parser.add_argument(
        "--new",
        action="store_true",
        help="with no command: create the store at --db (or $KAM_DB) if it does not exist",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser(
        "demo",
        help="fill an empty store with the demo portfolio",
        description="Fill an empty store with a realistic demo portfolio of 30 accounts.",
    )
    _global_options(demo, on_command=True)
    demo.add_argument(
        "--force", action="store_true", help="add the demo even if the store holds accounts"
    )
    demo.add_argument(
        "--clear",
        action="store_true",
        help="remove the demo accounts left as kam demo made them; list those kept",
    )

    check = commands.add_parser(
        "check",
        help="validate the config and the store",
        description="Validate the config and every record of the store; print counts. "
        "Exits 1 on any problem.",
    )
    _global_options(check, on_command=True)

    export = commands.add_parser(
        "export",
        help="write the store as JSON, its tables as CSV, an account plan as Markdown",
        description="Write the store as JSON (to stdout unless --out), its tables as CSV "
        "(one file per table into --out, or one --table to stdout), or as Markdown an "
        "account's plan (--account) or the Portfolio's numbers (--portfolio). Files are "
        "written whole, mode 0600, never over an existing file without --force.",
    )
    _global_options(export, on_command=True)
    add_export_options(export)

    restore = commands.add_parser(
        "restore",
        help="list the backups of the store, or restore one",
        description="Without an argument, list the backups (newest first). With a number from "
        "that list (or a backup's path), restore it; the current file is backed up first.",
    )
    _global_options(restore, on_command=True)
    restore.add_argument("backup", nargs="?", help="the number or path of the backup to restore")

    move = commands.add_parser(
        "move-accounts",
        help="move every account of a status or lifecycle list to another",
        description="Move every account in status OLD to status NEW (--status), or in lifecycle "
        "list OLD to list NEW (--list), as one change. NEW must be listed by the config; OLD "
        "need not be: this is how a store catches up with a config that renamed or dropped it.",
    )
    _global_options(move, on_command=True)
    move.add_argument(
        "--status",
        nargs=2,
        metavar=("OLD", "NEW"),
        action="append",
        help="move the accounts in status OLD to status NEW (may be repeated)",
    )
    move.add_argument(
        "--list",
        nargs=2,
        metavar=("OLD", "NEW"),
        action="append",
        dest="lifecycle",
        help="move the accounts in lifecycle list OLD to list NEW (may be repeated)",
    )
    numbers = commands.add_parser(
        "numbers",
        help="print the Portfolio's figures",
        description="Print every figure of the Portfolio view (totals, concentration, "
        "profitability, satisfaction, turnaround, key-account selection, health), for all "
        "accounts or a filter. Opens the store read-only.",
    )
    _global_options(numbers, on_command=True)
    numbers.add_argument(
        "--format",
        choices=("text", "md", "json"),
        default="text",
        help="text for a terminal, md (Markdown tables and definitions) for e-mail, json "
        "(every figure with its unit) for scripts",
    )
    numbers.add_argument(
        "--manager",
        metavar="NAME",
        help="only the accounts of this account manager (an empty NAME: the unassigned ones)",
    )
    numbers.add_argument(
        "--list",
        metavar="LIST",
        action="append",
        dest="lists",
        help="only accounts in this lifecycle list (may be repeated)",
    )
    numbers.add_argument(
        "--status",
        metavar="STATUS",
        action="append",
        dest="statuses",
        help="only accounts in this pipeline status (may be repeated)",
    )
    numbers.add_argument("--key-accounts", action="store_true", help="only key accounts")
    _global_options(import_parser.add_parser(commands), on_command=True)
    _global_options(sync_parser.add_parser(commands), on_command=True)
    _global_options(serve_parser.add_parser(commands), on_command=True)
    return parser


def _run_import(args: argparse.Namespace) -> int:
    from kam_tui.cli.import_command import run_import

    return run_import(args)


def _run_sync(args: argparse.Namespace) -> int:
    if args.sync_command == "serve":
        from kam_tui.cli.sync_serve import run_serve

        return run_serve(args)
    from kam_tui.cli.sync_once import run_sync_once

    return run_sync_once(args)


def _run_serve(args: argparse.Namespace) -> int:
    from kam_tui.cli.serve_command import run_serve

    return run_serve(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run `kam`; returns the exit code."""
    args = build_parser().parse_args(argv)
    # Each subcommand's module is imported only when it runs, for a quick start.
    from kam_tui.cli import check, demo, export, move_accounts, numbers, open_app, restore

    handlers = {
        None: open_app.run_app,
        "demo": demo.run_demo,
        "check": check.run_check,
        "export": export.run_export,
        "restore": restore.run_restore,
        "move-accounts": move_accounts.run_move,
        "numbers": numbers.run_numbers,
        "import": _run_import,
        "sync": _run_sync,
        "serve": _run_serve,
    }
    try:
        return handlers[args.command](args)
    except StoreConfigMismatch as error:
        complain(f"the store and the config disagree: {error}")
        return EXIT_USAGE
    except ConfigError as error:
        complain(f"bad config: {error}")
        return EXIT_USAGE
    except StoreError as error:
        complain_of_store(error)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`kam export | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # anything else is a bug: log it, say where, exit non-zero
        return report_crash(error)


def run() -> NoReturn:
    """The `kam` command: run it and exit with its code.

    The objects still alive then (a whole store after an import or a session) are left to
    the operating system: frozen, Python's last collection at exit does not walk them,
    which took seconds after a large import. Only the process's entry point does this: a
    caller of `main` (a test) keeps collecting as usual."""
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
