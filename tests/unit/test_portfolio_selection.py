"""Key-account selection: worth bands, the grid, candidates, reviews, hardest to replace."""

from __future__ import annotations

import pytest
from portfolio_fixtures import account

from kam_tui.domain.portfolio import PortfolioSettings, SelectionCell
from kam_tui.domain.portfolio.selection import selection, worth_bands, worth_of

SETTINGS = PortfolioSettings()
ACCOUNTS = [
    account(1, strategic_value=5, annual_revenue=500, cost_to_serve=100),  # band 5, candidate
    account(2, strategic_value=4, annual_revenue=400, cost_to_serve=500, key_account=True),
    account(3, strategic_value=3, annual_revenue=300, cost_to_serve=0),
    account(4, strategic_value=2, annual_revenue=200, cost_to_serve=0, key_account=True),
    account(5, strategic_value=1, annual_revenue=100, cost_to_serve=0, key_account=True),
]


def test_worth_bands_are_fifths_by_rank_ties_take_the_lower_band() -> None:
    assert worth_bands([5, 4, 3, 2, 1]) == [5, 4, 3, 2, 1]
    assert worth_bands([0, 0, 0, 10, 20]) == [1, 1, 1, 4, 5]
    assert worth_bands([7, 7]) == [1, 1]
    assert worth_bands([3]) == [1]
    assert worth_bands([]) == []
    assert worth_bands(list(range(10))) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


def test_worth_by_measure() -> None:
    one = account(1, annual_revenue=100, cost_to_serve=130, potential_revenue=900)
    assert (worth_of(one, "revenue"), worth_of(one, "profit"), worth_of(one, "potential")) == (
        100,
        -30,
        900,
    )


def test_grid_cells_and_lists() -> None:
    figures = selection(ACCOUNTS, SETTINGS)
    assert figures.measure == "revenue"
    assert len(figures.cells) == 25
    assert figures.cells[0] == SelectionCell(5, 1, 0, 0)  # strategic 5 first, band 1 first
    assert figures.cells[4] == SelectionCell(5, 5, 1, 0)
    assert SelectionCell(4, 4, 1, 1) in figures.cells
    assert SelectionCell(1, 1, 1, 1) in figures.cells
    assert sum(cell.accounts for cell in figures.cells) == 5
    assert figures.band_floors == (100, 200, 300, 400, 500)
    assert [row.account.id for row in figures.candidates] == [1]
    # key accounts with strategic value <= 2 (6 - 4) in bands 1-2: 5 (100) then 4 (200)
    assert [row.account.id for row in figures.to_review] == [5, 4]
    assert [row.account.id for row in figures.accounts] == [1, 2, 3, 4, 5]


def test_hardest_to_replace_with_shares_of_revenue_and_profit() -> None:
    figures = selection(ACCOUNTS, SETTINGS)
    hardest = figures.hardest_to_replace
    assert [row.account.id for row in hardest] == [1, 2, 3, 4, 5]
    assert hardest[0].revenue_share == pytest.approx(500 / 1500)
    # total profit = 400 - 100 + 300 + 200 + 100 = 900
    assert hardest[0].profit_share == pytest.approx(400 / 900)
    assert hardest[1].profit_share == pytest.approx(-100 / 900)


def test_worth_by_profit_moves_the_loss_maker_down() -> None:
    settings = PortfolioSettings(financial_worth="profit")
    figures = selection(ACCOUNTS, settings)
    bands = {row.account.id: row.worth_band for row in figures.accounts}
    assert bands == {2: 1, 5: 2, 4: 3, 3: 4, 1: 5}
    assert [row.account.id for row in figures.to_review] == [5]  # account 4 is now band 3


def test_a_higher_strategic_threshold_narrows_the_candidates() -> None:
    figures = selection(ACCOUNTS, PortfolioSettings(high_strategic_value=5))
    assert [row.account.id for row in figures.candidates] == [1]
    assert [row.account.id for row in figures.to_review] == [5]  # low is now 1 or less


def test_all_zero_revenue_and_empty() -> None:
    zero = selection([account(1), account(2, key_account=True, strategic_value=1)], SETTINGS)
    assert all(row.worth_band == 1 for row in zero.accounts)
    assert zero.hardest_to_replace == ()  # no account brings any revenue
    assert [row.account.id for row in zero.to_review] == [2]
    assert zero.accounts[0].profit_share is None
    empty = selection([], SETTINGS)
    assert empty.band_floors == (None,) * 5
    assert (empty.candidates, empty.to_review, empty.hardest_to_replace) == ((), (), ())
