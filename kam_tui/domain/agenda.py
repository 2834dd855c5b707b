"""The contact agenda: each account's next contact, grouped into overdue and the days of a week."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from kam_tui.domain.models import Account
from kam_tui.domain.rules import cadence_of

WEEK_DAYS = 7
"""Days in the agenda's week, Monday to Sunday."""


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    """One account's next contact as the agenda lists it."""

    account: Account
    due: date
    """The day of the next contact: the planned day, else the last contact plus the cadence."""
    kind: str
    """The planned kind of contact; empty when none was planned."""
    planned: bool
    """True when the day was planned by hand, False when it comes from the cadence."""
    overdue_days: int
    """Days the contact is late on the agenda's today (0 when it is not)."""


@dataclass(frozen=True, slots=True)
class AgendaGroup:
    """The entries of one group of the agenda: the overdue ones, or one day of the week."""

    day: date | None
    """The day of the week; None for the overdue group."""
    entries: tuple[AgendaEntry, ...]


def pending_plan(account: Account) -> date | None:
    """The account's planned next-contact day while it is still to come: a planned day on
    or before the last contact was met by that contact (logged from anywhere), so it no
    longer counts."""
    planned = account.next_contact
    if planned is None or (account.last_contact is not None and planned <= account.last_contact):
        return None
    return planned


def next_contact_day(account: Account, default_days: int) -> date | None:
    """When the account should next be contacted: its pending planned day when it has one
    (`pending_plan`), else its last contact (or, never contacted, the day it was created)
    plus its cadence; None when it has neither a planned day nor a day to count from."""
    planned = pending_plan(account)
    if planned is not None:
        return planned
    reference = account.last_contact or (account.created.date() if account.created else None)
    if reference is None:
        return None
    return reference + timedelta(days=cadence_of(account, default_days))


def planned_after_contact(account: Account, day: date, default_days: int) -> Account:
    """The account once contacted on `day`: its next contact planned one cadence later (the
    planned kind is kept, so a rhythm of calls stays a rhythm of calls)."""
    return replace(account, next_contact=day + timedelta(days=cadence_of(account, default_days)))


def week_start(day: date) -> date:
    """The Monday of the week holding `day`."""
    return day - timedelta(days=day.weekday())


def build_agenda(
    accounts: Iterable[Account],
    week_of: date,
    today: date,
    default_days: int,
    manager: str | None = None,
) -> list[AgendaGroup]:
    """The agenda of the week holding `week_of`: first the contacts due before `today`
    (most late first, key accounts first on a tie), then one group per day Monday to
    Sunday with the contacts due that day and not before `today` (key accounts first, then
    by name). `manager` keeps only that assignee's accounts ("" the unassigned ones);
    None keeps everyone's. Every group is returned, empty or not, so the caller decides
    what an empty day shows."""
    monday = week_start(week_of)
    sunday = monday + timedelta(days=WEEK_DAYS - 1)
    overdue: list[AgendaEntry] = []
    by_day: dict[date, list[AgendaEntry]] = {}
    for account in accounts:
        if manager is not None and account.assignee != manager:
            continue
        due = next_contact_day(account, default_days)
        if due is None:
            continue
        if due < today:
            late = (today - due).days
        elif monday <= due <= sunday:
            late = 0
        else:
            continue
        planned = pending_plan(account) is not None
        entry = AgendaEntry(account, due, account.next_contact_kind, planned, late)
        if late:
            overdue.append(entry)
        else:
            by_day.setdefault(due, []).append(entry)
    overdue.sort(key=_overdue_order)
    groups = [AgendaGroup(None, tuple(overdue))]
    for offset in range(WEEK_DAYS):
        day = monday + timedelta(days=offset)
        groups.append(AgendaGroup(day, tuple(sorted(by_day.get(day, ()), key=_day_order))))
    return groups


def _overdue_order(entry: AgendaEntry) -> tuple[int, bool, str, int]:
    return (
        -entry.overdue_days,
        not entry.account.key_account,
        entry.account.name.casefold(),
        entry.account.id,
    )


def _day_order(entry: AgendaEntry) -> tuple[bool, str, int]:
    return (not entry.account.key_account, entry.account.name.casefold(), entry.account.id)
