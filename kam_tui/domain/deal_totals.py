"""What an account's deals add up to: the open pipeline, weighted, and won this year."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kam_tui.domain.models import Deal


@dataclass(frozen=True)
class DealTotals:
    """What an account's deals add up to (all in cents)."""

    open_amount: int
    """The sum of the open deals' amounts."""
    weighted: int
    """The sum over open deals of amount × probability / 100 (an unknown probability counts
    as 0), rounded to the nearest cent, halves up."""
    won_this_year: int
    """The sum of the amounts of the deals won with a close date in today's year."""
    year: int
    """Today's year."""


def deal_totals(deals: Sequence[Deal], today: date) -> DealTotals:
    """The pipeline and won figures of `deals` as of `today`."""
    open_deals = [deal for deal in deals if deal.outcome == "open"]
    weighted_hundredths = sum(deal.amount * (deal.probability or 0) for deal in open_deals)
    return DealTotals(
        open_amount=sum(deal.amount for deal in open_deals),
        weighted=(weighted_hundredths + 50) // 100,
        won_this_year=sum(
            deal.amount
            for deal in deals
            if deal.outcome == "won" and deal.close_date and deal.close_date.year == today.year
        ),
        year=today.year,
    )
