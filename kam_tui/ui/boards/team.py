"""The Team view: one column per account manager; moving a card reassigns the account."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from textual.content import Content

from kam_tui.domain.grouping import FiguresOf
from kam_tui.domain.metrics import (
    UNASSIGNED,
    ColumnFigures,
    account_load,
    open_actions_by_account,
)
from kam_tui.domain.models import Account, Action
from kam_tui.domain.money import format_money
from kam_tui.domain.text import printable
from kam_tui.store.undo import Edit
from kam_tui.ui.boards.board_screen import BoardScreen
from kam_tui.ui.boards.card import KEY_MARK, OVERDUE_MARK
from kam_tui.ui.boards.filter_dialog import FilterChoice


def _is_open(record: object) -> bool:
    return isinstance(record, Action) and record.status != "done"


class TeamScreen(BoardScreen):
    """The assignee board: the team lead regroups accounts by manager, several at once."""

    view_name: ClassVar[str] = "Team"
    mode: ClassVar[str] = "team"
    column_field: ClassVar[str] = "assignee"
    column_noun: ClassVar[str] = "manager"
    multi_select: ClassVar[bool] = True
    header_lines: ClassVar[int] = 3
    filter_choices: ClassVar[tuple[FilterChoice, ...]] = ("statuses", "lists")

    def __init__(self) -> None:
        super().__init__()
        self._open_actions: Counter[int] = Counter()
        self._overdue_on = (date.min, 0)

    def column_keys(self) -> list[str]:
        """The team of the config, other assignees found in the data, then Unassigned."""
        team = list(self.kam.settings.schema.team)
        found = {key for key in self._grouping.column_keys if key != UNASSIGNED} - set(team)
        return [*team, *sorted(found, key=str.casefold), UNASSIGNED]

    def configured_columns(self) -> list[str]:
        """The team of the config."""
        return list(self.kam.settings.schema.team)

    def column_title(self, key: str) -> str:
        """The manager's name, or Unassigned."""
        return printable(key) or "Unassigned"

    def card_detail(self, account: Account) -> str:
        """The pipeline status."""
        return account.status

    def detail_legend(self) -> tuple[str, str]:
        """The pipeline status."""
        return self.kam.settings.schema.status_names[0], "Pipeline status"

    def header_legend(self) -> tuple[tuple[str, str, str], ...]:
        """The manager's load, figure by figure."""
        currency = self.kam.settings.schema.currency
        return (
            (
                f"12 · {format_money(6_040_000_000, currency, compact=True)}",
                "Manager: accounts · revenue",
                "The manager's accounts (after any filter) and their annual revenue",
            ),
            (f"3{KEY_MARK}", "Key accounts", "How many of the manager's accounts are key accounts"),
            ("12 open", "Open actions", "Plan actions of the manager's accounts not yet done"),
            (
                f"3{OVERDUE_MARK}",
                "Overdue accounts",
                "How many of the manager's accounts are overdue for contact",
            ),
        )

    def before_reload(self) -> None:
        """Count the open actions of every account; note the day and cadence overdue is
        judged by (read once here: the figures of thousands of accounts follow)."""
        self._open_actions = open_actions_by_account(self.kam.workspace.all(Action))
        self._overdue_on = (self.kam.today, self.kam.settings.schema.default_cadence_days)

    def figures_source(self) -> FiguresOf:
        """Each account's figures with its open actions and whether it is overdue."""
        return self._account_figures

    def _account_figures(self, account: Account) -> ColumnFigures:
        today, cadence = self._overdue_on
        return account_load(account, self._open_actions, today, cadence)

    def on_other_edit(self, edit: Edit) -> set[str]:
        """Keep the open action counts current; redraw the manager's header."""
        if edit.table != Action.TABLE:
            return set()
        change = _is_open(edit.after) - _is_open(edit.before)
        record = edit.after or edit.before
        if not change or not isinstance(record, Action):
            return set()
        self._open_actions[record.account_id] += change
        account = self.kam.workspace.account(record.account_id)
        if account is None or self._grouping.column_of(account.id) is None:
            return set()
        return self._grouping.put(account)  # again, with its new count of open actions

    def lane_header(self, key: str, figures: ColumnFigures) -> Content:
        """The manager and their load: accounts, key accounts, revenue, actions, overdue."""
        revenue = format_money(figures.revenue, self.kam.settings.schema.currency, compact=True)
        return Content.assemble(
            (self.column_title(key), "bold"),
            f"\n{figures.accounts} · {revenue}\n{figures.key_accounts}",
            (KEY_MARK, "$warning"),
            f" {figures.open_actions} open {figures.overdue}",
            (OVERDUE_MARK, "bold $error"),
        )

    def move_description(self, accounts: Sequence[Account], key: str) -> str:
        """`Reassigned Northwind Traders to Alice Martin`, or `Unassigned 3 accounts`."""
        what = printable(accounts[0].name) if len(accounts) == 1 else f"{len(accounts)} accounts"
        return f"Reassigned {what} to {printable(key)}" if key else f"Unassigned {what}"
