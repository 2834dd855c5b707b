"""The Table view's columns: which account value each shows, and how it is shown, sorted,
parsed and put back into the account."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from rich.cells import cell_len
from rich.text import Text

from kam_tui.domain.errors import ValidationError
from kam_tui.domain.fields import FieldDef, FieldKind, catalogue_field, custom_field
from kam_tui.domain.models import Account
from kam_tui.domain.money import format_money
from kam_tui.domain.numbers import parse_decimal
from kam_tui.domain.portfolio.profitability import margin_of, profit_of
from kam_tui.domain.rules import days_overdue
from kam_tui.domain.schema import Schema
from kam_tui.domain.text import printable
from kam_tui.ui.table.figures import NO_FIGURES, AccountFigures

Kind = FieldKind | Literal["derived"]
MAX_CELL = 28
"""Longer text is cut with an ellipsis so one long name cannot push every other column away."""
RIGHT_ALIGNED: frozenset[Kind] = frozenset({"money", "whole", "number", "derived"})
DAYS_OVERDUE = "days_overdue"
"""The key of the derived column: days past the contact cadence."""
PROFIT = "profit"
"""Annual revenue minus cost to serve, in cents (negative when serving costs more)."""
MARGIN = "margin"
"""Profit over annual revenue (None when the revenue is 0)."""
SALES_VOLUME = "sales_volume"
"""The amounts of the deals won with a close date in today's calendar year, in cents."""
HEALTH = "health"
"""The health score, 0-100, from the config's components and weights."""
DERIVED: dict[str, tuple[str, str]] = {
    DAYS_OVERDUE: (
        "Overdue",
        "Overdue days follow from the last contact and the cadence: edit Last contact.",
    ),
    PROFIT: ("Profit", "Profit is annual revenue minus cost to serve: edit either."),
    MARGIN: ("Margin", "Margin is profit over annual revenue: edit revenue or cost to serve."),
    SALES_VOLUME: (
        "Sales",
        "Sales volume sums this year's won deals: change them on the account's Deals tab.",
    ),
    HEALTH: (
        "Health",
        "Health follows from contact, satisfaction, plan, stakeholders and margin.",
    ),
}
"""The computed columns: key -> (header label, why the cell cannot be edited)."""
ACCOUNT_COLUMNS: tuple[str, ...] = (
    "name",
    "status",
    "lifecycle",
    "assignee",
    "key_account",
    "industry",
    "offer_type",
    "rating",
    "annual_revenue",
    "potential_revenue",
    "cost_to_serve",
    PROFIT,
    MARGIN,
    SALES_VOLUME,
    "strategic_value",
    "satisfaction",
    HEALTH,
    "last_contact",
    DAYS_OVERDUE,
    "stage",
    "address",
)
"""The columns the table shows, in order, before the custom fields: account fields and the
computed columns of DERIVED."""
HEALTH_STYLES: tuple[tuple[int, str], ...] = ((70, "green"), (40, "yellow"), (0, "red"))
"""The colour of a health score: the first whose lowest score it reaches."""


@dataclass(frozen=True)
class TableColumn:
    """One column: which account value it shows and how that value is typed."""

    key: str
    """The column key: an Account field, `custom.<key>`, or `days_overdue`."""
    label: str
    """The header label, as shown (a custom label in visible notation)."""
    kind: Kind
    """How the value is shown, sorted, parsed and validated."""
    choices: tuple[str, ...] = ()
    """The allowed values of a choice column, in their natural order (the suggestions of
    a text column)."""
    hint: str = ""
    """What the cell editor accepts."""
    field: FieldDef | None = None
    """The catalogue entry of the field shown; None for a computed column."""
    explains: str = ""
    """Why a computed column's cell cannot be edited, and what to edit instead."""

    @property
    def custom_key(self) -> str | None:
        """The custom field key, when this column shows one."""
        return self.key.removeprefix("custom.") if self.key.startswith("custom.") else None


def _field_column(field: FieldDef, schema: Schema, label: str) -> TableColumn:
    return TableColumn(field.key, label, field.kind, field.allowed(schema), field.hint, field)


def table_columns(schema: Schema) -> list[TableColumn]:
    """The columns of the table: the core fields, then every custom field of the config."""
    columns: list[TableColumn] = []
    for key in ACCOUNT_COLUMNS:
        if key in DERIVED:
            label, explains = DERIVED[key]
            columns.append(TableColumn(key, label, "derived", explains=explains))
            continue
        field = catalogue_field("accounts", key)
        columns.append(_field_column(field, schema, field.column))
    for custom in schema.custom_fields:
        field = custom_field(custom)
        columns.append(_field_column(field, schema, printable(field.label)))
    return columns


def raw_value(
    column: TableColumn,
    account: Account,
    today: date,
    schema: Schema,
    figures: AccountFigures = NO_FIGURES,
) -> Any:
    """The value a column shows for an account, before formatting (`figures`: what the
    account's other records make of it)."""
    key = column.key
    derived = _DERIVED_VALUES.get(key)
    if derived is not None:
        return derived(account, today, schema, figures)
    if key.startswith("custom."):
        return account.custom.get(key[7:])
    return getattr(account, key)


_DERIVED_VALUES: dict[str, Callable[[Account, date, Schema, AccountFigures], Any]] = {
    DAYS_OVERDUE: lambda account, today, schema, _figures: days_overdue(
        account, today, schema.default_cadence_days
    ),
    PROFIT: lambda account, _today, _schema, _figures: profit_of(account),
    MARGIN: lambda account, _today, _schema, _figures: margin_of(account),
    SALES_VOLUME: lambda _account, _today, _schema, figures: figures.sales_volume,
    HEALTH: lambda _account, _today, _schema, figures: figures.health,
}
"""How each computed column's value is read."""


def sort_value(column: TableColumn, value: Any) -> tuple[Any, ...]:
    """Empty values sort last when ascending; choices sort in their configured order."""
    if value is None or value == "":
        return (1, 0)
    if column.kind == "choice" and column.choices:
        text = str(value)
        return (0, column.choices.index(text) if text in column.choices else len(column.choices))
    if column.kind in ("number", "whole") and not isinstance(value, int):
        try:
            return (0, parse_decimal(str(value)))
        except ValueError:
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
        return _derived_text(column.key, value, schema)
    if isinstance(value, date):
        return value.isoformat()
    text = printable(str(value))
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _derived_text(key: str, value: Any, schema: Schema) -> str:
    """How a computed value reads: money signed, a margin as a whole percentage, no sales
    and no overdue days as an empty cell."""
    if key == PROFIT:
        shown = format_money(abs(int(value)), schema.currency)
        return f"-{shown}" if value < 0 else shown
    if key == MARGIN:
        return f"{round(value * 100)}%"
    if key == SALES_VOLUME:
        return format_money(int(value), schema.currency) if value else ""
    return str(value) if value or key == HEALTH else ""


def derived_style(key: str, value: Any) -> str:
    """The look of a computed cell: overdue days bold, a loss red, health by its band."""
    if value is None:
        return ""
    if key == DAYS_OVERDUE:
        return "bold" if value else ""
    if key in (PROFIT, MARGIN):
        return "red" if value < 0 else ""
    if key == HEALTH:
        return next(style for lowest, style in HEALTH_STYLES if value >= lowest)
    return ""


def edit_text(column: TableColumn, value: Any) -> str:
    """The text the cell editor starts with."""
    if column.field is None:
        return "" if value is None else str(value)
    return column.field.format(value)


def parse_cell(column: TableColumn, text: str, schema: Schema) -> Any:
    """The value typed text stands for, read as the account form reads it; ValueError says
    why not. Domain rules (allowed statuses, limits) are checked when saving."""
    if column.field is None:
        raise ValueError(f"{column.label} follows from other fields")
    return column.field.parse(text, column.field.allowed(schema))


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


def matches(account: Account, terms: Sequence[str]) -> bool:
    """True when every term occurs in the account's name, industry, assignee or tags."""
    if not terms:
        return True
    haystack = " ".join((account.name, account.industry, account.assignee, *account.tags))
    folded = haystack.casefold()
    return all(term in folded for term in terms)


class Cell:
    """One cell: its text, its look and the value it sorts by.

    Plain and light on purpose: the table holds one per field of every account, and
    only the visible ones are turned into Rich text, when they are drawn.
    """

    __slots__ = ("justify", "sort_key", "style", "text", "width")

    def __init__(
        self, text: str, sort_key: tuple[Any, ...], style: str = "", *, right: bool = False
    ) -> None:
        self.text = text
        """What the cell reads."""
        self.sort_key = sort_key
        """(empty?, value, name, id): the value first, then a stable tie-break."""
        self.style = style
        """A Rich style for the text ("" for the table's own)."""
        self.justify: Literal["left", "right"] = "right" if right else "left"
        """Numbers are right-aligned."""
        self.width = len(text) if text.isascii() else cell_len(text)
        """Terminal cells the text takes."""

    def __rich__(self) -> Text:
        return Text(self.text, style=self.style, justify=self.justify, no_wrap=True, end="")

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Cell({self.text!r})"


def row_cells(
    columns: Sequence[TableColumn], account: Account, values: Sequence[Any], schema: Schema
) -> list[Cell]:
    """The cells of one account's row."""
    tie = (account.name.casefold(), account.id)
    colours = {status.name: status.colour for status in schema.statuses}
    cells: list[Cell] = []
    for column, value in zip(columns, values, strict=True):
        style = ""
        if column.key == "status":
            style = colours.get(str(value), "")
        elif column.kind == "derived":
            style = derived_style(column.key, value)
        cells.append(
            Cell(
                display_text(column, value, schema),
                (*sort_value(column, value), *tie),
                style,
                right=column.kind in RIGHT_ALIGNED,
            )
        )
    return cells


def choices_hint(column: TableColumn) -> str:
    """The allowed values of a choice column, for the cell editor."""
    shown = [choice for choice in column.choices if choice]
    if not shown:
        return ""
    empty = "; empty clears it" if "" in column.choices else ""
    return f"One of {', '.join(shown)}{empty}."


def refusal(error: ValidationError, columns: Sequence[TableColumn]) -> str:
    """The domain rules a value broke, named by column label."""
    labels: dict[str, str] = {column.key: column.label for column in columns}
    return "; ".join(
        f"{labels.get(field, field.replace('_', ' ').capitalize())}: {reason}"
        for field, reason in error.errors.items()
    )
