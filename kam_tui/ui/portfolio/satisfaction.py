"""The Satisfaction section: latest score and trend per account, the average by quarter."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.content import Content

from kam_tui.domain.portfolio import AccountSatisfaction, Portfolio
from kam_tui.ui.portfolio.drawing import number, sparkline
from kam_tui.ui.portfolio.frame import Frame, heading, listed, more_row, right
from kam_tui.ui.portfolio.model import Column, Row, SectionView, account_row_key
from kam_tui.ui.user_text import literal_text, printable

FIGURES = (
    "satisfaction.average",
    "satisfaction.by_quarter",
    "satisfaction.falling",
    "satisfaction.latest",
    "satisfaction.trend",
    "satisfaction.series",
)
LOW_SCORE = 5
"""A latest score below this is drawn as a warning."""
HISTORY_WIDTH = (12, 40)
"""The fewest and most cells of the sparkline column."""


def _quarters(portfolio: Portfolio, room: int) -> str:
    """The latest quarters' averages that fit in `room` cells, oldest first."""
    shown: list[str] = []
    used = 0
    for quarter in reversed(portfolio.satisfaction.by_quarter):
        text = f"{quarter.label} {number(quarter.average)}"
        if used + cell_len(text) + 3 > room:
            break
        shown.insert(0, text)
        used += cell_len(text) + 3
    return " · ".join(shown) or "no rated activities"


def _row(entry: AccountSatisfaction, group: str, history: int, frame: Frame) -> Row:
    latest = entry.latest
    scores = [point.score for point in entry.series]
    trend = entry.trend
    trend_text = "–" if trend is None else f"{trend:+.1f}"
    trend_style = frame.loss if trend is not None and trend < 0 else ""
    days = ", ".join(f"{p.day.isoformat()} {p.score:g}" for p in entry.series[-6:])
    return Row(
        account_row_key(entry.account.id, group),
        (
            literal_text(entry.account.name),
            right(
                "–" if latest is None else str(latest),
                frame.loss if latest is not None and latest < LOW_SCORE else "",
            ),
            right(trend_text, trend_style),
            Text(sparkline(scores[-history:]), style=frame.bar),
            right(str(len(scores))),
        ),
        detail=f"{printable(entry.account.name)}: {days or 'never rated'}",
        name=entry.account.name,
    )


def build_satisfaction(portfolio: Portfolio, frame: Frame) -> SectionView:
    """The average and its quarters above the falling accounts, then every account."""
    figures = portfolio.satisfaction
    rated = sum(1 for entry in figures.accounts if entry.latest is not None)
    quarter_values = [quarter.average for quarter in figures.by_quarter]
    summary = Content.assemble(
        "Average ",
        (number(figures.average), "bold"),
        f" over {rated} rated accounts · ",
        (f"{len(figures.falling)} falling", "bold $error" if figures.falling else "bold"),
        " (listed first)\nBy quarter ",
        (sparkline(quarter_values[-8:]), "$accent"),
        " ",
        _quarters(portfolio, max(20, frame.width - 22)),
    )
    history = max(HISTORY_WIDTH[0], min(HISTORY_WIDTH[1], frame.width - 62))
    name_width = max(12, min(40, frame.width - history - 6 - 7 - 6 - 2 * 5 - 2))
    columns = (
        Column("name", "Account", width=name_width),
        Column("latest", "Score", "satisfaction.latest", width=6),
        Column("trend", "Trend", "satisfaction.trend", width=7),
        Column("history", "History", "satisfaction.series", width=history),
        Column("rated", "Rated", "satisfaction.series", width=6),
    )
    rows: list[Row] = []
    if figures.falling:
        rows.append(
            heading(
                "falling",
                f"Falling ({len(figures.falling)})",
                len(columns),
                frame,
                "satisfaction.falling",
                "Falling: the accounts whose score fell, the steepest fall first",
            )
        )
        falling, hidden = listed(figures.falling, frame, lambda entry: entry.account.name)
        rows += [_row(entry, "falling", history, frame) for entry in falling]
        rows += more_row("falling", hidden, len(columns), frame)
        rows.append(
            heading(
                "all",
                "All accounts",
                len(columns),
                frame,
                "satisfaction.latest",
                "All accounts: the lowest latest score first, never rated last",
            )
        )
    everyone, hidden = listed(figures.accounts, frame, lambda entry: entry.account.name)
    rows += [_row(entry, "", history, frame) for entry in everyone]
    rows += more_row("all", hidden, len(columns), frame)
    return SectionView(summary, columns, tuple(rows), FIGURES)
