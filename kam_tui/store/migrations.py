"""Schema versions of the store file and the steps that bring an older file up to date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from kam_tui.domain.gids import new_origin
from kam_tui.domain.models import TABLES, Account, StatusChange

SCHEMA_VERSION = 3
"""The layout this kam-tui writes."""
META_TABLE = "_meta"
"""The table holding the schema version, the store's origin id and its ids' high water."""
ORIGIN_KEY = "origin"
"""The meta key of the store's origin id (kam_tui.domain.gids)."""
HIGH_WATER_KEY = "high_water"
"""The meta key of each table's highest id ever used by a deleted record (or at the
migration), so that ids are never reused."""

Data = dict[str, Any]


def _from_bare_tinydb(data: Data) -> Data:
    """Version 0 is a plain TinyDB file (for example `{}` or `{"_default": {}}`): add the meta."""
    data.pop("_default", None)
    return data


def _seed_status_history(data: Data) -> Data:
    """Version 2 keeps a status history: seed it from what a version-1 store knows.

    Each account gets one entry for its status, dated `status_since` (else the day it was
    created), and one for its lifecycle list, dated the day it was created (else
    `status_since`); both from "" and by nobody. An account with neither date gets no
    entry: a change needs a day, and today's would be a guess. Malformed accounts are
    left for the loader to report."""
    accounts = data.get(Account.TABLE)
    history = data.get(StatusChange.TABLE, {})
    if not isinstance(accounts, dict) or not accounts or not isinstance(history, dict):
        return data
    next_id = 1 + max((int(key) for key in history if str(key).isdigit()), default=0)
    for key in sorted((key for key in accounts if str(key).isdigit()), key=int):
        doc = accounts[key]
        if not isinstance(doc, dict):
            continue
        since, created = _day(doc.get("status_since")), _day(doc.get("created"))
        for kind, day in (("status", since or created), ("lifecycle", created or since)):
            value = doc.get(kind)
            if not isinstance(value, str) or not value or day is None:
                continue
            entry = StatusChange(account_id=int(key), day=day, kind=kind, to_value=value)
            history[str(next_id)] = entry.to_doc()
            next_id += 1
    if history:
        data[StatusChange.TABLE] = history
    return data


def _day(value: object) -> date | None:
    """The day of a stored ISO date or timestamp; None when there is none or it is not one."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _add_origin(data: Data) -> Data:
    """Version 3 gives the store its origin id (team sync's global ids are
    "<origin>:<table>:<id>", kam_tui.domain.gids) and notes each table's highest id so
    far, so an id is never handed out again once its record is deleted. No record is
    rewritten: every id and reference stays as it is."""
    meta = meta_record(data)
    meta[ORIGIN_KEY] = new_origin()
    meta[HIGH_WATER_KEY] = {
        table: max((int(key) for key in records if str(key).isdigit()), default=0)
        for table in TABLES
        if isinstance(records := data.get(table), dict)
    }
    data[META_TABLE] = {"1": meta}
    return data


MIGRATIONS: dict[int, Callable[[Data], Data]] = {
    0: _from_bare_tinydb,
    1: _seed_status_history,
    2: _add_origin,
}
"""`MIGRATIONS[n]` turns a version-n file into a version n+1 one."""


def file_version(data: Data) -> int:
    """The schema version a parsed store file declares (0 when it has no meta table)."""
    meta = data.get(META_TABLE)
    if not isinstance(meta, dict) or not meta:
        return 0
    record = next(iter(meta.values()))
    version = record.get("schema_version") if isinstance(record, dict) else None
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise ValueError(f"{META_TABLE}.schema_version must be a whole number, found {version!r}")
    return version


def meta_record(data: Data) -> dict[str, Any]:
    """A copy of the store's meta record ({} when it has none)."""
    meta = data.get(META_TABLE)
    record = next(iter(meta.values()), None) if isinstance(meta, dict) else None
    return dict(record) if isinstance(record, dict) else {}


def migrate(data: Data, current: int = SCHEMA_VERSION) -> Data:
    """Apply every migration from the file's version up to `current`, then stamp it (the
    meta record's other keys are kept)."""
    version = file_version(data)
    while version < current:
        data = MIGRATIONS[version](data)
        version += 1
    data[META_TABLE] = {"1": {**meta_record(data), "schema_version": current}}
    return data
