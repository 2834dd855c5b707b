"""The Pipeline view (placeholder until it is built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Header, Static

from kam_tui.screens.base import ViewScreen


class PipelineScreen(ViewScreen):
    """The Pipeline view."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Pipeline")
        yield Footer()
