"""Reading a store file into checked records, with the position of anything wrong."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import orjson

from kam_tui.domain.errors import RecordError
from kam_tui.domain.models import TABLES, Record
from kam_tui.store.backups import newest_backup
from kam_tui.store.errors import StoreCorruptError
from kam_tui.store.migrations import META_TABLE

Tables = dict[str, dict[int, Record]]


def _position(payload: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a byte offset."""
    before = payload[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def _excerpt(payload: bytes, offset: int) -> str:
    """A short, printable piece of the file around an offset, for error messages."""
    start = max(0, offset - 30)
    piece = payload[start : offset + 30].decode("utf-8", "replace")
    return " ".join(piece.split())


def corrupt(path: Path, problem: str, position: tuple[int, int] | None = None) -> StoreCorruptError:
    line, column = position if position else (None, None)
    return StoreCorruptError(path, problem, line=line, column=column, backup=newest_backup(path))


def parse_store_bytes(path: Path, payload: bytes) -> dict[str, Any]:
    """Parse a store file's bytes; raise StoreCorruptError naming line, column and the problem."""
    if not payload.strip():
        raise corrupt(path, f"the file is empty ({len(payload)} bytes), not a kam store")
    try:
        payload.decode("utf-8")
    except UnicodeDecodeError as error:
        raise corrupt(
            path,
            f"invalid UTF-8 (byte 0x{payload[error.start]:02x}); the file is damaged",
            _position(payload, error.start),
        ) from None
    try:
        data = orjson.loads(payload)
    except orjson.JSONDecodeError as error:
        truncated = error.pos >= len(payload.rstrip()) - 1
        hint = " (the file looks truncated)" if truncated else ""
        near = _excerpt(payload, error.pos)
        raise corrupt(
            path, f"invalid JSON: {error.msg}{hint}, near: {near}", (error.lineno, error.colno)
        ) from None
    if not isinstance(data, dict):
        raise corrupt(
            path, f"expected a JSON object of tables, found {type(data).__name__}", (1, 1)
        )
    return data


def _record_position(path: Path, payload: bytes, table: str, key: str) -> tuple[int, int] | None:
    """Find where a record starts in the file text (used only to report errors)."""
    table_at = payload.find(orjson.dumps(table) + b":")
    if table_at < 0:
        return None
    match = re.compile(rb'"' + re.escape(key.encode()) + rb'"\s*:').search(payload, table_at)
    return _position(payload, match.start()) if match else _position(payload, table_at)


def build_table(
    path: Path, payload: bytes, table: str, raw: Any, *, line: int | None = None
) -> dict[int, Record]:
    """Turn one parsed table into records; raise StoreCorruptError for a malformed one.

    `payload` (the whole file) locates a bad record; without it, `line` is reported.
    """
    kind = TABLES[table]

    def where(key: str) -> tuple[int, int] | None:
        if payload:
            return _record_position(path, payload, table, key)
        return (line, 1) if line is not None else None

    if not isinstance(raw, dict):
        found = type(raw).__name__
        raise corrupt(
            path, f"table {table!r} should be an object of records, found {found}", where(table)
        )
    records: dict[int, Record] = {}
    for key, doc in raw.items():
        try:
            doc_id = int(key)
            if doc_id <= 0:
                raise ValueError
        except ValueError:
            raise corrupt(
                path, f"table {table!r}: {key!r} is not a record id", where(key)
            ) from None
        if not isinstance(doc, dict):
            found = type(doc).__name__
            raise corrupt(
                path, f"{kind.KIND} {doc_id} should be an object, found {found}", where(key)
            )
        try:
            records[doc_id] = kind.from_doc(doc_id, doc)
        except RecordError as error:
            raise corrupt(
                path, f"{kind.KIND} {doc_id}: {error.field}: {error.problem}", where(key)
            ) from None
    return records


def build_tables(path: Path, payload: bytes, data: dict[str, Any]) -> Tables:
    """Turn parsed tables into records; raise StoreCorruptError for the first malformed one."""
    unknown = set(data) - set(TABLES) - {META_TABLE}
    if unknown:
        raise corrupt(path, f"unknown table(s) {', '.join(sorted(unknown))}: not a kam store")
    return {table: build_table(path, payload, table, data.get(table, {})) for table in TABLES}
