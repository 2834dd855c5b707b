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


def satisfaction(
    accounts: Sequence[Account], scores_by_account: Mapping[int, Scores], points: int
) -> Satisfaction:
    """Satisfaction across `accounts`; `scores_by_account` holds their rated activities.

    One pass over each account's scores in day order makes its daily series and its
    quarters' means (the quarters of a day-ordered series follow each other).
    """
    span = max(points, 2)
    make_point = SatisfactionPoint._make
    make_row = AccountSatisfaction._make
    quarter_means: dict[tuple[int, int], list[float]] = {}
    rows: list[AccountSatisfaction] = []
    for account in accounts:
        scores = scores_by_account.get(account.id)
        if not scores:
            rows.append(make_row((ref(account), account.satisfaction, (), None)))
            continue
        ordered = sorted(scores)
        series: list[SatisfactionPoint] = []
        day, total, count = ordered[0][0], 0, 0
        quarter = (day.year, (day.month - 1) // 3 + 1)
        quarter_total, quarter_count = 0, 0
        for score_day, score in ordered:
            if score_day != day:
                series.append(make_point((day, total / count)))
                day, total, count = score_day, 0, 0
                this_quarter = (day.year, (day.month - 1) // 3 + 1)
                if this_quarter != quarter:
                    _add_mean(quarter_means, quarter, quarter_total / quarter_count)
                    quarter, quarter_total, quarter_count = this_quarter, 0, 0
            total += score
            count += 1
            quarter_total += score
            quarter_count += 1
        series.append(make_point((day, total / count)))
        _add_mean(quarter_means, quarter, quarter_total / quarter_count)
        trend = series[-1].score - series[-span:][0].score if len(series) > 1 else None
        rows.append(make_row((ref(account), account.satisfaction, tuple(series), trend)))
    order = {account.id: name_order(account) for account in accounts}
    rows.sort(key=lambda row: (row.latest is None, row.latest or 0, *order[row.account.id]))
    falling = sorted(
        (row for row in rows if row.trend is not None and row.trend < 0),
        key=lambda row: (row.trend, *order[row.account.id]),
    )
    return Satisfaction(
        accounts=tuple(rows),
        average=mean([row.latest for row in rows if row.latest is not None]),
        by_quarter=tuple(
            QuarterAverage(year, quarter, sum(means) / len(means), len(means))
            for (year, quarter), means in sorted(quarter_means.items())
        ),
        falling=tuple(falling),
    )


def _add_mean(
    means: dict[tuple[int, int], list[float]], quarter: tuple[int, int], value: float
) -> None:
    bucket = means.get(quarter)
    if bucket is None:
        means[quarter] = [value]
    else:
        bucket.append(value)
