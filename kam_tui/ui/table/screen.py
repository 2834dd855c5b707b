"""The Table view: every account in a sortable, filterable DataTable, edited in place."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any, ClassVar

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.timer import Timer
from textual.widgets import DataTable, Label
from textual.widgets.data_table import ColumnKey, RowDoesNotExist

from kam_tui.domain.errors import ValidationError
from kam_tui.domain.filters import EMPTY_QUERY
from kam_tui.domain.models import Account
from kam_tui.domain.portfolio.common import without_collection
from kam_tui.domain.schema import Schema
from kam_tui.domain.validation import record_errors
from kam_tui.store.undo import Change
from kam_tui.ui.query_line import QueryLine
from kam_tui.ui.refused import tell_refused
from kam_tui.ui.saved_filters import parse_typed
from kam_tui.ui.shell.footer import KamFooter
from kam_tui.ui.shell.header import KamHeader
from kam_tui.ui.shell.views import ViewScreen
from kam_tui.ui.table.account_table import ROW_PREFIX, AccountTable
from kam_tui.ui.table.cell_editor import CellEditor
from kam_tui.ui.table.columns import (
    Cell,
    TableColumn,
    choices_hint,
    edit_text,
    matches,
    parse_cell,
    raw_value,
    refusal,
    row_cells,
    table_columns,
    with_value,
)
from kam_tui.ui.table.figures import NO_FIGURES, AccountFigures, TableFigures
from kam_tui.ui.user_text import literal, literal_text, printable
from kam_tui.ui.view_memory import show_typed_filter, view_memory

SORT_MARKS = {False: "▲", True: "▼"}
"""The mark beside the sorted column's label: ascending, descending."""
FILTER_DELAY = 0.2
"""Seconds of quiet typing before a big table is filtered again."""
BIG_TABLE = 2000
"""From this many accounts on, filtering waits for a pause in typing."""


class TableScreen(ViewScreen):
    """The Table view: all accounts, one row each, every field a column."""

    mode: ClassVar[str] = "table"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "e",
            "edit_cell",
            "Edit",
            tooltip="Edit the highlighted cell in place",
            id="edit-cell",
        ),
        Binding(
            "s",
            "sort_column",
            "Sort",
            tooltip="Sort by the highlighted column; press again to reverse",
            id="sort-column",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._columns: list[TableColumn] = []
        self._widths: list[int] = []
        self._accounts: dict[int, Account] = {}
        self._values: dict[int, tuple[Any, ...]] = {}
        self._cells: dict[int, list[Cell]] = {}
        self._figures = TableFigures()
        self._figures_of: Mapping[int, AccountFigures] = {}
        """Each account's figures from its other records, as of the last redraw."""
        self._drawn_with: dict[int, AccountFigures] = {}
        """The figures each account's cells were computed with."""
        self._shown: set[int] = set()
        self._terms: tuple[str, ...] = ()
        self._filter = ""
        self._filter_timer: Timer | None = None
        self.sort_key = "name"
        """The key of the column the rows are sorted by."""
        self.sort_reverse = False
        """True when sorted descending."""
        remembered = view_memory(self.app).recall(self.mode)
        sort_key, reverse, text = (remembered.get(k) for k in ("sort", "reverse", "text"))
        if isinstance(sort_key, str):
            self.sort_key = sort_key  # checked against the columns as they are made
            self.sort_reverse = reverse is True
        self._query = EMPTY_QUERY
        """The typed filter, parsed: its free words are `_terms`."""
        if isinstance(text, str):
            self._filter = text.strip()
            self._set_query(self._filter)

    def compose(self) -> ComposeResult:
        yield KamHeader()
        yield QueryLine()
        yield AccountTable(
            id="account-table", cursor_type="cell", zebra_stripes=True, fixed_columns=1
        )
        yield Label("", id="table-summary")
        yield KamFooter()

    @property
    def table(self) -> AccountTable:
        """The accounts grid."""
        return self.query_one(AccountTable)

    @property
    def schema(self) -> Schema:
        """The schema the columns come from."""
        return self.kam.settings.schema

    def on_mount(self) -> None:
        self._columns = table_columns(self.schema)
        # Room for the sort mark beside every label.
        self._widths = [cell_len(column.label) + 2 for column in self._columns]
        table = self.table
        for column, width in zip(self._columns, self._widths, strict=True):
            table.add_column(literal_text(column.label), key=column.key, width=width)
        if self.sort_key not in {column.key for column in self._columns}:
            self.sort_key, self.sort_reverse = "name", False  # a custom field gone from the config
        self.refresh_data()
        show_typed_filter(self, self._filter)
        table.focus()
        self._show_query()

    def on_unmount(self) -> None:
        view_memory(self.app).flush()  # a change made just before quitting is kept

    def _remember_view(self) -> None:
        """Keep the sort and the typed filter for the next run."""
        view_memory(self.app).remember(
            self.mode, {"sort": self.sort_key, "reverse": self.sort_reverse, "text": self._filter}
        )

    # The ViewScreen contract

    @without_collection
    def refresh_data(self) -> None:
        """Redraw what changed: changed cells in place, every row when rows come or go."""
        accounts = {account.id: account for account in self.kam.workspace.accounts()}
        self._figures_of = self._read_figures(list(accounts.values()))
        drawn_with, figures_of = self._drawn_with, self._figures_of
        changed = [
            account
            for account in accounts.values()
            if self._accounts.get(account.id) is not account
            or drawn_with.get(account.id) is not figures_of.get(account.id, NO_FIGURES)
        ]
        removed = self._accounts.keys() - accounts.keys()
        self._accounts = accounts
        for account_id in removed:
            self._values.pop(account_id, None)
            self._cells.pop(account_id, None)
            self._drawn_with.pop(account_id, None)
        rebuild = bool(removed & self._shown) or not self.table.row_count
        updates: list[tuple[int, list[Cell]]] = []
        for account in changed:
            old = self._cells.get(account.id)
            self._remember(account)
            if (account.id in self._shown) != self._matches(account):
                rebuild = True
            elif old is not None and account.id in self._shown:
                updates.append((account.id, old))
        self.table.set_widths(self._widths)
        if rebuild:
            self._rebuild()
        else:
            self._update_cells(updates)
        super().refresh_data()

    def apply_filter(self, text: str) -> None:
        """Show only the accounts the query `text` lets through: its free words each in the
        name, industry, manager or tags, and every term (see the help)."""
        if text.strip() == self._filter:
            return
        self._filter = text.strip()
        self._remember_view()
        self._set_query(self._filter)
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None
        if len(self._accounts) >= BIG_TABLE:
            self._filter_timer = self.set_timer(FILTER_DELAY, self._rebuild)
        else:
            self._rebuild()

    def focus_account(self, account_id: int) -> None:
        """Put the cursor on an account's row (if the filter shows it)."""
        self._move_to(account_id)

    # Building rows

    def note_change(self, change: Change) -> None:
        """Note which accounts' deals, contacts or plans a change touched: their sales
        volume and health are computed again at the next redraw."""
        self._figures.note(record for edit in change.edits for record in (edit.before, edit.after))

    def _read_figures(self, accounts: Sequence[Account]) -> Mapping[int, AccountFigures]:
        """Every account's sales volume and health (computed again only where they may
        have changed)."""
        settings = self.kam.settings
        return self._figures.update(
            accounts,
            self.kam.workspace,
            self.kam.today,
            settings.schema.default_cadence_days,
            settings.numbers,
        )

    def _remember(self, account: Account) -> None:
        """Compute and keep an account's values and cells; widen columns that need it."""
        today = self.kam.today
        schema = self.schema
        figures = self._figures_of.get(account.id, NO_FIGURES)
        self._drawn_with[account.id] = figures
        values = tuple(
            raw_value(column, account, today, schema, figures) for column in self._columns
        )
        cells = row_cells(self._columns, account, values, schema)
        self._values[account.id] = values
        self._cells[account.id] = cells
        widths = self._widths
        for index, cell in enumerate(cells):
            if cell.width > widths[index]:
                widths[index] = cell.width

    def _sorted_ids(self) -> list[int]:
        index = next(i for i, column in enumerate(self._columns) if column.key == self.sort_key)
        cells = self._cells
        return sorted(
            self._shown,
            key=lambda account_id: cells[account_id][index].sort_key,
            reverse=self.sort_reverse,
        )

    @without_collection
    def _rebuild(self) -> None:
        """Fill the table again with the accounts the filter shows, keeping the cursor."""
        self._filter_timer = None
        table = self.table
        cursor_account = table.cursor_account_id
        column_index = table.cursor_coordinate.column
        for account in self._accounts.values():
            if account.id not in self._cells:
                self._remember(account)
        table.set_widths(self._widths)
        self._shown = {a.id for a in self._accounts.values() if self._matches(a)}
        self._mark_sorted_column()
        table.replace_rows(
            (account_id, self._cells[account_id]) for account_id in self._sorted_ids()
        )
        if cursor_account is not None and cursor_account in self._shown:
            self._move_to(cursor_account, column_index)
        else:
            table.move_cursor(row=0, column=column_index)
        self._show_summary()

    def _update_cells(self, updates: list[tuple[int, list[Cell]]]) -> None:
        """Update only the cells whose text changed; re-sort if the sorted column moved."""
        table = self.table
        resort = False
        for account_id, old in updates:
            new = self._cells[account_id]
            for index, column in enumerate(self._columns):
                if (old[index].text, old[index].sort_key) != (new[index].text, new[index].sort_key):
                    table.update_cell(f"{ROW_PREFIX}{account_id}", column.key, new[index])
                    resort = resort or column.key == self.sort_key
        if resort:
            self._sort_in_place()

    def _sort_in_place(self) -> None:
        table = self.table
        cursor_account = table.cursor_account_id
        self._mark_sorted_column()
        table.sort(self.sort_key, key=lambda cell: cell.sort_key, reverse=self.sort_reverse)
        if cursor_account is not None:
            self._move_to(cursor_account)
        self._show_summary()

    def _mark_sorted_column(self) -> None:
        for column in self._columns:
            label = column.label
            if column.key == self.sort_key:
                label = f"{label} {SORT_MARKS[self.sort_reverse]}"
            self.table.columns[ColumnKey(column.key)].label = literal_text(label)

    def _move_to(self, account_id: int, column: int | None = None) -> None:
        table = self.table
        try:
            row = table.get_row_index(f"{ROW_PREFIX}{account_id}")
        except RowDoesNotExist:
            return
        table.move_cursor(row=row, column=column)

    def _show_summary(self) -> None:
        total = len(self._accounts)
        shown = len(self._shown)
        label = next(c.label for c in self._columns if c.key == self.sort_key)
        direction = "descending" if self.sort_reverse else "ascending"
        counted = f"{total} accounts" if shown == total else f"{shown} of {total} accounts"
        if self._filter and self._query.error:
            counted += " (the filter is not applied)"
        elif self._filter:
            counted += f" matching {self._filter!r}"
        summary = f"{counted} · sorted by {label}, {direction}"
        self.query_one("#table-summary", Label).update(literal(summary))
        self._show_query()

    def _set_query(self, text: str) -> None:
        query = parse_typed(self.kam, text)
        self._query = query
        self._terms = query.free_words

    def _matches(self, account: Account) -> bool:
        """True when the typed filter shows `account`."""
        if not matches(account, self._terms):
            return False
        query = self._query
        if not query.terms:
            return True
        return query.passes_terms(account, self.kam.today, self.schema.default_cadence_days)

    def _show_query(self) -> None:
        for line in self.query_children(QueryLine):
            line.show_query(self._query, len(self._shown))

    # Actions

    @property
    def current_account_id(self) -> int | None:
        """The highlighted row's account (what the palette offers first)."""
        return self.table.cursor_account_id

    def _cursor_column(self) -> TableColumn | None:
        if not self._columns:
            return None
        return self._columns[self.table.cursor_coordinate.column]

    def action_sort_column(self) -> None:
        """Sort by the cursor's column; the same column again reverses the order."""
        column = self._cursor_column()
        if column is None:
            return
        if column.key == self.sort_key:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key, self.sort_reverse = column.key, False
        self._sort_in_place()
        self._remember_view()

    def action_edit_cell(self) -> None:
        """Edit the highlighted cell in a small dialog."""
        account_id = self.table.cursor_account_id
        column = self._cursor_column()
        account = self.kam.workspace.account(account_id) if account_id is not None else None
        if account is None or column is None:
            return
        if column.kind == "derived":
            self.notify(column.explains, severity="warning")
            return
        reason = self.kam.read_only_reason
        if reason is not None:
            self.notify(f"Read-only: {reason}. Nothing can be changed.", severity="error")
            return
        value = raw_value(column, account, self.kam.today, self.schema)  # never a computed one
        self.app.push_screen(
            CellEditor(
                f"{column.label} of {printable(account.name)}",
                edit_text(column, value),
                partial(self._save_cell, account.id, column),
                hint=column.hint or choices_hint(column),
                suggestions=[choice for choice in column.choices if choice],
                check=partial(self._check_cell, account.id, column),
            )
        )

    def _check_cell(self, account_id: int, column: TableColumn, text: str) -> str | None:
        """Why the text would be refused for this cell, or None when it would be saved."""
        account = self.kam.workspace.account(account_id)
        if account is None:
            return "This account no longer exists."
        try:
            updated = with_value(column, account, parse_cell(column, text, self.schema))
        except ValueError as error:
            return f"{column.label}: {error}"
        errors = record_errors(updated, self.schema)
        return refusal(ValidationError(errors), self._columns) if errors else None

    def _save_cell(self, account_id: int, column: TableColumn, text: str) -> str | None:
        """Parse, validate and save one cell; the reason it was refused, or None."""
        workspace = self.kam.workspace
        account = workspace.account(account_id)
        if account is None:
            return "This account no longer exists."
        try:
            updated = with_value(column, account, parse_cell(column, text, self.schema))
        except ValueError as error:
            return f"{column.label}: {error}"
        if updated == account:
            return None
        outcome = workspace.save(
            updated, f"Edited {column.label.lower()} of {printable(account.name)}"
        )
        if outcome.refusal is not None and outcome.refusal.reasons:
            return refusal(ValidationError(outcome.refusal.reasons), self._columns)
        if outcome.refusal is not None:
            # Read-only, or a store that cannot take changes: say so, keep nothing.
            tell_refused(self, outcome.refusal, read_only="Not saved")
        return None

    @on(AccountTable.OpenRequested)
    def _open_requested(self, message: AccountTable.OpenRequested) -> None:
        self.kam.open_account(message.account_id)

    @on(DataTable.CellSelected)
    def _cell_clicked(self, event: DataTable.CellSelected) -> None:
        event.stop()
        account_id = self.table.cursor_account_id
        if account_id is not None:
            self.kam.open_account(account_id)
