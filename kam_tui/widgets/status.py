"""The header shown on every screen: view tabs, the view's filter and the save status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Literal, Protocol, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label

from kam_tui.store.repository import SaveState
from kam_tui.user_text import literal

SaveLevel = Literal["saved", "saving", "error", "read-only"]


@dataclass(frozen=True)
class SaveIndicator:
    """What the save status shows."""

    text: str
    """The words shown, e.g. "Saved" or "Cannot save: disk full (retrying)"."""
    level: SaveLevel
    """How worried the user should be: the colour of the text, or the `-<level>` class of the
    label for the rare ones (error, read-only)."""


FREQUENT_LEVELS = {"saved": "$success", "saving": "$foreground-muted"}
"""The levels shown at every change, with the colour of their text: "Saving…" shows from
the change until it is durable, at every key, so it is quiet; trouble is the error level."""


def describe_save_state(state: SaveState, read_only_reason: str | None) -> SaveIndicator:
    """The indicator for a save state; `read_only_reason` is set when nothing is ever saved.

    "Saved" means every change so far is on disk (written, fsynced and renamed into place);
    any change not yet there is "Saving…", however soon its save will end.
    """
    if read_only_reason is not None:
        return SaveIndicator(f"Read-only: {read_only_reason}", "read-only")
    if state.error:
        return SaveIndicator(f"Cannot save: {save_error_reason(state.error)} (retrying)", "error")
    if state.pending:
        return SaveIndicator("Saving…", "saving")
    return SaveIndicator("Saved", "saved")


def save_error_reason(error: str) -> str:
    """The short reason of a saver error ("No space left on device"), without path or retry."""
    reason = error.removesuffix("; retrying")
    return reason.rsplit(": ", 1)[-1] if ": " in reason else reason


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


class ViewTabLabel(Label):
    """One tab of the view bar; a click switches to its view."""

    def __init__(self, tab: ViewTab, *, active: bool) -> None:
        super().__init__(literal(f"{tab.key} {tab.label}"), classes="view-tab")
        self.mode = tab.mode
        """The mode this tab switches to."""
        self.set_class(active, "-active")

    async def on_click(self, event: events.Click) -> None:
        """Switch to this tab's view."""
        event.stop()
        await self.run_action(f"app.switch_view({self.mode!r})")


class FilterInput(Input):
    """The text filter of the current view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "clear_filter",
            "Clear filter",
            tooltip="Clear the filter, close it and go back to the view",
            id="clear-filter",
        ),
    ]

    def allow_focus(self) -> bool:
        """Only an open filter takes the focus.

        Hidden, it would still be the first focusable widget of a new screen, and keys
        typed while a view is first shown (`3` then `?`) would vanish into it.
        """
        header = self.parent
        return isinstance(header, KamHeader) and header.has_class("-filtering")

    def action_clear_filter(self) -> None:
        """Ask the header to clear and close the filter."""
        header = self.parent
        if isinstance(header, KamHeader):
            header.close_filter(clear=True)


class KamHeader(Horizontal):
    """The top line of every screen: view tabs, title or filter, and save status."""

    DEFAULT_CSS = """
    KamHeader {
        dock: top;
        height: 1;
        width: 100%;
        background: $panel;
        color: $foreground;

        .view-tab {
            padding: 0 1;
            color: $text-muted;
            &.-active {
                background: $primary;
                color: $text;
                text-style: bold;
            }
            &:hover {
                background: $boost;
            }
        }
        #header-title {
            width: 1fr;
            padding: 0 1;
            color: $text-muted;
            text-align: center;
            text-wrap: nowrap;
            text-overflow: ellipsis;
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
        &.-filtering {
            FilterInput {
                display: block;
            }
            #header-title {
                display: none;
            }
        }
        #save-status {
            width: auto;
            max-width: 60%;
            padding: 0 1;
            text-wrap: nowrap;
            text-overflow: ellipsis;
            /* The two states that flip at every change share a fixed width and differ only
               in the colour of their text, so a flip repaints one label: no new layout of
               the screen and no restyle. */
            &.-frequent {
                width: 10;
                text-align: right;
            }
            &.-error {
                background: $error;
                color: $text;
                text-style: bold;
            }
            &.-read-only {
                background: $warning;
                color: $text;
            }
        }
    }
    """

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
        self._save_status = Label("", id="save-status")
        """The save status, kept at hand: it changes twice at every change of the data."""

    @property
    def shell(self) -> ShellApp:
        """The app, as the header sees it."""
        return cast(ShellApp, self.app)

    def compose(self) -> ComposeResult:
        mode = self.shell.mode_of(self.screen)
        for tab in self.shell.view_tabs():
            yield ViewTabLabel(tab, active=tab.mode == mode)
        yield Label("", id="header-title")
        yield FilterInput(placeholder="Filter: name, industry, assignee, tag", id="view-filter")
        yield self._save_status

    def on_mount(self) -> None:
        self.watch(self.app, "save_indicator", self._show_save_indicator)
        self.watch(self.screen, "sub_title", self._show_title)

    def _show_save_indicator(self, indicator: SaveIndicator) -> None:
        label = self._save_status
        if not label.is_attached:  # the screen is being torn down (the app is exiting)
            return
        frequent = indicator.level in FREQUENT_LEVELS
        was_frequent = label.has_class("-frequent")
        classes = "-frequent" if frequent else f"-{indicator.level}"
        if not label.has_class(classes):
            label.set_classes(classes)
        colour = FREQUENT_LEVELS.get(indicator.level)
        text = Content.styled(indicator.text, colour) if colour else Content(indicator.text)
        label.update(text, layout=not (was_frequent and frequent))

    def _show_title(self, sub_title: str | None) -> None:
        for label in self.query("#header-title").results(Label):
            label.update(literal(sub_title or ""))

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
