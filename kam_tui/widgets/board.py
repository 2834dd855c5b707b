"""The board: columns of account cards side by side, each column one OptionList."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets.option_list import Option, OptionDoesNotExist

from kam_tui.widgets.board_column import BoardColumn, BoardLane
from kam_tui.widgets.card import CardOption, card_option_id

__all__ = ["Board", "BoardColumn", "BoardLane"]


class Board(Widget):
    """Columns side by side: navigation, card moves and marks; the screen does the saving."""

    DEFAULT_CSS = """
    Board {
        layout: horizontal;
        overflow-x: auto;
        overflow-y: hidden;
        height: 1fr;
        scrollbar-size-horizontal: 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
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
    class MarksChanged(Message):
        """The set of marked cards changed."""

        count: int
        """How many cards are marked now."""

    def __init__(self, *, multi_select: bool = False, header_lines: int = 2) -> None:
        super().__init__()
        self.multi_select = multi_select
        """Whether space marks cards for a move of several at once."""
        self.header_lines = header_lines
        """The height of every column header."""
        self.marked: set[int] = set()
        """The ids of the accounts marked for a bulk move."""
        self._lanes: dict[str, BoardLane] = {}
        self._published: tuple[int | None, bool, bool] | None = None

    # Columns

    @property
    def keys(self) -> list[str]:
        """The column keys, left to right."""
        return list(self._lanes)

    def column(self, key: str) -> BoardColumn | None:
        """The column of cards for `key`."""
        lane = self._lanes.get(key)
        return lane.column if lane else None

    def set_lanes(self, lanes: Sequence[tuple[str, Content, Sequence[Option]]]) -> None:
        """Show these columns (key, header, cards), replacing every column there was."""
        focused = self.focused_column
        self.remove_children()
        self._lanes = {
            key: BoardLane(key, header, cards, self.header_lines) for key, header, cards in lanes
        }
        self.mount_all(self._lanes.values())
        if focused is not None and focused.key in self._lanes:
            self.call_after_refresh(self._lanes[focused.key].column.focus)

    def update_lane(self, key: str, header: Content, cards: Sequence[Option]) -> None:
        """Show new cards and figures in one column, keeping its highlight."""
        lane = self._lanes[key]
        lane.header.update(header, layout=False)
        lane.column.show_cards(cards)
        self.sync_bindings()

    @property
    def focused_column(self) -> BoardColumn | None:
        """The column that has the focus, if any."""
        focused = self.screen.focused if self.is_attached else None
        return focused if isinstance(focused, BoardColumn) and focused.key in self._lanes else None

    @property
    def focused_index(self) -> int | None:
        """The position of the focused column, left to right."""
        column = self.focused_column
        return self.keys.index(column.key) if column else None

    @property
    def highlighted_card(self) -> CardOption | None:
        """The highlighted card of the focused column."""
        column = self.focused_column
        return column.highlighted_card if column else None

    def focus_card(self, key: str, account_id: int | None = None) -> bool:
        """Focus a column and highlight an account in it; False when it is not shown."""
        column = self.column(key)
        if column is None:
            return False
        found = column.highlight_account(account_id) if account_id is not None else True
        column.focus()
        return found

    def focus_first(self) -> None:
        """Focus the first column that has cards (the first column when none has)."""
        for lane in self._lanes.values():
            if lane.column.cards:
                lane.column.focus()
                return
        if self._lanes:
            next(iter(self._lanes.values())).column.focus()

    def _binding_state(self) -> tuple[int | None, bool, bool]:
        return (self.focused_index, self.highlighted_card is not None, bool(self.marked))

    def on_descendant_focus(self) -> None:
        focused = self.focused_column
        for lane in self._lanes.values():
            lane.set_class(lane.column is focused, "-focused")
        # Textual refreshes the bindings itself when the focus moves.
        self._published = self._binding_state()

    def sync_bindings(self) -> None:
        """Refresh the footer only when what the keys can do changed (each refresh rebuilds it)."""
        state = self._binding_state()
        if state != self._published:
            self._published = state
            self.refresh_bindings()

    # Actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only what makes sense where the focus is."""
        index = self.focused_index
        last = len(self._lanes) - 1
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
        return True

    def action_focus_column_left(self) -> None:
        """Focus the column on the left."""
        self._focus_neighbour(-1)

    def action_focus_column_right(self) -> None:
        """Focus the column on the right."""
        self._focus_neighbour(1)

    def _focus_neighbour(self, step: int) -> None:
        index = self.focused_index
        if index is None:
            self.focus_first()
            return
        keys = self.keys
        target = index + step
        if 0 <= target < len(keys):
            self._lanes[keys[target]].column.focus()

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
        marked = not card.marked
        if marked:
            self.marked.add(card.account.id)
        else:
            self.marked.discard(card.account.id)
        column.mark_card(card, marked)
        column.action_cursor_down()
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
        for account_id in dropped:
            for lane in self._lanes.values():
                try:
                    card = lane.column.get_option(card_option_id(account_id))
                except OptionDoesNotExist:
                    continue
                if isinstance(card, CardOption):
                    lane.column.mark_card(card, False)
        self.post_message(self.MarksChanged(len(self.marked)))
        self.sync_bindings()
