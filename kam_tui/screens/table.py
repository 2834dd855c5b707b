"""The Table view: every account in a sortable, filterable DataTable, edited in place."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any, ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Footer, Label
from textual.widgets.data_table import ColumnKey, RowDoesNotExist

from kam_tui.dialogs.cell_editor import CellEditor, parse_choice, parse_yes_no
from kam_tui.dialogs.form_fields import parse_amount, parse_day, parse_whole
from kam_tui.domain.errors import ValidationError
from kam_tui.domain.models import RATINGS, STAGES, Account
from kam_tui.domain.money import format_money, format_money_plain
from kam_tui.domain.rules import days_overdue
from kam_tui.domain.schema import Schema
from kam_tui.domain.validation import custom_value_error
from kam_tui.screens.base import ViewScreen
from kam_tui.store import ReadOnlyError
from kam_tui.widgets.status import KamHeader

Kind = Literal["text", "choice", "yes-no", "money", "whole", "day", "number", "derived"]
ROW_PREFIX = "account-"
"""Row keys are `account-<id>`."""
SORT_MARKS = {False: "▲", True: "▼"}
"""The mark beside the sorted column's label: ascending, descending."""
MAX_CELL = 28
"""Longer text is cut with an ellipsis so one long name cannot push every other column away."""
_RIGHT: frozenset[Kind] = frozenset({"money", "whole", "number", "derived"})


@dataclass(frozen=True)
class TableColumn:
    """One column: which account value it shows and how that value is typed."""

    key: str
    """The column key: an Account field, `custom.<key>`, or `days_overdue`."""
    label: str
    """The header label."""
    kind: Kind
    """How the value is shown, sorted, parsed and validated."""
    choices: tuple[str, ...] = ()
    """The allowed values of a choice column, in their natural order."""
    hint: str = ""
    """What the cell editor accepts."""
    whole_range: tuple[int, int] = (0, 10)
    """The lowest and highest whole number a `whole` column accepts."""

    @property
    def custom_key(self) -> str | None:
        """The custom field key, when this column shows one."""
        return self.key.removeprefix("custom.") if self.key.startswith("custom.") else None


_CUSTOM_KINDS: dict[str, tuple[Kind, str]] = {
    "text": ("text", ""),
    "number": ("number", "A number."),
    "date": ("day", "A date, YYYY-MM-DD; empty clears it."),
    "choice": ("choice", ""),
    "rating": ("whole", "A rating from 1 to 5; empty clears it."),
}
_INTEGER = re.compile(r"^-?\d+$")


def table_columns(schema: Schema) -> list[TableColumn]:
    """The columns of the table: the core fields, then every custom field of the config."""
    money_hint = "An amount, e.g. 12500, 12,500.00 or 12.5k."
    columns = [
        TableColumn("name", "Name", "text"),
        TableColumn("status", "Status", "choice", schema.status_names),
        TableColumn("lifecycle", "List", "choice", schema.lists),
        TableColumn("assignee", "Assignee", "text", schema.team, "The account manager."),
        TableColumn("key_account", "Key", "yes-no", hint="yes or no."),
        TableColumn("industry", "Industry", "text"),
        TableColumn("offer_type", "Offer type", "text"),
        TableColumn("rating", "Rating", "choice", RATINGS),
        TableColumn("annual_revenue", "Revenue", "money", hint=money_hint),
        TableColumn("potential_revenue", "Potential", "money", hint=money_hint),
        TableColumn("cost_to_serve", "Cost to serve", "money", hint=money_hint),
        TableColumn("satisfaction", "Satisfaction", "whole", hint="0 to 10; empty clears it."),
        TableColumn("last_contact", "Last contact", "day", hint="YYYY-MM-DD; empty clears it."),
        TableColumn("days_overdue", "Overdue", "derived"),
        TableColumn("stage", "Stage", "choice", STAGES),
        TableColumn("address", "Address", "text"),
    ]
    for custom in schema.custom_fields:
        kind, hint = _CUSTOM_KINDS[custom.kind]
        columns.append(
            TableColumn(f"custom.{custom.key}", custom.label, kind, custom.choices, hint)
        )
    return columns


def raw_value(column: TableColumn, account: Account, today: date, schema: Schema) -> Any:
    """The value a column shows for an account, before formatting."""
    custom_key = column.custom_key
    if custom_key is not None:
        return account.custom.get(custom_key)
    if column.key == "days_overdue":
        return days_overdue(account, today, schema.default_cadence_days)
    return getattr(account, column.key)


def _sort_value(column: TableColumn, value: Any) -> tuple[Any, ...]:
    """Empty values sort last when ascending; choices sort in their configured order."""
    if value is None or value == "":
        return (1, 0)
    if column.kind == "choice" and column.choices:
        text = str(value)
        return (0, column.choices.index(text) if text in column.choices else len(column.choices))
    if column.kind in ("number", "whole") and not isinstance(value, int):
        try:
            return (0, Decimal(str(value)))
        except InvalidOperation:
            return (1, 0)
    if isinstance(value, str):
        return (0, value.casefold())
    return (0, value)


def display_text(column: TableColumn, value: Any, schema: Schema) -> str:
    """How a value reads in a cell."""
    if value is None:
        return ""
    if column.kind == "money":
        return format_money(int(value), schema.currency)
    if column.kind == "yes-no":
        return "yes" if value else ""
    if column.kind == "derived":
        return str(value) if value else ""
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def edit_text(column: TableColumn, value: Any) -> str:
    """The text the cell editor starts with."""
    if value is None:
        return ""
    if column.kind == "money":
        return format_money_plain(int(value))
    if column.kind == "yes-no":
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def parse_cell(column: TableColumn, text: str, schema: Schema) -> Any:
    """The value typed text stands for, read as the account form reads it; ValueError says
    why not. Domain rules (allowed statuses, limits) are checked when saving."""
    if column.kind == "money":
        return parse_amount(text)
    if column.kind == "yes-no":
        return parse_yes_no(text)
    if column.kind == "whole":
        return parse_whole(text, *column.whole_range)
    if column.kind == "day":
        day = parse_day(text)
        return day.isoformat() if day is not None and column.custom_key else day
    if column.kind == "choice":
        return parse_choice(text, column.choices)
    raw = text.strip()
    custom_key = column.custom_key
    if column.kind == "number" and custom_key is not None and raw:
        definition = schema.custom_field(custom_key)
        problem = custom_value_error(definition, raw) if definition else None
        if problem:
            raise ValueError(problem)
        return int(raw) if _INTEGER.match(raw) else raw
    return raw


def with_value(column: TableColumn, account: Account, value: Any) -> Account:
    """The account with a column's value replaced (validation happens when saving)."""
    custom_key = column.custom_key
    if custom_key is None:
        return replace(account, **{column.key: value})
    custom = dict(account.custom)
    if value is None or value == "":
        custom.pop(custom_key, None)
    else:
        custom[custom_key] = value
    return replace(account, custom=custom)


class SortCell(Text):
    """A cell's text that carries the value it sorts by."""

    __slots__ = ("sort_key",)

    def __init__(self, text: str, sort_key: tuple[Any, ...], **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.sort_key = sort_key
        """(present?, value, name, id): the value first, then a stable tie-break."""


def matches(account: Account, terms: Sequence[str]) -> bool:
    """True when every term occurs in the account's name, industry, assignee or tags."""
    if not terms:
        return True
    haystack = " ".join((account.name, account.industry, account.assignee, *account.tags))
    folded = haystack.casefold()
    return all(term in folded for term in terms)


class AccountTable(DataTable[Text]):
    """The accounts grid; enter asks to open the highlighted account."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "open_account",
            "Open",
            tooltip="Open the highlighted account",
            id="open-account",
        ),
        Binding("down,j", "cursor_down", "Down", show=False, id="table-cursor-down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="table-cursor-up"),
        Binding("left,h", "cursor_left", "Left", show=False, id="table-cursor-left"),
        Binding("right,l", "cursor_right", "Right", show=False, id="table-cursor-right"),
        Binding("g,ctrl+home", "scroll_top", "First row", show=False, id="table-first-row"),
        Binding("G,ctrl+end", "scroll_bottom", "Last row", show=False, id="table-last-row"),
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


class TableScreen(ViewScreen):
    """The Table view: all accounts, one row each, every field a column."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "e", "edit_cell", "Edit", tooltip="Edit the highlighted cell in place", id="edit-cell"
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
        self._accounts: dict[int, Account] = {}
        self._values: dict[int, tuple[Any, ...]] = {}
        self._shown: set[int] = set()
        self._terms: tuple[str, ...] = ()
        self._filter = ""
        self.sort_key = "name"
        """The key of the column the rows are sorted by."""
        self.sort_reverse = False
        """True when sorted descending."""

    def compose(self) -> ComposeResult:
        yield KamHeader()
        yield AccountTable(
            id="account-table", cursor_type="cell", zebra_stripes=True, fixed_columns=1
        )
        yield Label("", id="table-summary")
        yield Footer()

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
        table = self.table
        for column in self._columns:
            table.add_column(column.label, key=column.key)
            table.columns[ColumnKey(column.key)].content_width += 2
        self.refresh_data()
        table.focus()

    # The ViewScreen contract

    def refresh_data(self) -> None:
        """Redraw what changed: changed cells in place, every row when rows come or go."""
        accounts = {account.id: account for account in self.kam.repository.accounts()}
        changed = [
            account
            for account in accounts.values()
            if self._accounts.get(account.id) is not account
        ]
        removed = self._accounts.keys() - accounts.keys()
        self._accounts = accounts
        for account_id in removed:
            self._values.pop(account_id, None)
        rebuild = bool(removed & self._shown) or not self.table.row_count
        updates: list[tuple[int, tuple[Any, ...]]] = []
        for account in changed:
            values = self._row_values(account)
            old = self._values.get(account.id)
            self._values[account.id] = values
            if (account.id in self._shown) != matches(account, self._terms):
                rebuild = True
            elif old is not None and account.id in self._shown:
                updates.append((account.id, old))
        if rebuild:
            self._rebuild()
        else:
            self._update_cells(updates)
        super().refresh_data()

    def apply_filter(self, text: str) -> None:
        """Show only the accounts whose name, industry, assignee or tags hold every word."""
        self._filter = text.strip()
        self._terms = tuple(term.casefold() for term in self._filter.split())
        self._rebuild()

    def focus_account(self, account_id: int) -> None:
        """Put the cursor on an account's row (if the filter shows it)."""
        self._move_to(account_id)

    # Building rows

    def _row_values(self, account: Account) -> tuple[Any, ...]:
        today = self.kam.today
        return tuple(raw_value(column, account, today, self.schema) for column in self._columns)

    def _cells(self, account: Account, values: tuple[Any, ...]) -> list[Text]:
        tie = (account.name.casefold(), account.id)
        schema = self.schema
        cells: list[Text] = []
        for column, value in zip(self._columns, values, strict=True):
            style = ""
            if column.key == "status":
                status = next((s for s in schema.statuses if s.name == value), None)
                style = status.colour if status else ""
            elif column.kind == "derived" and value:
                style = "bold"
            cells.append(
                SortCell(
                    display_text(column, value, schema),
                    (*_sort_value(column, value), *tie),
                    style=style,
                    justify="right" if column.kind in _RIGHT else "left",
                )
            )
        return cells

    def _sorted_ids(self) -> list[int]:
        index = next(i for i, column in enumerate(self._columns) if column.key == self.sort_key)
        column = self._columns[index]

        def key(account_id: int) -> tuple[Any, ...]:
            account = self._accounts[account_id]
            value = self._values[account_id][index]
            return (*_sort_value(column, value), account.name.casefold(), account_id)

        return sorted(self._shown, key=key, reverse=self.sort_reverse)

    def _rebuild(self) -> None:
        """Fill the table again with the accounts the filter shows, keeping the cursor."""
        table = self.table
        cursor_account = table.cursor_account_id
        column_index = table.cursor_coordinate.column
        for account in self._accounts.values():
            if account.id not in self._values:
                self._values[account.id] = self._row_values(account)
        self._shown = {a.id for a in self._accounts.values() if matches(a, self._terms)}
        self._mark_sorted_column()
        table.clear()
        for account_id in self._sorted_ids():
            account = self._accounts[account_id]
            table.add_row(
                *self._cells(account, self._values[account_id]), key=f"{ROW_PREFIX}{account_id}"
            )
        if cursor_account is not None and cursor_account in self._shown:
            self._move_to(cursor_account, column_index)
        else:
            table.move_cursor(row=0, column=column_index)
        self._show_summary()

    def _update_cells(self, updates: list[tuple[int, tuple[Any, ...]]]) -> None:
        """Update only the cells whose value changed; re-sort if the sorted column moved."""
        table = self.table
        resort = False
        for account_id, old in updates:
            new = self._values[account_id]
            cells = self._cells(self._accounts[account_id], new)
            # Every cell's sort key ends with the name, so a new name refreshes the whole row.
            renamed = old[0] != new[0]
            for index, column in enumerate(self._columns):
                if renamed or old[index] != new[index]:
                    table.update_cell(
                        f"{ROW_PREFIX}{account_id}", column.key, cells[index], update_width=True
                    )
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
            self.table.columns[ColumnKey(column.key)].label = Text(label)

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
        if self._filter:
            counted += f" matching {self._filter!r}"
        summary = f"{counted} · sorted by {label}, {direction}"
        self.query_one("#table-summary", Label).update(summary)

    # Actions

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

    def action_edit_cell(self) -> None:
        """Edit the highlighted cell in a small dialog."""
        account_id = self.table.cursor_account_id
        column = self._cursor_column()
        account = self.kam.repository.account(account_id) if account_id is not None else None
        if account is None or column is None:
            return
        if column.kind == "derived":
            self.notify(
                "Overdue days follow from the last contact and the cadence: edit Last contact.",
                severity="warning",
            )
            return
        reason = self.kam.read_only_reason
        if reason is not None:
            self.notify(f"Read-only: {reason}. Nothing can be changed.", severity="error")
            return
        value = raw_value(column, account, self.kam.today, self.schema)
        self.app.push_screen(
            CellEditor(
                f"{column.label} of {account.name}",
                edit_text(column, value),
                partial(self._save_cell, account.id, column),
                hint=column.hint or _choices_hint(column),
                suggestions=[choice for choice in column.choices if choice],
            )
        )

    def _save_cell(self, account_id: int, column: TableColumn, text: str) -> str | None:
        """Parse, validate and save one cell; the reason it was refused, or None."""
        repository = self.kam.repository
        account = repository.account(account_id)
        if account is None:
            return "This account no longer exists."
        try:
            updated = with_value(column, account, parse_cell(column, text, self.schema))
        except ValueError as error:
            return f"{column.label}: {error}"
        if updated == account:
            return None
        try:
            repository.save(updated, f"Edited {column.label.lower()} of {account.name}")
        except ValidationError as error:
            return _reasons(error, self._columns)
        except ReadOnlyError as error:
            self.notify(str(error), title="Read-only", severity="error")
            return None
        self.refresh_data()
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


def _choices_hint(column: TableColumn) -> str:
    shown = [choice for choice in column.choices if choice]
    if not shown:
        return ""
    empty = "; empty clears it" if "" in column.choices else ""
    return f"One of {', '.join(shown)}{empty}."


def _reasons(error: ValidationError, columns: list[TableColumn]) -> str:
    labels: dict[str, str] = {column.key: column.label for column in columns}
    return "; ".join(
        f"{labels.get(field, field.replace('_', ' ').capitalize())}: {reason}"
        for field, reason in error.errors.items()
    )
