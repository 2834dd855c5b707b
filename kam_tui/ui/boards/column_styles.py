"""How a board column looks: its CSS and the component classes its cards are drawn in."""

from __future__ import annotations

COLUMN_STYLES = """
    & > .board-column--header {
        background: $panel;
        color: $text;
    }
    & > .board-column--header-current {
        background: $primary-muted;
        color: $text;
    }
    & > .board-column--card {
        color: $foreground;
    }
    & > .board-column--card-current {
        color: $foreground;
        background: $foreground 5%;
    }
    & > .board-column--cursor {
        color: $foreground;
        background: $block-cursor-blurred-background;
    }
    & > .board-column--cursor-current {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    & > .board-column--scrollbar {
        background: $scrollbar-background;
    }
    & > .board-column--scrollbar-thumb {
        background: $scrollbar;
    }
    & > .board-column--edge {
        color: $panel;
    }
"""
"""The looks of the columns, nested in the CSS of the board that draws them."""


COLUMN_COMPONENT_CLASSES = {
    "board-column--header",
    "board-column--header-current",
    "board-column--card",
    "board-column--card-current",
    "board-column--cursor",
    "board-column--cursor-current",
    "board-column--scrollbar",
    "board-column--scrollbar-thumb",
    "board-column--edge",
}
