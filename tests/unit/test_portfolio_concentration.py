"""Revenue concentration: the Pareto ranking, top shares, the index, its band, the what-if."""

from __future__ import annotations

import pytest
from portfolio_fixtures import account

from kam_tui.domain.models import Account
from kam_tui.domain.portfolio import PortfolioSettings
from kam_tui.domain.portfolio.concentration import concentration, ranking, what_if

SETTINGS = PortfolioSettings()


def revenues(*amounts: int) -> list[Account]:
    return [account(number, annual_revenue=amount) for number, amount in enumerate(amounts, 1)]


def test_ranking_shares_and_cumulative_shares() -> None:
    ranked = ranking(revenues(20, 50, 30))
    assert [item.account.id for item in ranked] == [2, 3, 1]
    assert [item.value for item in ranked] == [50, 30, 20]
    assert [item.share for item in ranked] == pytest.approx([0.5, 0.3, 0.2])
    assert [item.cumulative_share for item in ranked] == pytest.approx([0.5, 0.8, 1.0])


def test_concentration_of_three_accounts() -> None:
    figures = concentration(revenues(20, 50, 30), SETTINGS)
    assert figures.total_revenue == 100
    assert figures.top_5_share == pytest.approx(1.0)  # fewer than 5: all of them
    assert figures.top_10_share == pytest.approx(1.0)
    assert figures.top_percent == 20
    assert figures.top_percent_count == 1  # 20% of 3 is 0.6, rounded up
    assert figures.top_percent_share == pytest.approx(0.5)
    assert figures.index == pytest.approx(0.25 + 0.09 + 0.04)
    assert figures.band == "high"  # 0.38 >= 0.25


def test_top_shares_of_twelve_accounts() -> None:
    # 12 accounts of 1..12: total 78; top 5 = 12+11+10+9+8 = 50; top 10 = 78 - 1 - 2 = 75;
    # top 20% = ceil(2.4) = 3 accounts = 33.
    figures = concentration(revenues(*range(1, 13)), SETTINGS)
    assert figures.top_5_share == pytest.approx(50 / 78)
    assert figures.top_10_share == pytest.approx(75 / 78)
    assert figures.top_percent_count == 3
    assert figures.top_percent_share == pytest.approx(33 / 78)
    assert figures.index == pytest.approx(sum(n * n for n in range(1, 13)) / 78**2)
    assert figures.band == "low"  # 650 / 6084 = 0.107


def test_ties_rank_by_name_ignoring_case_then_id() -> None:
    accounts = [
        account(1, name="beta", annual_revenue=10),
        account(2, name="Alpha", annual_revenue=10),
        account(3, name="alpha", annual_revenue=10),
        account(4, name="Zed", annual_revenue=11),
    ]
    assert [item.account.id for item in ranking(accounts)] == [4, 2, 3, 1]


def test_all_zero_revenue_has_no_concentration() -> None:
    figures = concentration(revenues(0, 0, 0), SETTINGS)
    assert [item.share for item in figures.ranked] == [0.0, 0.0, 0.0]
    assert [item.cumulative_share for item in figures.ranked] == [0.0, 0.0, 0.0]
    assert figures.top_5_share == 0.0
    assert figures.top_percent_share == 0.0
    assert figures.index == 0.0
    assert figures.band == "low"
    assert figures.what_if.share_lost == 0.0


def test_a_single_account_is_the_whole_revenue() -> None:
    figures = concentration(revenues(70), SETTINGS)
    assert figures.top_5_share == 1.0
    assert figures.top_percent_count == 1
    assert figures.index == 1.0
    assert figures.what_if.lose == 1
    assert figures.what_if.of_top == 1
    assert figures.what_if.revenue_lost == 70


def test_empty_portfolio() -> None:
    figures = concentration([], SETTINGS)
    assert figures.ranked == ()
    assert (figures.total_revenue, figures.top_percent_count, figures.index) == (0, 0, 0.0)
    assert figures.top_5_share == 0.0
    assert figures.what_if.lost == ()
    assert figures.what_if.expected_revenue == 0


def test_what_if_losing_two_of_the_top_four() -> None:
    ranked = ranking(revenues(100, 80, 60, 40, 20))
    loss = what_if(ranked, 2, 4)
    assert [item.value for item in loss.lost] == [100, 80]  # the worst case
    assert loss.revenue_lost == 180
    assert loss.share_lost == pytest.approx(180 / 300)
    assert loss.best_case_revenue == 60 + 40
    assert loss.expected_revenue == 140  # 2/4 of 100+80+60+40


def test_what_if_clamps_k_and_n_and_rounds_the_mean_half_up() -> None:
    ranked = ranking(revenues(3, 2))
    assert (what_if(ranked, 9, 7).lose, what_if(ranked, 9, 7).of_top) == (2, 2)
    assert what_if(ranked, 0, 2).revenue_lost == 0
    assert what_if(ranked, -1, -1).lost == ()
    assert what_if(ranking(revenues(1, 0)), 1, 2).expected_revenue == 1  # 0.5 cent rounds up
    assert what_if(ranking(revenues(1, 0, 0)), 1, 3).expected_revenue == 0  # 1/3 cent


def test_default_what_if_is_five_of_the_top_ten() -> None:
    figures = concentration(revenues(*range(1, 13)), SETTINGS)
    assert (figures.what_if.lose, figures.what_if.of_top) == (5, 10)
    assert figures.what_if.revenue_lost == 50


def test_band_thresholds() -> None:
    assert SETTINGS.band_of(0.0) == "low"
    assert SETTINGS.band_of(0.1499) == "low"
    assert SETTINGS.band_of(0.15) == "moderate"
    assert SETTINGS.band_of(0.25) == "high"
    custom = PortfolioSettings(concentration_bands=(("spread", 0.0), ("risky", 0.5)))
    assert custom.band_of(0.49) == "spread"
    assert custom.band_of(0.5) == "risky"
