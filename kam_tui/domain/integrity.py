"""Whole-store checks: every record valid, and every reference pointing at a real record."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kam_tui.domain.models import Account, Action, Contact, Record
from kam_tui.domain.schema import Schema
from kam_tui.domain.text import printable
from kam_tui.domain.validation import record_errors

RecordsByKind = Mapping[type[Record], Sequence[Record]]


def store_problems(records: RecordsByKind, schema: Schema) -> list[str]:
    """Every problem found, one readable line each (empty when the store is sound); what
    the records hold is quoted in the visible notation of `printable`, safe to print."""
    problems: list[str] = []
    for kind, items in records.items():
        for record in items:
            for field, reason in record_errors(record, schema).items():
                problems.append(
                    printable(f"{kind.KIND} {record.id} ({record.label}): {field}: {reason}")
                )
    account_ids = {record.id for record in records.get(Account, ())}
    contacts = {
        record.id: record for record in records.get(Contact, ()) if isinstance(record, Contact)
    }
    objective_ids = {
        record.id
        for kind, items in records.items()
        for record in items
        if kind.TABLE == "objectives"
    }
    for kind, items in records.items():
        if kind is Account:
            continue
        for record in items:
            owner = getattr(record, "account_id", None)
            if owner not in account_ids:
                problems.append(f"{kind.KIND} {record.id} belongs to missing account {owner}")
    for contact in contacts.values():
        boss = contacts.get(contact.reports_to) if contact.reports_to else None
        if contact.reports_to and (boss is None or boss.account_id != contact.account_id):
            problems.append(
                f"contact {contact.id} reports to {contact.reports_to}, "
                "which is not a contact of the same account"
            )
    for action in records.get(Action, ()):
        assert isinstance(action, Action)
        if action.objective_id is not None and action.objective_id not in objective_ids:
            problems.append(f"action {action.id} serves missing objective {action.objective_id}")
    return problems
