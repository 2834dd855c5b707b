"""The canvas of a board: lays out its columns side by side and draws them as one widget.

Textual composes a frame widget by widget, line by line, over every widget beside the lines
that changed: with one widget for the whole board, a card move costs the lines of the two
columns it changed. The columns are plain objects (`BoardColumn`) that keep their lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.color import Color
from textual.filter import LineFilter
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widget import Widget

from kam_tui.ui.boards.column import BoardColumn
from kam_tui.ui.boards.column_styles import COLUMN_COMPONENT_CLASSES, COLUMN_STYLES

MIN_COLUMN_WIDTH = 16
"""Below this width a column would not show a card's name: fewer columns are shown, and
the board scrolls sideways to the current one."""


class BoardCanvas(Widget):
    """Columns side by side, as many as fit; a scrollbar line below when some do not."""

    DEFAULT_CSS = (
        """
    BoardCanvas {
        height: 1fr;
        background: $surface;
"""
        + COLUMN_STYLES
        + """
    }
    """
    )
    COMPONENT_CLASSES: ClassVar[set[str]] = COLUMN_COMPONENT_CLASSES

    def __init__(self) -> None:
        super().__init__()
        self._columns: dict[str, BoardColumn] = {}
        self._first = 0
        """The position of the leftmost column shown."""
        self._shown: list[BoardColumn] = []
        """The columns on screen, left to right."""
        self._joined: dict[int, tuple[tuple[Strip, ...], Strip]] = {}
        """Line -> the column lines it was joined from, and the line."""
        self._bottom: tuple[tuple[object, ...], Strip] | None = None
        self._looks: tuple[object, ...] | None = None
        """The theme and column styles everything cached was drawn in."""
        self._looks_checked = False

    @property
    def keys(self) -> list[str]:
        """The column keys, left to right."""
        return list(self._columns)

    def column(self, key: str) -> BoardColumn | None:
        """The column for `key`."""
        return self._columns.get(key)

    @property
    def columns(self) -> list[BoardColumn]:
        """Every column, left to right (shown or not)."""
        return list(self._columns.values())

    @property
    def shown_columns(self) -> list[BoardColumn]:
        """The columns on screen, left to right."""
        return list(self._shown)

    def column_in_view(self) -> BoardColumn | None:
        """The column the layout keeps on screen (the board's current one)."""
        return None

    # Layout

    def _lay_out(self) -> None:
        """Place the columns: as many as fit at MIN_COLUMN_WIDTH, sharing the width, from
        the first shown, scrolled sideways a column at a time to keep `column_in_view` on
        screen; a line below them for the sideways scrollbar when some are not shown."""
        columns = list(self._columns.values())
        width, height = self.size
        shown = min(len(columns), max(1, width // MIN_COLUMN_WIDTH))
        keep = self.column_in_view()
        if keep in columns:
            index = columns.index(keep)
            self._first = min(self._first, index)
            self._first = max(self._first, index - shown + 1)
        self._first = max(0, min(self._first, len(columns) - shown))
        self._shown = columns[self._first : self._first + shown]
        body = height - 1 if shown < len(columns) else height
        for place, column in enumerate(self._shown):
            x = place * width // shown
            column.resize(x, (place + 1) * width // shown - x, body)
        self.refresh()

    def _bring_into_view(self, column: BoardColumn) -> None:
        """Scroll sideways, a column at a time, until `column` is on screen."""
        if column not in self._shown and self._shown:
            self._lay_out()

    def on_resize(self) -> None:
        self._lay_out()

    # Drawing (the host of the columns)

    def column_style(self, name: str) -> VisualStyle:
        """The style of one of the `board-column--*` component classes."""
        return self.get_visual_style(name)

    def parse_style(self, style: str | VisualStyle) -> VisualStyle:
        """A style of a card's text resolved against the theme, as Textual's own text."""
        return self._get_style(style)

    def repaint_column(self, column: BoardColumn, region: Region | None = None) -> None:
        """Draw `region` of `column` again (None: all of it), if it is on screen."""
        if column not in self._shown:
            return
        if region is None:
            self.refresh(column.region)
        else:
            self.refresh(region.translate((column.x, 0)))

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw the lines in `crop`: each joins the lines of the columns side by side.

        The board has no border, padding, tint or opacity, and every line carries its own
        colours, so Textual's per-line styling pass has nothing to add. A line whose
        columns did not change is the very same Strip as before, so Textual's caches (cuts,
        filters, the terminal's bytes) hit as well."""
        if not self._looks_checked:
            self._check_looks()
        filters = self.app.get_line_filters()
        background = self.background_colors[1]
        width = self.size.width
        # The columns pass their lines through the filters once, when they draw them.
        columns = [column.lines(filters, background) for column in self._shown]
        joined = self._joined
        strips: list[Strip] = []
        for y in crop.line_range:
            parts = tuple(lines[y] for lines in columns if y < len(lines))
            if not parts:
                parts = (self._bottom_line(width, filters, background),)
            cached = joined.get(y)
            if cached is not None and cached[0] == parts:
                strips.append(cached[1])
                continue
            strip = Strip.join(parts) if len(parts) > 1 else parts[0]
            joined[y] = (parts, strip)
            strips.append(strip)
        start, end = crop.column_span
        if (start, end) != (0, width):
            strips = [strip.crop(start, end) for strip in strips]
        return strips

    def _bottom_line(self, width: int, filters: Sequence[LineFilter], background: Color) -> Strip:
        """Below the columns: the sideways scrollbar (or blank, on an empty board)."""
        count = len(self._columns)
        key = (width, self._first, len(self._shown), count, tuple(filters), background)
        if self._bottom is not None and self._bottom[0] == key:
            return self._bottom[1]
        if not self._shown or not count:
            strip = Strip.blank(width, self.rich_style)
        else:
            start = self._first * width // count
            end = max(start + 1, (self._first + len(self._shown)) * width // count)
            track = self.get_visual_style("board-column--scrollbar").rich_style
            thumb = self.get_visual_style("board-column--scrollbar-thumb").rich_style
            strip = Strip.join(
                [
                    Strip.blank(start, track),
                    Strip.blank(end - start, thumb),
                    Strip.blank(width - end, track),
                ]
            )
        for line_filter in filters:
            strip = strip.apply_filter(line_filter, background)
        self._bottom = (key, strip)
        return strip

    def notify_style_update(self) -> None:
        """A theme or CSS change: the looks are compared before the next paint."""
        super().notify_style_update()
        self._looks_checked = False

    def _check_looks(self) -> None:
        """Redraw every card when the theme or a column style changed. A restyle that
        changes none of them (the board taking or losing the focus) keeps what was drawn:
        redrawing every card would repeat the first paint's work right after it."""
        self._looks_checked = True
        looks = (
            self.app.current_theme,
            *(self.get_visual_style(name) for name in sorted(COLUMN_COMPONENT_CLASSES)),
        )
        if looks == self._looks:
            return
        self._looks = looks
        self._joined.clear()
        self._bottom = None
        for column in self._columns.values():
            column.forget_looks()

    # The mouse

    def _card_under(self, event: events.MouseEvent) -> tuple[BoardColumn, int | None] | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        for column in self._shown:
            if column.x <= offset.x < column.x + column.width:
                return column, column.index_at(offset.y)
        return None
