"""The Pipeline view: one column per pipeline status; cards move from status to status."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content

from kam_tui.domain.metrics import ColumnFigures
from kam_tui.domain.models import Account
from kam_tui.domain.money import format_money
from kam_tui.domain.text import printable
from kam_tui.ui.boards.board_screen import BoardScreen
from kam_tui.ui.boards.card import short_person
from kam_tui.ui.boards.filter_dialog import FilterChoice
from kam_tui.ui.boards.reason_dialog import reason_question


class PipelineScreen(BoardScreen):
    """The pipeline kanban: statuses from the config, left to right."""

    view_name: ClassVar[str] = "Pipeline"
    mode: ClassVar[str] = "pipeline"
    column_field: ClassVar[str] = "status"
    column_noun: ClassVar[str] = "status"
    filter_choices: ClassVar[tuple[FilterChoice, ...]] = ("lists",)

    def configured_columns(self) -> list[str]:
        """The statuses of the config, in board order."""
        return list(self.kam.settings.schema.status_names)

    def move_question(self, key: str) -> str | None:
        """A move to the won or lost status (the config's numbers.won_status and
        lost_status, which the Portfolio's turnaround counts too) asks why."""
        numbers = self.kam.settings.numbers
        return reason_question(key, numbers.won_status, numbers.lost_status)

    def card_detail(self, account: Account) -> str:
        """The assignee, shortened."""
        return short_person(account.assignee) if account.assignee else "unassigned"

    def detail_legend(self) -> tuple[str, str]:
        """The assignee, shortened."""
        return "Alice M.", "Assignee"

    def header_legend(self) -> tuple[tuple[str, str, str], ...]:
        """The status colour, the accounts and their revenue."""
        currency = self.kam.settings.schema.currency
        return (
            (
                f"● 6 · {format_money(6_040_000_000, currency, compact=True)}",
                "Column: accounts · revenue",
                "The status colour, the accounts the column shows (after any filter) and "
                "their annual revenue",
            ),
        )

    def lane_header(self, key: str, figures: ColumnFigures) -> Content:
        """The status, then a dot in its colour, the number of accounts and their revenue."""
        schema = self.kam.settings.schema
        colours = {status.name: status.colour for status in schema.statuses}
        revenue = format_money(figures.revenue, schema.currency, compact=True)
        return Content.assemble(
            (printable(key) or "(no status)", "bold"),
            "\n",
            ("● ", colours.get(key, "")),
            f"{figures.accounts} · {revenue}",
        )
