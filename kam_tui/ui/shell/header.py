"""The header shown on every screen: view tabs, the view's filter and the save status."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar, NamedTuple, Protocol, cast

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events, on
from textual.app import ComposeResult
from textual.geometry import Spacing
from textual.message import Message
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

from kam_tui.ui.shell.filter_input import FilterInput
from kam_tui.ui.shell.save_status import (
    FREQUENT_LEVELS,
    SaveIndicator,
)
from kam_tui.ui.user_text import printable

FREQUENT_WIDTH = 10
"""Cells of the save status at the frequent levels, padding included: "Saving…" and "Saved"
take the same room, right-aligned, so a flip repaints the status and moves nothing."""
RARE_MAX_PERCENT = 60
"""The most of the header's width an error or read-only status takes (then cut with …)."""


@dataclass(frozen=True)
class ViewTab:
    """One main view as shown in the tab bar."""

    mode: str
    """The app mode that shows the view."""
    label: str
    """The view's name."""
    key: str
    """The key that switches to it, as displayed."""


class ShellApp(Protocol):
    """What the header reads from the app."""

    save_indicator: SaveIndicator

    def mode_of(self, screen: Screen[Any]) -> str:
        """The mode (view) a screen belongs to."""
        ...

    def view_tabs(self) -> list[ViewTab]:
        """The main views in tab order."""
        ...


class _Looks(NamedTuple):
    """The header's styles, read once from its CSS (until the next theme change)."""

    tab: Style
    active: Style
    hover: Style
    active_hover: Style
    title: Style
    levels: dict[str, Style]


class _Span(NamedTuple):
    start: int
    end: int
    tab: ViewTab


class KamHeader(Widget):
    """The top line of every screen: view tabs, title or filter, and save status.

    The line is drawn by this one widget: the save status flips twice at every change
    of the data, and the frame that paints a change paints the header too; as a row of
    labels, each flip would draw every label of the header again. Only the filter is a
    widget of its own, shown over the title while it is open.
    """

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KamHeader {
        dock: top;
        height: 1;
        width: 100%;
        layout: horizontal;
        background: $panel;
        color: $foreground;

        & > .kam-header--tab {
            color: $text-muted;
        }
        & > .kam-header--tab-active {
            background: $primary;
            color: $text;
            text-style: bold;
        }
        & > .kam-header--tab-hover {
            background: $boost;
            color: $text-muted;
        }
        & > .kam-header--tab-active-hover {
            background: $boost;
            color: $text;
            text-style: bold;
        }
        & > .kam-header--title {
            color: $text-muted;
        }
        & > .kam-header--saved {
            color: $success;
        }
        & > .kam-header--saving {
            color: $foreground-muted;
        }
        & > .kam-header--error {
            background: $error;
            color: $text;
            text-style: bold;
        }
        & > .kam-header--read-only {
            background: $warning;
            color: $text;
        }
        FilterInput {
            display: none;
            width: 1fr;
            height: 1;
            border: none;
            padding: 0 1;
            background: $boost;
            &:focus {
                border: none;
                background: $surface;
            }
        }
        &.-filtering FilterInput {
            display: block;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "kam-header--tab",
        "kam-header--tab-active",
        "kam-header--tab-hover",
        "kam-header--tab-active-hover",
        "kam-header--title",
        "kam-header--saved",
        "kam-header--saving",
        "kam-header--error",
        "kam-header--read-only",
    }

    @dataclass
    class FilterChanged(Message):
        """The filter text of the view changed (typed, cleared)."""

        header: KamHeader
        """The header whose filter changed."""
        text: str
        """The new filter; empty shows everything."""

        @property
        def control(self) -> KamHeader:
            """The header that sent the message."""
            return self.header

    def __init__(self) -> None:
        super().__init__(id="kam-header")
        self._return_focus: Widget | None = None
        self.tabs: tuple[ViewTab, ...] = ()
        """The view tabs, left to right."""
        self.active_mode = ""
        """The mode of the screen this header is on (its tab is lit)."""
        self.screen_title = ""
        """The screen's title (its sub_title), shown between the tabs and the save status."""
        self.indicator = SaveIndicator("", "saved")
        """The save status shown at the right end."""
        self.sync_text = ""
        """The team sync's state, shown left of the save status ("" without sync)."""
        self._hover: ViewTab | None = None
        self._spans: list[_Span] = []
        self._line: tuple[tuple[object, ...], Strip] | None = None
        self._looks: _Looks | None = None
        self._filter = FilterInput(
            placeholder="Filter: name, industry, assignee, tag", id="view-filter"
        )

    @property
    def shell(self) -> ShellApp:
        """The app, as the header sees it."""
        return cast(ShellApp, self.app)

    @property
    def save_text(self) -> str:
        """The words of the save status, as shown (before any cut for lack of room)."""
        return self.indicator.text

    @property
    def active_tab(self) -> ViewTab | None:
        """The tab lit for this screen's view."""
        return next((tab for tab in self.tabs if tab.mode == self.active_mode), None)

    def compose(self) -> ComposeResult:
        self.tabs = tuple(self.shell.view_tabs())
        self.active_mode = self.shell.mode_of(self.screen)
        yield self._filter

    def on_mount(self) -> None:
        self.watch(self.app, "save_indicator", self._show_save_indicator)
        self.watch(self.screen, "sub_title", self._show_title)
        if hasattr(type(self.app), "sync_status"):
            self.watch(self.app, "sync_status", self._show_sync)
        self.app.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)

    def _show_sync(self, text: str) -> None:
        shown = printable(text)
        if shown != self.sync_text and self.is_attached:
            self.sync_text = shown
            self._place_filter()
            self.refresh()

    def _screen_changed(self, screen: Screen[Any]) -> None:
        if screen is self.screen:  # shown again: the save status it missed while hidden
            self._show_save_indicator(self.shell.save_indicator)

    def _show_save_indicator(self, indicator: SaveIndicator) -> None:
        if not self.is_attached:  # the screen is being torn down (the app is exiting)
            return
        if self.screen not in self.app.screen_stack:
            return  # another view shows: drawn when this one shows again (_screen_changed)
        # A reason may quote a path or a file's words: drawn as segments, it must be printable.
        shown = printable(indicator.text)
        if shown is not indicator.text:
            indicator = replace(indicator, text=shown)
        if indicator != self.indicator:
            self.indicator = indicator
            self._place_filter()
            self.refresh()  # one line; its width does not change

    def _show_title(self, sub_title: str | None) -> None:
        title = printable(sub_title or "")
        if title != self.screen_title:
            self.screen_title = title
            self.refresh()

    def on_resize(self) -> None:
        self._place_filter()

    def _place_filter(self) -> None:
        """Put the filter where the title is: between the tabs and the save status."""
        width = self.size.width
        tabs, status = self._tabs_width(), self._status_width(width)
        right = status + self._sync_width(width - tabs - status)
        margin = Spacing(0, right, 0, tabs)
        if self._filter.styles.margin != margin:
            self._filter.styles.margin = margin  # a new layout, only when the width changes

    # Drawing

    def _tab_text(self, tab: ViewTab, label_cells: int | None = None) -> str:
        label = tab.label if label_cells is None else tab.label[:label_cells]
        return printable(f"{tab.key} {label}".rstrip())

    def _label_cells(self) -> int | None:
        """How much of each view's name the tabs show: all of it when the tabs leave room
        for the save status and a little title, else the first letters, else none (the
        keys alone), so the save status is never cut, nor the sync state when it fits."""
        room = self.size.width - self._status_width(self.size.width) - 2
        if self.sync_text:
            room -= cell_len(self.sync_text) + 1
        for cells in (None, 3, 0):
            if sum(cell_len(self._tab_text(tab, cells)) + 2 for tab in self.tabs) <= room:
                return cells
        return 0

    def _tabs_width(self) -> int:
        cells = self._label_cells()
        return sum(cell_len(self._tab_text(tab, cells)) + 2 for tab in self.tabs)

    def _status_width(self, width: int) -> int:
        """The save status's cells: fixed for the frequent levels, so a flip repaints only."""
        if self.indicator.level in FREQUENT_LEVELS:
            return FREQUENT_WIDTH
        return min(cell_len(self.indicator.text) + 2, width * RARE_MAX_PERCENT // 100)

    def render_line(self, y: int) -> Strip:
        """Tabs from the left, the save status at the right, the title centred between."""
        width = self.size.width
        filtering = self.has_class("-filtering")
        state: tuple[object, ...] = (width, self.tabs, self.active_mode, self.screen_title)
        state += (self.indicator, self._hover, filtering, self.sync_text)
        if self._line is not None and self._line[0] == state:
            return self._line[1]
        looks = self._looks
        if looks is None:
            looks = self._looks = self._read_looks()
        base = Style(bgcolor=self.rich_style.bgcolor)  # padding: background only
        segments: list[Segment] = []
        spans: list[_Span] = []
        x = 0
        label_cells = self._label_cells()
        for tab in self.tabs:
            active = tab.mode == self.active_mode
            if tab == self._hover:
                style = looks.active_hover if active else looks.hover
            else:
                style = looks.active if active else looks.tab
            text = self._tab_text(tab, label_cells)
            pad = Segment(" ", Style(bgcolor=style.bgcolor))
            segments += [pad, Segment(text, style), pad]
            end = x + cell_len(text) + 2
            spans.append(_Span(x, end, tab))
            x = end
        status_width = self._status_width(width)
        sync_width = self._sync_width(width - x - status_width)
        title_width = max(2, width - x - status_width - sync_width)
        if filtering:
            segments.append(Segment(" " * title_width, base))
        else:
            segments += self._title_segments(title_width, looks.title, base)
        if sync_width:
            segments += self._sync_segments(sync_width, looks)
        segments += self._status_segments(status_width, looks.levels[self.indicator.level])
        strip = Strip(segments).crop_extend(0, width, base)
        self._spans = spans
        self._line = (state, strip)
        return strip

    def _title_segments(self, width: int, style: Style, base: Style) -> list[Segment]:
        room = width - 2
        title = self.screen_title
        if cell_len(title) > room:
            title = set_cell_size(title, room - 1) + "…" if room > 0 else ""
        left = (room - cell_len(title)) // 2
        right = room - cell_len(title) - left
        return [
            Segment(" " * (1 + left), base),
            Segment(title, style),
            Segment(" " * (1 + right), base),
        ]

    def _status_segments(self, width: int, style: Style) -> list[Segment]:
        room = width - 2
        text = self.indicator.text
        if cell_len(text) > room:
            text = set_cell_size(text, room - 1) + "…" if room > 0 else ""
        pad = Style(bgcolor=style.bgcolor)
        fill = " " * (room - cell_len(text))  # right-aligned
        return [Segment(" " + fill, pad), Segment(text, style), Segment(" ", pad)]

    def _sync_width(self, room: int) -> int:
        """The sync state's cells: its words and a space, within the room tabs and save
        status leave (less two cells for the title's margins); cut with … past that."""
        if not self.sync_text:
            return 0
        return max(0, min(cell_len(self.sync_text) + 1, room - 2))

    def _sync_segments(self, width: int, looks: _Looks) -> list[Segment]:
        text = self.sync_text
        trouble = text.startswith(("sync:", "offline")) or "conflict" in text
        style = looks.levels["error" if trouble else "saving"]
        if cell_len(text) > width - 1:
            text = set_cell_size(text, width - 2) + "…" if width > 1 else ""
        pad = Style(bgcolor=style.bgcolor)
        return [Segment(text, style), Segment(" " * (width - cell_len(text)), pad)]

    def _read_looks(self) -> _Looks:
        """The header's styles (kept until the next theme change: each read walks the CSS)."""
        base = self.rich_style

        def component(name: str) -> Style:
            return base + self.get_component_rich_style(f"kam-header--{name}")

        return _Looks(
            component("tab"),
            component("tab-active"),
            component("tab-hover"),
            component("tab-active-hover"),
            component("title"),
            {level: component(level) for level in ("saved", "saving", "error", "read-only")},
        )

    def notify_style_update(self) -> None:
        """A theme change draws the line again."""
        super().notify_style_update()
        self._line = self._looks = None

    # The mouse

    def _tab_at(self, x: int) -> ViewTab | None:
        self.render_line(0)  # the spans of the current width
        return next((span.tab for span in self._spans if span.start <= x < span.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Light the tab under the mouse."""
        tab = self._tab_at(event.x)
        if tab != self._hover:
            self._hover = tab
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        """A click on a tab switches to its view."""
        tab = self._tab_at(event.x)
        if tab is not None:
            event.stop()
            await self.run_action(f"app.switch_view({tab.mode!r})")

    @property
    def filter_text(self) -> str:
        """The filter currently applied."""
        return self.query_one(FilterInput).value

    def open_filter(self) -> None:
        """Show the filter input and focus it, remembering where focus was."""
        focused = self.screen.focused
        if focused is not None and focused.parent is not self:
            self._return_focus = focused
        self.add_class("-filtering")
        self.query_one(FilterInput).focus()

    def close_filter(self, *, clear: bool) -> None:
        """Give focus back to the view; `clear` also empties and hides the filter."""
        filter_input = self.query_one(FilterInput)
        if clear:
            filter_input.value = ""
            self.remove_class("-filtering")
        target = self._return_focus
        if target is not None and target.is_attached:
            target.focus()
        else:
            self.screen.set_focus(None)
            self.screen.focus_next()
        if not filter_input.value:
            self.remove_class("-filtering")

    @on(Input.Changed, "#view-filter")
    def _filter_typed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.FilterChanged(self, event.value))

    @on(Input.Submitted, "#view-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close_filter(clear=False)
