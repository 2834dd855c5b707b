"""The Profitability section: profit and margin per account, loss-makers first."""

from __future__ import annotations

from textual.content import Content

from kam_tui.domain.portfolio import Portfolio
from kam_tui.ui.portfolio.drawing import money, share
from kam_tui.ui.portfolio.frame import Frame, listed, more_row, right, signed_style
from kam_tui.ui.portfolio.model import Column, Row, SectionView, account_row_key
from kam_tui.ui.user_text import literal_text, printable

FIGURES = (
    "profitability.loss_makers",
    "profitability.top_percent_share",
    "profitability.profit",
    "profitability.margin",
    "totals.revenue",
    "totals.cost_to_serve",
)


def build_profitability(portfolio: Portfolio, frame: Frame) -> SectionView:
    """Total profit, the loss-makers and the top P% share above every account's profit."""
    figures = portfolio.profitability
    currency = frame.currency
    summary = Content.assemble(
        "Profit ",
        (money(figures.total_profit, currency, compact=True), "bold"),
        " · ",
        (f"{figures.loss_makers} loss-makers", "bold $error" if figures.loss_makers else "bold"),
        " (listed first)\n",
        f"Top {figures.top_percent}% of accounts ({figures.top_percent_count}) make ",
        (share(figures.top_percent_share), "bold"),
        f" of profit ({money(figures.top_percent_profit, currency, compact=True)})",
    )
    name_width = max(12, min(40, frame.width - 3 * 10 - 8 - 2 * 5 - 2))
    columns = (
        Column("name", "Account", width=name_width),
        Column("revenue", "Revenue", "totals.revenue", width=10),
        Column("cost", "Cost", "totals.cost_to_serve", width=10),
        Column("profit", "Profit", "profitability.profit", width=10),
        Column("margin", "Margin", "profitability.margin", width=8),
    )
    rows = []
    shown, hidden = listed(figures.accounts, frame, lambda entry: entry.account.name)
    for account in shown:
        loss = signed_style(account.profit, frame)
        rows.append(
            Row(
                account_row_key(account.account.id),
                (
                    literal_text(account.account.name, loss),
                    right(money(account.revenue, currency, compact=True)),
                    right(money(account.cost_to_serve, currency, compact=True)),
                    right(money(account.profit, currency, compact=True), loss),
                    right(share(account.margin), signed_style(account.margin, frame)),
                ),
                detail=(
                    f"{printable(account.account.name)}: {money(account.revenue, currency)} "
                    f"- {money(account.cost_to_serve, currency)} = "
                    f"{money(account.profit, currency)}"
                ),
                name=account.account.name,
            )
        )
    rows += more_row("profit", hidden, len(columns), frame)
    return SectionView(summary, columns, tuple(rows), FIGURES)
