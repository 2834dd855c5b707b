"""Profit per account, loss-makers first, and the top 20%'s share of the profit."""

from __future__ import annotations

import pytest
from portfolio_fixtures import account

from kam_tui.domain.portfolio import PortfolioSettings
from kam_tui.domain.portfolio.profitability import margin_of, profit_of, profitability

SETTINGS = PortfolioSettings()
ACCOUNTS = [
    account(1, annual_revenue=100, cost_to_serve=30),  # +70
    account(2, annual_revenue=50, cost_to_serve=80),  # -30
    account(3),  # 0, no margin
    account(4, annual_revenue=200, cost_to_serve=100),  # +100
]


def test_profit_and_margin_of_one_account() -> None:
    assert profit_of(ACCOUNTS[1]) == -30
    assert margin_of(ACCOUNTS[1]) == pytest.approx(-0.6)
    assert margin_of(ACCOUNTS[2]) is None


def test_loss_makers_first_and_the_top_share() -> None:
    figures = profitability(ACCOUNTS, SETTINGS)
    assert [row.account.id for row in figures.accounts] == [2, 3, 1, 4]
    assert [row.profit for row in figures.accounts] == [-30, 0, 70, 100]
    assert figures.accounts[3].margin == pytest.approx(0.5)
    assert figures.total_profit == 140
    assert figures.loss_makers == 1
    assert figures.top_percent_count == 1  # 20% of 4, rounded up
    assert figures.top_percent_profit == 100
    assert figures.top_percent_share == pytest.approx(100 / 140)


def test_the_top_share_passes_one_when_others_lose_money() -> None:
    accounts = [
        account(1, annual_revenue=100, cost_to_serve=0),
        account(2, annual_revenue=0, cost_to_serve=60),
    ]
    figures = profitability(accounts, SETTINGS)
    assert figures.total_profit == 40
    assert figures.top_percent_share == pytest.approx(2.5)  # 100 / 40


def test_no_top_share_when_the_portfolio_loses_money() -> None:
    figures = profitability([account(1, annual_revenue=10, cost_to_serve=50)], SETTINGS)
    assert figures.total_profit == -40
    assert figures.top_percent_profit == -40
    assert figures.top_percent_share is None


def test_all_zero_and_empty() -> None:
    zero = profitability([account(1), account(2)], SETTINGS)
    assert zero.total_profit == 0
    assert zero.top_percent_share is None
    assert all(row.margin is None for row in zero.accounts)
    empty = profitability([], SETTINGS)
    assert (empty.accounts, empty.top_percent_count, empty.loss_makers) == ((), 0, 0)


def test_ties_by_name_then_id() -> None:
    accounts = [account(1, name="b"), account(2, name="A"), account(3, name="a")]
    assert [row.account.id for row in profitability(accounts, SETTINGS).accounts] == [2, 3, 1]
