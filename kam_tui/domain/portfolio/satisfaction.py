"""Satisfaction: each account's latest score and trend, the quarterly average, the fallers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from kam_tui.domain.models import Account
from kam_tui.domain.portfolio.common import mean, name_order, ref
from kam_tui.domain.portfolio.figures import (
    AccountSatisfaction,
    QuarterAverage,
    Satisfaction,
    SatisfactionPoint,
)

Scores = Sequence[tuple[date, int]]
"""An account's rated activities as (day, score), in any order."""


def daily_series(scores: Scores) -> tuple[SatisfactionPoint, ...]:
    """One point per day, the mean of that day's scores, oldest first."""
    by_day: dict[date, list[int]] = {}
    for day, score in scores:
        by_day.setdefault(day, []).append(score)
    return tuple(
        SatisfactionPoint(day, sum(values) / len(values)) for day, values in sorted(by_day.items())
    )


def trend_of(series: Sequence[SatisfactionPoint], points: int) -> float | None:
    """The last minus the first of the last `points` points; None with fewer than two."""
    recent = series[-max(points, 2) :]
    if len(recent) < 2:
        return None
    return recent[-1].score - recent[0].score


def account_satisfaction(account: Account, scores: Scores, points: int) -> AccountSatisfaction:
    """One account's latest score, its daily series and its trend."""
    series = daily_series(scores)
    return AccountSatisfaction(ref(account), account.satisfaction, series, trend_of(series, points))


def quarter_of(day: date) -> tuple[int, int]:
    """(year, quarter 1-4) of a day."""
    return day.year, (day.month - 1) // 3 + 1


def by_quarter(
    accounts: Sequence[Account], scores_by_account: Mapping[int, Scores]
) -> tuple[QuarterAverage, ...]:
    """Per quarter, the mean over the accounts rated in it of each one's mean score in it."""
    account_means: dict[tuple[int, int], list[float]] = {}
    for account in accounts:
        scores = scores_by_account.get(account.id)
        if not scores:
            continue
        in_quarter: dict[tuple[int, int], list[int]] = {}
        for day, score in scores:
            in_quarter.setdefault(quarter_of(day), []).append(score)
        for quarter, values in in_quarter.items():
            account_means.setdefault(quarter, []).append(sum(values) / len(values))
    return tuple(
        QuarterAverage(year, quarter, sum(means) / len(means), len(means))
        for (year, quarter), means in sorted(account_means.items())
    )


def satisfaction(
    accounts: Sequence[Account], scores_by_account: Mapping[int, Scores], points: int
) -> Satisfaction:
    """Satisfaction across `accounts`; `scores_by_account` holds their rated activities."""
    rows = [
        account_satisfaction(account, scores_by_account.get(account.id, ()), points)
        for account in accounts
    ]
    order = {account.id: name_order(account) for account in accounts}
    rows.sort(key=lambda row: (row.latest is None, row.latest or 0, *order[row.account.id]))
    falling = sorted(
        (row for row in rows if row.trend is not None and row.trend < 0),
        key=lambda row: (row.trend, *order[row.account.id]),
    )
    return Satisfaction(
        accounts=tuple(rows),
        average=mean([row.latest for row in rows if row.latest is not None]),
        by_quarter=by_quarter(accounts, scores_by_account),
        falling=tuple(falling),
    )
