"""What every section builder is given besides the figures: currency, room and styles."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from rich.style import Style
from rich.text import Text

from kam_tui.domain.portfolio import DEFINITIONS, WhatIf
from kam_tui.ui.portfolio.drawing import NONE
from kam_tui.ui.portfolio.model import Row

T = TypeVar("T")
LIST_LIMIT = 300
"""The most rows one list of accounts shows: the first ones (the worst, the largest); the
rest are counted in a last row, and the `/` filter finds any of them."""
PLAIN = Style()
"""No style."""
BOLD = Style(bold=True)

LABELS: dict[str, str] = {
    "totals.accounts": "Accounts",
    "totals.key_accounts": "Key accounts",
    "totals.revenue": "Annual revenue",
    "totals.cost_to_serve": "Cost to serve",
    "totals.profit": "Profit",
    "totals.margin": "Margin",
    "totals.sales_this_year": "Sales this year",
    "totals.sales_last_year": "Sales last year",
    "totals.sales_last_year_to_date": "Last yr to date",
    "totals.growth": "Growth",
    "totals.average_satisfaction": "Avg satisfaction",
    "totals.overdue": "Overdue contact",
    "concentration.ranked": "Ranking and cumulative share",
    "concentration.top_5_share": "Top 5 share",
    "concentration.top_10_share": "Top 10 share",
    "concentration.top_percent_share": "Top P% share",
    "concentration.index": "Concentration index",
    "concentration.band": "Concentration band",
    "concentration.what_if.revenue_lost": "What-if: revenue lost",
    "concentration.what_if.share_lost": "What-if: share lost",
    "concentration.what_if.best_case_revenue": "What-if: best case",
    "concentration.what_if.expected_revenue": "What-if: expected",
    "profitability.profit": "Profit",
    "profitability.margin": "Margin",
    "profitability.loss_makers": "Loss-makers",
    "profitability.top_percent_share": "Top P% profit share",
    "satisfaction.latest": "Latest score",
    "satisfaction.series": "Score history (sparkline)",
    "satisfaction.trend": "Trend",
    "satisfaction.average": "Average satisfaction",
    "satisfaction.by_quarter": "Average by quarter",
    "satisfaction.falling": "Falling",
    "turnaround.average_days": "Average days in status",
    "turnaround.median_days": "Median days in status",
    "turnaround.current": "Accounts in status now",
    "turnaround.days_to_won": "First contact to won",
    "turnaround.deal_win_rate": "Deal win rate",
    "turnaround.account_win_rate": "Account win rate",
    "turnaround.lost_reasons": "Lost reasons",
    "turnaround.stuck": "Stuck",
    "selection.worth": "Financial worth",
    "selection.worth_band": "Worth band",
    "selection.cells": "Selection grid",
    "selection.candidates": "Candidates",
    "selection.to_review": "To review",
    "selection.hardest_to_replace": "Hardest to replace",
    "health.score": "Health score",
    "health.contact": "Health: contact",
    "health.satisfaction": "Health: satisfaction",
    "health.plan": "Health: plan",
    "health.stakeholders": "Health: stakeholders",
    "health.margin": "Health: margin",
}
"""The short name of each figure of DEFINITIONS, as the definitions list titles it."""


def label_of(figure: str) -> str:
    """The short name of a figure (its id when it has none)."""
    return LABELS.get(figure, figure)


def definition_of(figure: str) -> str:
    """What a figure means exactly."""
    return DEFINITIONS.get(figure, "")


@dataclass(frozen=True)
class Frame:
    """The drawing context of a section."""

    currency: str
    """The schema's currency symbol."""
    width: int
    """Cells the table has across (bars and names fit themselves to it)."""
    what_if: WhatIf | None = None
    """The "lose k of the top n" the user has chosen (made for the Concentration section
    only: the other sections do not compute the concentration)."""
    loss: Style = PLAIN
    """A loss, a fall, a bad score."""
    good: Style = PLAIN
    """A gain, a good score."""
    key: Style = PLAIN
    """The key-account mark."""
    muted: Style = PLAIN
    """Secondary text: headings' notes, missing figures."""
    bar: Style = PLAIN
    """The bars of a chart."""
    heading: Style = BOLD
    """A heading row."""
    terms: tuple[str, ...] = ()
    """The words of the `/` filter (casefolded): only accounts whose name holds them all
    are listed."""


def right(text: str, style: Style | str = "") -> Text:
    """A figure, right-aligned in its cell."""
    return Text(text, style=style, justify="right")


def signed_style(value: float | int | None, frame: Frame) -> Style:
    """The loss style for a negative figure, none otherwise."""
    return frame.loss if value is not None and value < 0 else Style()


def missing(text: str) -> bool:
    """True when a formatted figure is the 'cannot be computed' dash."""
    return text == NONE


def heading(
    key: str, title: str, columns: int, frame: Frame, figure: str = "", about: str = ""
) -> Row:
    """A row that titles the rows below it (enter there explains `figure`); `about` is shown
    under the table while it is highlighted."""
    cells = (Text(title, style=frame.heading), *(Text("") for _ in range(columns - 1)))
    return Row(f"heading-{key}", cells, figure=figure, detail=about or title)


def listed(entries: Sequence[T], frame: Frame, name: Callable[[T], str]) -> tuple[list[T], int]:
    """The entries to list: those the `/` filter lets through, at most LIST_LIMIT; and how
    many more there are."""
    if frame.terms:
        terms = frame.terms
        entries = [e for e in entries if all(term in name(e).casefold() for term in terms)]
    return list(entries[:LIST_LIMIT]), max(0, len(entries) - LIST_LIMIT)


def more_row(key: str, hidden: int, columns: int, frame: Frame) -> list[Row]:
    """The last row of a cut list: how many accounts it leaves out (none when 0)."""
    if not hidden:
        return []
    about = f"{hidden:,} more accounts are not listed here: / finds any of them by name"
    return [heading(f"more-{key}", f"… {hidden:,} more", columns, frame, about=about)]
