"""The headline figures: accounts, revenue, sales volume, profit, satisfaction, overdue."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from kam_tui.domain.metrics import UNASSIGNED
from kam_tui.domain.models import Account, Deal
from kam_tui.domain.portfolio.common import ratio
from kam_tui.domain.portfolio.figures import Totals
from kam_tui.domain.rules import is_overdue


@dataclass(frozen=True, slots=True)
class Sales:
    """One account's won deals in cents: this year, last year, last year to the same day."""

    this_year: int = 0
    last_year: int = 0
    last_year_to_date: int = 0


NO_SALES = Sales()


def same_day_last_year(today: date) -> date:
    """Today's date one year back (29 February becomes the 28th)."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def sales_by_account(deals: Iterable[Deal], today: date) -> dict[int, Sales]:
    """Account id -> its sales volume: won deals' amounts by the calendar year of their
    close date (deals without one are not counted)."""
    this_year, last_year = today.year, today.year - 1
    last_year_cutoff = same_day_last_year(today)
    sums: dict[int, list[int]] = {}
    for deal in deals:
        closed = deal.close_date
        if deal.outcome != "won" or closed is None:
            continue
        year = closed.year
        if year != this_year and year != last_year:
            continue
        entry = sums.get(deal.account_id)
        if entry is None:
            entry = sums[deal.account_id] = [0, 0, 0]
        if year == this_year:
            entry[0] += deal.amount
        else:
            entry[1] += deal.amount
            if closed <= last_year_cutoff:
                entry[2] += deal.amount
    return {account_id: Sales(*entry) for account_id, entry in sums.items()}


class _Sums:
    """The running sums behind one Totals row."""

    __slots__ = (
        "accounts",
        "cost",
        "key_accounts",
        "last_year",
        "last_year_to_date",
        "overdue",
        "rated",
        "revenue",
        "score_sum",
        "this_year",
    )

    def __init__(self) -> None:
        self.accounts = self.key_accounts = self.revenue = self.cost = 0
        self.this_year = self.last_year = self.last_year_to_date = 0
        self.score_sum = self.rated = self.overdue = 0

    def add(self, other: _Sums) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def totals(self, manager: str | None) -> Totals:
        revenue, this_year, last_year_to_date = self.revenue, self.this_year, self.last_year_to_date
        profit = revenue - self.cost
        return Totals(
            manager=manager,
            accounts=self.accounts,
            key_accounts=self.key_accounts,
            revenue=revenue,
            cost_to_serve=self.cost,
            profit=profit,
            margin=ratio(profit, revenue),
            sales_this_year=this_year,
            sales_last_year=self.last_year,
            sales_last_year_to_date=last_year_to_date,
            growth=this_year / last_year_to_date - 1 if last_year_to_date else None,
            average_satisfaction=self.score_sum / self.rated if self.rated else None,
            rated_accounts=self.rated,
            overdue=self.overdue,
        )


def _sums_by_manager(
    accounts: Iterable[Account], sales: Mapping[int, Sales], today: date, default_cadence_days: int
) -> dict[str, _Sums]:
    """The running sums of each assignee's accounts, in one pass."""
    by_manager: dict[str, _Sums] = {}
    for account in accounts:
        sums = by_manager.get(account.assignee)
        if sums is None:
            sums = by_manager[account.assignee] = _Sums()
        sums.accounts += 1
        sums.key_accounts += account.key_account
        sums.revenue += account.annual_revenue
        sums.cost += account.cost_to_serve
        account_sales = sales.get(account.id)
        if account_sales is not None:
            sums.this_year += account_sales.this_year
            sums.last_year += account_sales.last_year
            sums.last_year_to_date += account_sales.last_year_to_date
        if account.satisfaction is not None:
            sums.score_sum += account.satisfaction
            sums.rated += 1
        sums.overdue += is_overdue(account, today, default_cadence_days)
    return by_manager


def totals_of(
    manager: str | None,
    accounts: Sequence[Account],
    sales: Mapping[int, Sales],
    today: date,
    default_cadence_days: int,
) -> Totals:
    """The totals of `accounts`, labelled with `manager` (None for the whole portfolio)."""
    whole = _Sums()
    for sums in _sums_by_manager(accounts, sales, today, default_cadence_days).values():
        whole.add(sums)
    return whole.totals(manager)


def portfolio_totals(
    accounts: Sequence[Account],
    sales: Mapping[int, Sales],
    today: date,
    default_cadence_days: int,
    team: Sequence[str],
) -> tuple[Totals, tuple[Totals, ...]]:
    """The totals of all `accounts`, and one Totals per manager who has some of them
    (unassigned as its own), from one pass."""
    by_manager = _sums_by_manager(accounts, sales, today, default_cadence_days)
    whole = _Sums()
    for sums in by_manager.values():
        whole.add(sums)
    rows = tuple(by_manager[name].totals(name) for name in manager_order(team, by_manager))
    return whole.totals(None), rows


def manager_order(team: Sequence[str], managers: Iterable[str]) -> list[str]:
    """The managers present: the configured team's order, others by name, unassigned last."""
    present = set(managers)
    others = sorted(present - set(team) - {UNASSIGNED}, key=lambda name: (name.casefold(), name))
    ordered = [name for name in team if name in present and name != UNASSIGNED] + others
    if UNASSIGNED in present:
        ordered.append(UNASSIGNED)
    return ordered
