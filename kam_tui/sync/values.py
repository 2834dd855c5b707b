"""A record's fields as the shared document holds them: JSON-safe, references as gids."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from kam_tui.domain.errors import RecordError
from kam_tui.domain.models import GID_KEY, TABLES, Account, Record

GidOf = Callable[[str, int], str]
"""The global id of a local record, by table and id."""
IdOf = Callable[[str], int | None]
"""The local id of the live record a global id names (None when there is none)."""

DERIVED: dict[str, frozenset[str]] = {Account.TABLE: frozenset({"last_contact"})}
"""Fields recomputed by each laptop from other records, never replicated: an account's
last contact is the day of its newest activity (kam_tui.domain.rules). Deal totals and
plan figures are computed when shown, not stored, so they have nothing to replicate."""

UNREPORTED: dict[str, frozenset[str]] = {Account.TABLE: frozenset({"updated"})}
"""Fields replicated but never reported as a conflict: an account's `updated` is the
app's own stamp of its last change, not a value anyone typed."""

REFERENCES: dict[str, dict[str, str]] = {
    **{table: {"account_id": Account.TABLE} for table in TABLES if table != Account.TABLE},
    "contacts": {"account_id": Account.TABLE, "reports_to": "contacts"},
    "activities": {"account_id": Account.TABLE, "contact_ids": "contacts"},
    "actions": {"account_id": Account.TABLE, "objective_id": "objectives"},
}
"""Per table, the fields holding the local id of another record, and that record's table
(an import link's `record_id` names its table in `kam_table`: see RECORD_ID)."""
RECORD_ID = "record_id"
"""ImportLink's reference whose table is the link's own `kam_table`."""
LINKS_TABLE = "import_links"
SAFE_INTEGER = 2**53
"""Yjs numbers are doubles: a whole number beyond this would come back changed."""


def encode(record: Record, gid_of: GidOf) -> dict[str, Any]:
    """The replicated fields of a record, JSON-safe (dates ISO, money in integer cents),
    its references written as global ids."""
    doc = record.to_doc()
    doc.pop(GID_KEY, None)
    for key in DERIVED.get(record.TABLE, ()):
        doc.pop(key, None)
    for key, target in REFERENCES.get(record.TABLE, {}).items():
        doc[key] = _reference_out(doc[key], target, gid_of)
    if record.TABLE == LINKS_TABLE:
        linked = doc.get("kam_table")
        if isinstance(linked, str) and linked in TABLES:
            doc[RECORD_ID] = _reference_out(doc[RECORD_ID], linked, gid_of)
    _check_numbers(doc)
    return doc


@cache
def defaults_of(table: str) -> dict[str, Any]:
    """A table's fields at their defaults, as `encode` writes them: a new record's field
    at its default is not written (an absent field reads as its default)."""
    return encode(TABLES[table](), lambda _table, _id: "")


def _reference_out(value: Any, target: str, gid_of: GidOf) -> Any:
    if isinstance(value, list):
        return [gid_of(target, item) for item in value]
    if isinstance(value, int) and value > 0:
        return gid_of(target, value)
    return None


def _check_numbers(value: Any) -> None:
    """Refuse a whole number a double cannot hold exactly."""
    if isinstance(value, dict):
        for item in value.values():
            _check_numbers(item)
    elif isinstance(value, list):
        for item in value:
            _check_numbers(item)
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > SAFE_INTEGER:
        raise ValueError(f"{value} is too large to replicate exactly")


def plain(value: Any) -> Any:
    """A value read from the document as the store holds it: Yjs gives whole numbers back
    as floats, turned back into ints here; a float with a fraction is refused (no kam
    field holds one: amounts are integer cents, decimals are strings)."""
    if isinstance(value, float):
        if not value.is_integer():
            raise RecordError("value", f"expected a whole number, found {value!r}")
        return int(value)
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def decode(
    table: str,
    record_id: int,
    values: dict[str, Any],
    id_of: IdOf,
    *,
    kept_gid: str,
    local: Record | None,
) -> Record:
    """The record a document's field values describe, with local ids for its references
    (a reference to a record that is gone reads as none); derived fields are taken from
    `local` (the store's record) until recomputed. RecordError when a value is malformed."""
    kind = TABLES[table]
    doc = {key: plain(value) for key, value in values.items()}
    for key, target in REFERENCES.get(table, {}).items():
        if key in doc:  # absent: at its default
            doc[key] = _reference_in(doc[key], target, id_of)
    if table == LINKS_TABLE:
        doc[RECORD_ID] = _reference_in(doc.get(RECORD_ID), str(doc.get("kam_table")), id_of) or 0
    if "account_id" in doc and doc["account_id"] is None:
        doc["account_id"] = 0
    if local is not None:
        derived = local.to_doc()
        for key in DERIVED.get(table, ()):
            doc[key] = derived.get(key)
    doc[GID_KEY] = kept_gid
    return kind.from_doc(record_id, doc)


def _reference_in(value: Any, target: str, id_of: IdOf) -> Any:
    if isinstance(value, list):
        ids = [id_of(item) if isinstance(item, str) else None for item in value]
        return [item for item in ids if item is not None]
    if isinstance(value, str) and target in TABLES:
        return id_of(value)
    return None
