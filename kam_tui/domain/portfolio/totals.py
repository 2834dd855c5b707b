"""The headline figures: accounts, revenue, sales volume, profit, satisfaction, overdue."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from kam_tui.domain.metrics import UNASSIGNED
from kam_tui.domain.models import Account, Deal
from kam_tui.domain.portfolio.common import mean, ratio
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


def totals_of(
    manager: str | None,
    accounts: Sequence[Account],
    sales: Mapping[int, Sales],
    today: date,
    default_cadence_days: int,
) -> Totals:
    """The totals of `accounts`, labelled with `manager` (None for the whole portfolio)."""
    revenue = sum(account.annual_revenue for account in accounts)
    cost = sum(account.cost_to_serve for account in accounts)
    this_year = last_year = last_year_to_date = 0
    for account in accounts:
        account_sales = sales.get(account.id, NO_SALES)
        this_year += account_sales.this_year
        last_year += account_sales.last_year
        last_year_to_date += account_sales.last_year_to_date
    scores = [account.satisfaction for account in accounts if account.satisfaction is not None]
    growth = ratio(this_year, last_year_to_date)
    return Totals(
        manager=manager,
        accounts=len(accounts),
        key_accounts=sum(1 for account in accounts if account.key_account),
        revenue=revenue,
        cost_to_serve=cost,
        profit=revenue - cost,
        margin=ratio(revenue - cost, revenue),
        sales_this_year=this_year,
        sales_last_year=last_year,
        sales_last_year_to_date=last_year_to_date,
        growth=None if growth is None else growth - 1,
        average_satisfaction=mean(scores),
        rated_accounts=len(scores),
        overdue=sum(1 for account in accounts if is_overdue(account, today, default_cadence_days)),
    )


def manager_order(team: Sequence[str], managers: Iterable[str]) -> list[str]:
    """The managers present: the configured team's order, others by name, unassigned last."""
    present = set(managers)
    others = sorted(present - set(team) - {UNASSIGNED}, key=lambda name: (name.casefold(), name))
    ordered = [name for name in team if name in present and name != UNASSIGNED] + others
    if UNASSIGNED in present:
        ordered.append(UNASSIGNED)
    return ordered


def totals_by_manager(
    accounts: Sequence[Account],
    sales: Mapping[int, Sales],
    today: date,
    default_cadence_days: int,
    team: Sequence[str],
) -> tuple[Totals, ...]:
    """One Totals per manager who has accounts among `accounts` (unassigned as its own)."""
    by_manager: dict[str, list[Account]] = {}
    for account in accounts:
        by_manager.setdefault(account.assignee, []).append(account)
    return tuple(
        totals_of(manager, by_manager[manager], sales, today, default_cadence_days)
        for manager in manager_order(team, by_manager)
    )
