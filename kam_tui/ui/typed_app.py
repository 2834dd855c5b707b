"""The running app typed as KamApp, and the small UI helpers every view shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.style import Style
from textual.app import App

if TYPE_CHECKING:
    from kam_tui.ui.app import KamApp

UNDO_HINT = "u undoes it"
"""Appended to the notification of a destructive change."""


def kam_app(app: App[object]) -> KamApp:
    """The running app, typed as the KamApp that owns the repository, settings and clock."""
    return cast("KamApp", app)


def theme_style(app: App[object], variable: str, *, bold: bool = False) -> Style:
    """A Rich style in the colour of a theme variable (for DataTable cells, which take Rich)."""
    colour = app.get_css_variables().get(variable)
    return Style(color=colour, bold=bold) if colour else Style(bold=bold)
