"""Re-importing: each record keeps a link to its source id and a fingerprint of the values
last imported, so an unchanged record stays untouched, a value changed in the source is
updated, and a value the user edited in kam since the last import is kept and reported."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from operator import attrgetter
from typing import Any

from kam_tui.domain.exchange.building import Draft
from kam_tui.domain.making import record_builder
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


_DIGESTS: dict[tuple[type, object], str] = {}
_DIGESTS_KEPT = 65_536
"""How many digests of short values are remembered (most values repeat: kinds, dates)."""
_PLAIN = frozenset({str, int, bool, type(None), date, datetime})
"""The classes whose equal values have equal reprs (a Decimal's does not: 1.0, 1.00), so
a digest can be remembered by the value itself, without making its repr again."""


def fingerprint(value: Any) -> str:
    """A short digest of a value (its repr: text, whole numbers, dates and None only):
    equal values, equal fingerprints. The link keeps these, not the values, so it holds no
    text of its own to check or to leak."""
    plain = value.__class__ in _PLAIN
    if plain:
        digest = _DIGESTS.get((value.__class__, value))
        if digest is not None:
            return digest
    shown = repr(value)
    digest = hashlib.blake2b(shown.encode(), digest_size=8).hexdigest()
    if plain and len(shown) <= 40:
        if len(_DIGESTS) >= _DIGESTS_KEPT:
            _DIGESTS.clear()
        _DIGESTS[value.__class__, value] = digest
    return digest


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
    reported: bool = True
    """False when what it would report (deleted in kam) was reported by an earlier import."""
    moved: bool = False
    """True when the record's account changed in the source: it moves to the new one."""


_new_link = record_builder(ImportLink, ("system", "object", "source_id", "kam_table", "imported"))
ACCOUNT_KEY = "@account"
"""The link's key for the fingerprint of the source id of a record's account: a record
whose account changes in the source moves to its new account."""
KEPT_PREFIX = "!kept."
"""The link's keys marking a kept edit already reported (the fingerprint of the kam value
and the source's value then): the same conflict is reported once, not at every import."""
GONE_KEY = "!gone"
"""The link's key marking a record deleted in kam already reported as kept deleted."""
ABSENT_KEY = "!absent"
"""The link's key marking a record absent from the source already reported as kept."""


_COMPARED: dict[tuple[str, frozenset[str] | None, frozenset[str]], tuple[str, ...]] = {}


def _compared(table: str, fields: frozenset[str] | None, skip: frozenset[str]) -> tuple[str, ...]:
    """The fields a draft's link fingerprints, in a fixed order (worked out once for each
    combination: every row of a file has the same)."""
    key = (table, fields, skip)
    found = _COMPARED.get(key)
    if found is None:
        tracked = IMPORTED_FIELDS[table] if fields is None else sorted(fields)
        found = _COMPARED[key] = tuple(name for name in tracked if name not in skip)
    return found


def _column_fingerprints(values: list[Any]) -> list[str]:
    """`fingerprint` of each value of a column: each distinct value once when the column
    holds only plain values that no other class's equal value could stand for (a bool
    beside a whole number could: True == 1, with another repr)."""
    classes = set(map(type, values))
    if classes <= _PLAIN and not {bool, int} <= classes:
        digests = {value: fingerprint(value) for value in set(values)}
        return list(map(digests.__getitem__, values))
    return list(map(fingerprint, values))


_NO_FINGERPRINTS: dict[str, CustomValue] = {}


def new_fingerprints(drafts: list[Draft]) -> list[dict[str, CustomValue]]:
    """The fingerprints `decide` gives each draft's link (by `draft.skip`), worked out
    column by column over the drafts that compare the same fields: equal to those
    `decide` works out one draft at a time."""
    groups: dict[tuple[str, frozenset[str] | None, frozenset[str]], list[int]] = {}
    for n, draft in enumerate(drafts):
        groups.setdefault((draft.record.TABLE, draft.fields, draft.skip), []).append(n)
    found: list[dict[str, CustomValue]] = [_NO_FINGERPRINTS] * len(drafts)  # each replaced
    for (table, fields, skip), members in groups.items():
        keys = _compared(table, fields, skip)
        records = [drafts[n].record for n in members]
        columns = [_column_fingerprints(list(map(attrgetter(key), records))) for key in keys]
        names = list(keys)
        if table != "accounts":
            names.append(ACCOUNT_KEY)
            columns.append(_column_fingerprints([drafts[n].account_source for n in members]))
        rows = zip(*columns, strict=True) if columns else iter([()] * len(members))
        for n, digests in zip(members, rows, strict=True):
            found[n] = dict(zip(names, digests, strict=True))
    return found


def decide(
    draft: Draft,
    system: str,
    link: ImportLink | None,
    current: Record | None,
    skip: frozenset[str],
    new: dict[str, CustomValue] | None = None,
) -> Decision:
    """Compare a draft with what the last import left (`link`) and what kam now holds
    (`current`); `skip` names fields this import does not set (an account's status when
    the import holds none of its deals). `new` is the draft's fingerprints when worked
    out already (`new_fingerprints`)."""
    record = draft.record
    child = record.TABLE != "accounts"
    if new is None:
        new = {
            key: fingerprint(getattr(record, key))
            for key in _compared(record.TABLE, draft.fields, skip)
        }
        if child:
            new[ACCOUNT_KEY] = fingerprint(draft.account_source)
    if link is None:
        incoming = draft.incoming
        fresh = _new_link(system, incoming.spec.name, incoming.source_id, record.TABLE, new)
        return Decision(draft, "create", record, fresh, True)
    keys = _compared(record.TABLE, draft.fields, skip)
    last: dict[str, CustomValue] = link.imported  # read only: a changed link is a new dict
    if current is None:
        if GONE_KEY in last:
            return Decision(draft, "gone", None, link, False, reported=False)
        marked = replace(link, imported={**last, GONE_KEY: "1"})
        return Decision(draft, "gone", None, marked, True)
    changes: dict[str, Any] = {}
    kept: list[str] = []
    markers: dict[str, CustomValue] = {}
    for key in keys:
        if new[key] == last.get(key):
            continue  # the source did not change it: whatever kam holds stays
        held = fingerprint(getattr(current, key))
        if key in last and held != last[key]:
            marker = fingerprint((held, new[key]))
            markers[KEPT_PREFIX + key] = marker
            if last.get(KEPT_PREFIX + key) != marker:
                kept.append(key)  # edited in kam since the last import: reported once
            continue
        if getattr(current, key) != getattr(record, key):
            changes[key] = getattr(record, key)
    moved = False
    if child and ACCOUNT_KEY in last and new[ACCOUNT_KEY] != last[ACCOUNT_KEY]:
        if getattr(current, "account_id", 0) != link.account_id:
            kept.append("account")  # moved in kam since: it stays where the user put it
        else:
            moved = True
    if "status" in changes:  # the day it entered the new status comes with it
        changes["status_since"] = getattr(record, "status_since", None)
    unmarked = {key: value for key, value in last.items() if key not in (ABSENT_KEY,)}
    imported = {**unmarked, **new, **markers}
    link_changed = imported != last
    updated_link = replace(link, imported=imported) if link_changed else link
    if changes or moved:
        updated = replace(current, **changes)
        return Decision(draft, "update", updated, updated_link, True, kept, moved=moved)
    return Decision(draft, "unchanged", None, updated_link, link_changed, kept)
