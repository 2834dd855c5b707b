"""Revenue concentration: the Pareto ranking, top shares, the HHI and the what-if."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kam_tui.domain.models import Account
from kam_tui.domain.portfolio.common import name_order, ref, share, top_count
from kam_tui.domain.portfolio.figures import Concentration, RankedAccount, WhatIf
from kam_tui.domain.portfolio.tuning import PortfolioSettings

DEFAULT_LOSE = 5
"""The what-if's default k: lose 5 ..."""
DEFAULT_OF_TOP = 10
"""... of the top 10."""


def top_share(revenues: Iterable[int], top: int) -> float:
    """The share (0-1) of the total revenue that the `top` largest accounts bring."""
    ordered = sorted(revenues, reverse=True)
    total = sum(ordered)
    return sum(ordered[:top]) / total if total else 0.0


def concentration_index(revenues: Iterable[int]) -> float:
    """The Herfindahl-Hirschman index of revenue (0-1): 1 when one account brings everything."""
    values = list(revenues)
    total = sum(values)
    if not total:
        return 0.0
    return sum(value * value for value in values) / (total * total)


def ranking(
    accounts: Sequence[Account], value_of: Iterable[int] | None = None
) -> tuple[RankedAccount, ...]:
    """`accounts` ranked by value (annual revenue unless `value_of` gives one per account),
    largest first, ties by name then id, with each one's share and the cumulative share."""
    values = (
        [account.annual_revenue for account in accounts] if value_of is None else list(value_of)
    )
    pairs = sorted(
        zip(values, accounts, strict=True), key=lambda pair: (-pair[0], *name_order(pair[1]))
    )
    total = sum(values)
    ranked: list[RankedAccount] = []
    running = 0
    for value, account in pairs:
        running += value
        ranked.append(
            RankedAccount(ref(account), value, share(value, total), share(running, total))
        )
    return tuple(ranked)


def _share_of_first(ranked: Sequence[RankedAccount], count: int) -> float:
    return ranked[min(count, len(ranked)) - 1].cumulative_share if ranked and count > 0 else 0.0


def what_if(ranked: Sequence[RankedAccount], lose: int, of_top: int) -> WhatIf:
    """Losing `lose` (k) of the `of_top` (n) largest accounts of a revenue ranking: the worst
    case (the k largest), the best case (the k smallest of the n) and the mean over every
    choice of k of the n (k/n of their revenue, rounded half up to the cent)."""
    total = sum(item.value for item in ranked)
    n = max(0, min(of_top, len(ranked)))
    k = max(0, min(lose, n))
    lost = tuple(ranked[:k])
    revenue_lost = sum(item.value for item in lost)
    top_revenue = sum(item.value for item in ranked[:n])
    return WhatIf(
        lose=k,
        of_top=n,
        lost=lost,
        revenue_lost=revenue_lost,
        share_lost=share(revenue_lost, total),
        best_case_revenue=sum(item.value for item in ranked[n - k : n]),
        expected_revenue=(2 * k * top_revenue + n) // (2 * n) if n else 0,
    )


def concentration(accounts: Sequence[Account], settings: PortfolioSettings) -> Concentration:
    """Every concentration figure of `accounts` by annual revenue."""
    ranked = ranking(accounts)
    index = concentration_index(item.value for item in ranked)
    percent_count = top_count(settings.top_share_percent, len(ranked))
    return Concentration(
        total_revenue=sum(item.value for item in ranked),
        ranked=ranked,
        top_5_share=_share_of_first(ranked, 5),
        top_10_share=_share_of_first(ranked, 10),
        top_percent=settings.top_share_percent,
        top_percent_count=percent_count,
        top_percent_share=_share_of_first(ranked, percent_count),
        index=index,
        band=settings.band_of(index),
        what_if=what_if(ranked, DEFAULT_LOSE, DEFAULT_OF_TOP),
    )
