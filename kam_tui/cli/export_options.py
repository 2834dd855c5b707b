"""The options of `kam export` (declared apart so that `kam` parses them without loading
the exporters)."""

from __future__ import annotations

import argparse

from kam_tui.domain.models import USER_TABLES

EXPORT_TABLES: tuple[str, ...] = USER_TABLES
"""The tables --table accepts: the user's records, as the CSV export writes them."""


def add_export_options(export: argparse.ArgumentParser) -> None:
    """--format, --out, --force, --table, --bom, --account and --portfolio."""
    export.add_argument(
        "--format",
        choices=("json", "csv", "md"),
        default="json",
        help="json: every record as stored (amounts in cents); csv: one file per table; "
        "md: an account plan or the Portfolio's numbers",
    )
    export.add_argument(
        "--out",
        metavar="DIR",
        help="the folder to write into (default: the current folder; json and --table "
        "default to stdout); - writes to stdout",
    )
    export.add_argument(
        "--force", action="store_true", help="replace files that exist (refused otherwise)"
    )
    export.add_argument(
        "--table", choices=EXPORT_TABLES, help="csv: only this table, to stdout unless --out"
    )
    export.add_argument("--bom", action="store_true", help="csv: start with a UTF-8 BOM, for Excel")
    export.add_argument("--account", metavar="NAME", help="md: the plan of this account (or #ID)")
    export.add_argument("--portfolio", action="store_true", help="md: the Portfolio's numbers")
