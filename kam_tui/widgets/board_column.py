"""A board column: one OptionList of account cards, and the lane that puts a header on it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from kam_tui.widgets.card import CardOption, MoreOption, card_option_id

WIDE_CARD_WIDTH = 22
"""From this many cells a card fits detail, revenue and days on one line."""


class BoardColumn(OptionList):
    """One column: its cards as options, so only the visible rows are rendered."""

    DEFAULT_CSS = """
    BoardColumn {
        height: 1fr;
        max-height: 100%;
        border: none;
        padding: 0;
        scrollbar-size-vertical: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        & > .option-list--option {
            padding: 0 1;
        }
        &:focus {
            border: none;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next card", show=False, id="card-down",
                tooltip="Highlight the next card of the column"),
        Binding("up,k", "cursor_up", "Previous card", show=False, id="card-up",
                tooltip="Highlight the previous card of the column"),
        Binding("enter", "open_card", "Open", id="open-account",
                tooltip="Open the highlighted account"),
    ]  # fmt: skip

    @dataclass
    class OpenRequested(Message):
        """The user asked to open the account of a card."""

        account_id: int
        """The account to open."""

    @dataclass
    class PageRequested(Message):
        """The cursor ran into a `… N more` line: show the cards beyond it."""

        column: BoardColumn
        """The column whose window should move."""
        account_id: int
        """The highlighted account, next to the hidden ones."""
        direction: int
        """1 for the cards below, -1 for those above."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        """The column's value: a status, a lifecycle list or an assignee."""
        self.wide_cards = False
        """Whether the column is wide enough for two-line cards."""

    @property
    def highlighted_card(self) -> CardOption | None:
        """The highlighted card, if any."""
        option = self.highlighted_option
        return option if isinstance(option, CardOption) else None

    @property
    def cards(self) -> list[CardOption]:
        """The cards shown, in order."""
        return [option for option in self.options if isinstance(option, CardOption)]

    def show_cards(self, options: Sequence[Option]) -> None:
        """Replace the options, keeping the highlight on the same account (or position)."""
        current = self.highlighted_card
        index = self.highlighted or 0
        scroll_y = self.scroll_y
        for option in options:
            if isinstance(option, CardOption) and option.wide != self.wide_cards:
                option.relayout(wide=self.wide_cards)
        self.set_options(options)
        if not any(isinstance(option, CardOption) for option in options):
            return
        self.scroll_to(y=scroll_y, animate=False, immediate=True)
        if current is None or not self.highlight_account(current.account.id):
            index = min(index, len(options) - 1)
            self.highlighted = index
            if options[index].disabled:
                self._step(-1 if index else 1)

    def _step(self, direction: int) -> None:
        """Highlight the next enabled option in `direction`, without wrapping around."""
        options = self.options
        start = -1 if self.highlighted is None else self.highlighted
        stop = len(options) if direction > 0 else -1
        for index in range(start + direction, stop, direction):
            if isinstance(options[index], MoreOption):
                card = self.highlighted_card
                if card is not None:
                    self.post_message(self.PageRequested(self, card.account.id, direction))
                return
            if not options[index].disabled:
                self.highlighted = index
                return

    def highlight_account(self, account_id: int) -> bool:
        """Highlight an account's card; False when this column does not show it."""
        try:
            self.highlighted = self.get_option_index(card_option_id(account_id))
        except OptionDoesNotExist:
            return False
        return True

    def mark_card(self, card: CardOption, marked: bool) -> None:
        """Draw one card as marked or not."""
        card.relayout(marked=marked)
        self.replace_option_prompt(card_option_id(card.account.id), card.prompt)

    def on_resize(self) -> None:
        """Lay the cards out again when the column crosses the two-line width."""
        wide = self.scrollable_content_region.width >= WIDE_CARD_WIDTH
        if wide == self.wide_cards:
            return
        self.wide_cards = wide
        self.show_cards(list(self.options))

    def action_cursor_up(self) -> None:
        """Highlight the previous card; stay on the first one rather than wrap around."""
        self._step(-1)

    def action_cursor_down(self) -> None:
        """Highlight the next card; stay on the last one rather than wrap around."""
        self._step(1)

    def action_open_card(self) -> None:
        """Ask to open the highlighted account."""
        card = self.highlighted_card
        if card is not None:
            self.post_message(self.OpenRequested(card.account.id))


class BoardLane(Vertical):
    """A column with its header: title and figures above the cards."""

    DEFAULT_CSS = """
    BoardLane {
        width: 1fr;
        min-width: 16;
        height: 1fr;
        border-right: vkey $panel;
        & > .lane-header {
            height: 2;
            padding: 0 1;
            background: $panel;
            color: $text;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
        &.-focused > .lane-header {
            background: $primary-muted;
        }
    }
    """

    def __init__(self, key: str, header: Content, cards: Sequence[Option], lines: int) -> None:
        super().__init__()
        self.key = key
        """The column's value."""
        self.column = BoardColumn(key)
        """The column of cards."""
        self.header = Static(header, classes="lane-header")
        """The title and figures."""
        self.header.styles.height = lines
        self.column.show_cards(cards)

    def compose(self) -> ComposeResult:
        yield self.header
        yield self.column
