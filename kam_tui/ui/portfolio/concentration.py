"""The Concentration section: the Pareto chart of revenue, top shares, the index, the what-if."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.content import Content

from kam_tui.domain.portfolio import Portfolio
from kam_tui.ui.portfolio.drawing import bar, money, number, share
from kam_tui.ui.portfolio.frame import Frame, listed, more_row, right
from kam_tui.ui.portfolio.model import Column, Row, SectionView, account_row_key
from kam_tui.ui.user_text import literal, literal_text, printable

LOST_MARK = "✗"
"""Beside an account the what-if loses."""
FIXED_CELLS = 4 + 10 + 7 + 7
"""Cells of the rank, revenue, share and cumulative-share columns."""
PADDING = 2 * 6 + 2
"""Cells of the columns' padding and the scrollbar."""
NAME_SHARE = 0.45
"""The part of the free room the account names take; the bars take the rest."""
MIN_NAME = 20
"""Cells of the names at least (when a name is that long)."""
FIGURES = (
    "concentration.top_5_share",
    "concentration.top_10_share",
    "concentration.top_percent_share",
    "concentration.index",
    "concentration.band",
    "concentration.what_if.revenue_lost",
    "concentration.what_if.share_lost",
    "concentration.what_if.best_case_revenue",
    "concentration.what_if.expected_revenue",
    "concentration.ranked",
)


def build_concentration(portfolio: Portfolio, frame: Frame) -> SectionView:
    """The headline shares and the what-if above the accounts ranked by revenue, each with
    its cumulative share drawn as a bar."""
    figures = portfolio.concentration
    what_if = frame.what_if or figures.what_if
    currency = frame.currency
    lost_names = ", ".join(printable(ranked.account.name) for ranked in what_if.lost) or "none"
    summary = Content.assemble(
        "Top 5 ",
        (share(figures.top_5_share), "bold"),
        " · top 10 ",
        (share(figures.top_10_share), "bold"),
        f" · top {figures.top_percent}% ({figures.top_percent_count}) ",
        (share(figures.top_percent_share), "bold"),
        "\nIndex ",
        (number(figures.index, 3), "bold"),
        " ",
        (figures.band, "bold reverse"),
        f" · total {money(figures.total_revenue, currency, compact=True)}\n",
        (f"Lose {what_if.lose} of the top {what_if.of_top}: ", "bold"),
        (money(what_if.revenue_lost, currency, compact=True), "bold $error"),
        f" ({share(what_if.share_lost)}) worst · "
        f"{money(what_if.expected_revenue, currency, compact=True)} expected · "
        f"{money(what_if.best_case_revenue, currency, compact=True)} best\n",
        f"{LOST_MARK} ",
        literal(lost_names),
    )
    room = max(10, frame.width - FIXED_CELLS - PADDING)
    ranks = list(enumerate(figures.ranked, start=1))
    shown, hidden = listed(ranks, frame, lambda pair: pair[1].account.name)
    longest = max((cell_len(printable(r.account.name)) for _rank, r in shown), default=8)
    name_width = max(min(longest, MIN_NAME), min(longest, int(room * NAME_SHARE)))
    bar_width = max(4, room - name_width)
    columns = (
        Column("rank", "#", width=4),
        Column("name", "Account", width=name_width),
        Column("revenue", "Revenue", "totals.revenue", width=10),
        Column("share", "Share", "concentration.ranked", width=7),
        Column("bar", "Cumulative share", "concentration.ranked", width=bar_width),
        Column("cumulative", "Cum.", "concentration.ranked", width=7),
    )
    lost = {ranked.account.id for ranked in what_if.lost}
    rows = []
    for rank, ranked in shown:
        is_lost = ranked.account.id in lost
        name = literal_text(ranked.account.name, frame.loss if is_lost else "")
        mark = f"{LOST_MARK}{rank}" if is_lost else str(rank)
        cells = (
            right(mark, frame.loss if is_lost else ""),
            name,
            right(money(ranked.value, currency, compact=True)),
            right(share(ranked.share)),
            Text(bar(ranked.cumulative_share, bar_width), style=frame.bar),
            right(share(ranked.cumulative_share)),
        )
        detail = (
            f"#{rank} {printable(ranked.account.name)}: {money(ranked.value, currency)} = "
            f"{share(ranked.share, 2)} of revenue; the top {rank} bring "
            f"{share(ranked.cumulative_share, 2)}"
        )
        rows.append(
            Row(
                account_row_key(ranked.account.id),
                cells,
                detail=detail,
                name=ranked.account.name,
            )
        )
    rows += more_row("ranked", hidden, len(columns), frame)
    return SectionView(summary, columns, tuple(rows), FIGURES)
