"""Rules that derive fields when records change: timestamps, status dates, last contact."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from kam_tui.domain.models import Account, Activity


def account_stamps(before: Account | None, after: Account, now: datetime) -> dict[str, Any]:
    """The fields `stamp_account` sets: created (kept, else now), updated (now) and
    `status_since` (today for a new account without one, or when the status changes)."""
    created = after.created or (before.created if before else None) or now
    status_since = after.status_since
    if before is None:
        status_since = status_since or now.date()
    elif before.status != after.status and after.status_since == before.status_since:
        status_since = now.date()
    return {"created": created, "updated": now, "status_since": status_since}


def stamp_account(before: Account | None, after: Account, now: datetime) -> Account:
    """Set created/updated, and restart `status_since` when the status changes."""
    return replace(after, **account_stamps(before, after, now))


def newest_touch(activities: Iterable[Activity]) -> tuple[date | None, int | None]:
    """The day of the newest dated activity, and the score of the newest scored one (by
    day, then the order logged); None for each when there is none."""
    dated = sorted(
        (activity for activity in activities if activity.day is not None),
        key=lambda activity: (activity.day, activity.id),
    )
    scored = [activity.satisfaction for activity in dated if activity.satisfaction is not None]
    return (dated[-1].day if dated else None), (scored[-1] if scored else None)


def followed_activities(
    account: Account, before: Iterable[Activity], after: Iterable[Activity]
) -> Account:
    """The account once its activities went from `before` to `after` (one logged, edited or
    deleted): the one rule for its last contact and satisfaction.

    The last contact follows as `followed_last_contact` says; the satisfaction becomes the
    newest score when that score moved, and is kept when no activity is scored any more."""
    was, now = list(before), list(after)
    _, old_score = newest_touch(was)
    _, new_score = newest_touch(now)
    satisfaction = account.satisfaction
    if new_score != old_score and new_score is not None:
        satisfaction = new_score
    last_contact = followed_last_contact(account, was, now)
    return replace(account, last_contact=last_contact, satisfaction=satisfaction)


def followed_last_contact(
    account: Account, before: Iterable[Activity], after: Iterable[Activity]
) -> date | None:
    """The account's last contact once its activities went from `before` to `after`: the
    newest activity's day when that day moved, unless the account had a later day of its
    own (from an import or the account form) that the activities never reached. Without a
    day of its own that is the newest activity's day, whatever order a laptop learnt of the
    activities in: the rule for changes from the team too (kam_tui.sync.derived)."""
    old_day, _ = newest_touch(before)
    new_day, _ = newest_touch(after)
    last_contact = account.last_contact
    if new_day != old_day and (
        last_contact is None
        or last_contact == old_day
        or (new_day is not None and new_day > last_contact)
    ):
        return new_day
    return last_contact


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
