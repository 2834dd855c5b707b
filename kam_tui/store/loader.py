"""Loading a store file: accounts first (enough to paint the boards), the rest after."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from kam_tui.domain.models import TABLES, Account, Record
from kam_tui.store.backups import write_backup
from kam_tui.store.errors import StoreCorruptError, StoreError, StoreVersionError
from kam_tui.store.files import Pieces, atomic_write
from kam_tui.store.migrations import META_TABLE, SCHEMA_VERSION, file_version, migrate
from kam_tui.store.reader import Tables, build_table, build_tables, corrupt, parse_store_bytes

_TABLE_LINE = re.compile(rb'"([A-Za-z_]+)":')


@dataclass
class PendingTable:
    """A table whose bytes are known but not yet parsed."""

    name: str
    line: int
    """Its 1-based line in the file, for error messages."""
    body: memoryview
    """The table's JSON: a view into the file's bytes (35 MB are not copied table by table)."""


@dataclass
class Loaded:
    """What opening a store gives: raw TinyDB data and records so far, and what remains."""

    data: dict[str, Any]
    """The raw tables parsed so far, as TinyDB holds them."""
    tables: Tables
    """The records built so far."""
    table_bytes: dict[str, memoryview] = field(default_factory=dict)
    """Each table's JSON bytes as in the file, reused by saves until the table changes."""
    pending: list[PendingTable] = field(default_factory=list)
    """Tables left for `load_pending`, in file order."""


def serialise(tables: dict[str, Pieces]) -> Pieces:
    """The bytes of a store file from each table's JSON: one table per line, meta first.

    Compact JSON keeps a save of 10,000 accounts to tens of milliseconds (indenting triples
    it). The file is returned as pieces, written one after the other, so 35 MB is never
    copied whole.
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
    """The tables of a file written by `serialise` (one per line), or None for any other layout.

    JSON strings cannot hold a raw newline, so in our layout newlines only separate tables.
    Each table is a view into `payload`: a 35 MB file is not copied line by line.
    """
    if not payload.startswith(b"{"):
        return None
    found: list[PendingTable] = []
    start = 1
    end_of_data = len(payload)
    while end_of_data and payload[end_of_data - 1] == ord("\n"):
        end_of_data -= 1
    view = memoryview(payload)
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
        found.append(
            PendingTable(match.group(1).decode(), len(found) + 1, view[match.end() : end - 1])
        )
        start = end + 1
    return found or None


def parse_table(path: Path, table: PendingTable) -> dict[str, Any]:
    """Parse one table's line; errors name its line and column in the file."""
    try:
        raw = orjson.loads(table.body)
    except orjson.JSONDecodeError as error:
        utf8 = _utf8_error(path, table)
        if utf8 is not None:
            raise utf8 from None
        # The line holds `"name":` (and `{` on the first line) before the parsed body.
        column = len(table.name) + 3 + error.pos + 1 + (1 if table.line == 1 else 0)
        raise corrupt(path, f"invalid JSON: {error.msg}", (table.line, column)) from None
    if not isinstance(raw, dict):
        raise corrupt(
            path,
            f"table {table.name!r} should be an object of records, found {type(raw).__name__}",
            (table.line, 1),
        )
    return raw


def _check_version(path: Path, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise StoreVersionError(
            f"{path} was written by a newer kam-tui (store schema {version}; this version "
            f"reads up to {SCHEMA_VERSION}). Upgrade kam-tui to open it; "
            "the file was left untouched."
        )


def load_store(path: Path, *, writable: bool, progressive: bool) -> Loaded:
    """Read the store at `path` (creating it when missing and writable).

    With `progressive`, a file in our layout only has its meta and accounts parsed here;
    the other tables are left in `pending` for `load_pending`, typically in a thread.
    """
    try:
        payload = path.read_bytes()
    except FileNotFoundError:
        data = migrate({})
        if writable:
            try:
                atomic_write(path, serialise_data(data))
            except OSError as error:
                raise StoreError(f"cannot create {path}: {error.strerror}") from None
        return Loaded(data, build_tables(path, b"", data))
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror}") from None
    lines = split_lines(payload) if progressive else None
    if lines is not None and lines[0].name == META_TABLE:
        loaded = _load_progressively(path, payload, lines)
        if loaded is not None:
            return loaded
    return _load_whole(path, payload, writable=writable)


def _load_progressively(path: Path, payload: bytes, lines: list[PendingTable]) -> Loaded | None:
    names = [table.name for table in lines]
    unknown = set(names) - set(TABLES) - {META_TABLE}
    if unknown or len(set(names)) != len(names):
        return None
    data = {META_TABLE: parse_table(path, lines[0])}
    try:
        version = file_version(data)
    except ValueError as error:
        raise corrupt(path, str(error), (1, 1)) from None
    _check_version(path, version)
    if version < SCHEMA_VERSION:
        return None
    loaded = Loaded(data, {}, {t.name: t.body for t in lines})
    for table in lines[1:]:
        if table.name == Account.TABLE:
            data[table.name] = parse_table(path, table)
            loaded.tables[table.name] = build_table(path, payload, table.name, data[table.name])
        else:
            loaded.pending.append(table)
    loaded.tables.setdefault(Account.TABLE, {})
    return loaded


def load_pending(path: Path, table: PendingTable) -> tuple[dict[str, Any], dict[int, Record]]:
    """Parse and build one pending table."""
    raw = parse_table(path, table)
    return raw, build_table(path, b"", table.name, raw, line=table.line)


def _utf8_error(path: Path, table: PendingTable) -> StoreCorruptError | None:
    """Where a table's bytes are not UTF-8, as a corrupt-store error."""
    try:
        str(table.body, "utf-8")
    except UnicodeDecodeError as error:
        column = len(table.name) + 3 + error.start + 1 + (1 if table.line == 1 else 0)
        byte = table.body[error.start]
        return corrupt(
            path, f"invalid UTF-8 (byte 0x{byte:02x}); the file is damaged", (table.line, column)
        )
    return None


def _load_whole(path: Path, payload: bytes, *, writable: bool) -> Loaded:
    data = parse_store_bytes(path, payload)
    try:
        version = file_version(data)
    except ValueError as error:
        raise StoreCorruptError(path, str(error)) from None
    _check_version(path, version)
    if version < SCHEMA_VERSION:
        data = migrate(data)
    tables = build_tables(path, payload, data)
    if version < SCHEMA_VERSION and writable:
        try:
            write_backup(path, payload, reason=f"before-migration-from-v{version}")
            atomic_write(path, serialise_data(data))
        except OSError as error:
            raise StoreError(f"cannot migrate {path}: {error.strerror}") from None
    return Loaded(data, tables)
