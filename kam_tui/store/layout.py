"""The layout kam writes a store in: one table per line, compact JSON, the meta first.

Any valid JSON is read (see loader); this layout is the one that can be read table by table
and recognised without a second parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import orjson

from kam_tui.domain.models import TABLES
from kam_tui.store.files import Pieces
from kam_tui.store.migrations import META_TABLE

_TABLE_LINE = re.compile(rb'"([A-Za-z_]+)":')


@dataclass
class PendingTable:
    """A table whose bytes are known but not yet parsed."""

    name: str
    line: int
    """Its 1-based line in the file, for error messages."""
    payload: bytes
    """The whole file."""
    start: int
    """Where the table's JSON starts in `payload`."""
    end: int
    """Where it ends."""

    @property
    def body(self) -> memoryview:
        """The table's JSON: a view into the file's bytes (a large file is not copied
        table by table)."""
        return memoryview(self.payload)[self.start : self.end]

    def holds(self, encoded: bytes) -> bool:
        """True when the table's bytes are exactly `encoded` (compared in place)."""
        return len(encoded) == self.end - self.start and self.payload.startswith(
            encoded, self.start
        )

    def position(self, offset: int) -> tuple[int, int]:
        """The line and column in the file of a byte offset into `body`."""
        # The line holds `"name":` (and `{` on the first line) before the body.
        return self.line, len(self.name) + 3 + offset + 1 + (1 if self.line == 1 else 0)


def serialise(tables: dict[str, Pieces]) -> Pieces:
    """The bytes of a store file from each table's JSON: one table per line, meta first.

    Compact JSON keeps a save short (indenting would write far more bytes). The file is
    returned as pieces, written one after the other, so a large file is never copied
    whole.
    """
    pieces: Pieces = [b"{"]
    for name in (META_TABLE, *TABLES):
        encoded = tables.get(name)
        if encoded is None:
            continue
        if len(pieces) > 1:
            pieces.append(b",\n")
        pieces += [orjson.dumps(name), b":", *encoded]
    pieces.append(b"}\n")
    return pieces


def serialise_data(data: dict[str, Any]) -> Pieces:
    """The bytes of a store file holding `data` (every table serialised now)."""
    return serialise({name: [orjson.dumps(table)] for name, table in data.items()})


def split_lines(payload: bytes) -> list[PendingTable] | None:
    """The tables of a file that looks written by `serialise` (one per line), or None.

    JSON strings cannot hold a raw newline, so in our layout newlines only separate tables.
    A file may look so and still be laid out otherwise (two tables on a line): a line that
    does not parse alone sends the reader to a parse of the whole file. Each table is a
    view into `payload`: a large file is not copied line by line.
    """
    if not payload.startswith(b"{"):
        return None
    found: list[PendingTable] = []
    start = 1
    end_of_data = len(payload)
    while end_of_data and payload[end_of_data - 1] == ord("\n"):
        end_of_data -= 1
    while start < end_of_data:
        newline = payload.find(b"\n", start, end_of_data)
        last = newline < 0
        end = end_of_data if last else newline
        terminator = payload[end - 1 : end]
        if terminator != (b"}" if last else b","):
            return None
        match = _TABLE_LINE.match(payload, start, start + 40)
        if match is None:
            return None
        name = match.group(1).decode()
        found.append(PendingTable(name, len(found) + 1, payload, match.end(), end - 1))
        start = end + 1
    return found or None


def as_written(table: Any, pending: PendingTable) -> bool:
    """True when the bytes of `pending` are exactly what kam writes for the parsed `table`.

    Serialising again is quick, and such bytes cannot hold a key twice, so only a table
    laid out otherwise needs the slow search for duplicates.
    """
    return pending.holds(orjson.dumps(table))
