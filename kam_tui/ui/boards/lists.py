"""The Lists view: the lifecycle lists side by side; cards move from list to list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.content import Content

from kam_tui.domain.metrics import ColumnFigures
from kam_tui.domain.models import Account
from kam_tui.domain.money import format_money
from kam_tui.domain.text import printable
from kam_tui.ui.boards.board_screen import BoardScreen
from kam_tui.ui.boards.filter_dialog import FilterChoice


class ListsScreen(BoardScreen):
    """The lifecycle lists (New, Existing, Returning, Lost by default), sortable with `s`."""

    view_name: ClassVar[str] = "Lists"
    mode: ClassVar[str] = "lists"
    column_field: ClassVar[str] = "lifecycle"
    column_noun: ClassVar[str] = "list"
    filter_choices: ClassVar[tuple[FilterChoice, ...]] = ("statuses",)

    def configured_columns(self) -> list[str]:
        """The lifecycle lists of the config, in order."""
        return list(self.kam.settings.schema.lists)

    def card_detail(self, account: Account) -> str:
        """The pipeline status."""
        return account.status

    def detail_legend(self) -> tuple[str, str]:
        """The pipeline status."""
        return self.kam.settings.schema.status_names[0], "Pipeline status"

    def header_legend(self) -> tuple[tuple[str, str, str], ...]:
        """The accounts and their revenue."""
        currency = self.kam.settings.schema.currency
        return (
            (
                f"6 · {format_money(6_040_000_000, currency, compact=True)}",
                "Column: accounts · revenue",
                "The accounts the column shows (after any filter) and their annual revenue",
            ),
        )

    def lane_header(self, key: str, figures: ColumnFigures) -> Content:
        """The list's name, the number of accounts and their revenue."""
        revenue = format_money(figures.revenue, self.kam.settings.schema.currency, compact=True)
        return Content.assemble(
            (printable(key) or "(no list)", "bold"), "\n", f"{figures.accounts} · {revenue}"
        )

    def move_description(self, accounts: Sequence[Account], key: str) -> str:
        """`Moved Northwind Traders to list Existing`."""
        if len(accounts) == 1:
            return f"Moved {printable(accounts[0].name)} to list {printable(key)}"
        return f"Moved {len(accounts)} accounts to list {printable(key)}"
