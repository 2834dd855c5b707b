"""The whole Portfolio from the records: each table read once, grouped by account, then
every figure computed from the groups."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TypeVar

from kam_tui.domain.models import Account, Action, Activity, Contact, Deal, Objective, StatusChange
from kam_tui.domain.portfolio.common import without_collection
from kam_tui.domain.portfolio.concentration import concentration
from kam_tui.domain.portfolio.figures import (
    Concentration,
    Health,
    Portfolio,
    PortfolioFilter,
    Profitability,
    Satisfaction,
    Selection,
    Turnaround,
)
from kam_tui.domain.portfolio.health import health
from kam_tui.domain.portfolio.profitability import profitability
from kam_tui.domain.portfolio.satisfaction import satisfaction
from kam_tui.domain.portfolio.selection import selection
from kam_tui.domain.portfolio.totals import TotalsLedger, portfolio_totals, sales_by_account
from kam_tui.domain.portfolio.tuning import PortfolioSettings
from kam_tui.domain.portfolio.turnaround import turnaround
from kam_tui.domain.schema import Schema

ChildT = TypeVar("ChildT", Action, Contact, Objective, StatusChange)


@dataclass(frozen=True)
class PortfolioRecords:
    """Every record the figures are made from, as the store holds them (any order)."""

    accounts: Sequence[Account] = ()
    activities: Sequence[Activity] = ()
    deals: Sequence[Deal] = ()
    history: Sequence[StatusChange] = ()
    contacts: Sequence[Contact] = ()
    objectives: Sequence[Objective] = ()
    actions: Sequence[Action] = ()
    schema: Schema = field(default_factory=Schema)
    """Statuses, team, default cadence and currency."""


def group(records: Iterable[ChildT], ids: set[int] | frozenset[int]) -> dict[int, list[ChildT]]:
    """The records of the accounts in `ids`, by account id (one pass)."""
    grouped: dict[int, list[ChildT]] = {}
    for record in records:
        account_id = record.account_id
        if account_id in ids:
            bucket = grouped.get(account_id)
            if bucket is None:
                grouped[account_id] = [record]
            else:
                bucket.append(record)
    return grouped


@without_collection
def build_portfolio(
    records: PortfolioRecords,
    portfolio_filter: PortfolioFilter,
    settings: PortfolioSettings,
    today: date,
    ledger: TotalsLedger | None = None,
) -> Portfolio:
    """The Portfolio of the accounts `portfolio_filter` lets through, on `today`: the totals
    now (added up from `ledger` when given: it must be current and of `today`), every other
    section when first read."""
    schema = records.schema
    if portfolio_filter.is_empty:
        accounts = list(records.accounts)
    else:
        accounts = [account for account in records.accounts if portfolio_filter.matches(account)]
    ids = frozenset(account.id for account in accounts)
    if ledger is not None:
        totals, by_manager = ledger.totals(portfolio_filter, schema.team)
    else:
        sales = sales_by_account((deal for deal in records.deals if deal.account_id in ids), today)
        totals, by_manager = portfolio_totals(
            accounts, sales, today, schema.default_cadence_days, schema.team
        )
    return Portfolio(
        filter=portfolio_filter,
        today=today,
        currency=schema.currency,
        totals=totals,
        by_manager=by_manager,
        sections=Sections(records, accounts, ids, settings, today),
    )


class Sections:
    """Computes each section of one Portfolio from the filtered records, on demand."""

    def __init__(
        self,
        records: PortfolioRecords,
        accounts: Sequence[Account],
        ids: frozenset[int],
        settings: PortfolioSettings,
        today: date,
    ) -> None:
        self.records = records
        self.accounts = accounts
        """The accounts the filter lets through."""
        self.ids = ids
        """Their ids."""
        self.settings = settings
        self.today = today

    @cached_property
    def deals(self) -> list[Deal]:
        """The deals of the accounts the filter lets through."""
        ids = self.ids
        return [deal for deal in self.records.deals if deal.account_id in ids]

    @without_collection
    def concentration(self) -> Concentration:
        return concentration(self.accounts, self.settings)

    @without_collection
    def profitability(self) -> Profitability:
        return profitability(self.accounts, self.settings)

    @without_collection
    def satisfaction(self) -> Satisfaction:
        ids = self.ids
        scores: dict[int, list[tuple[date, int]]] = {}
        for activity in self.records.activities:
            score, day = activity.satisfaction, activity.day
            if score is not None and day is not None and activity.account_id in ids:
                bucket = scores.get(activity.account_id)
                if bucket is None:
                    scores[activity.account_id] = [(day, score)]
                else:
                    bucket.append((day, score))
        return satisfaction(self.accounts, scores, self.settings.trend_points)

    @without_collection
    def turnaround(self) -> Turnaround:
        return turnaround(
            self.accounts,
            group(self.records.history, self.ids),
            self.deals,
            self.records.schema.status_names,
            self.today,
            self.settings,
        )

    @without_collection
    def selection(self) -> Selection:
        return selection(self.accounts, self.settings)

    @without_collection
    def health(self) -> Health:
        ids = self.ids
        return health(
            self.accounts,
            self.today,
            self.records.schema.default_cadence_days,
            self.settings,
            group(self.records.objectives, ids),
            group(self.records.actions, ids),
            group(self.records.contacts, ids),
        )
