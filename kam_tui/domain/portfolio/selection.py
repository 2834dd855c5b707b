"""Key-account selection: strategic value against financial worth, candidates, accounts to
review and the hardest to replace."""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from kam_tui.domain.models import Account
from kam_tui.domain.portfolio.common import name_order, ref
from kam_tui.domain.portfolio.figures import Selection, SelectionAccount, SelectionCell
from kam_tui.domain.portfolio.profitability import profit_of
from kam_tui.domain.portfolio.tuning import PortfolioSettings

BANDS = 5
"""Financial worth is cut into fifths."""
HIGH_BANDS = frozenset({4, 5})
"""The worth bands that count as high."""
LOW_BANDS = frozenset({1, 2})
"""The worth bands that count as low."""
HARDEST_TO_REPLACE = 10
"""How many accounts the hardest-to-replace list holds."""


def worth_of(account: Account, measure: str) -> int:
    """The account's financial worth by `measure` (revenue, profit or potential), in cents."""
    if measure == "profit":
        return profit_of(account)
    if measure == "potential":
        return account.potential_revenue
    return account.annual_revenue


def worth_bands(worths: Sequence[int]) -> list[int]:
    """The band (1-5) of each worth: ranked ascending, position i of n is in band
    1 + 5i // n; equal worths share the band of the first of them (the lower one)."""
    order = sorted(range(len(worths)), key=worths.__getitem__)
    bands = [0] * len(worths)
    previous: int | None = None
    band = 1
    for position, index in enumerate(order):
        if worths[index] != previous:
            band = 1 + BANDS * position // len(worths)
            previous = worths[index]
        bands[index] = band
    return bands


def selection(accounts: Sequence[Account], settings: PortfolioSettings) -> Selection:
    """The selection grid and its lists for `accounts`."""
    measure = settings.financial_worth
    worths = [worth_of(account, measure) for account in accounts]
    bands = worth_bands(worths)
    total_revenue = sum(account.annual_revenue for account in accounts)
    total_profit = total_revenue - sum(account.cost_to_serve for account in accounts)
    make = SelectionAccount._make
    rows = []
    for account, worth, band in zip(accounts, worths, bands, strict=True):
        revenue = account.annual_revenue
        rows.append(
            make(
                (
                    ref(account),
                    account.strategic_value,
                    worth,
                    band,
                    account.key_account,
                    revenue / total_revenue if total_revenue else 0.0,
                    (revenue - account.cost_to_serve) / total_profit if total_profit > 0 else None,
                )
            )
        )
    order = {account.id: name_order(account) for account in accounts}

    def by_worth_descending(row: SelectionAccount) -> tuple[int, str, int]:
        return (-row.worth, *order[row.account.id])

    counts: dict[tuple[int, int], list[int]] = {}
    floors: list[int | None] = [None] * BANDS
    for row in rows:
        cell = counts.setdefault((row.strategic_value, row.worth_band), [0, 0])
        cell[0] += 1
        cell[1] += row.key_account
        floor = floors[row.worth_band - 1]
        if floor is None or row.worth < floor:
            floors[row.worth_band - 1] = row.worth
    cells = tuple(
        SelectionCell(strategic, band, *counts.get((strategic, band), (0, 0)))
        for strategic in range(5, 0, -1)
        for band in range(1, BANDS + 1)
    )
    high, low = settings.high_strategic_value, 6 - settings.high_strategic_value
    candidates = sorted(
        (
            row
            for row in rows
            if not row.key_account and row.strategic_value >= high and row.worth_band in HIGH_BANDS
        ),
        key=by_worth_descending,
    )
    to_review = sorted(
        (
            row
            for row in rows
            if row.key_account and row.strategic_value <= low and row.worth_band in LOW_BANDS
        ),
        key=lambda row: (row.worth, *order[row.account.id]),
    )
    hardest = heapq.nsmallest(
        HARDEST_TO_REPLACE,
        (row for row in rows if row.revenue_share > 0),
        key=lambda row: (-row.revenue_share, -(row.profit_share or 0.0), *order[row.account.id]),
    )
    return Selection(
        measure=measure,
        accounts=tuple(
            sorted(rows, key=lambda row: (-row.strategic_value, *by_worth_descending(row)))
        ),
        cells=cells,
        band_floors=tuple(floors),
        candidates=tuple(candidates),
        to_review=tuple(to_review),
        hardest_to_replace=tuple(hardest),
    )
