"""The Totals section: the headline figures, for the whole portfolio and per manager."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text
from textual.content import Content

from kam_tui.domain.portfolio import Portfolio, Totals
from kam_tui.ui.portfolio.drawing import money, number, share
from kam_tui.ui.portfolio.frame import Frame, label_of, right, signed_style
from kam_tui.ui.portfolio.model import Column, Row, SectionView
from kam_tui.ui.user_text import literal_text, printable

MANAGER_WIDTH = (8, 14)
"""The fewest and most cells of a manager's column: compact money always fits; names are
shortened to fit ("Alice M.")."""
FIGURE_WIDTH = 16
"""Cells of the figures' names."""


def _signed_share(value: float | None) -> str:
    if value is None:
        return share(None)
    return ("+" if value > 0 else "") + share(value)


def _figures(
    frame: Frame,
) -> Sequence[tuple[str, Callable[[Totals], str], Callable[[Totals], Style]]]:
    """(figure id, its text, its style) of each row, top to bottom."""
    currency = frame.currency

    def cash(cents: Callable[[Totals], int]) -> Callable[[Totals], str]:
        return lambda totals: money(cents(totals), currency, compact=True)

    def plain(_totals: Totals) -> Style:
        return Style()

    return (
        ("totals.accounts", lambda t: str(t.accounts), plain),
        ("totals.key_accounts", lambda t: str(t.key_accounts), plain),
        ("totals.revenue", cash(lambda t: t.revenue), plain),
        ("totals.cost_to_serve", cash(lambda t: t.cost_to_serve), plain),
        ("totals.profit", cash(lambda t: t.profit), lambda t: signed_style(t.profit, frame)),
        ("totals.margin", lambda t: share(t.margin), lambda t: signed_style(t.margin, frame)),
        ("totals.sales_this_year", cash(lambda t: t.sales_this_year), plain),
        ("totals.sales_last_year_to_date", cash(lambda t: t.sales_last_year_to_date), plain),
        ("totals.sales_last_year", cash(lambda t: t.sales_last_year), plain),
        (
            "totals.growth",
            lambda t: _signed_share(t.growth),
            lambda t: signed_style(t.growth, frame),
        ),
        (
            "totals.average_satisfaction",
            lambda t: number(t.average_satisfaction),
            plain,
        ),
        (
            "totals.overdue",
            lambda t: str(t.overdue),
            lambda t: frame.loss if t.overdue else Style(),
        ),
    )


def manager_name(manager: str | None) -> str:
    """How a manager's column is titled."""
    if manager is None:
        return "All"
    return printable(manager) or "Unassigned"


def short_name(name: str, width: int) -> str:
    """A name that fits `width` cells: whole, else "Alice M.", else cut with "…"."""
    if cell_len(name) <= width:
        return name
    words = name.split()
    if len(words) > 1:
        initials = f"{words[0]} {words[-1][0]}."
        if cell_len(initials) <= width:
            return initials
    return set_cell_size(name, width - 1) + "…"


def build_totals(portfolio: Portfolio, frame: Frame) -> SectionView:
    """One row per figure; a column for the whole portfolio, then one per manager."""
    totals = portfolio.totals
    year = portfolio.today.year
    growth = _signed_share(totals.growth)
    last_year = money(totals.sales_last_year_to_date, frame.currency, compact=True)
    summary = Content.assemble(
        (f"{totals.accounts}", "bold"),
        f" accounts, {totals.key_accounts} key · revenue ",
        (money(totals.revenue, frame.currency, compact=True), "bold"),
        " · profit ",
        (money(totals.profit, frame.currency, compact=True), "bold"),
        f" ({share(totals.margin)})\n",
        f"Sales {year} ",
        (money(totals.sales_this_year, frame.currency, compact=True), "bold"),
        f" ({year - 1} to date {last_year}, {growth}) · {totals.overdue} overdue",
    )
    sets = [totals, *portfolio.by_manager]
    room = (frame.width - FIGURE_WIDTH - 2 - 2 * (len(sets) + 1)) // len(sets)
    width = max(MANAGER_WIDTH[0], min(MANAGER_WIDTH[1], room))
    columns = [Column("figure", "Figure", width=FIGURE_WIDTH)]
    columns.append(Column("all", "All", width=width))
    for index, manager in enumerate(portfolio.by_manager):
        name = short_name(manager_name(manager.manager), width)
        columns.append(Column(f"manager-{index}", name, width=width))
    rows = []
    for figure, text_of, style_of in _figures(frame):
        cells = [Text(label_of(figure))]
        cells += [right(text_of(totals_of), style_of(totals_of)) for totals_of in sets]
        rows.append(Row(f"figure-{figure}", tuple(cells), figure=figure))
    rated = Row(
        "figure-rated",
        (
            literal_text("  rated accounts", frame.muted),
            *(right(str(t.rated_accounts), frame.muted) for t in sets),
        ),
        figure="totals.average_satisfaction",
    )
    rows.insert(11, rated)
    figures = tuple(figure for figure, _text, _style in _figures(frame))
    return SectionView(summary, tuple(columns), tuple(rows), figures)
