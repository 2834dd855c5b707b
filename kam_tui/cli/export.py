"""kam export: write the whole store as JSON."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

import orjson

if TYPE_CHECKING:
    pass

from kam_tui.cli.common import (
    EXIT_OK,
    open_store,
    settings_from,
)
from kam_tui.domain.models import TABLES
from kam_tui.domain.text import json_safe
from kam_tui.store.migrations import SCHEMA_VERSION


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
