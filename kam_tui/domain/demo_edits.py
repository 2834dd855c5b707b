"""Which demo accounts the user changed, found by building the demo again as `kam demo`
built it (same seed, day and account ids) and comparing record by record."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import count
from typing import Any

from kam_tui.domain.demo import DEMO_COMPANY_NAMES, build_demo
from kam_tui.domain.models import (
    CHILD_TYPES,
    Account,
    Action,
    Activity,
    Contact,
    Objective,
    Record,
    RecordT,
)
from kam_tui.domain.schema import Schema

Children = Mapping[type[Record], Sequence[Record]]
"""An account's records of each child kind, in id order."""


@dataclass(frozen=True)
class BuiltAccount:
    """One account of a demo as built, with its records."""

    account: Account
    children: dict[type[Record], list[Record]]


class _Recorder:
    """Receives the demo's records as the repository would, numbering them the same way."""

    def __init__(self, first_account_id: int) -> None:
        self.accounts: dict[str, BuiltAccount] = {}
        self._ids: dict[str, Callable[[], int]] = {Account.TABLE: count(first_account_id).__next__}

    def save(self, record: RecordT, *, record_history: bool = True) -> RecordT:
        record = replace(record, id=self._ids.setdefault(record.TABLE, count(1).__next__)())
        if isinstance(record, Account):
            self.accounts[record.name] = BuiltAccount(record, {kind: [] for kind in CHILD_TYPES})
        else:
            owner = next(b for b in self.accounts.values() if b.account.id == _account_id(record))
            owner.children[type(record)].append(record)
        return record


def _account_id(record: Record) -> int:
    return int(getattr(record, "account_id", 0))


def _comparable_account(account: Account) -> Account:
    """The account without what the store sets on its own (id, created, updated)."""
    return replace(account, id=0, created=None, updated=None)


def _comparable_children(children: Children) -> dict[type[Record], list[Record]]:
    """The records without ids; references to records of the account become their places."""
    contact_place, objective_place = (
        {record.id: number for number, record in enumerate(children.get(kind, ()))}
        for kind in (Contact, Objective)
    )
    result: dict[type[Record], list[Record]] = {}
    for kind in CHILD_TYPES:
        records: list[Record] = []
        for record in children.get(kind, ()):
            changes: dict[str, Any] = {"id": 0, "account_id": 0}
            if isinstance(record, Contact) and record.reports_to is not None:
                changes["reports_to"] = contact_place.get(record.reports_to, -1)
            if isinstance(record, Activity):
                changes["contact_ids"] = tuple(contact_place.get(i, -1) for i in record.contact_ids)
            if isinstance(record, Action) and record.objective_id is not None:
                changes["objective_id"] = objective_place.get(record.objective_id, -1)
            records.append(replace(record, **changes))
        result[kind] = records
    return result


class DemoComparison:
    """Compares demo accounts with the demo as it was built for them (builds are cached)."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self._builds: dict[tuple[int, date], dict[str, BuiltAccount]] = {}

    def _built(self, first_account_id: int, day: date) -> dict[str, BuiltAccount]:
        key = (first_account_id, day)
        if key not in self._builds:
            recorder = _Recorder(first_account_id)
            build_demo(recorder, self.schema, day)
            self._builds[key] = recorder.accounts
        return self._builds[key]

    def changes(self, account: Account, children: Children) -> list[str]:
        """What differs between a demo account (with its records) and the demo as built:
        empty when the user left it as `kam demo` made it."""
        names = DEMO_COMPANY_NAMES
        if account.name not in names or account.created is None:
            return ["the account was changed"]
        first_id = account.id - names.index(account.name)
        # The build's day is the day the account was saved, or the day before if the load
        # ran over midnight: the day that explains the most is the one it was built on.
        candidates: list[list[str]] = []
        for day in (account.created.date(), account.created.date() - timedelta(days=1)):
            built = self._built(first_id, day).get(account.name)
            if built is not None:
                candidates.append(_differences(account, children, built))
        return min(candidates, key=len, default=["the account was changed"])


def _differences(account: Account, children: Children, built: BuiltAccount) -> list[str]:
    reasons = []
    if _comparable_account(account) != _comparable_account(built.account):
        reasons.append("the account was changed")
    have = _comparable_children(children)
    expected = _comparable_children(built.children)
    for kind in CHILD_TYPES:
        extra = [record for record in have[kind] if record not in expected[kind]]
        missing = [record for record in expected[kind] if record not in have[kind]]
        if extra:
            reasons.append(f"{len(extra)} {kind.KIND} record(s) added or changed")
        if missing and not extra:
            reasons.append(f"{len(missing)} {kind.KIND} record(s) removed")
    return reasons
