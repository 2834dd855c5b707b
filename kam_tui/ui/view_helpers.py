"""Small UI helpers every view shares, free of the app and the application layer."""

from __future__ import annotations

from rich.style import Style
from textual.app import App
from textual.color import Color, ColorParseError

UNDO_HINT = "u undoes it"
"""Appended to the notification of a destructive change."""


def theme_style(app: App[object], variable: str, *, bold: bool = False) -> Style:
    """A Rich style in the colour of a theme variable (for DataTable cells, which take Rich);
    read through Textual's colour parser, since the ANSI themes name colours (`ansi_red`)
    that Rich does not know."""
    colour = app.get_css_variables().get(variable)
    if not colour:
        return Style(bold=bold)
    try:
        return Style(color=Color.parse(colour).rich_color, bold=bold)
    except ColorParseError:
        return Style(bold=bold)
