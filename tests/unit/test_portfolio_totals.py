"""The Portfolio's totals, overall and per manager, against hand-computed figures."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from portfolio_fixtures import TODAY, account, deal

from kam_tui.domain.portfolio import PortfolioFilter, Totals
from kam_tui.domain.portfolio.totals import (
    TotalsLedger,
    ledger_in_steps,
    manager_order,
    portfolio_totals,
    sales_by_account,
    same_day_last_year,
    totals_of,
)

ACCOUNTS = [
    account(
        1,
        assignee="Ana",
        key_account=True,
        annual_revenue=100_000,
        cost_to_serve=40_000,
        satisfaction=8,
        last_contact=TODAY - timedelta(days=10),
    ),
    account(
        2,
        assignee="Ben",
        annual_revenue=50_000,
        cost_to_serve=70_000,
        satisfaction=4,
        last_contact=TODAY - timedelta(days=40),
    ),
    account(3, assignee="", last_contact=None),
]
DEALS = [
    deal(1, 1, 30_000, "won", date(2026, 3, 1)),  # this year
    deal(2, 1, 20_000, "won", date(2025, 6, 1)),  # last year, before 20 November
    deal(3, 1, 10_000, "won", date(2025, 12, 15)),  # last year, after 20 November
    deal(4, 2, 99_900, "lost", date(2026, 2, 1)),  # lost: not sales
    deal(5, 2, 5_000, "open", date(2026, 12, 1)),  # open: not sales
    deal(6, 2, 7_000, "won", None),  # no close date: no year
    deal(7, 2, 4_000, "won", date(2024, 5, 5)),  # two years ago
]


def test_sales_count_won_deals_by_calendar_year_of_close_date() -> None:
    sales = sales_by_account(DEALS, TODAY)
    assert set(sales) == {1}
    assert sales[1].this_year == 30_000
    assert sales[1].last_year == 30_000
    assert sales[1].last_year_to_date == 20_000


def test_totals_of_the_whole_portfolio() -> None:
    totals, _ = portfolio_totals(ACCOUNTS, sales_by_account(DEALS, TODAY), TODAY, 30, ())
    assert totals == Totals(
        manager=None,
        accounts=3,
        key_accounts=1,
        revenue=150_000,
        cost_to_serve=110_000,
        profit=40_000,
        margin=pytest.approx(40_000 / 150_000),  # type: ignore[arg-type]
        sales_this_year=30_000,
        sales_last_year=30_000,
        sales_last_year_to_date=20_000,
        growth=pytest.approx(0.5),  # type: ignore[arg-type]  # 30,000 / 20,000 - 1
        average_satisfaction=6.0,  # (8 + 4) / 2: the unrated account is left out
        rated_accounts=2,
        overdue=1,  # 40 days > 30; never contacted with no creation date is not overdue
    )
    assert totals_of(None, ACCOUNTS, sales_by_account(DEALS, TODAY), TODAY, 30) == totals


def test_totals_per_manager_follow_the_team_order_with_unassigned_last() -> None:
    _, rows = portfolio_totals(ACCOUNTS, {}, TODAY, 30, ("Ben", "Zoe", "Ana"))
    assert [row.manager for row in rows] == ["Ben", "Ana", ""]
    ben = rows[0]
    assert (ben.accounts, ben.revenue, ben.profit) == (1, 50_000, -20_000)
    assert ben.margin == pytest.approx(-0.4)
    assert ben.overdue == 1
    assert rows[2].average_satisfaction is None
    assert rows[2].margin is None  # no revenue


def test_growth_is_none_without_sales_last_year_to_date() -> None:
    sales = sales_by_account([deal(1, 1, 500, "won", date(2026, 1, 2))], TODAY)
    totals, _ = portfolio_totals(ACCOUNTS[:1], sales, TODAY, 30, ())
    assert totals.sales_this_year == 500
    assert totals.growth is None


def test_empty_portfolio_has_zero_counts_and_no_ratios() -> None:
    totals, rows = portfolio_totals([], {}, TODAY, 30, ("Ana",))
    assert rows == ()
    assert (totals.accounts, totals.revenue, totals.profit, totals.overdue) == (0, 0, 0, 0)
    assert totals.margin is None
    assert totals.growth is None
    assert totals.average_satisfaction is None


def test_same_day_last_year_moves_29_february_to_the_28th() -> None:
    assert same_day_last_year(date(2028, 2, 29)) == date(2027, 2, 28)
    assert same_day_last_year(TODAY) == date(2025, 11, 20)


def test_manager_order_puts_other_assignees_by_name_then_unassigned() -> None:
    assert manager_order(("Cleo", "Ana"), ["", "bob", "Ana", "Al"]) == ["Ana", "Al", "bob", ""]


def test_filter_by_manager_list_status_and_key_accounts() -> None:
    first, second, third = ACCOUNTS
    assert PortfolioFilter().is_empty
    assert [a.id for a in ACCOUNTS if PortfolioFilter(manager="").matches(a)] == [3]
    assert PortfolioFilter(manager="Ana").matches(first)
    assert not PortfolioFilter(manager="Ana").matches(second)
    assert PortfolioFilter(key_accounts_only=True).matches(first)
    assert not PortfolioFilter(key_accounts_only=True).matches(third)
    assert PortfolioFilter(lists=("New", "Lost")).matches(first)
    assert not PortfolioFilter(lists=("Existing",)).matches(first)
    assert PortfolioFilter(statuses=("Contacted",)).matches(second)
    assert not PortfolioFilter(statuses=("Won",)).matches(second)


def test_a_ledger_adds_up_to_the_same_totals() -> None:
    ledger = TotalsLedger(ACCOUNTS, DEALS, TODAY, 30)
    assert ledger.fits(TODAY, 30)
    assert not ledger.fits(TODAY + timedelta(days=1), 30)
    assert not ledger.fits(TODAY, 14)
    team = ("Ben", "Zoe", "Ana")
    everyone = portfolio_totals(ACCOUNTS, sales_by_account(DEALS, TODAY), TODAY, 30, team)
    assert ledger.totals(PortfolioFilter(), team) == everyone
    anas = PortfolioFilter(manager="Ana")
    totals, rows = ledger.totals(anas, team)
    assert (totals.accounts, totals.revenue, totals.sales_this_year) == (1, 100_000, 30_000)
    assert [row.manager for row in rows] == ["Ana"]


def test_a_ledger_recomputes_only_the_accounts_it_is_told_of() -> None:
    first, second, _unassigned = ACCOUNTS
    ledger = TotalsLedger(ACCOUNTS, DEALS, TODAY, 30)
    # Ben's account goes to Ana with more revenue and a won deal this year; the unassigned
    # account is deleted.
    moved = replace(second, assignee="Ana", annual_revenue=80_000)
    won = deal(8, 2, 6_000, "won", date(2026, 1, 5))
    ledger.update(2, moved, [*DEALS[3:], won])
    ledger.update(3, None, [])
    totals, rows = ledger.totals(PortfolioFilter(), ())
    assert [row.manager for row in rows] == ["Ana"]  # Ben and unassigned have none left
    assert totals.accounts == 2
    assert totals.revenue == 180_000  # 100,000 + 80,000
    assert totals.cost_to_serve == 110_000  # 40,000 + 70,000
    assert totals.sales_this_year == 36_000  # 30,000 + the new 6,000
    assert totals.overdue == 1  # the moved account: 40 days > 30
    assert totals.rated_accounts == 2
    assert rows[0] == replace(totals, manager="Ana")
    # Told again: the part is replaced again.
    ledger.update(1, replace(first, annual_revenue=0), [])
    assert ledger.totals(PortfolioFilter(), ())[0].revenue == 80_000


def test_a_ledger_made_in_steps_is_the_same_ledger() -> None:
    # Two deals and one account a step: every account's sales summed over two steps.
    steps = list(ledger_in_steps(ACCOUNTS, DEALS, TODAY, 30, size=2))
    assert steps[:-1] == [None] * (4 + 2)  # 7 deals in 4 steps, 3 accounts in 2
    made = steps[-1]
    assert made is not None
    whole = TotalsLedger(ACCOUNTS, DEALS, TODAY, 30)
    assert made.totals(PortfolioFilter(), ()) == whole.totals(PortfolioFilter(), ())
    assert made.totals(PortfolioFilter(), ())[0].sales_last_year == 30_000  # 20,000 + 10,000
