"""The table of a Portfolio section: one row per figure, status or account."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from kam_tui.ui.portfolio.model import Column, Row, account_of_row
from kam_tui.ui.user_text import literal_text


class PortfolioTable(DataTable[Text]):
    """A section's rows; enter on an account asks to open it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_row", "Open", id="portfolio-open",
                tooltip="Open the highlighted account (on a figure: what it means)"),
        Binding("down,j", "cursor_down", "Down", show=False, id="portfolio-down",
                tooltip="Move to the row below"),
        Binding("up,k", "cursor_up", "Up", show=False, id="portfolio-up",
                tooltip="Move to the row above"),
        Binding("left,h", "cursor_left", "Left", show=False, id="portfolio-left",
                tooltip="Move to the column on the left"),
        Binding("right,l", "cursor_right", "Right", show=False, id="portfolio-right",
                tooltip="Move to the column on the right"),
        Binding("g,ctrl+home", "scroll_top", "First row", show=False, id="portfolio-first",
                tooltip="Jump to the first row"),
        Binding("G,ctrl+end", "scroll_bottom", "Last row", show=False, id="portfolio-last",
                tooltip="Jump to the last row"),
    ]  # fmt: skip

    @dataclass
    class RowChosen(Message):
        """Enter on a row: open the account, or explain the figure."""

        row_key: str
        """The key of the row under the cursor."""

    @property
    def cursor_row_key(self) -> str | None:
        """The key of the highlighted row, if any."""
        if self.row_count == 0:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

    @property
    def cursor_account_id(self) -> int | None:
        """The account of the highlighted row, None on a figure or heading row."""
        return account_of_row(self.cursor_row_key)

    def action_open_row(self) -> None:
        """Ask to open (or explain) the highlighted row."""
        key = self.cursor_row_key
        if key is not None:
            self.post_message(self.RowChosen(key))

    def show_rows(self, columns: Sequence[Column], rows: Sequence[Row]) -> None:
        """Replace the columns and rows; the cursor is put back by the caller."""
        self.clear(columns=True)
        for column in columns:
            self.add_column(literal_text(column.label), key=column.key, width=column.width)
        for row in rows:
            self.add_row(*row.cells, key=row.key)
        # Every column has its width and every row is one line high: skip the measuring of
        # each new cell on the next idle (private state of Textual 8.2.8's DataTable, as the
        # Table view does), which grows with every row.
        self._new_rows.clear()

    def move_to_row(self, key: str, column: int = 0) -> bool:
        """Put the cursor on the row `key` (False when there is none)."""
        try:
            index = self.get_row_index(key)
        except RowDoesNotExist:
            return False
        self.move_cursor(row=index, column=column, animate=False)
        return True
