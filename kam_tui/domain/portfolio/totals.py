"""The headline figures: accounts, revenue, sales volume, profit, satisfaction, overdue."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import NamedTuple

from kam_tui.domain.metrics import UNASSIGNED
from kam_tui.domain.models import Account, Deal
from kam_tui.domain.portfolio.common import ratio
from kam_tui.domain.portfolio.figures import PortfolioFilter, Totals
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
    won = [deal for deal in deals if deal.outcome == "won" and deal.close_date is not None]
    for deal in won:
        closed = deal.close_date
        assert closed is not None
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

    def count(self, account: Account, sales: Sales | None, overdue: bool, sign: int = 1) -> None:
        """Add one account's part (sign 1), or take it away again (sign -1)."""
        self.accounts += sign
        self.key_accounts += sign * account.key_account
        self.revenue += sign * account.annual_revenue
        self.cost += sign * account.cost_to_serve
        if sales is not None:
            self.this_year += sign * sales.this_year
            self.last_year += sign * sales.last_year
            self.last_year_to_date += sign * sales.last_year_to_date
        if account.satisfaction is not None:
            self.score_sum += sign * account.satisfaction
            self.rated += sign
        self.overdue += sign * overdue

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
    """The running sums of each assignee's accounts."""
    listed = list(accounts)
    sales_of = sales.get
    return _sums_of_parts(
        listed,
        [sales_of(account.id) for account in listed],
        [is_overdue(account, today, default_cadence_days) for account in listed],
    )


def _sums_of_parts(
    accounts: Sequence[Account], sales: Sequence[Sales | None], overdue: Sequence[bool]
) -> dict[str, _Sums]:
    """The running sums of each assignee's accounts, from each account's sales and overdue
    flag (in the same order), adding up a whole column at a time."""
    indices: dict[str, list[int]] = {}
    for index, assignee in enumerate(map(_ASSIGNEE, accounts)):
        bucket = indices.get(assignee)
        if bucket is None:
            indices[assignee] = [index]
        else:
            bucket.append(index)
    by_manager: dict[str, _Sums] = {}
    for assignee, chosen in indices.items():
        if len(chosen) == len(accounts):
            mine, my_sales, my_overdue = accounts, sales, overdue
        else:
            mine = [accounts[index] for index in chosen]
            my_sales = [sales[index] for index in chosen]
            my_overdue = [overdue[index] for index in chosen]
        sums = by_manager[assignee] = _Sums()
        sums.accounts = len(mine)
        sums.key_accounts = sum(map(_KEY_ACCOUNT, mine))
        sums.revenue = sum(map(_REVENUE, mine))
        sums.cost = sum(map(_COST, mine))
        sold = [entry for entry in my_sales if entry is not None]
        sums.this_year = sum(map(_THIS_YEAR, sold))
        sums.last_year = sum(map(_LAST_YEAR, sold))
        sums.last_year_to_date = sum(map(_LAST_YEAR_TO_DATE, sold))
        scores = [score for score in map(_SATISFACTION, mine) if score is not None]
        sums.score_sum = sum(scores)
        sums.rated = len(scores)
        sums.overdue = sum(my_overdue)
    return by_manager


_ASSIGNEE = attrgetter("assignee")
_KEY_ACCOUNT = attrgetter("key_account")
_REVENUE = attrgetter("annual_revenue")
_COST = attrgetter("cost_to_serve")
_SATISFACTION = attrgetter("satisfaction")
_THIS_YEAR = attrgetter("this_year")
_LAST_YEAR = attrgetter("last_year")
_LAST_YEAR_TO_DATE = attrgetter("last_year_to_date")


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
    return _totals_of_sums(_sums_by_manager(accounts, sales, today, default_cadence_days), team)


def _totals_of_sums(
    by_manager: Mapping[str, _Sums], team: Sequence[str]
) -> tuple[Totals, tuple[Totals, ...]]:
    """The whole's totals and each manager's, from each manager's sums."""
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


class _Part(NamedTuple):
    """One account's part of the totals."""

    account: Account
    sales: Sales | None
    overdue: bool


class TotalsLedger:
    """Each account's part of the totals on one day (the account, its sales, overdue or
    not) and every manager's running sums of them: the totals of a later look at the
    Portfolio recompute only the parts of the accounts changed since (`update`)."""

    def __init__(
        self,
        accounts: Iterable[Account],
        deals: Iterable[Deal],
        today: date,
        default_cadence_days: int,
    ) -> None:
        self.today = today
        """The day the parts are of (overdue and the sales years depend on it)."""
        self.default_cadence_days = default_cadence_days
        """The cadence of the accounts that have none (overdue depends on it)."""
        listed = list(accounts)
        sales_of = sales_by_account(deals, today).get
        sales = [sales_of(account.id) for account in listed]
        overdue = [is_overdue(account, today, default_cadence_days) for account in listed]
        self._parts: dict[int, _Part] = {
            account.id: _Part(account, account_sales, account_overdue)
            for account, account_sales, account_overdue in zip(listed, sales, overdue, strict=True)
        }
        self._by_manager: dict[str, _Sums] = _sums_of_parts(listed, sales, overdue)

    def add(self, account: Account, sales: Sales | None) -> None:
        """Count an account not counted yet, with its sales."""
        part = _Part(account, sales, is_overdue(account, self.today, self.default_cadence_days))
        self._parts[account.id] = part
        sums = self._by_manager.get(account.assignee)
        if sums is None:
            sums = self._by_manager[account.assignee] = _Sums()
        sums.count(account, sales, part.overdue)

    def fits(self, today: date, default_cadence_days: int) -> bool:
        """True when the parts are those of `today` and this default cadence."""
        return today == self.today and default_cadence_days == self.default_cadence_days

    def update(self, account_id: int, account: Account | None, deals: Iterable[Deal]) -> None:
        """Recompute one account's part from its current state (None once deleted) and all
        its deals."""
        old = self._parts.pop(account_id, None)
        if old is not None:
            sums = self._by_manager[old.account.assignee]
            sums.count(old.account, old.sales, old.overdue, sign=-1)
            if not sums.accounts:
                del self._by_manager[old.account.assignee]
        if account is not None:
            self.add(account, sales_by_account(deals, self.today).get(account_id))

    def totals(
        self, portfolio_filter: PortfolioFilter, team: Sequence[str]
    ) -> tuple[Totals, tuple[Totals, ...]]:
        """As `portfolio_totals` of the accounts the filter lets through."""
        if portfolio_filter.is_empty:
            return _totals_of_sums(self._by_manager, team)
        by_manager: dict[str, _Sums] = {}
        matches = portfolio_filter.matches
        for account, sales, overdue in self._parts.values():
            if matches(account):
                sums = by_manager.get(account.assignee)
                if sums is None:
                    sums = by_manager[account.assignee] = _Sums()
                sums.count(account, sales, overdue)
        return _totals_of_sums(by_manager, team)


def ledger_in_steps(
    accounts: Sequence[Account],
    deals: Sequence[Deal],
    today: date,
    default_cadence_days: int,
    size: int,
) -> Iterator[TotalsLedger | None]:
    """The ledger `TotalsLedger(accounts, deals, today, default_cadence_days)` made `size`
    records at a time: None after each part of the work, the ledger last."""
    sales: dict[int, Sales] = {}
    for start in range(0, len(deals), size):
        for account_id, more in sales_by_account(deals[start : start + size], today).items():
            known = sales.get(account_id)
            sales[account_id] = more if known is None else _added(known, more)
        yield None
    ledger = TotalsLedger((), (), today, default_cadence_days)
    for start in range(0, len(accounts), size):
        for account in accounts[start : start + size]:
            ledger.add(account, sales.get(account.id))
        yield None
    yield ledger


def _added(first: Sales, second: Sales) -> Sales:
    return Sales(
        first.this_year + second.this_year,
        first.last_year + second.last_year,
        first.last_year_to_date + second.last_year_to_date,
    )
