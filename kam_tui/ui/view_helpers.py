"""Small UI helpers every view shares, free of the app and the application layer."""

from __future__ import annotations

from rich.style import Style
from textual.app import App

UNDO_HINT = "u undoes it"
"""Appended to the notification of a destructive change."""


def theme_style(app: App[object], variable: str, *, bold: bool = False) -> Style:
    """A Rich style in the colour of a theme variable (for DataTable cells, which take Rich)."""
    colour = app.get_css_variables().get(variable)
    return Style(color=colour, bold=bold) if colour else Style(bold=bold)
