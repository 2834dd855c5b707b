"""What the three boards share: columns kept current from the change feed, filters, moves."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.content import Content

from kam_tui.domain.grouping import SORT_ORDERS, FiguresOf, Grouping
from kam_tui.domain.metrics import ColumnFigures
from kam_tui.domain.models import Account
from kam_tui.domain.text import printable
from kam_tui.store.change_set import ChangeSet
from kam_tui.store.undo import Change, Edit
from kam_tui.ui.boards.board import Board
from kam_tui.ui.boards.board_filters import BoardFilters
from kam_tui.ui.boards.card import Card, CardContext, card_legend
from kam_tui.ui.boards.reason_dialog import ReasonDialog
from kam_tui.ui.query_line import QueryLine
from kam_tui.ui.refused import tell_refused
from kam_tui.ui.shell.footer import KamFooter
from kam_tui.ui.shell.header import KamHeader
from kam_tui.ui.view_memory import show_typed_filter, view_memory

FULL_RELOAD_EDITS = 200
"""Above this many changed accounts a refresh regroups everything instead of one by one."""


class BoardView(BoardFilters):
    """A board: one column per value of `column_field`; keeps columns current, saves moves."""

    view_name: ClassVar[str] = "Board"
    """Shown in the header."""
    column_field: ClassVar[str] = "status"
    """The account field whose values are the columns."""
    column_noun: ClassVar[str] = "status"
    """What a column is, for the picker's title."""
    multi_select: ClassVar[bool] = False
    """Whether space marks cards for a move of several at once."""
    header_lines: ClassVar[int] = 2
    """The height of the column headers."""

    def __init__(self) -> None:
        super().__init__()
        self._grouping = Grouping(self.column_of, SORT_ORDERS[self.sort], self.figures_source())
        self._cards: dict[int, Card] = {}
        self._pending: deque[Edit] = deque()
        self._loaded = False
        self._day: date | None = None
        """The date the cards and figures were made on (days in status, overdue marks)."""
        self._board: Board | None = None

    # Hooks of each board

    def configured_columns(self) -> list[str]:
        """The columns the config names, in order."""
        raise NotImplementedError

    def column_title(self, key: str) -> str:
        """The title of a column, as shown."""
        return printable(key)

    def card_detail(self, account: Account) -> str:
        """The lead of the card's second line."""
        raise NotImplementedError

    def lane_header(self, key: str, figures: ColumnFigures) -> Content:
        """The header of a column whose shown accounts add up to `figures`."""
        raise NotImplementedError

    def figures_source(self) -> FiguresOf | None:
        """What gives one account's share of its column's header figures, when it depends on
        more than the account; None: the account's own figures (counted in bulk)."""
        return None

    def move_description(self, accounts: Sequence[Account], key: str) -> str:
        """What moving `accounts` to column `key` is called in the undo history."""
        title = self.column_title(key)
        if len(accounts) == 1:
            return f"Moved {printable(accounts[0].name)} to {title}"
        return f"Moved {len(accounts)} accounts to {title}"

    def on_other_edit(self, edit: Edit) -> set[str]:
        """React to a change of a record that is not an account; returns columns to redraw."""
        return set()

    def before_reload(self) -> None:
        """Re-read what the headers need besides accounts."""

    def detail_legend(self) -> tuple[str, str]:
        """What the card's detail line shows: (an example, what it is)."""
        raise NotImplementedError

    def header_legend(self) -> tuple[tuple[str, str, str], ...]:
        """What a column header's figures are, for the help (see `help_legend`)."""
        raise NotImplementedError

    def help_legend(self) -> tuple[tuple[str, str, str], ...]:
        """What the marks and figures of the cards and column headers mean, for the help's
        "What the cards show": (looks like, what it is, how it is counted)."""
        card = card_legend(self.card_context, self.detail_legend(), marks_cards=self.multi_select)
        return (*card, *self.header_legend())

    # Helpers of the hooks

    def column_of(self, account: Account) -> str:
        """The column an account belongs in."""
        value: str = getattr(account, self.column_field)
        return value

    def moved(self, account: Account, key: str) -> Account:
        """The account after moving it to column `key`."""
        changes: dict[str, Any] = {self.column_field: key}
        return replace(account, **changes)

    def column_keys(self) -> list[str]:
        """The configured columns, then any other value found in the data."""
        configured = self.configured_columns()
        extra = sorted(set(self._grouping.column_keys) - set(configured), key=str.casefold)
        return [*configured, *extra]

    @property
    def card_context(self) -> CardContext:
        """Today, cadence and currency for the cards."""
        schema = self.kam.settings.schema
        return CardContext(self.kam.today, schema.default_cadence_days, schema.currency)

    @property
    def board(self) -> Board:
        """The board widget (kept from compose: a key asks for it a dozen times)."""
        return self._board if self._board is not None else self.query_one(Board)

    # Layout and data

    def compose(self) -> ComposeResult:
        yield KamHeader()
        yield QueryLine()
        self._board = Board(
            self._card,
            multi_select=self.multi_select,
            header_lines=self.header_lines,
            locate=self._locate,
        )
        yield self._board
        yield KamFooter()

    def on_mount(self) -> None:
        self.refresh_data()
        self._update_subtitle()
        show_typed_filter(self, self.account_filter.text)
        self.show_query_line(self.account_filter.query)
        self.call_after_refresh(self.board.focus_first)

    def on_unmount(self) -> None:
        view_memory(self.app).flush()  # a change made just before quitting is kept

    def is_stale(self) -> bool:
        """Out of date after a change, and on a new day (days in status, overdue marks)."""
        return super().is_stale() or self._day != self.kam.today

    def note_change(self, change: Change) -> None:
        """Keep the edits until the view draws next: at once when it is showing, or when it
        shows again."""
        self._pending.extend(change.edits)
        if len(self._pending) > FULL_RELOAD_EDITS:  # a view long hidden: regroup when shown
            self._pending.clear()
            self._loaded = False

    def refresh_data(self) -> None:
        """Apply what changed in the workspace, keeping the highlight on the same account."""
        super().refresh_data()
        edits: list[Edit] = []
        while self._pending:
            edits.append(self._pending.popleft())
        board = self.board
        card = board.highlighted_card
        focused_id = card.account.id if card else None
        if not self._loaded or len(edits) > FULL_RELOAD_EDITS or self._day != self.kam.today:
            self._reload()
        else:
            touched: set[str] = set()
            for edit in edits:
                touched |= self._apply_edit(edit)
            if any(key not in board.keys for key in self._grouping.column_keys):
                self._reload()
            else:
                for key in touched:
                    if key in board.keys:
                        self._push(key)
        if focused_id is not None:
            self._follow(focused_id)

    def _apply_edit(self, edit: Edit) -> set[str]:
        if edit.table != Account.TABLE:
            return self.on_other_edit(edit)
        self._cards.pop(edit.record_id, None)
        account = self.kam.workspace.account(edit.record_id)
        if account is None:
            self.board.marked.discard(edit.record_id)
            return self._grouping.remove(edit.record_id)
        return self._grouping.put(account)

    @property
    def current_account_id(self) -> int | None:
        """The highlighted card's account (what the palette offers first)."""
        column = self.board.focused_column
        account = column.highlighted_account if column is not None else None
        return account.id if account is not None else None

    def _follow(self, account_id: int) -> None:
        """Keep the focus on an account that another change moved to another column."""
        key = self._grouping.column_of(account_id)
        column = self.board.focused_column
        if key is not None and column is not None and column.key != key:
            self.show_account(account_id)

    def show_account(self, account_id: int) -> bool:
        """Focus and highlight an account's card, bringing it into its column's window."""
        key = self._grouping.column_of(account_id)
        return key is not None and self.board.focus_card(key, account_id)

    def _reload(self) -> None:
        """Regroup every account and redraw every column (every card, on a new day)."""
        today = self.kam.today
        if today != self._day:
            self._cards.clear()  # days in status and overdue marks count from today
            self._day = today
        accounts = self.kam.workspace.accounts()
        self.before_reload()
        self._grouping.load(accounts)
        live = {account.id: account for account in accounts}
        self._cards = {
            account_id: card
            for account_id, card in self._cards.items()
            if live.get(account_id) is card.account
        }
        self.board.marked.intersection_update(live)
        keys = self.column_keys()
        board = self.board
        if keys == board.keys:
            for key in keys:
                self._push(key)
        else:
            board.set_lanes([(key, *self._lane_content(key)) for key in keys])
        self._loaded = True

    def _lane_content(self, key: str) -> tuple[Content, list[Account]]:
        """A column's header and the accounts it shows."""
        accounts = self._visible(key)
        grouping = self._grouping
        if self.account_filter.active:
            figures = grouping.figures_of(accounts)
        else:  # kept as running sums: no pass over thousands of accounts
            figures = grouping.figures(key)
        return self.lane_header(key, figures), accounts

    def _visible(self, key: str) -> list[Account]:
        """The accounts of a column that pass the filter, in order."""
        accounts = self._grouping.column(key)
        account_filter = self.account_filter
        if not account_filter.active:
            return accounts
        cadence = self.kam.settings.schema.default_cadence_days
        today = self.kam.today
        return [account for account in accounts if account_filter.matches(account, today, cadence)]

    def _card(self, account: Account) -> Card:
        """The card of an account, built when first drawn and kept while the account is."""
        card = self._cards.get(account.id)
        if card is None or card.account is not account:
            card = Card(account, self.card_detail(account), self.card_context)
            self._cards[account.id] = card
        return card

    def _locate(self, key: str, account_id: int) -> int | None:
        """Where the grouping holds an account in column `key` (None: not in that column)."""
        position = self._grouping.position(account_id)
        return position[1] if position is not None and position[0] == key else None

    def _push(self, key: str) -> None:
        """Redraw one column from its prepared accounts, keeping its highlighted account."""
        self.board.update_lane(key, *self._lane_content(key))

    def _push_all(self) -> None:
        for key in self.board.keys:
            self._push(key)
        self._update_subtitle()

    def _update_subtitle(self) -> None:
        parts = [self.view_name, f"by {self.sort}"]
        described = self.account_filter.describe()
        if described:
            parts.append(f"filter: {described}")
        if self.board.marked:
            parts.append(f"{len(self.board.marked)} marked")
        self.sub_title = " · ".join(parts)

    # The view contract

    def focus_account(self, account_id: int) -> None:
        """Focus the card of an account, if the board shows it."""
        self.show_account(account_id)

    def filters_changed(self) -> None:
        """Redraw every column after the filter changed; marks on hidden cards go."""
        self._push_all()
        board = self.board
        board.keep_on_cards()
        self.refresh_bindings()
        shown = {account.id for key in board.keys for account in self._column_accounts(key)}
        board.clear_marks(keep=shown)
        self._update_subtitle()

    def shown_count(self) -> int | None:
        """How many cards the columns show."""
        if not self.is_mounted:
            return None
        return sum(len(self._column_accounts(key)) for key in self.board.keys)

    def _column_accounts(self, key: str) -> Sequence[Account]:
        column = self.board.column(key)
        return column.accounts if column else []

    def on_board_move_requested(self, message: Board.MoveRequested) -> None:
        message.stop()  # handled: no need to bubble on to the app
        self.move_accounts(message.account_ids, message.target)

    def on_board_marks_changed(self, message: Board.MarksChanged) -> None:
        self._update_subtitle()

    def on_board_open_requested(self, message: Board.OpenRequested) -> None:
        self.kam.open_account(message.account_id)

    def move_accounts(self, account_ids: Sequence[int], key: str) -> None:
        """Move accounts to column `key` as one undoable change; the focus follows them.

        A column that asks why (see `move_question`) asks first, in a small dialog: its
        answer is kept with the move, escape makes the move without one."""
        accounts = self._movable(account_ids, key)
        if not accounts:
            return
        card = self.board.highlighted_card
        moved_ids = [account.id for account in accounts]
        follow = card.account.id if card and card.account.id in moved_ids else moved_ids[0]
        question = self.move_question(key)
        if question is None:
            self._move(moved_ids, key, follow, "")
            return

        def answered(reason: str | None) -> None:
            self._move(moved_ids, key, follow, reason or "")

        self.app.push_screen(ReasonDialog(question, self.kam.settings.schema), answered)

    def move_question(self, key: str) -> str | None:
        """What moving a card to column `key` asks (None: nothing)."""
        return None

    def _movable(self, account_ids: Sequence[int], key: str) -> list[Account]:
        """The accounts of `account_ids` that still exist and are not in column `key`."""
        workspace = self.kam.workspace
        return [
            account
            for account_id in account_ids
            if (account := workspace.account(account_id)) is not None
            and self.column_of(account) != key
        ]

    def _move(self, account_ids: Sequence[int], key: str, follow: int, reason: str) -> None:
        accounts = self._movable(account_ids, key)  # as they are now, after any question
        if not accounts:
            return
        if follow not in {account.id for account in accounts}:
            follow = accounts[0].id
        if not self._save(self.move_description(accounts, key), accounts, key, follow, reason):
            return
        self.board.clear_marks()  # the change redrew the board as it was applied
        card = self.board.highlighted_card
        if card is None or card.account.id != follow:  # the redraw follows the card itself
            self.show_account(follow)
        self._update_subtitle()

    def _save(
        self, description: str, accounts: Sequence[Account], key: str, follow: int, reason: str
    ) -> bool:
        def move(change: ChangeSet) -> None:
            for account in accounts:
                if account.id == follow:
                    change.focus_on(account)
            for account in accounts:
                change.save(self.moved(account, key))
            if reason:
                change.note_reason(reason)

        outcome = self.kam.workspace.apply(description, move)
        if outcome.refusal is not None:
            tell_refused(self, outcome.refusal, "Not moved", read_only="Not moved")
        return outcome.applied
