"""The whole Portfolio from the records: each table read once, grouped by account, then
every figure computed from the groups."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from kam_tui.domain.models import Account, Action, Activity, Contact, Deal, Objective, StatusChange
from kam_tui.domain.portfolio.concentration import concentration
from kam_tui.domain.portfolio.figures import Portfolio, PortfolioFilter, Turnaround
from kam_tui.domain.portfolio.health import health
from kam_tui.domain.portfolio.profitability import profitability
from kam_tui.domain.portfolio.satisfaction import satisfaction
from kam_tui.domain.portfolio.selection import selection
from kam_tui.domain.portfolio.totals import sales_by_account, totals_by_manager, totals_of
from kam_tui.domain.portfolio.tuning import PortfolioSettings
from kam_tui.domain.portfolio.turnaround import turnaround
from kam_tui.domain.schema import Schema

ChildT = TypeVar("ChildT", Action, Contact, Objective, StatusChange)


@dataclass(frozen=True)
class PortfolioRecords:
    """Every record the figures are made from, as the store holds them (any order)."""

    accounts: Sequence[Account] = ()
    activities: Iterable[Activity] = ()
    deals: Iterable[Deal] = ()
    history: Iterable[StatusChange] = ()
    contacts: Iterable[Contact] = ()
    objectives: Iterable[Objective] = ()
    actions: Iterable[Action] = ()
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


def build_portfolio(
    records: PortfolioRecords,
    portfolio_filter: PortfolioFilter,
    settings: PortfolioSettings,
    today: date,
) -> Portfolio:
    """Every Portfolio figure of the accounts `portfolio_filter` lets through, on `today`."""
    schema = records.schema
    accounts = [account for account in records.accounts if portfolio_filter.matches(account)]
    ids = frozenset(account.id for account in accounts)
    scores: dict[int, list[tuple[date, int]]] = {}
    for activity in records.activities:
        score, day = activity.satisfaction, activity.day
        if score is not None and day is not None and activity.account_id in ids:
            scores.setdefault(activity.account_id, []).append((day, score))
    deals = [deal for deal in records.deals if deal.account_id in ids]
    sales = sales_by_account(deals, today)
    cadence = schema.default_cadence_days
    return Portfolio(
        filter=portfolio_filter,
        today=today,
        currency=schema.currency,
        totals=totals_of(None, accounts, sales, today, cadence),
        by_manager=totals_by_manager(accounts, sales, today, cadence, schema.team),
        concentration=concentration(accounts, settings),
        profitability=profitability(accounts, settings),
        satisfaction=satisfaction(accounts, scores, settings.trend_points),
        turnaround=turnaround_of(accounts, records, deals, ids, today, settings),
        selection=selection(accounts, settings),
        health=health(
            accounts,
            today,
            cadence,
            settings,
            group(records.objectives, ids),
            group(records.actions, ids),
            group(records.contacts, ids),
        ),
    )


def turnaround_of(
    accounts: Sequence[Account],
    records: PortfolioRecords,
    deals: Sequence[Deal],
    ids: frozenset[int],
    today: date,
    settings: PortfolioSettings,
) -> Turnaround:
    """The turnaround figures of the filtered accounts."""
    return turnaround(
        accounts,
        group(records.history, ids),
        deals,
        records.schema.status_names,
        today,
        settings,
    )
