"""The Table view's grid of accounts: one row per account, filled without measuring each cell."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from kam_tui.ui.table.columns import Cell

ROW_PREFIX = "account-"
"""Row keys are `account-<id>`."""


class AccountTable(DataTable[Cell]):
    """The accounts grid; enter asks to open the highlighted account."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "open_account",
            "Open",
            tooltip="Open the highlighted account",
            id="open-account",
        ),
        Binding(
            "down,j",
            "cursor_down",
            "Down",
            show=False,
            tooltip="Move to the row below",
            id="table-cursor-down",
        ),
        Binding(
            "up,k",
            "cursor_up",
            "Up",
            show=False,
            tooltip="Move to the row above",
            id="table-cursor-up",
        ),
        Binding(
            "left,h",
            "cursor_left",
            "Left",
            show=False,
            tooltip="Move to the column on the left",
            id="table-cursor-left",
        ),
        Binding(
            "right,l",
            "cursor_right",
            "Right",
            show=False,
            tooltip="Move to the column on the right",
            id="table-cursor-right",
        ),
        Binding(
            "g,ctrl+home",
            "scroll_top",
            "First row",
            show=False,
            tooltip="Jump to the first row",
            id="table-first-row",
        ),
        Binding(
            "G,ctrl+end",
            "scroll_bottom",
            "Last row",
            show=False,
            tooltip="Jump to the last row",
            id="table-last-row",
        ),
    ]

    @dataclass
    class OpenRequested(Message):
        """The user wants to open an account."""

        account_id: int
        """The account under the cursor."""

    @property
    def cursor_account_id(self) -> int | None:
        """The account of the highlighted row, if any."""
        if self.row_count == 0:
            return None
        row_key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return int(str(row_key.value).removeprefix(ROW_PREFIX))

    def action_open_account(self) -> None:
        """Ask to open the highlighted account."""
        account_id = self.cursor_account_id
        if account_id is not None:
            self.post_message(self.OpenRequested(account_id))

    def set_widths(self, widths: Sequence[int]) -> None:
        """Give every column its width (in order), measured by the caller."""
        grew = False
        for column, width in zip(self.ordered_columns, widths, strict=True):
            if column.width != width:
                grew = True
                column.width = width
        if grew:
            # DataTable keeps no public way to say "widths changed"; this is the flag
            # its own add_column and update_cell set (Textual 8.2.8, pinned).
            self._require_update_dimensions = True
            self.refresh()

    def replace_rows(self, rows: Iterable[tuple[int, Sequence[Cell]]]) -> None:
        """Replace every row by `(account id, cells)`, in order.

        Column widths are fixed and set with set_widths, so the table is told not to
        measure each new cell: that measuring grows with every row and stalls a large table.
        """
        self.clear()
        for account_id, cells in rows:
            self.add_row(*cells, key=f"{ROW_PREFIX}{account_id}")
        # Rows waiting to be measured on the next idle (private state of Textual 8.2.8's
        # DataTable); every row is one line high and widths are known, so skip it.
        self._new_rows.clear()
