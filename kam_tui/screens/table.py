"""The Table view (placeholder until it is built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Header, Static

from kam_tui.screens.base import ViewScreen


class TableScreen(ViewScreen):
    """The Table view."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Table")
        yield Footer()
