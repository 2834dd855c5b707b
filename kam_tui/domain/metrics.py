"""Board figures: column totals, an account manager's load and revenue concentration."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from kam_tui.domain.models import Account, Action
from kam_tui.domain.rules import is_overdue

_annual_revenue = attrgetter("annual_revenue")

UNASSIGNED = ""
"""The assignee of an account nobody manages: the key of the team board's last column."""


@dataclass(frozen=True, slots=True)
class ColumnTotals:
    """What a pipeline or lists column header shows."""

    count: int
    """How many accounts the column holds."""
    revenue: int
    """Their total annual revenue, in cents."""


@dataclass(frozen=True, slots=True)
class ManagerLoad:
    """What a team column header shows: the load of one account manager."""

    accounts: int
    """How many accounts the manager holds."""
    key_accounts: int
    """How many of them are key accounts."""
    revenue: int
    """Their total annual revenue, in cents."""
    open_actions: int
    """Actions of their plans that are not done."""
    overdue: int
    """Accounts whose last contact is older than their cadence."""


def column_totals(accounts: Sequence[Account]) -> ColumnTotals:
    """The number of accounts and their total annual revenue."""
    # Summed in C: a column of thousands is totalled again after every card move.
    return ColumnTotals(len(accounts), sum(map(_annual_revenue, accounts)))


def open_actions_by_account(actions: Iterable[Action]) -> Counter[int]:
    """Account id -> how many of its actions are not done."""
    return Counter(action.account_id for action in actions if action.status != "done")


def manager_load(
    accounts: Iterable[Account],
    open_actions: Mapping[int, int],
    today: date,
    default_cadence_days: int,
) -> ManagerLoad:
    """The load of the manager holding `accounts`."""
    count = key_accounts = revenue = actions = overdue = 0
    for account in accounts:
        count += 1
        key_accounts += account.key_account
        revenue += account.annual_revenue
        actions += open_actions.get(account.id, 0)
        overdue += is_overdue(account, today, default_cadence_days)
    return ManagerLoad(count, key_accounts, revenue, actions, overdue)


def days_in_status(account: Account, today: date) -> int | None:
    """Days since the account entered its pipeline status (None when unknown)."""
    if account.status_since is None:
        return None
    return max(0, (today - account.status_since).days)


def manager_names(team: Sequence[str], accounts: Iterable[Account]) -> tuple[str, ...]:
    """The team board's columns: the configured team, then other assignees found, then nobody."""
    found = {account.assignee for account in accounts} - set(team) - {UNASSIGNED}
    return (*team, *sorted(found, key=str.casefold), UNASSIGNED)


def top_share(revenues: Iterable[int], top: int) -> float:
    """The share (0-1) of the total revenue that the `top` largest accounts bring."""
    ordered = sorted(revenues, reverse=True)
    total = sum(ordered)
    return sum(ordered[:top]) / total if total else 0.0


def concentration_index(revenues: Iterable[int]) -> float:
    """The Herfindahl-Hirschman index of revenue (0-1): 1 when one account brings everything."""
    values = list(revenues)
    total = sum(values)
    if not total:
        return 0.0
    return sum((value / total) ** 2 for value in values)
