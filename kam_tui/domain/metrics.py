"""Board figures: column totals, an account manager's load and revenue concentration."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from operator import attrgetter
from typing import NamedTuple

from kam_tui.domain.models import Account, Action
from kam_tui.domain.rules import is_overdue

_key_account = attrgetter("key_account")
_annual_revenue = attrgetter("annual_revenue")

UNASSIGNED = ""
"""The assignee of an account nobody manages: the key of the team board's last column."""


class ColumnFigures(NamedTuple):
    """What a column header adds up: each field is a sum over the column's accounts."""

    accounts: int
    """How many accounts the column holds."""
    key_accounts: int
    """How many of them are key accounts."""
    revenue: int
    """Their total annual revenue, in cents."""
    open_actions: int = 0
    """Actions of their plans that are not done (counted by the team board only)."""
    overdue: int = 0
    """Accounts whose last contact is older than their cadence (team board only)."""


NO_FIGURES = ColumnFigures(0, 0, 0)
"""The figures of an empty column."""


def account_figures(
    account: Account, open_actions: int = 0, overdue: bool = False
) -> ColumnFigures:
    """One account's share of its column's figures."""
    return ColumnFigures(
        1, int(account.key_account), account.annual_revenue, open_actions, int(overdue)
    )


def add_figures(figures: Iterable[ColumnFigures]) -> ColumnFigures:
    """The field-by-field sum of `figures` (summed in C: a column may hold thousands)."""
    sums = [sum(values) for values in zip(*figures, strict=True)]
    return ColumnFigures._make(sums) if sums else NO_FIGURES


def column_totals(accounts: Sequence[Account]) -> ColumnFigures:
    """The number of accounts, how many are key accounts, and their total annual revenue
    (summed in C: a board adds up 10,000 accounts when it opens)."""
    return ColumnFigures(
        len(accounts), sum(map(_key_account, accounts)), sum(map(_annual_revenue, accounts))
    )


def open_actions_by_account(actions: Iterable[Action]) -> Counter[int]:
    """Account id -> how many of its actions are not done."""
    return Counter(action.account_id for action in actions if action.status != "done")


def account_load(
    account: Account, open_actions: Mapping[int, int], today: date, default_cadence_days: int
) -> ColumnFigures:
    """One account's share of its manager's load: its figures, open actions, overdue."""
    return account_figures(
        account,
        open_actions.get(account.id, 0),
        is_overdue(account, today, default_cadence_days),
    )


def manager_load(
    accounts: Iterable[Account],
    open_actions: Mapping[int, int],
    today: date,
    default_cadence_days: int,
) -> ColumnFigures:
    """The load of the manager holding `accounts`: every figure, open actions and overdue
    accounts included."""
    return add_figures(
        account_load(account, open_actions, today, default_cadence_days) for account in accounts
    )


def days_in_status(account: Account, today: date) -> int | None:
    """Days since the account entered its pipeline status (None when unknown)."""
    if account.status_since is None:
        return None
    return max(0, (today - account.status_since).days)


def manager_names(team: Sequence[str], accounts: Iterable[Account]) -> tuple[str, ...]:
    """The team board's columns: the configured team, then other assignees found, then nobody."""
    found = {account.assignee for account in accounts} - set(team) - {UNASSIGNED}
    return (*team, *sorted(found, key=str.casefold), UNASSIGNED)
