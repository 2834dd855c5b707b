"""Tables of accounts, one row each: filled at once (each column as wide as its widest cell,
measured here from the cells' lengths, so that Textual does not render every new cell to
measure it), and the account of the highlighted row."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.app import App
from textual.widgets import DataTable
from textual.widgets.data_table import DuplicateKey, Row, RowKey

Cell = str | Text
"""A one-line cell: plain text, or styled text (never markup)."""
ACCOUNT_ROW = "account-"
"""The start of a row's key; the account's id follows."""


def account_row_key(account_id: int) -> str:
    """The key of the row of account `account_id`."""
    return f"{ACCOUNT_ROW}{account_id}"


def open_account(app: App[Any], account_id: int | None) -> None:
    """Open account `account_id` in `app` (when there is one and the app opens accounts:
    the screens are also run alone in tests)."""
    opener = getattr(app, "open_account", None)
    if account_id is not None and callable(opener):
        opener(account_id)


def highlighted_account_id(table: DataTable[Any]) -> int | None:
    """The account of the highlighted row (rows keyed by account_row_key), if any."""
    if not table.row_count:
        return None
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return int(key.removeprefix(ACCOUNT_ROW)) if key else None


def fill_rows(table: DataTable[Any], rows: Sequence[tuple[str, Sequence[Cell]]]) -> None:
    """Replace every row of `table` by `rows` (row key, cells in column order).

    DataTable measures each new row's cells on its next idle by rendering them (about a
    quarter of a millisecond a cell): thousands of rows stall the screen for seconds. The
    cells here are one line each, so a column's width is its widest cell's length."""
    table.clear()
    columns = table.ordered_columns
    widths = [column.label.cell_len for column in columns]
    for _key, cells in rows:
        for index, cell in enumerate(cells):
            length = cell.cell_len if isinstance(cell, Text) else cell_len(cell)
            if length > widths[index]:
                widths[index] = length
    for column, width in zip(columns, widths, strict=True):
        column.auto_width = False
        column.width = width
    if rows:
        _append(table, rows)
    table.refresh()


def _append(table: DataTable[Any], rows: Sequence[tuple[str, Sequence[Cell]]]) -> None:
    """What DataTable.add_row does for each row (Textual 8.2.8, pinned), done once for all
    the rows: add_row also sets the cursor, counts an update and schedules an idle per
    row (a tenth of a millisecond each), and marks the row to be measured, which the widths
    above make needless."""
    column_keys = [column.key for column in table.ordered_columns]
    locations = table._row_locations
    data = table._data
    table_rows = table.rows
    index = table.row_count
    for key, cells in rows:
        row_key = RowKey(key)
        if row_key in locations:
            raise DuplicateKey(f"The row key {row_key!r} already exists.")
        locations[row_key] = index
        data[row_key] = dict(zip(column_keys, cells, strict=True))
        table_rows[row_key] = Row(row_key, 1, None, False)
        index += 1
    table._require_update_dimensions = True
    table.cursor_coordinate = table.cursor_coordinate
    if table.show_cursor and table.cursor_type != "none":
        table._highlight_cursor()
    table._update_count += 1
    table.check_idle()
