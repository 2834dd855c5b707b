"""Re-importing: each record keeps a link to its source id and a fingerprint of the values
last imported, so an unchanged record stays untouched, a value changed in the source is
updated, and a value the user edited in kam since the last import is kept and reported."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Any

from kam_tui.domain.exchange.building import Draft
from kam_tui.domain.models import CustomValue, ImportLink, Record

IMPORTED_FIELDS: dict[str, tuple[str, ...]] = {
    "accounts": (
        "name",
        "industry",
        "rating",
        "address",
        "annual_revenue",
        "assignee",
        "status",
        "lifecycle",
    ),
    "contacts": ("name", "title", "email", "phone", "owner"),
    "deals": (
        "title",
        "amount",
        "stage",
        "probability",
        "created",
        "close_date",
        "outcome",
        "owner",
    ),
    "status_history": ("day", "kind", "from_value", "to_value", "by", "reason"),
    "activities": ("kind", "day", "summary", "logged_by"),
}
"""The fields an import sets, per kam table: only these are compared and updated."""


def fingerprint(value: Any) -> str:
    """A short digest of a value (its repr: text, whole numbers, dates and None only):
    equal values, equal fingerprints. The link keeps these, not the values, so it holds no
    text of its own to check or to leak."""
    return hashlib.blake2b(repr(value).encode(), digest_size=8).hexdigest()


@dataclass(slots=True)
class Decision:
    """What a re-import does with one draft."""

    draft: Draft
    action: str
    """`create`, `update`, `unchanged`, or `gone` (deleted in kam since: kept deleted)."""
    record: Record | None
    """The record to save (create, update), else None."""
    link: ImportLink
    """The link to save with it (its account and record ids set when written)."""
    link_changed: bool
    kept: list[str] = field(default_factory=list)
    """Fields the user edited in kam that the source also changed: kept as edited."""


def decide(
    draft: Draft, system: str, link: ImportLink | None, current: Record | None, skip: frozenset[str]
) -> Decision:
    """Compare a draft with what the last import left (`link`) and what kam now holds
    (`current`); `skip` names fields this import does not set (an account's status when
    the import holds none of its deals)."""
    record = draft.record
    tracked = IMPORTED_FIELDS[record.TABLE] if draft.fields is None else sorted(draft.fields)
    keys = tuple(key for key in tracked if key not in skip)
    new = {key: fingerprint(getattr(record, key)) for key in keys}
    if link is None:
        fresh = ImportLink(
            system=system,
            object=draft.incoming.spec.name,
            source_id=draft.incoming.source_id,
            kam_table=record.TABLE,
            imported=dict(new),
        )
        return Decision(draft, "create", record, fresh, True)
    last: dict[str, CustomValue] = dict(link.imported)
    if current is None:
        return Decision(draft, "gone", None, link, False)
    changes: dict[str, Any] = {}
    kept: list[str] = []
    for key in keys:
        if new[key] == last.get(key):
            continue  # the source did not change it: whatever kam holds stays
        if key in last and fingerprint(getattr(current, key)) != last[key]:
            kept.append(key)  # edited in kam since the last import
            continue
        if getattr(current, key) != getattr(record, key):
            changes[key] = getattr(record, key)
    if "status" in changes:  # the day it entered the new status comes with it
        changes["status_since"] = getattr(record, "status_since", None)
    imported = {**last, **new}
    link_changed = imported != last
    updated_link = replace(link, imported=imported)
    if changes:
        return Decision(draft, "update", replace(current, **changes), updated_link, True, kept)
    return Decision(draft, "unchanged", None, updated_link, link_changed, kept)
