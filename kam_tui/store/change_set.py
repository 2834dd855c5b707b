"""A change set: the edits of one user action, validated as added, applied as a whole."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Protocol, TypeVar

from kam_tui.domain.clock import Clock
from kam_tui.domain.fields import table_fields
from kam_tui.domain.making import record_copier
from kam_tui.domain.models import (
    CHILD_TYPES,
    HISTORY_FIELDS,
    Account,
    Activity,
    Contact,
    Record,
    StatusChange,
)
from kam_tui.domain.rules import account_stamps, followed_activities, stamp_account
from kam_tui.domain.schema import Schema
from kam_tui.domain.validation import validate
from kam_tui.store.errors import StoreError
from kam_tui.store.undo import Change, Edit, new_edit

R = TypeVar("R", bound=Record)

_ID_KINDS = frozenset({"reference", "references"})
_ID_FIELDS: dict[type[Record], frozenset[str]] = {}


def _id_fields(kind: type[Record]) -> frozenset[str]:
    """The fields of a kind that hold ids of other records (its account, a manager...)."""
    found = _ID_FIELDS.get(kind)
    if found is None:
        keys = (item.key for item in table_fields(kind.TABLE) if item.kind in _ID_KINDS)
        found = _ID_FIELDS[kind] = frozenset(keys)
    return found


class RecordSource(Protocol):
    """What a change set reads of the store it will be applied to (the repository)."""

    @property
    def schema(self) -> Schema:
        """The configurable rules records are validated against."""

    @property
    def clock(self) -> Clock:
        """Where the time comes from."""

    @property
    def user(self) -> str:
        """Who makes the changes (the config's user), recorded in the status history."""

    def get(self, kind: type[R], record_id: int) -> R | None:
        """One record by id."""

    def children(self, kind: type[R], account_id: int) -> list[R]:
        """The records of `kind` that belong to an account, in id order."""

    def reserve_id(self, table: str) -> int:
        """A fresh id for a new record."""

    def reserve_ids(self, table: str, count: int) -> Sequence[int]:
        """`count` fresh ids, in the order `count` calls of `reserve_id` would give them."""


class ChangeSet:
    """The edits of one user action, validated as they are added and applied as a whole."""

    def __init__(self, repository: RecordSource, description: str) -> None:
        self.description = description
        """What the change does, shown when it is undone or redone."""
        self._repository = repository
        self._edits: dict[tuple[str, int], Edit] = {}
        self._subject: tuple[str, int] | None = None
        self._history: dict[tuple[int, str], int] = {}
        """(account id, kind) -> the id of the status-history entry this change records."""
        self.applied: Change | None = None
        """The change as applied, once the repository applied it (None if it changed nothing)."""

    def focus_on(self, record: Record) -> None:
        """Name the record the user acted on (by default the first one saved or deleted)."""
        self._subject = (record.TABLE, record.id)

    def current(self, kind: type[R], record_id: int) -> R | None:
        """A record as it stands within this change."""
        key = (kind.TABLE, record_id)
        if key in self._edits:
            return self._edits[key].after  # type: ignore[return-value]
        return self._repository.get(kind, record_id)

    def save(self, record: R, *, reason: str = "", record_history: bool = True) -> R:
        """Insert (id 0) or update a record; returns it with its id and derived fields.

        An account whose status or lifecycle list changes (or a new one that has them) gets
        an entry in the status history, in this same change, so undo takes it away with
        the move; `reason` is kept on that entry (see `note_reason`). `record_history`
        False is for callers that write the history themselves (the demo portfolio)."""
        repository = self._repository
        if record.id == 0 and isinstance(record, Account):
            account = self._new_account(record)
            validate(account, repository.schema)
            self._add_account(account, record_history=record_history)
            if reason:
                self.note_reason(reason)
            return account  # type: ignore[return-value]
        if record.id == 0:
            record = replace(record, id=repository.reserve_id(record.TABLE))
            before = None
        else:
            before = self.current(type(record), record.id)
            if before is None:
                raise StoreError(f"{record.label} no longer exists")
        if isinstance(record, Account):
            record = stamp_account(
                before if isinstance(before, Account) else None, record, repository.clock()
            )  # type: ignore[assignment]
        validate(record, repository.schema)
        self._put(record.TABLE, record.id, before, record)
        if self._subject is None:
            self.focus_on(record)
        if isinstance(record, Account) and record_history:
            self._record_history(before if isinstance(before, Account) else None, record)
        if reason:
            self.note_reason(reason)
        return record

    def insert_validated(self, record: R, ids: Mapping[str, int | tuple[int, ...] | None]) -> R:
        """Insert a new record its caller has already validated, setting only its id and
        the ids in `ids` (its account, the records it names); returns it with its id.

        For the importer alone, which checks every record of its files by the rules of the
        forms (`record_errors`, its account aside) before it writes any, so each is
        validated once. Setting ids breaks no rule of a field (ids are not checked), so
        only a new record that is not an account (accounts are stamped and get a history:
        `insert_validated_account`) and a change of id fields alone are taken; anything
        else goes through `save`."""
        kind = type(record)
        if record.id != 0 or isinstance(record, Account):
            raise StoreError(f"{record.label}: only a new record other than an account")
        names = frozenset(ids)
        if not names <= _id_fields(kind):
            wrong = ", ".join(sorted(names - _id_fields(kind)))
            raise StoreError(f"{record.label}: {wrong} is not a field holding ids")
        copier = record_copier(kind, names)
        table = kind.TABLE
        record_id = self._repository.reserve_id(table)
        record = copier(record, record_id, ids)
        self._edits[table, record_id] = new_edit(table, record_id, None, record)
        if self._subject is None:
            self.focus_on(record)
        return record

    def insert_validated_account(self, account: Account, *, record_history: bool = True) -> Account:
        """Insert a new account its caller has already validated: stamped, edited and given
        its status-history entries exactly as `save` does a new account, without checking
        it again (for the importer, which checks every record of its files before it
        writes any: stamping sets only its timestamps and status day, which no rule
        limits)."""
        if account.id != 0 or type(account) is not Account:
            raise StoreError(f"{account.label}: only a new account")
        made = self._new_account(account)
        self._add_account(made, record_history=record_history)
        return made

    def _new_account(self, account: Account) -> Account:
        """A new account with a fresh id, stamped as `stamp_account` stamps one that did
        not exist before, made in one copy."""
        stamps = account_stamps(None, account, self._repository.clock())
        record_id = self._repository.reserve_id(Account.TABLE)
        made: Account = record_copier(Account, frozenset(stamps))(account, record_id, stamps)
        return made

    def _add_account(self, account: Account, *, record_history: bool) -> None:
        """Put a new account (stamped, with its id) in the change, with the status-history
        entries of its status and list unless `record_history` is False."""
        self._edits[Account.TABLE, account.id] = new_edit(Account.TABLE, account.id, None, account)
        if self._subject is None:
            self.focus_on(account)
        if record_history:
            self._record_history(None, account)

    def insert_all_validated(
        self, records: Sequence[R], ids: Sequence[Mapping[str, int | tuple[int, ...] | None]]
    ) -> list[R]:
        """`insert_validated` of each record with its ids, in order, the records all of one
        kind: the same records and edits, made a batch at a time (their ids reserved in
        one call) for an import's hundreds of thousands."""
        if not records:
            return []
        kind = type(records[0])
        names = frozenset(ids[0])
        if any(type(record) is not kind or record.id != 0 for record in records) or any(
            frozenset(one) != names for one in ids
        ):
            return [self.insert_validated(r, i) for r, i in zip(records, ids, strict=True)]
        first = self.insert_validated(records[0], ids[0])
        table = kind.TABLE
        copy = record_copier(kind, names)
        record_ids = self._repository.reserve_ids(table, len(records) - 1)
        made = [
            copy(record, record_id, one)
            for record, record_id, one in zip(records[1:], record_ids, ids[1:], strict=True)
        ]
        self._edits.update(
            ((table, record.id), new_edit(table, record.id, None, record)) for record in made
        )
        return [first, *made]

    def note_reason(self, reason: str) -> None:
        """Keep `reason` on the status-history entries this change records (why a card
        went to Won or Lost)."""
        for entry_id in self._history.values():
            entry = self.current(StatusChange, entry_id)
            if entry is not None:
                self.save(replace(entry, reason=reason))

    def history_entries(self) -> list[StatusChange]:
        """The status-history entries this change records so far."""
        entries = (self.current(StatusChange, entry_id) for entry_id in self._history.values())
        return [entry for entry in entries if entry is not None]

    def _record_history(self, before: Account | None, after: Account) -> None:
        """Add (or, when this change already moved the account, update) the history entry
        of each of its status and lifecycle that differs from what it was before."""
        for kind in HISTORY_FIELDS:
            key = (after.id, kind)
            value: str = getattr(after, kind)
            entry_id = self._history.get(key)
            if entry_id is not None:
                self._update_entry(key, entry_id, value)
                continue
            old: str = getattr(before, kind) if before is not None else ""
            if value == old:
                continue
            entry = StatusChange(
                account_id=after.id,
                day=self._history_day(before, after, kind),
                kind=kind,
                from_value=old,
                to_value=value,
                by=self._repository.user,
            )
            self._history[key] = self.save(entry).id

    def _update_entry(self, key: tuple[int, str], entry_id: int, value: str) -> None:
        """Point an entry of this change at the account's newest value; one that ends
        where it started records nothing and is dropped."""
        entry = self.current(StatusChange, entry_id)
        if entry is None or entry.to_value == value:
            return
        if entry.from_value == value:
            self._put(StatusChange.TABLE, entry_id, None, None)
            del self._history[key]
            return
        self.save(replace(entry, to_value=value))

    def _history_day(self, before: Account | None, after: Account, kind: str) -> date:
        """The day of a change: for the status, the day the account entered it (the
        clock's date unless the caller set `status_since`); for a new account's list, the
        day it was created; else the clock's date."""
        today = self._repository.clock().date()
        if kind == "status":
            return after.status_since or today
        if before is None and after.created is not None:
            return after.created.date()
        return today

    def log_activity(self, activity: Activity) -> Activity:
        """Add (id 0) or edit an activity; its account's last contact and satisfaction
        follow (`followed_activities`)."""
        before = self.activities_of(activity.account_id)
        saved = self.save(activity)
        self._follow_activities(activity.account_id, before)
        return saved

    def activities_of(self, account_id: int) -> list[Activity]:
        """The account's activities as they stand within this change."""
        ids = [activity.id for activity in self._repository.children(Activity, account_id)]
        ids += [key[1] for key in self._edits if key[0] == Activity.TABLE and key[1] not in ids]
        found = (self.current(Activity, activity_id) for activity_id in ids)
        return [activity for activity in found if activity and activity.account_id == account_id]

    def _follow_activities(self, account_id: int, before: list[Activity]) -> None:
        account = self.current(Account, account_id)
        if account is None:
            raise StoreError(f"account {account_id} no longer exists")
        self.save(followed_activities(account, before, self.activities_of(account_id)))

    def delete(self, record: Record) -> None:
        """Delete a record; deleting an account deletes everything that belongs to it, and
        deleting an activity recomputes its account's last contact."""
        before = self.current(type(record), record.id)
        if before is None:
            return
        if isinstance(before, Activity):
            self._delete_activity(before)
            return
        if self._subject is None:
            self.focus_on(before)
        if isinstance(before, Account):
            for kind in CHILD_TYPES:
                for child in self._repository.children(kind, before.id):
                    self._put(kind.TABLE, child.id, child, None)
        if isinstance(before, Contact):
            for other in self._repository.children(Contact, before.account_id):
                current = self.current(Contact, other.id)
                if current is not None and current.reports_to == before.id:
                    self._put(Contact.TABLE, other.id, other, replace(current, reports_to=None))
        self._put(before.TABLE, before.id, before, None)

    def _delete_activity(self, activity: Activity) -> None:
        if self._subject is None:
            self.focus_on(activity)
        before = self.activities_of(activity.account_id)
        self._put(activity.TABLE, activity.id, activity, None)
        if self.current(Account, activity.account_id) is not None:
            self._follow_activities(activity.account_id, before)

    def _put(self, table: str, record_id: int, before: Record | None, after: Record | None) -> None:
        key = (table, record_id)
        if key in self._edits:
            before = self._edits[key].before
        self._edits[key] = Edit(table, record_id, before, after)

    def build(self) -> Change:
        """The change made of every edit, dropping those that changed nothing."""
        edits = tuple(
            edit
            for edit in self._edits.values()
            # a record added or deleted changed (the common case of a big change, settled
            # without comparing records); one added and deleted again did not
            if (edit.before is None) is not (edit.after is None) or edit.before != edit.after
        )
        return Change(self.description, edits, self._subject)
