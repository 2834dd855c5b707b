"""The Turnaround section: days per status, first contact to won, win rates, stuck cards."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.content import Content

from kam_tui.domain.portfolio import Portfolio, Turnaround
from kam_tui.ui.portfolio.drawing import number, share
from kam_tui.ui.portfolio.frame import Frame, heading, listed, more_row, right
from kam_tui.ui.portfolio.model import Column, Row, SectionView, account_row_key
from kam_tui.ui.user_text import literal, literal_text, printable

FIGURES = (
    "turnaround.deal_win_rate",
    "turnaround.account_win_rate",
    "turnaround.days_to_won",
    "turnaround.lost_reasons",
    "turnaround.average_days",
    "turnaround.median_days",
    "turnaround.current",
    "turnaround.stuck",
)


def _days(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} d"


def _reasons(figures: Turnaround, room: int) -> str:
    """The most frequent lost reasons that fit in `room` cells."""
    parts = [f"{printable(r.reason)} {r.count}" for r in figures.lost_reasons]
    if figures.lost_without_reason:
        parts.append(f"no reason {figures.lost_without_reason}")
    shown: list[str] = []
    used = 0
    for part in parts:
        if used + cell_len(part) + 3 > room:
            shown.append("…")
            break
        shown.append(part)
        used += cell_len(part) + 3
    return " · ".join(shown) or "none"


def build_turnaround(portfolio: Portfolio, frame: Frame) -> SectionView:
    """Win rates, days to won and lost reasons above the statuses' stays and the stuck cards."""
    figures = portfolio.turnaround
    summary = Content.assemble(
        "Win rate: deals ",
        (share(figures.deal_win_rate, 0), "bold"),
        f" ({figures.deals_won} won, {figures.deals_lost} lost) · accounts ",
        (share(figures.account_win_rate, 0), "bold"),
        f" ({figures.accounts_won}/{figures.accounts_won + figures.accounts_lost})\n",
        "First contact to won: ",
        (_days(figures.days_to_won_average), "bold"),
        " average, ",
        (_days(figures.days_to_won_median), "bold"),
        f" median ({figures.won_accounts_measured} accounts)\nLost reasons: ",
        literal(_reasons(figures, max(20, frame.width - 16))),
    )
    name_width = max(14, min(40, frame.width - 14 - 3 * 7 - 6 - 2 * 6 - 2))
    columns = (
        Column("name", "Status / account", width=name_width),
        Column("now", "Now / status", "turnaround.current", width=14),
        Column("days", "Days", "turnaround.stuck", width=7),
        Column("median", "Median", "turnaround.median_days", width=7),
        Column("average", "Average", "turnaround.average_days", width=7),
        Column("stays", "Stays", "turnaround.average_days", width=6),
    )
    rows: list[Row] = [
        heading(
            "statuses",
            "Statuses",
            len(columns),
            frame,
            "turnaround.median_days",
            "Days in each status: completed stays, from the status history",
        )
    ]
    for index, status in enumerate(figures.statuses):
        rows.append(
            Row(
                f"status-{index}",
                (
                    literal_text(status.status),
                    right(f"{status.current} now"),
                    Text(""),
                    right(_days(status.median_days)),
                    right(_days(status.average_days)),
                    right(str(status.stays)),
                ),
                figure="turnaround.median_days",
                detail=(
                    f"{printable(status.status)}: {status.stays} completed stays, "
                    f"average {number(status.average_days)} d, median "
                    f"{number(status.median_days)} d; {status.current} accounts in it now"
                ),
            )
        )
    about = "Stuck: in their status for more than twice its median stay, the longest first"
    title = f"Stuck ({len(figures.stuck)})"
    rows.append(heading("stuck", title, len(columns), frame, "turnaround.stuck", about))
    shown, hidden = listed(figures.stuck, frame, lambda entry: entry.account.name)
    for stuck in shown:
        rows.append(
            Row(
                account_row_key(stuck.account.id),
                (
                    literal_text(stuck.account.name),
                    literal_text(stuck.status),
                    right(f"{stuck.days} d", frame.loss),
                    right(_days(stuck.median_days)),
                    Text(""),
                    Text(""),
                ),
                figure="turnaround.stuck",
                detail=(
                    f"{printable(stuck.account.name)}: {stuck.days} days in "
                    f"{printable(stuck.status)}, where the median stay is "
                    f"{number(stuck.median_days)} days"
                ),
                name=stuck.account.name,
            )
        )
    rows += more_row("stuck", hidden, len(columns), frame)
    return SectionView(summary, columns, tuple(rows), FIGURES)
