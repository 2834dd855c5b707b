"""What one section of the Portfolio view shows: a few headline lines and one table."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.content import Content

ACCOUNT_ROW = "account-"
"""The key of a row that is an account: `account-<id>`; enter opens it."""


def account_row_key(account_id: int, group: str = "") -> str:
    """The row key of an account; `group` tells apart its rows in several lists of one table
    (`account-7/candidates`)."""
    return f"{ACCOUNT_ROW}{account_id}/{group}" if group else f"{ACCOUNT_ROW}{account_id}"


def account_of_row(row_key: str | None) -> int | None:
    """The account a row is, or None for a figure or heading row."""
    if row_key is None or not row_key.startswith(ACCOUNT_ROW):
        return None
    return int(row_key.removeprefix(ACCOUNT_ROW).split("/", 1)[0])


@dataclass(frozen=True)
class Column:
    """One column of a section's table."""

    key: str
    """Unique within the section."""
    label: str
    """The column's heading."""
    figure: str = ""
    """The DEFINITIONS key of the figure the column shows ("" when it is not a figure)."""
    width: int | None = None
    """Cells; None measures the content."""


@dataclass(frozen=True)
class Row:
    """One row of a section's table."""

    key: str
    """`account-<id>` for an account, any other unique text for a figure or a heading."""
    cells: tuple[Text, ...]
    """One cell per column."""
    figure: str = ""
    """The DEFINITIONS key of the figure the whole row shows (rows of figures)."""
    detail: str = ""
    """More about the row, shown under the table while it is highlighted (may hold user
    text: shown literally)."""
    name: str = ""
    """The account's name, matched by the view's `/` filter ("" for other rows)."""


@dataclass(frozen=True)
class SectionView:
    """Everything a section shows, built from the portfolio's figures."""

    summary: Content
    """The headline lines above the table."""
    columns: tuple[Column, ...]
    """The table's columns."""
    rows: tuple[Row, ...]
    """The table's rows, in order."""
    figures: tuple[str, ...] = field(default=())
    """The DEFINITIONS keys of every figure the section shows, headline first."""
    empty: str = "No accounts match the filter."
    """Shown in place of the table when it has no rows."""
