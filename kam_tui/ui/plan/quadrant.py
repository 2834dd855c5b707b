"""One SWOT quadrant: a focusable list of items showing priority as a label and a colour."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kam_tui.domain.models import QUADRANT_LABELS, SwotItem
from kam_tui.ui.plan.base import EdgeReached, at_edge
from kam_tui.ui.user_text import literal, printable

PRIORITY_TAGS: dict[str, tuple[str, str]] = {
    "high": ("HIGH", "$error"),
    "medium": ("MED ", "$warning"),
    "low": ("LOW ", "$success"),
}
"""Priority -> (label, theme colour) shown in front of each item."""


class SwotItemOption(Option):
    """A SWOT item as a row of its quadrant, with the stable id `swot-<id>`."""

    def __init__(self, item: SwotItem) -> None:
        unknown = (printable(item.priority.upper()), "$warning")
        label, colour = PRIORITY_TAGS.get(item.priority, unknown)
        text = literal(item.text.strip(), multiline=True)
        prompt = Content.assemble((label, f"bold {colour}"), " ", text)
        super().__init__(prompt, id=f"swot-{item.id}")
        self.item = item
        """The item shown."""


class SwotQuadrant(OptionList):
    """The items of one quadrant; at its top or bottom edge, up/down leave the quadrant."""

    DEFAULT_CSS = """
    SwotQuadrant {
        height: 1fr;
        max-height: 100%;
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        border-title-style: bold;
        padding: 0;
        &:focus {
            border: round $accent;
            border-title-color: $text;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "up,k",
            "cursor_up",
            "Up",
            show=False,
            id="swot-cursor-up",
            tooltip="Previous item; from the first, the quadrant above (the bell at the top)",
        ),
        Binding(
            "down,j",
            "cursor_down",
            "Down",
            show=False,
            id="swot-cursor-down",
            tooltip="Next item; from the last, the quadrant below (the bell at the bottom)",
        ),
    ]

    def __init__(self, quadrant: str) -> None:
        super().__init__(id=f"quadrant-{quadrant}")
        self.quadrant = quadrant
        """S, W, O or T."""
        self.border_title = QUADRANT_LABELS[quadrant]

    @property
    def highlighted_item(self) -> SwotItem | None:
        """The item under the cursor."""
        option = self.highlighted_option
        return option.item if isinstance(option, SwotItemOption) else None

    def show_items(self, items: Sequence[SwotItem], *, keep: int | None = None) -> None:
        """Show `items` in order, keeping the cursor on item `keep` (or the current one)."""
        current = self.highlighted_item
        keep_id = keep if keep is not None else (current.id if current else None)
        old_index = self.highlighted
        self.set_options(SwotItemOption(item) for item in items)
        self.border_title = f"{QUADRANT_LABELS[self.quadrant]} ({len(items)})"
        if not items:
            self.highlighted = None
            return
        ids = [item.id for item in items]
        if keep_id in ids:
            self.highlighted = ids.index(keep_id)
        else:
            self.highlighted = min(old_index or 0, len(items) - 1)

    def action_cursor_up(self) -> None:
        """Previous item, or leave the quadrant upwards from the first."""
        if at_edge(self, "up"):
            self.post_message(EdgeReached(self, "up"))
        else:
            super().action_cursor_up()

    def action_cursor_down(self) -> None:
        """Next item, or leave the quadrant downwards from the last."""
        if at_edge(self, "down"):
            self.post_message(EdgeReached(self, "down"))
        else:
            super().action_cursor_down()
