"""Satisfaction: the daily series, the trend, the quarterly average and the fallers."""

from __future__ import annotations

from datetime import date

import pytest
from portfolio_fixtures import account

from kam_tui.domain.portfolio import QuarterAverage, SatisfactionPoint
from kam_tui.domain.portfolio.satisfaction import daily_series, satisfaction, trend_of

D = date


def test_one_point_per_day_the_mean_of_that_day() -> None:
    series = daily_series([(D(2026, 3, 2), 4), (D(2026, 3, 1), 9), (D(2026, 3, 2), 7)])
    assert series == (SatisfactionPoint(D(2026, 3, 1), 9.0), SatisfactionPoint(D(2026, 3, 2), 5.5))


def test_trend_is_last_minus_first_of_the_last_points() -> None:
    series = daily_series(
        [(D(2026, 1, day), score) for day, score in ((1, 5), (2, 7), (3, 6), (4, 9))]
    )
    assert trend_of(series, 3) == 2.0  # 9 - 7
    assert trend_of(series, 10) == 4.0  # 9 - 5
    assert trend_of(series[:1], 5) is None
    assert trend_of((), 5) is None


def test_portfolio_satisfaction() -> None:
    accounts = [
        account(1, satisfaction=8),
        account(2, satisfaction=3),
        account(3),  # never rated
    ]
    scores = {
        1: [(D(2026, 1, 10), 4), (D(2026, 2, 10), 6), (D(2026, 4, 2), 8)],
        2: [(D(2026, 3, 31), 9), (D(2026, 10, 1), 3)],
    }
    figures = satisfaction(accounts, scores, 5)
    assert [row.account.id for row in figures.accounts] == [2, 1, 3]  # lowest first
    assert figures.average == pytest.approx(5.5)
    by_id = {row.account.id: row for row in figures.accounts}
    assert by_id[1].trend == 4.0
    assert by_id[2].trend == -6.0
    assert by_id[3].trend is None
    assert by_id[3].series == ()
    assert [row.account.id for row in figures.falling] == [2]
    # Q1: account 1 mean (4+6)/2 = 5, account 2: 9 -> (5 + 9) / 2 = 7
    assert figures.by_quarter == (
        QuarterAverage(2026, 1, 7.0, 2),
        QuarterAverage(2026, 2, 8.0, 1),
        QuarterAverage(2026, 4, 3.0, 1),
    )
    assert figures.by_quarter[0].label == "2026 Q1"


def test_fallers_steepest_first_ties_by_name() -> None:
    accounts = [account(1, name="b"), account(2, name="a"), account(3, name="c")]
    scores = {
        1: [(D(2026, 1, 1), 9), (D(2026, 1, 2), 7)],
        2: [(D(2026, 1, 1), 9), (D(2026, 1, 2), 7)],
        3: [(D(2026, 1, 1), 9), (D(2026, 1, 2), 1)],
    }
    figures = satisfaction(accounts, scores, 5)
    assert [row.account.id for row in figures.falling] == [3, 2, 1]


def test_no_rated_activities() -> None:
    figures = satisfaction([account(1, satisfaction=6), account(2)], {}, 5)
    assert figures.by_quarter == ()
    assert figures.falling == ()
    assert figures.average == 6.0
    assert all(row.series == () and row.trend is None for row in figures.accounts)


def test_empty_portfolio() -> None:
    figures = satisfaction([], {}, 5)
    assert (figures.accounts, figures.average, figures.by_quarter) == ((), None, ())
