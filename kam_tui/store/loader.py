"""Loading a store file: accounts first (enough to paint the boards), the rest after."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from kam_tui.domain.models import TABLES, Account, Record
from kam_tui.store.backups import newest_loadable_backup, write_backup
from kam_tui.store.errors import StoreCorruptError, StoreError, StoreVersionError
from kam_tui.store.files import atomic_write, special_kind
from kam_tui.store.layout import PendingTable, serialise_data, split_lines
from kam_tui.store.lock import real_path
from kam_tui.store.migrations import META_TABLE, SCHEMA_VERSION, file_version, migrate
from kam_tui.store.reader import (
    Tables,
    build_table,
    build_tables,
    check_table_names,
    check_unique_ids,
    corrupt,
    line_where,
    parse_store_bytes,
    whole_file_where,
)


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
    """Tables left for `load_rest`, in file order."""
    payload: bytes = b""
    """The whole file, when tables are pending (for a whole parse if a line is not a table
    after all)."""


@dataclass
class RestTable:
    """One table `load_rest` read, or the error that kept it from being read."""

    name: str
    raw: dict[str, Any] = field(default_factory=dict)
    records: dict[int, Record] = field(default_factory=dict)
    error: StoreError | None = None
    bytes_reusable: bool = True
    """False when the table came from a whole parse: its line is not its JSON."""


def _parse_line(path: Path, table: PendingTable) -> dict[str, Any]:
    """Parse one table's line; raise orjson.JSONDecodeError when it is not JSON alone."""
    raw = orjson.loads(table.body)
    if not isinstance(raw, dict):
        raise corrupt(
            path,
            f"table {table.name!r} should be an object of records, found {type(raw).__name__}",
            table.position(0),
        )
    return raw


def _build_line(path: Path, table: PendingTable, raw: dict[str, Any]) -> dict[int, Record]:
    check_unique_ids(path, table, raw)
    return build_table(path, table.name, raw, line_where(table))


def _check_version(path: Path, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise StoreVersionError(
            f"{path} was written by a newer kam-tui (store schema {version}; this version "
            f"reads up to {SCHEMA_VERSION}). Upgrade kam-tui to open it; "
            "the file was left untouched."
        )


def with_backup(error: StoreCorruptError) -> StoreCorruptError:
    """The same error, naming the newest backup of the store that loads whole."""
    backup, tried = newest_loadable_backup(error.path, loads_whole)
    return StoreCorruptError(
        error.path,
        error.problem,
        line=error.line,
        column=error.column,
        backup=backup,
        backups_tried=tried,
    )


def loads_whole(path: Path) -> bool:
    """True when the file at `path` reads as a store, every table, with nothing wrong."""
    try:
        payload = path.read_bytes()
        data = parse_store_bytes(path, payload)
        version = file_version(data)
        _check_version(path, version)
        build_tables(path, payload, migrate(data) if version < SCHEMA_VERSION else data)
    except (OSError, ValueError, StoreError):
        return False
    return True


def load_store(path: Path, *, writable: bool, progressive: bool) -> Loaded:
    """Read the store at `path` (creating it when missing and writable).

    With `progressive`, a file in our layout only has its meta and accounts parsed here;
    the other tables are left in `pending` for `load_rest`, typically in a thread. Any other
    layout of valid JSON is read whole. A damaged file raises StoreCorruptError naming the
    newest backup that loads.
    """
    try:
        return _load_store(path, writable=writable, progressive=progressive)
    except StoreCorruptError as error:
        raise with_backup(error) from None


def _load_store(path: Path, *, writable: bool, progressive: bool) -> Loaded:
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
    """Read the meta and the accounts from their lines; None when the file must be read
    whole (another layout, duplicate or unknown tables, an older schema)."""
    names = [table.name for table in lines]
    unknown = set(names) - set(TABLES) - {META_TABLE}
    if unknown or len(set(names)) != len(names):
        return None
    try:
        data = {META_TABLE: _parse_line(path, lines[0])}
    except orjson.JSONDecodeError:
        return None
    try:
        version = file_version(data)
    except ValueError as error:
        raise corrupt(path, str(error), (1, 1)) from None
    _check_version(path, version)
    if version < SCHEMA_VERSION:
        return None
    loaded = Loaded(data, {}, {t.name: t.body for t in lines}, payload=payload)
    for table in lines[1:]:
        if table.name == Account.TABLE:
            try:
                data[table.name] = _parse_line(path, table)
            except orjson.JSONDecodeError:
                return None
            loaded.tables[table.name] = _build_line(path, table, data[table.name])
        else:
            loaded.pending.append(table)
    loaded.tables.setdefault(Account.TABLE, {})
    return loaded


def load_rest(path: Path, loaded: Loaded) -> Iterator[RestTable]:
    """Read the tables `load_store` left pending, one by one, each with its error if broken.

    A line that is not JSON alone means the file is laid out otherwise: then the whole file
    is parsed, and the tables not read yet come from it (or its error is the one reported).
    A broken table does not stop the others from being read. Errors name the newest backup
    that loads (the first error, which is the one reported).
    """
    done = set(loaded.data)
    whole: dict[str, Any] | None = None
    whole_error: StoreCorruptError | None = None
    reported = False

    def failed(name: str, error: StoreCorruptError) -> RestTable:
        nonlocal reported
        if not reported:  # the error shown to the user: name a backup to restore
            reported = True
            return RestTable(name, error=with_backup(error))
        return RestTable(name, error=error)

    for table in loaded.pending:
        try:
            try:
                raw = _parse_line(path, table)
            except orjson.JSONDecodeError:
                if whole_error is not None:  # the whole file was parsed once already
                    raise whole_error from None
                try:
                    whole = _parse_whole_rest(path, loaded.payload)
                except StoreCorruptError as error:
                    whole_error = error
                    raise
                break
            records = _build_line(path, table, raw)
        except StoreCorruptError as error:
            yield failed(table.name, error)
            continue
        done.add(table.name)
        yield RestTable(table.name, raw, records)
    if whole is None:
        return
    for name in TABLES:
        if name in done:
            continue
        raw = whole.get(name, {})
        try:
            records = build_table(path, name, raw, whole_file_where(loaded.payload, name))
        except StoreCorruptError as error:
            yield failed(name, error)
            continue
        yield RestTable(name, raw, records, bytes_reusable=False)


def _parse_whole_rest(path: Path, payload: bytes) -> dict[str, Any]:
    """The whole file parsed, when its lines are not one table each."""
    data = parse_store_bytes(path, payload)
    check_table_names(path, data)
    return data


def _load_whole(path: Path, payload: bytes, *, writable: bool) -> Loaded:
    data = parse_store_bytes(path, payload)
    try:
        version = file_version(data)
    except ValueError as error:
        raise corrupt(path, str(error)) from None
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


def read_tables(path: Path) -> tuple[dict[str, Any], Tables]:
    """The store's tables as parsed JSON (str ids -> documents, migrated in memory to the
    current schema) with its accounts built as records, for a reader that only writes the
    other tables out (the CSV export): their rows need no record each. Writes nothing,
    takes no lock; a damaged file raises as an open does, naming a backup that loads."""
    path = real_path(path)
    kind = special_kind(path)
    if kind:
        raise StoreError(f"{path} is {kind}, not a store file. Pass the path of a .json file.")
    try:
        payload = path.read_bytes()
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror}") from None
    try:
        data = parse_store_bytes(path, payload)
        try:
            version = file_version(data)
        except ValueError as error:
            raise corrupt(path, str(error)) from None
        _check_version(path, version)
        if version < SCHEMA_VERSION:
            data = migrate(data)
        check_table_names(path, data)
        accounts = data.get(Account.TABLE, {})
        built = build_table(path, Account.TABLE, accounts, whole_file_where(payload, Account.TABLE))
    except StoreCorruptError as error:
        raise with_backup(error) from None
    return data, {Account.TABLE: built}
