"""The Team view: one column per account manager; moving a card reassigns the account."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import ClassVar

from textual.content import Content

from kam_tui.dialogs.board_filter import FilterChoice
from kam_tui.domain.metrics import UNASSIGNED, manager_load, open_actions_by_account
from kam_tui.domain.models import Account, Action
from kam_tui.domain.money import format_money
from kam_tui.screens.board_screen import BoardScreen
from kam_tui.store.undo import Edit
from kam_tui.widgets.card import KEY_MARK, OVERDUE_MARK


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
        return key or "Unassigned"

    def card_detail(self, account: Account) -> str:
        """The pipeline status."""
        return account.status

    def before_reload(self) -> None:
        """Count the open actions of every account."""
        self._open_actions = open_actions_by_account(self.kam.repository.all(Action))

    def on_other_edit(self, edit: Edit) -> set[str]:
        """Keep the open action counts current; redraw the manager's header."""
        if edit.table != Action.TABLE:
            return set()
        change = _is_open(edit.after) - _is_open(edit.before)
        record = edit.after or edit.before
        if not change or not isinstance(record, Action):
            return set()
        self._open_actions[record.account_id] += change
        key = self._grouping.column_of(record.account_id)
        return {key} if key is not None else set()

    def lane_header(self, key: str, accounts: Sequence[Account]) -> Content:
        """The manager and their load: accounts, key accounts, revenue, actions, overdue."""
        schema = self.kam.settings.schema
        load = manager_load(
            accounts, self._open_actions, self.kam.today, schema.default_cadence_days
        )
        revenue = format_money(load.revenue, schema.currency, compact=True)
        return Content.assemble(
            (self.column_title(key), "bold"),
            f"\n{load.accounts} · {revenue}\n{load.key_accounts}",
            (KEY_MARK, "$warning"),
            f" {load.open_actions} open {load.overdue}",
            (OVERDUE_MARK, "bold $error"),
        )

    def move_description(self, accounts: Sequence[Account], key: str) -> str:
        """`Reassigned Northwind Traders to Alice Martin`, or `Unassigned 3 accounts`."""
        what = accounts[0].name if len(accounts) == 1 else f"{len(accounts)} accounts"
        return f"Reassigned {what} to {key}" if key else f"Unassigned {what}"
