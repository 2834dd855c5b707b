"""The Lists view (placeholder until it is built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Header, Static

from kam_tui.screens.base import ViewScreen


class ListsScreen(ViewScreen):
    """The Lists view."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Lists")
        yield Footer()
