"""A board column: its header and its cards, drawn line by line by the board.

A column is not a widget: the board lays its columns out and draws them as one widget, so a
card move repaints the lines of two columns and Textual composes one widget, not one per
column. Only the lines on screen are drawn; a column of thousands of cards costs what its
visible lines cost, so a card move stays cheap however large the store grows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import NamedTuple, Protocol

from rich.segment import Segment
from textual.cache import LRUCache
from textual.color import Color
from textual.content import Content
from textual.filter import LineFilter
from textual.geometry import Region, Spacing
from textual.strip import Strip
from textual.style import Style as VisualStyle

from kam_tui.domain.models import Account
from kam_tui.ui.boards.card import Card

WIDE_CARD_WIDTH = 22
"""From this many cells a card fits detail, revenue and days on one line."""
EDGE_WIDTH = 2
"""The cells right of the cards: the scrollbar, then the line between columns."""
EDGE_CHARACTER = "▕"
"""The line between columns."""
CARD_PADDING = Spacing(0, 1, 0, 1)
"""The space left and right of a card's text and of the header."""
STRIP_CACHE_SIZE = 512
"""How many drawn cards (in one look each) a column keeps."""


WIDE_CARD_LINES = 2
"""A wide card: name, then revenue, days and detail."""
NARROW_CARD_LINES = 3
"""A narrow card: name, detail, then revenue and days."""


def lines_per_card(card_width: int) -> int:
    """The height of a card `card_width` cells wide."""
    return WIDE_CARD_LINES if card_width >= WIDE_CARD_WIDTH else NARROW_CARD_LINES


_account_id = attrgetter("id")

CardSource = Callable[[Account], Card]
"""Gives the card of an account (the board's screen builds and keeps them)."""
Locator = Callable[[str, int], int | None]
"""Where the board's screen last put an account in column `key`: its position, or None when
the account is not in that column. A position is checked before it is trusted (a filtered
column shows fewer accounts), and a column scans itself when it is wrong."""


class _Frame(NamedTuple):
    """The geometry of one paint of a column."""

    width: int
    card_width: int
    card_height: int
    thumb: range | None
    """The body lines of the scrollbar's thumb; None when every card fits."""
    card_style: VisualStyle = VisualStyle()
    """The look of a card."""
    cursor_style: VisualStyle = VisualStyle()
    """The look of the highlighted card."""


class _DrawnCard:
    """A card's lines in one look, and each line joined to the column's edge (made once)."""

    __slots__ = ("_joined", "lines")

    def __init__(self, lines: list[Strip]) -> None:
        self.lines = lines
        self._joined: dict[tuple[int, str, bool], Strip] = {}

    def line(self, number: int, bar: str, current: bool, column: BoardColumn) -> Strip:
        """Line `number` followed by the scrollbar cell `bar` and the line between columns."""
        key = (number, bar, current)
        strip = self._joined.get(key)
        if strip is None:
            joined = Strip.join([self.lines[number], column.edge(bar)])
            strip = self._joined[key] = column.finish(joined)
        return strip


class ColumnHost(Protocol):
    """What a column needs from the board that draws it."""

    def column_style(self, name: str) -> VisualStyle:
        """The style of one of the board's `board-column--*` component classes."""

    def parse_style(self, style: str | VisualStyle) -> VisualStyle:
        """A style of a card's text (`bold`, `$accent`) resolved against the theme."""

    def repaint_column(self, column: BoardColumn, region: Region | None = None) -> None:
        """Draw `region` of `column` again (None: all of it)."""


class BoardColumn:
    """One column: a header, then cards of a fixed height; a cursor highlights one card."""

    def __init__(
        self,
        key: str,
        header: Content,
        accounts: Sequence[Account],
        *,
        header_lines: int,
        card_for: CardSource,
        marked: set[int],
        host: ColumnHost,
        locate: Locator | None = None,
    ) -> None:
        self.key = key
        """The column's value: a status, a lifecycle list or an assignee."""
        self.header = header
        """The title and figures drawn above the cards."""
        self.accounts: Sequence[Account] = accounts
        """Every account of the column, in order (drawn only while visible)."""
        self.header_lines = header_lines
        """The height of the header."""
        self.cursor: int | None = 0 if accounts else None
        """The position of the highlighted card; None when the column is empty."""
        self._cursor_id: int | None = accounts[0].id if accounts else None
        self.top = 0
        """The position of the first card on screen."""
        self.current = False
        """True for the board's current column (the one the keys act on)."""
        self.focused = False
        """True when the board has the focus: the current column's cursor is bright."""
        self.x = 0
        """Where the column starts in the board (set by the board's layout)."""
        self.width = 0
        """The column's width, edge included (set by the board's layout)."""
        self.height = 0
        """The column's height, header included (set by the board's layout)."""
        self._card_for = card_for
        self._host = host
        self._locate = locate
        self._marked = marked
        self._strips: LRUCache[tuple[object, ...], _DrawnCard] = LRUCache(STRIP_CACHE_SIZE)
        self._header_strips: dict[tuple[object, ...], list[Strip]] = {}
        self._edges: dict[tuple[object, ...], Strip] = {}
        self._blanks: dict[tuple[object, ...], Strip] = {}
        self._frame = _Frame(0, 0, NARROW_CARD_LINES, None)
        self._painted: list[Strip] | None = None
        self._filters: tuple[LineFilter, ...] = ()
        self._background = Color(0, 0, 0)

    # What the column shows

    @property
    def region(self) -> Region:
        """Where the column is in the board."""
        return Region(self.x, 0, self.width, self.height)

    @property
    def card_height(self) -> int:
        """The lines of one card at the column's width."""
        return lines_per_card(self._card_width)

    @property
    def visible_cards(self) -> int:
        """How many whole cards fit below the header (at least one)."""
        return max(1, (self.height - self.header_lines) // self.card_height)

    @property
    def highlighted_account(self) -> Account | None:
        """The account under the cursor, if any."""
        cursor = self.cursor
        return self.accounts[cursor] if cursor is not None and cursor < len(self.accounts) else None

    @property
    def highlighted_card(self) -> Card | None:
        """The card under the cursor, if any."""
        account = self.highlighted_account
        return self._card_for(account) if account is not None else None

    def index_of(self, account_id: int) -> int | None:
        """The position of an account in the column, if it is there."""
        accounts = self.accounts
        cursor = self.cursor
        if cursor is not None:
            # The account is usually where the cursor was, or one card off after a move.
            for guess in (cursor, cursor + 1, cursor - 1):
                if 0 <= guess < len(accounts) and accounts[guess].id == account_id:
                    return guess
        if self._locate is not None:
            # A scan reads every account of the column: thousands, and out of the CPU's
            # caches after a save. The screen knows where it put the account.
            index = self._locate(self.key, account_id)
            if index is None:
                return None
            if index < len(accounts) and accounts[index].id == account_id:
                return index
        try:  # the ids are compared in C: a column may hold thousands of cards
            return list(map(_account_id, accounts)).index(account_id)
        except ValueError:
            return None

    def _set_cursor(self, index: int | None) -> None:
        self.cursor = index
        self._cursor_id = self.accounts[index].id if index is not None else None

    def show(self, header: Content, accounts: Sequence[Account]) -> None:
        """Show new figures and cards, keeping the cursor on the same account (or position).

        `accounts` may be the very list shown before, changed in place."""
        self.header = header
        self._header_strips.clear()
        self.accounts = accounts
        index = self.index_of(self._cursor_id) if self._cursor_id is not None else None
        if index is None:
            index = min(self.cursor or 0, len(accounts) - 1)
        self._set_cursor(index if index >= 0 else None)
        self._keep_cursor_visible()
        self.refresh()

    def set_look(self, *, current: bool, focused: bool) -> None:
        """Draw as the board's current column or not, bright when the board has the focus."""
        if (current, focused) != (self.current, self.focused):
            self.current = current
            self.focused = focused
            self.refresh()

    # The cursor and the scroll position

    def highlight(self, account_id: int) -> bool:
        """Put the cursor on an account's card; False when this column does not show it."""
        index = self.index_of(account_id)
        if index is None:
            return False
        self.move_cursor_to(index)
        return True

    def move_cursor_to(self, index: int) -> None:
        """Put the cursor on the card at `index` (clamped), scrolling it into view."""
        if not self.accounts:
            return
        index = max(0, min(index, len(self.accounts) - 1))
        before, top = self.cursor, self.top
        self._set_cursor(index)
        self._keep_cursor_visible()
        if top != self.top:
            self.refresh()
        elif before != index:
            self._refresh_card(before)
            self._refresh_card(index)

    def scroll_cards(self, delta: int) -> None:
        """Scroll by `delta` cards without moving the cursor."""
        top = self._clamped_top(self.top + delta)
        if top != self.top:
            self.top = top
            self.refresh()

    def mark_changed(self, account_id: int) -> None:
        """Draw an account's card again after it was marked or unmarked."""
        self._refresh_card(self.index_of(account_id))

    def _clamped_top(self, top: int) -> int:
        return max(0, min(top, len(self.accounts) - self.visible_cards))

    def _keep_cursor_visible(self) -> None:
        cursor = self.cursor
        if cursor is not None:
            if cursor < self.top:
                self.top = cursor
            elif cursor >= self.top + self.visible_cards:
                self.top = cursor - self.visible_cards + 1
        self.top = self._clamped_top(self.top)

    def _refresh_card(self, index: int | None) -> None:
        if index is None or not self.top <= index <= self.top + self.visible_cards:
            return
        height = self.card_height
        y = self.header_lines + (index - self.top) * height
        self.refresh(Region(0, y, self.width, height))

    # Drawing

    @property
    def _card_width(self) -> int:
        """The width of the cards: the column less its scrollbar and edge."""
        return max(0, self.width - EDGE_WIDTH)

    def lines(
        self, filters: Sequence[LineFilter] = (), background: Color | None = None
    ) -> list[Strip]:
        """Every line of the column, top to bottom, drawn from its caches and passed
        through the app's line `filters` (over `background`).

        A line showing what it showed before is the very same Strip, so the board's own
        cache of joined lines, and Textual's caches after it, hit as well."""
        filters = tuple(filters)
        if filters != self._filters or (background or self._background) != self._background:
            self.forget_looks()  # every cached line was filtered the old way
            self._filters = filters
            self._background = background or self._background
        painted = self._painted
        if painted is None:
            self._frame = self._measure()
            painted = self._painted = [self.render_line(y) for y in range(self.height)]
        return painted

    def refresh(self, region: Region | None = None) -> None:
        """Every change of what the column shows comes through here: forget the last paint
        and have the board draw `region` (None: the whole column) again."""
        self._painted = None
        self._host.repaint_column(self, region)

    def _measure(self) -> _Frame:
        width = self.width
        visible = self.visible_cards
        count = len(self.accounts)
        frame = _Frame(
            width,
            self._card_width,
            self.card_height,
            None,
            self._look(None),
            self._look(self.cursor),
        )
        if count <= visible:
            return frame
        body = max(1, self.height - self.header_lines)
        thumb = max(1, body * visible // count)
        start = round(self.top * (body - thumb) / (count - visible))
        return frame._replace(thumb=range(start, start + thumb))

    def render_line(self, y: int) -> Strip:
        """Draw line `y`: a header line, or a card line (or blank) with the scrollbar."""
        frame = self._frame
        if y < self.header_lines:
            return self._header_lines(frame.width)[y]
        line = y - self.header_lines
        index = self.top + line // frame.card_height
        thumb = frame.thumb
        bar = "thumb" if thumb is not None and line in thumb else "track" if thumb else "none"
        if index >= len(self.accounts):
            return self._blank_line(bar, frame)
        drawn = self._drawn_card(index, frame)
        return drawn.line(line % frame.card_height, bar, self.current, self)

    def _look(self, index: int | None) -> VisualStyle:
        """The style of the card at `index` (None: the column's blank background)."""
        if index is not None and index == self.cursor:
            bright = self.current and self.focused
            name = "board-column--cursor-current" if bright else "board-column--cursor"
        else:
            name = "board-column--card-current" if self.current else "board-column--card"
        return self._host.column_style(name)

    def _drawn_card(self, index: int, frame: _Frame) -> _DrawnCard:
        account = self.accounts[index]
        card = self._card_for(account)
        marked = account.id in self._marked
        style = frame.cursor_style if index == self.cursor else frame.card_style
        key = (card, frame.card_width, frame.card_height, marked, style)
        drawn = self._strips.get(key)
        if drawn is None:
            content = card.content(
                marked=marked,
                wide=frame.card_height == WIDE_CARD_LINES,
                width=frame.card_width - CARD_PADDING.width,
            )
            drawn = _DrawnCard(self._draw(content, frame.card_width, frame.card_height, style))
            self._strips[key] = drawn
        return drawn

    def _blank_line(self, bar: str, frame: _Frame) -> Strip:
        """A line below the last card."""
        key = (bar, self.current, frame.card_width)
        strip = self._blanks.get(key)
        if strip is None:
            blank = Strip.blank(frame.card_width, frame.card_style.rich_style)
            strip = self._blanks[key] = self.finish(Strip.join([blank, self.edge(bar)]))
        return strip

    def _header_lines(self, width: int) -> list[Strip]:
        key = (width, self.current)
        strips = self._header_strips.get(key)
        if strips is None:
            names = "board-column--header-current" if self.current else "board-column--header"
            text_width = max(0, width - 1)
            strips = [
                self.finish(Strip.join([strip, self.edge(None)]))
                for strip in self._draw(
                    self.header, text_width, self.header_lines, self._host.column_style(names)
                )
            ]
            self._header_strips[key] = strips
        return strips

    def _draw(self, content: Content, width: int, height: int, style: VisualStyle) -> list[Strip]:
        """Render text padded into exactly `height` lines of `width` cells in `style`: each
        line cut with an ellipsis when too long (the column never wraps).

        Drawn here, not through Textual's general text layout (wrapping, alignment,
        selection, links), which does far more work for one card; a column
        draws a card whenever one comes into view or changes its look."""
        rich_style = style.rich_style
        text_width = max(0, width - CARD_PADDING.width)
        left = Segment(" " * CARD_PADDING.left, rich_style)
        right = Segment(" " * CARD_PADDING.right, rich_style)
        parse_style = self._host.parse_style
        strips: list[Strip] = []
        for line in content.split("\n", allow_blank=True)[:height]:
            line = line.truncate(text_width, ellipsis=True, pad=True)
            segments = [left]
            segments.extend(
                Segment(text, (style + text_style).rich_style)
                for text, text_style in line.render(style, end="", parse_style=parse_style)
            )
            segments.append(right)
            strips.append(Strip(segments, width))
        blank = Strip.blank(width, rich_style)
        return strips + [blank] * (height - len(strips))

    def finish(self, strip: Strip) -> Strip:
        """A line made ready for the screen: through the app's line filters (done once per
        cached line, not at every paint)."""
        for line_filter in self._filters:
            strip = strip.apply_filter(line_filter, self._background)
        return strip

    def edge(self, bar: str | None) -> Strip:
        """The column's right edge: the scrollbar's cell (`thumb`, `track`, `none`, or None
        for no cell at all, beside the header), then the line between columns."""
        key = (bar, self.current)
        strip = self._edges.get(key)
        if strip is None:
            edge = self._host.column_style("board-column--edge").rich_style
            cells = [Segment(EDGE_CHARACTER, edge)]
            if bar is not None:
                names = {
                    "thumb": "board-column--scrollbar-thumb",
                    "track": "board-column--scrollbar",
                }
                style = (
                    self._host.column_style(names[bar]) if bar in names else self._look(None)
                ).rich_style
                cells.insert(0, Segment(" ", style))
            strip = self._edges[key] = Strip(cells, len(cells))
        return strip

    # Resizing and the theme

    def resize(self, x: int, width: int, height: int) -> None:
        """Place the column in the board. (What was drawn stays cached: every cache is
        keyed by the width it was drawn at.)"""
        if (x, width, height) == (self.x, self.width, self.height):
            return
        self.x, self.width, self.height = x, width, height
        self._keep_cursor_visible()  # cards change height at the two-line width
        self._painted = None

    def forget_looks(self) -> None:
        """A theme or CSS change: draw every card again."""
        self._painted = None
        self._strips.clear()
        self._header_strips.clear()
        self._blanks.clear()
        self._edges.clear()

    def index_at(self, y: int) -> int | None:
        """The position of the card drawn at line `y` of the column, if any."""
        if y < self.header_lines:
            return None
        index = self.top + (y - self.header_lines) // self.card_height
        return index if index < len(self.accounts) else None
