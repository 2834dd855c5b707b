"""The board: columns of account cards side by side; the board holds the focus and the keys.

The board is one widget (a `BoardCanvas`) that lays out and draws its columns itself;
this module is what the keys, the cursor and the mouse do on it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message

from kam_tui.domain.models import Account
from kam_tui.ui.boards.canvas import BoardCanvas
from kam_tui.ui.boards.card import Card
from kam_tui.ui.boards.column import BoardColumn, CardSource, Locator

__all__ = ["Board", "BoardColumn"]


class Board(BoardCanvas, can_focus=True):
    """Columns side by side: a cursor in the current column, card moves and marks.

    The board itself has the focus; which column is current is the board's own state, so
    going from column to column (or following a moved card) repaints two columns and
    nothing else. The screen does the saving.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next card", show=False, id="card-down",
                tooltip="Highlight the next card of the column"),
        Binding("up,k", "cursor_up", "Previous card", show=False, id="card-up",
                tooltip="Highlight the previous card of the column"),
        Binding("pagedown", "page_down", "Page down", show=False, id="card-page-down",
                tooltip="Highlight the card a screen further down"),
        Binding("pageup", "page_up", "Page up", show=False, id="card-page-up",
                tooltip="Highlight the card a screen further up"),
        Binding("home,g", "first_card", "First card", show=False, id="card-first",
                tooltip="Highlight the first card of the column"),
        Binding("end,G", "last_card", "Last card", show=False, id="card-last",
                tooltip="Highlight the last card of the column"),
        Binding("enter", "open_card", "Open", id="open-account",
                tooltip="Open the highlighted account"),
        Binding("left,h", "focus_column_left", "Column left", show=False,
                id="focus-column-left", tooltip="Go to the column on the left"),
        Binding("right,l", "focus_column_right", "Column right", show=False,
                id="focus-column-right", tooltip="Go to the column on the right"),
        Binding("shift+left,H", "move_card_left", "Move left", key_display="H",
                id="move-card-left", tooltip="Move the card (or the marked cards) one column left"),
        Binding("shift+right,L", "move_card_right", "Move right", key_display="L",
                id="move-card-right",
                tooltip="Move the card (or the marked cards) one column right"),
        Binding("space", "toggle_mark", "Mark", id="mark-card",
                tooltip="Mark or unmark the card for a move of several cards at once"),
        Binding("escape", "clear_marks", "Clear marks", id="clear-marks",
                tooltip="Unmark every marked card"),
    ]  # fmt: skip

    @dataclass
    class MoveRequested(Message):
        """The user asked to move cards to another column."""

        account_ids: tuple[int, ...]
        """The accounts to move: the marked cards, or the highlighted one."""
        target: str
        """The key of the column they go to."""

    @dataclass
    class OpenRequested(Message):
        """The user asked to open the account of a card."""

        account_id: int
        """The account to open."""

    @dataclass
    class MarksChanged(Message):
        """The set of marked cards changed."""

        count: int
        """How many cards are marked now."""

    def __init__(
        self,
        card_for: CardSource,
        *,
        multi_select: bool = False,
        header_lines: int = 2,
        locate: Locator | None = None,
    ) -> None:
        super().__init__()
        self.card_for = card_for
        """Gives the card of an account."""
        self.locate = locate
        """Where an account is in a column, without scanning the column (None: scan)."""
        self.multi_select = multi_select
        """Whether space marks cards for a move of several at once."""
        self.header_lines = header_lines
        """The height of every column header."""
        self.marked: set[int] = set()
        """The ids of the accounts marked for a bulk move. The columns draw marks from this
        very set: change it in place, never assign a new one."""
        self._current: str | None = None
        self._published: tuple[bool, bool, bool, bool, bool] | None = None

    # Columns

    def set_lanes(self, lanes: Sequence[tuple[str, Content, Sequence[Account]]]) -> None:
        """Show these columns (key, header, accounts), replacing every column there was."""
        current = self._current
        self._columns = {
            key: BoardColumn(
                key,
                header,
                accounts,
                header_lines=self.header_lines,
                card_for=self.card_for,
                marked=self.marked,
                host=self,
                locate=self.locate,
            )
            for key, header, accounts in lanes
        }
        self._current = None
        self._lay_out()
        if current in self._columns:
            self._make_current(current)

    def update_lane(self, key: str, header: Content, accounts: Sequence[Account]) -> None:
        """Show new figures and cards in one column, keeping its cursor on the same account."""
        self._columns[key].show(header, accounts)
        self.sync_bindings()

    def column_in_view(self) -> BoardColumn | None:
        """The current column: the layout keeps it on screen."""
        return self.focused_column

    @property
    def focused_column(self) -> BoardColumn | None:
        """The current column: the one the keys act on."""
        return self._columns.get(self._current) if self._current is not None else None

    @property
    def focused_index(self) -> int | None:
        """The position of the current column, left to right."""
        return self.keys.index(self._current) if self._current in self._columns else None

    @property
    def highlighted_card(self) -> Card | None:
        """The highlighted card of the current column."""
        column = self.focused_column
        return column.highlighted_card if column else None

    def focus_card(self, key: str, account_id: int | None = None) -> bool:
        """Make a column current, highlight an account in it and focus the board; False when
        the column does not show the account."""
        column = self.column(key)
        if column is None:
            return False
        found = column.highlight(account_id) if account_id is not None else True
        self._make_current(key)
        self._take_focus()
        return found

    def focus_first(self) -> None:
        """Make the first column with cards current (the first column when none has)."""
        key = next((key for key, column in self._columns.items() if column.accounts), None)
        if key is None and self._columns:
            key = next(iter(self._columns))
        if key is not None:
            self._make_current(key)
        self._take_focus()

    def keep_on_cards(self) -> None:
        """When a filter leaves the current column without cards while another column
        shows some, make the first such column current (without taking the focus from the
        filter being typed): enter and the moves then act on a card."""
        column = self.focused_column
        if column is not None and column.accounts:
            return
        key = next((key for key, shown in self._columns.items() if shown.accounts), None)
        if key is not None and key != self._current:
            self._make_current(key)

    def _take_focus(self) -> None:
        # Focusing the focused board would still repaint the whole of it.
        if not self.has_focus:
            self.focus()

    def _make_current(self, key: str) -> None:
        previous = self.focused_column
        column = self._columns[key]
        self._current = key
        if previous is not None and previous is not column:
            previous.set_look(current=False, focused=False)
        column.set_look(current=True, focused=self.has_focus)
        self._bring_into_view(column)
        self.sync_bindings()

    def on_focus(self) -> None:
        column = self.focused_column
        if column is not None:
            column.set_look(current=True, focused=True)

    def on_blur(self) -> None:
        column = self.focused_column
        if column is not None:
            column.set_look(current=True, focused=False)

    def _binding_state(self) -> tuple[bool, bool, bool, bool, bool]:
        # What `check_action` answers from: between two middle columns nothing changes.
        index = self.focused_index
        return (
            index is None,
            index == 0,
            index == len(self._columns) - 1,
            self.highlighted_card is not None,
            bool(self.marked),
        )

    def sync_bindings(self) -> None:
        """Refresh the footer only when what the keys can do changed (each refresh rebuilds it)."""
        state = self._binding_state()
        if state != self._published:
            self._published = state
            self.refresh_bindings()

    # Actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only what makes sense where the cursor is."""
        index = self.focused_index
        last = len(self._columns) - 1
        has_cards = bool(self.marked) or self.highlighted_card is not None
        # At an edge a move is dimmed (None), not hidden (False): the footer keeps its keys
        # and only greys one, instead of being rebuilt at every column change.
        if action in ("focus_column_left", "move_card_left"):
            possible = index is not None and index > 0
            return None if not possible else action == "focus_column_left" or has_cards
        if action in ("focus_column_right", "move_card_right"):
            possible = index is not None and index < last
            return None if not possible else action == "focus_column_right" or has_cards
        if action == "toggle_mark":
            return self.multi_select and self.highlighted_card is not None
        if action == "clear_marks":
            return bool(self.marked)
        if action == "open_card":
            return self.highlighted_card is not None
        return True

    def _move_cursor(self, to: Callable[[BoardColumn, int], int]) -> None:
        """Move the current column's cursor to `to(column, cursor)` (clamped)."""
        column = self.focused_column
        if column is not None and column.cursor is not None:
            column.move_cursor_to(to(column, column.cursor))

    def action_cursor_down(self) -> None:
        """Highlight the next card; stay on the last one rather than wrap around."""
        self._move_cursor(lambda column, cursor: cursor + 1)

    def action_cursor_up(self) -> None:
        """Highlight the previous card; stay on the first one rather than wrap around."""
        self._move_cursor(lambda column, cursor: cursor - 1)

    def action_page_down(self) -> None:
        """Highlight the card a screenful further down."""
        self._move_cursor(lambda column, cursor: cursor + column.visible_cards)

    def action_page_up(self) -> None:
        """Highlight the card a screenful further up."""
        self._move_cursor(lambda column, cursor: cursor - column.visible_cards)

    def action_first_card(self) -> None:
        """Highlight the first card of the column."""
        self._move_cursor(lambda column, cursor: 0)

    def action_last_card(self) -> None:
        """Highlight the last card of the column."""
        self._move_cursor(lambda column, cursor: len(column.accounts) - 1)

    def action_open_card(self) -> None:
        """Ask to open the highlighted account."""
        card = self.highlighted_card
        if card is not None:
            self.post_message(self.OpenRequested(card.account.id))

    def _clicked(self, column: BoardColumn, index: int) -> None:
        """A click makes the column current and highlights the card; a click on the
        highlighted card opens it."""
        if column is self.focused_column and column.cursor == index:
            self.action_open_card()
            return
        column.move_cursor_to(index)
        self._make_current(column.key)
        self._take_focus()

    def action_focus_column_left(self) -> None:
        """Go to the column on the left."""
        self._focus_neighbour(-1)

    def action_focus_column_right(self) -> None:
        """Go to the column on the right."""
        self._focus_neighbour(1)

    def _focus_neighbour(self, step: int) -> None:
        index = self.focused_index
        if index is None:
            self.focus_first()
            return
        keys = self.keys
        target = index + step
        if 0 <= target < len(keys):
            self._make_current(keys[target])

    def action_move_card_left(self) -> None:
        """Ask to move the card (or the marked cards) one column left."""
        self._request_move(-1)

    def action_move_card_right(self) -> None:
        """Ask to move the card (or the marked cards) one column right."""
        self._request_move(1)

    def _request_move(self, step: int) -> None:
        index = self.focused_index
        if index is None:
            return
        keys = self.keys
        target = index + step
        ids = self.selection()
        if ids and 0 <= target < len(keys):
            self.post_message(self.MoveRequested(ids, keys[target]))

    def selection(self) -> tuple[int, ...]:
        """The marked accounts, or the highlighted one when nothing is marked."""
        if self.marked:
            return tuple(sorted(self.marked))
        card = self.highlighted_card
        return (card.account.id,) if card else ()

    def action_toggle_mark(self) -> None:
        """Mark or unmark the highlighted card, then go to the next one."""
        column = self.focused_column
        card = self.highlighted_card
        if column is None or card is None:
            return
        account_id = card.account.id
        if account_id in self.marked:
            self.marked.discard(account_id)
        else:
            self.marked.add(account_id)
        column.mark_changed(account_id)
        self.action_cursor_down()
        self.post_message(self.MarksChanged(len(self.marked)))
        self.sync_bindings()

    def action_clear_marks(self) -> None:
        """Unmark every card."""
        self.clear_marks()

    def clear_marks(self, keep: set[int] | None = None) -> None:
        """Unmark every card (except those in `keep`)."""
        dropped = self.marked - (keep or set())
        if not dropped:
            return
        self.marked -= dropped
        for column in self._columns.values():
            column.refresh()
        self.post_message(self.MarksChanged(len(self.marked)))
        self.sync_bindings()

    # The mouse

    def on_click(self, event: events.Click) -> None:
        """A click on a card highlights it, a second click opens it."""
        under = self._card_under(event)
        if under is not None and under[1] is not None:
            self._clicked(under[0], under[1])

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        """The wheel scrolls the cards of the column under the mouse, a card a notch."""
        self._wheel(event, 1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        """The wheel scrolls the cards of the column under the mouse, a card a notch."""
        self._wheel(event, -1)

    def _wheel(self, event: events.MouseEvent, step: int) -> None:
        event.stop()
        under = self._card_under(event)
        if under is not None:
            under[0].scroll_cards(step)

    def scroll_columns(self, step: int) -> None:
        """Show the columns `step` places further right (left when negative); the current
        column becomes the nearest one still on screen."""
        first, columns = self._first, self.columns
        shown = len(self._shown)
        self._first = max(0, min(first + step, len(columns) - shown))
        current = self.focused_column
        if self._first != first and current is not None and shown:
            index = columns.index(current)
            nearest = min(max(index, self._first), self._first + shown - 1)
            if nearest != index:
                self._make_current(columns[nearest].key)
        self._lay_out()

    def on_mouse_scroll_right(self, event: events.MouseScrollRight) -> None:
        """A sideways wheel shows the columns further right."""
        event.stop()
        self.scroll_columns(1)

    def on_mouse_scroll_left(self, event: events.MouseScrollLeft) -> None:
        """A sideways wheel shows the columns further left."""
        event.stop()
        self.scroll_columns(-1)
