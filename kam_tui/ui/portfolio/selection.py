"""The Selection section: strategic value against financial worth, and the lists it yields."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.content import Content

from kam_tui.domain.portfolio import Portfolio, Selection, SelectionAccount
from kam_tui.ui.portfolio.drawing import money, share
from kam_tui.ui.portfolio.frame import Frame, heading, listed, more_row, right
from kam_tui.ui.portfolio.model import Column, Row, SectionView, account_row_key
from kam_tui.ui.user_text import literal_text, printable

KEY_MARK = "★"
"""Marks key accounts (as on the boards' cards)."""
CELL_WIDTH = 8
"""Cells of one column of the grid."""
FIGURES = (
    "selection.cells",
    "selection.worth",
    "selection.worth_band",
    "selection.candidates",
    "selection.to_review",
    "selection.hardest_to_replace",
)
GROUPS = (
    ("candidates", "Candidates", "selection.candidates",
     "Candidates: high on strategic value and on worth, not yet key accounts"),
    ("to_review", "To review", "selection.to_review",
     "Key accounts to review: low on strategic value and on worth"),
    ("hardest", "Hardest to replace", "selection.hardest_to_replace",
     "Hardest to replace: the largest shares of revenue"),
)  # fmt: skip
"""(group, heading, figure, what the heading stands for) of each list, in order."""


def _grid(figures: Selection, currency: str) -> Content:
    """Strategic value 5 down to 1 against worth band 1 to 5: accounts and ★ key accounts."""
    cells = {(cell.strategic_value, cell.worth_band): cell for cell in figures.cells}
    floors = [
        "≥" + money(floor, currency, compact=True) if floor is not None else "–"
        for floor in figures.band_floors
    ]
    parts: list[str | tuple[str, str]] = [
        (f"Strategic value ↓ · {figures.measure} band →\n", "bold"),
        "     ",
        *((floor.rjust(CELL_WIDTH), "$text-muted") for floor in floors),
    ]
    for value in range(5, 0, -1):
        parts.append(f"\n  {value}  ")
        for band in range(1, 6):
            cell = cells.get((value, band))
            if cell is None or not cell.accounts:
                parts.append("·".rjust(CELL_WIDTH))
                continue
            keys = f"{KEY_MARK}{cell.key_accounts}" if cell.key_accounts else ""
            count = str(cell.accounts)
            parts.append(" " * (CELL_WIDTH - len(count) - len(keys) - (1 if keys else 0)))
            parts.append((count, "bold"))
            if keys:
                parts += [" ", (keys, "$warning")]
    return Content.assemble(*parts)


def _rows(group: str, entries: Sequence[SelectionAccount], frame: Frame, measure: str) -> list[Row]:
    rows = []
    shown, hidden = listed(entries, frame, lambda entry: entry.account.name)
    for entry in shown:
        profit = share(entry.profit_share)
        rows.append(
            Row(
                account_row_key(entry.account.id, group),
                (
                    literal_text(entry.account.name),
                    Text(KEY_MARK if entry.key_account else "", style=frame.key),
                    right(str(entry.strategic_value)),
                    right(money(entry.worth, frame.currency, compact=True)),
                    right(str(entry.worth_band)),
                    right(share(entry.revenue_share)),
                    right(profit),
                ),
                detail=(
                    f"{printable(entry.account.name)}: strategic value {entry.strategic_value}, "
                    f"{measure} {money(entry.worth, frame.currency)} (band {entry.worth_band}), "
                    f"{share(entry.revenue_share, 2)} of revenue, {share(entry.profit_share, 2)} "
                    "of profit"
                ),
                name=entry.account.name,
            )
        )
    return rows + more_row(group, hidden, 7, frame)


def build_selection(portfolio: Portfolio, frame: Frame) -> SectionView:
    """The grid above the candidates, the key accounts to review and the hardest to replace."""
    figures = portfolio.selection
    summary = Content.assemble(
        _grid(figures, frame.currency),
        f"\n{KEY_MARK} key accounts · {len(figures.candidates)} candidates · "
        f"{len(figures.to_review)} to review",
    )
    name_width = max(14, min(40, frame.width - 2 - 4 - 10 - 5 - 3 * 8 - 2 * 7 - 2))
    columns = (
        Column("name", "Account", width=name_width),
        Column("key", KEY_MARK, width=2),
        Column("strategic", "Strat.", "selection.cells", width=6),
        Column("worth", "Worth", "selection.worth", width=8),
        Column("band", "Band", "selection.worth_band", width=4),
        Column("revenue_share", "Rev.%", "selection.hardest_to_replace", width=7),
        Column("profit_share", "Profit%", "selection.hardest_to_replace", width=7),
    )
    lists = {
        "candidates": figures.candidates,
        "to_review": figures.to_review,
        "hardest": figures.hardest_to_replace,
    }
    rows: list[Row] = []
    for group, title, figure, about in GROUPS:
        entries = lists[group]
        title = f"{title} ({len(entries)})"
        rows.append(heading(group, title, len(columns), frame, figure, about))
        rows += _rows(group, entries, frame, figures.measure)
    return SectionView(summary, columns, tuple(rows), FIGURES)
