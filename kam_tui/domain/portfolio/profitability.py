"""Profit per account: loss-makers first, and how much of the profit the top few make."""

from __future__ import annotations

from collections.abc import Sequence

from kam_tui.domain.models import Account
from kam_tui.domain.portfolio.common import ratio, ref, top_count
from kam_tui.domain.portfolio.figures import AccountProfit, Profitability
from kam_tui.domain.portfolio.tuning import PortfolioSettings


def profit_of(account: Account) -> int:
    """The account's annual revenue minus its cost to serve, in cents."""
    return account.annual_revenue - account.cost_to_serve


def margin_of(account: Account) -> float | None:
    """The account's profit over its revenue; None when its revenue is 0."""
    return ratio(profit_of(account), account.annual_revenue)


def account_profit(account: Account) -> AccountProfit:
    """One account's profitability row."""
    return AccountProfit(
        ref(account),
        account.annual_revenue,
        account.cost_to_serve,
        profit_of(account),
        margin_of(account),
    )


def profitability(accounts: Sequence[Account], settings: PortfolioSettings) -> Profitability:
    """Every account's profit, loss-makers first, and the top P%'s share of total profit."""
    rows = sorted(
        (account_profit(account) for account in accounts),
        key=lambda row: (row.profit, row.account.name.casefold(), row.account.id),
    )
    total = sum(row.profit for row in rows)
    count = top_count(settings.top_share_percent, len(rows))
    top_profit = sum(row.profit for row in rows[len(rows) - count :])  # the largest profits
    return Profitability(
        accounts=tuple(rows),
        total_profit=total,
        loss_makers=sum(1 for row in rows if row.profit < 0),
        top_percent=settings.top_share_percent,
        top_percent_count=count,
        top_percent_profit=top_profit,
        top_percent_share=top_profit / total if total > 0 else None,
    )
