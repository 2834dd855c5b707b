"""The footer: the keys on offer, most important first, drawn as one line by one widget.

Textual's Footer is a container of one widget per key, recomposed on every focus change
and asked to repaint key by key. Here the keys are one line: when a key is
dimmed at the edge of a board, one line is drawn again, not fourteen widgets. When the
keys do not all fit, the least important ones give way to the help key, shown as
"? more": the help lists every key.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

SEPARATOR = "▏"
"""Drawn left of the command palette's key, as Textual's footer does."""
DIM = Style(dim=True)
"""A key that is not available where the cursor is."""
OTHER_KEYS = "*"
"""Stands in `FOOTER_ORDER` for every binding id it does not name."""
FOOTER_ORDER: tuple[str, ...] = (
    # The way back from what the user did: a filter, marks, an opened account.
    "clear-filter",
    "clear-view-filter",
    "overdue-show-all",
    "clear-marks",
    "account-back",
    "overdue-close",
    "agenda-close",
    # What the view is for.
    "open-account",
    "overdue-open-account",
    "agenda-open-account",
    "portfolio-open",
    "move-card-left",
    "move-card-right",
    "mark-card",
    "new-account",
    "edit-account",
    "edit-cell",
    "filter",
    # A view's or a tab's own keys, in the order they are declared (the focused widget's
    # first, then its screen's).
    OTHER_KEYS,
    "account-next-tab",
    "account-previous-tab",
    "overview-plan-contact",
    "move-card-to",
    "cycle-sort",
    "sort-column",
    "filter-overdue",
    "filter-board",
    "delete-account",
    "undo",
    "quit",
    "help",
)
"""Binding ids from the most to the least important: the footer shows keys in this order,
and cuts from the end when they do not fit. The help key comes last: when keys are cut,
it is kept and says "more"."""
MORE = "more"
"""The help key's description when some keys do not fit."""
HELP_ACTION = "help"
"""The action of the help key, which lists every key."""


def footer_rank(binding_id: str) -> int:
    """Where a binding id stands in `FOOTER_ORDER` (an unnamed id stands with the others)."""
    try:
        return _RANKS[binding_id]
    except KeyError:
        return _RANKS[OTHER_KEYS]


_RANKS = {binding_id: rank for rank, binding_id in enumerate(FOOTER_ORDER)}


class OfferedKey(NamedTuple):
    """One key on offer."""

    key: str
    """The key pressed when the entry is clicked."""
    display: str
    """The key as shown (after the keymap)."""
    description: str
    """What it does."""
    action: str
    """The action it runs."""
    enabled: bool
    """False when the action makes no sense where the cursor is (drawn dim)."""
    tooltip: str
    """Shown when the mouse rests on the key."""
    binding_id: str = ""
    """The binding's id (what `FOOTER_ORDER` ranks)."""


class _Span(NamedTuple):
    start: int
    end: int
    key: OfferedKey


class _Looks(NamedTuple):
    base: Style
    key: Style
    description: Style
    hover_key: Style
    hover_description: Style
    separator: Style


def _width(key: OfferedKey, description: str) -> int:
    """The cells of a key drawn as " k description "."""
    return cell_len(key.display) + cell_len(description) + 3


class KamFooter(Widget, can_focus=False):
    """The keys the focused widget and its screen offer, then the command palette's key."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KamFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .kam-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .kam-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .kam-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        & > .kam-footer--separator {
            color: $foreground 20%;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "kam-footer--key",
        "kam-footer--description",
        "kam-footer--hover",
        "kam-footer--separator",
    }

    def __init__(self) -> None:
        super().__init__()
        self.keys: tuple[OfferedKey, ...] = ()
        """The keys shown, left to right."""
        self.palette: OfferedKey | None = None
        """The command palette's key, shown at the right end."""
        self._hover: OfferedKey | None = None
        self._spans: list[_Span] = []
        self._line: tuple[tuple[object, ...], Strip] | None = None
        self._looks: _Looks | None = None
        self._offered: dict[tuple[Binding, bool, str], OfferedKey] = {}
        """Each key as offered before: a card move asks for every key again."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    # What is offered

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Show the keys `screen` offers now; repaint only when they differ."""
        if not (self.app.app_focus and self.is_attached and screen is self.screen):
            return  # as Textual's footer: no flicker while the terminal is in the background
        keys: dict[str, OfferedKey] = {}
        palette: OfferedKey | None = None
        for _node, binding, enabled, tooltip in screen.active_bindings.values():
            if binding.action == "command_palette" and self.app.ENABLE_COMMAND_PALETTE:
                if palette is None:
                    palette = self._key(binding, enabled, tooltip)
            elif binding.show and binding.action not in keys:  # one key per action
                keys[binding.action] = self._key(binding, enabled, tooltip)
        # Sorted is stable: keys of the same rank keep the order they are declared in.
        shown = tuple(sorted(keys.values(), key=lambda key: footer_rank(key.binding_id)))
        if (shown, palette) != (self.keys, self.palette):
            self.keys, self.palette = shown, palette
            self.refresh()

    def _key(self, binding: Binding, enabled: bool, tooltip: str) -> OfferedKey:
        offered = self._offered.get((binding, enabled, tooltip))
        if offered is None:
            offered = self._offered[binding, enabled, tooltip] = OfferedKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip or binding.tooltip or binding.description,
                binding.id or "",
            )
        return offered

    # Drawing

    def render_line(self, y: int) -> Strip:
        """The keys from the left, then the palette's key at the right; when the keys do not
        all fit, as many as fit in order, then the help key as "more"."""
        width = self.size.width
        state = (width, self.keys, self.palette, self._hover)
        if self._line is not None and self._line[0] == state:
            return self._line[1]
        looks = self._looks
        if looks is None:
            looks = self._looks = self._read_looks()
        spans: list[_Span] = []
        right: list[Segment] = []
        palette = self.palette
        if palette is not None:
            # As Textual draws it: a separator, then "k description " (compact).
            right = [
                Segment(SEPARATOR, looks.separator),
                *self._entry(palette, palette.display, f" {palette.description}", looks),
                Segment(" ", looks.base),
            ]
        room = max(0, width - Segment.get_line_length(right))
        if palette is not None:
            spans.append(_Span(room + 1, width, palette))
        left: list[Segment] = []
        x = 0
        for key, description in self.fitting(room):
            entry = self._entry(key, f" {key.display} ", f"{description} ", looks)
            end = x + Segment.get_line_length(entry)
            spans.append(_Span(x, min(end, room), key))
            left.extend(entry)
            x = end
        strip = Strip(left).crop_extend(0, room, looks.base)
        if right:
            strip = Strip.join([strip, Strip(right).crop(0, width - room)])
        self._spans = spans
        self._line = (state, strip)
        return strip

    def fitting(self, room: int) -> list[tuple[OfferedKey, str]]:
        """The keys drawn in `room` cells, with their descriptions: every key when all fit
        (the last one's trailing space may go), else the most important ones that fit
        whole before the help key, which then says "more". No key is cut in the middle."""
        keys = [(key, key.description) for key in self.keys]
        if sum(_width(key, description) for key, description in keys) - 1 <= room:
            return keys
        more = next((key for key in self.keys if key.action == HELP_ACTION), None)
        budget = room + 1 - (_width(more, MORE) if more is not None else 0)
        shown: list[tuple[OfferedKey, str]] = []
        x = 0
        for key, description in keys:
            if key is more:
                continue
            x += _width(key, description)
            if x > budget:
                break
            shown.append((key, description))
        if more is not None and _width(more, MORE) - 1 <= room:
            shown.append((more, MORE))
        return shown

    def _read_looks(self) -> _Looks:
        """The footer's styles (kept until the next theme change: each read walks the CSS)."""
        base = self.rich_style
        hover = self.get_component_rich_style("kam-footer--hover")
        return _Looks(
            base,
            base + self.get_component_rich_style("kam-footer--key"),
            base + self.get_component_rich_style("kam-footer--description"),
            Style(bgcolor=hover.bgcolor),
            Style(color=hover.color, bgcolor=hover.bgcolor),
            self.get_component_rich_style("kam-footer--separator"),
        )

    def _entry(
        self, key: OfferedKey, shown_key: str, description: str, looks: _Looks
    ) -> list[Segment]:
        """One key's two segments, dim when not available, lit under the mouse."""
        key_style, description_style = looks.key, looks.description
        if key == self._hover:
            key_style += looks.hover_key
            description_style += looks.hover_description
        if not key.enabled:
            key_style += DIM
            description_style += DIM
        return [Segment(shown_key, key_style), Segment(description, description_style)]

    def notify_style_update(self) -> None:
        """A theme change draws the line again."""
        super().notify_style_update()
        self._line = self._looks = None

    # The mouse

    def _key_at(self, x: int) -> OfferedKey | None:
        self.render_line(0)  # the spans of the current width
        return next((span.key for span in self._spans if span.start <= x < span.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Light the key under the mouse and tell what it does."""
        key = self._key_at(event.x)
        if key != self._hover:
            self._hover = key
            self.tooltip = key.tooltip if key is not None else None
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click on a key presses it (a dimmed key only rings the bell)."""
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
