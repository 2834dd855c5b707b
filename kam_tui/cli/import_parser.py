"""The `kam import` subcommand's arguments, kept apart from the import itself so `kam`
starts without loading it."""

from __future__ import annotations

import argparse


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """The `import` subcommand's parser (its global options are added by the caller)."""
    parser = commands.add_parser(
        "import",
        help="import a CRM export (Salesforce, HubSpot, or any CSV through a mapping)",
        description="Import accounts, contacts, deals with their stage history and activities "
        "from CSV files exported by Salesforce Data Loader (Account, Contact, Opportunity, "
        "OpportunityHistory, Task, Event, User) or by HubSpot (companies, contacts, deals), "
        "and kam's own CSV export, recognised from their headers; any other CSV through a "
        "mapping file (--mapping). Shows what "
        "would be created, updated and skipped, then asks before writing it as one change "
        "(the store is backed up first: kam restore takes it back). Re-importing a newer "
        "export updates what changed and keeps what was edited in kam since.",
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="the CSV files to import (a folder: the .csv files in it)",
    )
    parser.add_argument(
        "--mapping",
        metavar="FILE",
        help="a YAML mapping file saying what the columns of other CSV files are "
        "(see docs/import-mapping.md)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would happen; write nothing"
    )
    parser.add_argument("--yes", action="store_true", help="import without asking to confirm")
    parser.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="import the good rows and list the bad ones (default: a bad row stops the import)",
    )
    return parser
