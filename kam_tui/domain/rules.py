"""Rules that derive fields when records change: timestamps, status dates, last contact."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime

from kam_tui.domain.models import Account, Activity


def stamp_account(before: Account | None, after: Account, now: datetime) -> Account:
    """Set created/updated, and restart `status_since` when the status changes."""
    created = after.created or (before.created if before else None) or now
    status_since = after.status_since
    if before is None:
        status_since = status_since or now.date()
    elif before.status != after.status and after.status_since == before.status_since:
        status_since = now.date()
    return replace(after, created=created, updated=now, status_since=status_since)


def with_activity(account: Account, activity: Activity) -> Account:
    """The account after logging `activity`: its last contact, and satisfaction if scored."""
    if activity.day is None:
        return account
    newest = account.last_contact is None or activity.day >= account.last_contact
    last_contact = activity.day if newest else account.last_contact
    satisfaction = account.satisfaction
    if newest and activity.satisfaction is not None:
        satisfaction = activity.satisfaction
    return replace(account, last_contact=last_contact, satisfaction=satisfaction)


def recomputed_last_contact(account: Account, activities: Iterable[Activity]) -> Account:
    """The account with `last_contact` taken from its remaining activities."""
    days = [activity.day for activity in activities if activity.day is not None]
    return replace(account, last_contact=max(days) if days else None)


def cadence_of(account: Account, default_days: int) -> int:
    """The account's contact cadence in days."""
    return account.cadence_days or default_days


def days_overdue(account: Account, today: date, default_days: int) -> int:
    """How many days past its cadence the account is (0 when it is not overdue).

    An account never contacted counts from the day it was created.
    """
    reference = account.last_contact or (account.created.date() if account.created else None)
    if reference is None:
        return 0
    return max(0, (today - reference).days - cadence_of(account, default_days))


def is_overdue(account: Account, today: date, default_days: int) -> bool:
    """True when the account's last contact is older than its cadence."""
    return days_overdue(account, today, default_days) > 0
