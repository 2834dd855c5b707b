"""The keys of the boards: move to any column, new, edit, delete, filters and sort."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType

from kam_tui.domain.grouping import SORT_ORDERS, next_sort
from kam_tui.domain.models import Account
from kam_tui.domain.text import printable
from kam_tui.ui.boards.board_view import BoardView
from kam_tui.ui.boards.filter_dialog import BoardFilterDialog
from kam_tui.ui.forms.confirm import ConfirmDialog
from kam_tui.ui.forms.picker import PickerDialog
from kam_tui.ui.refused import tell_refused

if TYPE_CHECKING:
    from kam_tui.ui.account.account_form import AccountForm


class BoardScreen(BoardView):
    """A board with its keys; Pipeline, Lists and Team subclass it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "move_card_to", "Move to", id="move-card-to",
                tooltip="Send the card (or the marked cards) to any column by name"),
        Binding("n", "new_account", "New", id="new-account",
                tooltip="Create an account in the focused column"),
        Binding("e", "edit_account", "Edit", id="edit-account",
                tooltip="Edit the highlighted account"),
        Binding("d", "delete_account", "Delete", id="delete-account",
                tooltip="Delete the highlighted account (u undoes)"),
        Binding("o", "toggle_overdue", "Overdue", id="filter-overdue",
                tooltip="Show only accounts overdue for contact, or all again"),
        Binding("s", "cycle_sort", "Sort", id="cycle-sort",
                tooltip="Order the cards by name, revenue or last contact"),
        Binding("f", "filter_board", "Filter", id="filter-board",
                tooltip="Show only some pipeline statuses or lifecycle lists"),
    ]  # fmt: skip

    # Actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer card actions only when there is a card, and the filter only where it helps."""
        if not self.is_mounted:
            return True
        board = self.board
        if action in ("edit_account", "delete_account"):
            return board.highlighted_card is not None
        if action == "move_card_to":
            return bool(board.selection())
        if action == "new_account":
            return board.focused_column is not None
        if action == "filter_board":
            return bool(self.filter_choices)
        return super().check_action(action, parameters)

    def action_move_card_to(self) -> None:
        """Pick any column by name and send the card (or the marked cards) there."""
        ids = self.board.selection()
        if not ids:
            return
        choices = [(key, self.column_title(key)) for key in self.board.keys]
        column = self.board.focused_column
        noun = self.column_noun if len(ids) == 1 else f"{self.column_noun} ({len(ids)} cards)"

        def picked(key: str | None) -> None:
            if key is not None:
                self.move_accounts(ids, key)

        current = column.key if column else None
        self.app.push_screen(PickerDialog(f"Move to {noun}", choices, current=current), picked)

    def _form(self, account: Account, title: str) -> AccountForm:
        # Imported when first needed: the form's module is not needed for the first paint.
        from kam_tui.ui.account.account_form import AccountForm

        assignees = sorted({a.assignee for a in self.kam.workspace.accounts()} - {""})
        return AccountForm(
            account, self.kam.workspace.schema, title=title, known_assignees=assignees
        )

    def action_new_account(self) -> None:
        """Create an account in the focused column."""
        column = self.board.focused_column
        if column is None:
            return
        schema = self.kam.workspace.schema
        blank = Account(status=schema.status_names[0], lifecycle=schema.lists[0])
        self.app.push_screen(
            self._form(self.moved(blank, column.key), "New account"), self._saved_form
        )

    def action_edit_account(self) -> None:
        """Edit the highlighted account."""
        card = self.board.highlighted_card
        account = self.kam.workspace.account(card.account.id) if card else None
        if account is not None:
            self.app.push_screen(
                self._form(account, f"Edit {printable(account.name)}"), self._saved_form
            )

    def _saved_form(self, account: Account | None) -> None:
        if account is None:
            return
        outcome = self.kam.workspace.save(account)
        if outcome.refusal is not None:
            tell_refused(self, outcome.refusal, read_only="Not saved")
        elif outcome.value is not None:
            self.show_account(outcome.value.id)

    def action_delete_account(self) -> None:
        """Delete the highlighted account after confirmation."""
        card = self.board.highlighted_card
        if card is None:
            return
        account = card.account

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            outcome = self.kam.workspace.delete(
                account, f"Deleted account {printable(account.name)}"
            )
            if outcome.refusal is not None:
                tell_refused(self, outcome.refusal, "Not deleted", read_only="Not deleted")

        question = (
            f"Delete {printable(account.name)} with its contacts, activities and plan? (u undoes)"
        )
        self.app.push_screen(ConfirmDialog(question, yes="Delete"), answered)

    def action_toggle_overdue(self) -> None:
        """Show only accounts overdue for contact, or everything again."""
        overdue_only = not self.account_filter.overdue_only
        self._set_filter(replace(self.account_filter, overdue_only=overdue_only))

    def action_cycle_sort(self) -> None:
        """Order the cards by the next sort order."""
        self.sort = next_sort(self.sort)
        self._grouping.resort(SORT_ORDERS[self.sort])
        self._push_all()
        self._remember()

    def action_filter_board(self) -> None:
        """Choose the statuses and lists to show."""
        schema = self.kam.settings.schema
        dialog = BoardFilterDialog(
            statuses=schema.status_names if "statuses" in self.filter_choices else None,
            lists=schema.lists if "lists" in self.filter_choices else None,
            selected_statuses=self.account_filter.statuses,
            selected_lists=self.account_filter.lists,
        )

        def chosen(result: tuple[frozenset[str], frozenset[str]] | None) -> None:
            if result is not None:
                statuses, lists = result
                self._set_filter(replace(self.account_filter, statuses=statuses, lists=lists))

        self.app.push_screen(dialog, chosen)
