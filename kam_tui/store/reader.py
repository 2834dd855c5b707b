"""Reading a store file into checked records, with the position of anything wrong."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from kam_tui.domain.errors import RecordError
from kam_tui.domain.models import TABLES, Record
from kam_tui.domain.validation import record_too_long
from kam_tui.store.duplicates import Duplicate, first_duplicate
from kam_tui.store.errors import StoreCorruptError
from kam_tui.store.layout import PendingTable, as_written, split_lines
from kam_tui.store.migrations import META_TABLE

Tables = dict[str, dict[int, Record]]
_TOO_DEEP = "values nested too deep for a kam store"
Where = Callable[[str | None, str | None], tuple[int, int] | None]
"""Where a record (by its key; None for the table itself), or one of its fields, starts in
the file, as line and column (used only to report errors)."""


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
    """The error for a damaged store; which backup to restore is named where it is reported
    (`loader.with_backup`)."""
    line, column = position if position else (None, None)
    return StoreCorruptError(path, problem, line=line, column=column)


def parse_store_bytes(path: Path, payload: bytes) -> dict[str, Any]:
    """Parse a store file's bytes; raise StoreCorruptError naming line, column and the problem.

    A table or a record id found twice is refused here: the parser keeps only the last.
    """
    if not payload or payload.isspace():
        raise corrupt(path, f"the file is empty ({len(payload)} bytes), not a kam store")
    try:
        data = orjson.loads(payload)
    except orjson.JSONDecodeError as error:
        raise _unparsable(path, payload, error) from None
    if not isinstance(data, dict):
        raise corrupt(
            path, f"expected a JSON object of tables, found {type(data).__name__}", (1, 1)
        )
    check_unique_keys(path, payload, data)
    return data


def _unparsable(path: Path, payload: bytes, error: orjson.JSONDecodeError) -> StoreCorruptError:
    """Why `payload` does not parse: its first byte that is not UTF-8, else the JSON error.

    The parser refuses bytes that are not UTF-8 too, but only a decode says where they are;
    it runs here, once parsing failed, rather than over every file that opens.
    """
    try:
        payload.decode("utf-8")
    except UnicodeDecodeError as bad:
        return corrupt(
            path,
            f"invalid UTF-8 (byte 0x{payload[bad.start]:02x}); the file is damaged",
            _position(payload, bad.start),
        )
    truncated = error.pos >= len(payload.rstrip()) - 1
    hint = " (the file looks truncated)" if truncated else ""
    near = _excerpt(payload, error.pos)
    return corrupt(
        path, f"invalid JSON: {error.msg}{hint}, near: {near}", (error.lineno, error.colno)
    )


def check_unique_keys(path: Path, payload: bytes, data: dict[str, Any]) -> None:
    """Refuse a file holding a table twice, or a record id twice in a table."""
    lines = split_lines(payload)
    if lines is not None and [table.name for table in lines] == list(data):
        for table in lines:
            check_unique_ids(path, table, data[table.name])
        return
    try:
        orjson.dumps(data)  # what cannot be written again is refused now, not at a save
    except orjson.JSONEncodeError:
        raise corrupt(path, _TOO_DEEP) from None
    text = payload.decode("utf-8")
    found = _first_duplicate(path, text, depth=2)
    if found is None:
        return
    position = _position(payload, len(text[: found.offset].encode()))
    if found.within is None:
        raise corrupt(path, f"table {found.key!r} appears twice; one would be lost", position)
    raise corrupt(path, _twice(found.within, found.key), position)


def check_unique_ids(path: Path, table: PendingTable, raw: Any) -> None:
    """Refuse a table (one line of the file) holding a record id twice."""
    try:
        if not isinstance(raw, dict) or as_written(raw, table):
            return
    except orjson.JSONEncodeError:
        raise corrupt(path, f"table {table.name!r}: {_TOO_DEEP}", table.position(0)) from None
    text = str(table.body, "utf-8")
    found = _first_duplicate(path, text, depth=1)
    if found is not None:
        offset = len(text[: found.offset].encode())
        raise corrupt(path, _twice(table.name, found.key), table.position(offset))


def _first_duplicate(path: Path, text: str, *, depth: int) -> Duplicate | None:
    try:
        return first_duplicate(text, depth=depth)
    except RecursionError:
        raise corrupt(path, _TOO_DEEP) from None


def _twice(table: str, key: str) -> str:
    return f"table {table!r}: record {key[:40]!r} appears twice; one would be lost"


def _key_at(payload: bytes, key: str, start: int, end: int) -> int | None:
    """Where `"key":` first appears in payload[start:end] (or None)."""
    pattern = re.compile(rb'"' + re.escape(orjson.dumps(key)[1:-1]) + rb'"\s*:')
    match = pattern.search(payload, start, end)
    return match.start() if match else None


def _record_at(payload: bytes, start: int, end: int, key: str | None, field: str | None) -> int:
    """Where a record (or its field) starts in a table's bytes payload[start:end]."""
    if key is None:
        return start
    found = _key_at(payload, key, start, end)
    if found is None:
        return start
    if field is not None:
        inside = _key_at(payload, field, found, end)
        if inside is not None:
            return inside
    return found


def whole_file_where(payload: bytes, table: str) -> Where:
    """Where records of `table` are in a whole file."""

    def where(key: str | None, field: str | None = None) -> tuple[int, int] | None:
        table_at = payload.find(orjson.dumps(table) + b":")
        if table_at < 0:
            return None
        return _position(payload, _record_at(payload, table_at, len(payload), key, field))

    return where


def line_where(table: PendingTable) -> Where:
    """Where records are in a table of its own line."""

    def where(key: str | None, field: str | None = None) -> tuple[int, int] | None:
        found = _record_at(table.payload, table.start, table.end, key, field)
        return table.position(found - table.start)

    return where


def build_table(path: Path, table: str, raw: Any, where: Where) -> dict[int, Record]:
    """Turn one parsed table into records; raise StoreCorruptError for a malformed one, or
    for a text longer than its limit."""
    kind = TABLES[table]
    if not isinstance(raw, dict):
        found = type(raw).__name__
        raise corrupt(
            path,
            f"table {table!r} should be an object of records, found {found}",
            where(None, None),
        )
    records: dict[int, Record] = {}
    for key, doc in raw.items():
        if not (key.isascii() and key.isdigit()) or key[0] == "0" or len(key) > 18:
            raise corrupt(
                path, f"table {table!r}: {key[:40]!r} is not a record id", where(key, None)
            )
        doc_id = int(key)
        if not isinstance(doc, dict):
            found = type(doc).__name__
            raise corrupt(
                path, f"{kind.KIND} {doc_id} should be an object, found {found}", where(key, None)
            )
        try:
            records[doc_id] = kind.from_doc(doc_id, doc)
        except RecordError as error:
            raise corrupt(
                path,
                f"{kind.KIND} {doc_id}: {error.field}: {error.problem}",
                where(key, error.field.split(".")[0]),
            ) from None
    too_long = record_too_long(kind, records.values())
    if too_long is not None:
        record, errors = too_long
        field, problem = next(iter(errors.items()))
        raise corrupt(
            path,
            f"{kind.KIND} {record.id}: {field}: {problem}",
            where(str(record.id), field.split(".")[0]),
        )
    return records


def check_table_names(path: Path, data: dict[str, Any]) -> None:
    """Refuse a file holding a table kam does not know."""
    unknown = set(data) - set(TABLES) - {META_TABLE}
    if unknown:
        shown = ", ".join(sorted(name[:40] for name in unknown))
        raise corrupt(path, f"unknown table(s) {shown}: not a kam store")


def build_tables(path: Path, payload: bytes, data: dict[str, Any]) -> Tables:
    """Turn parsed tables into records; raise StoreCorruptError for the first malformed one."""
    check_table_names(path, data)
    return {
        table: build_table(path, table, data.get(table, {}), whole_file_where(payload, table))
        for table in TABLES
    }
