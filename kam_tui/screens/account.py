"""The account detail screen (placeholder until it is built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class AccountScreen(Screen[None]):
    """Everything about one account."""

    BINDINGS = [("escape", "app.pop_screen", "Back")]

    def __init__(self, account_id: int) -> None:
        super().__init__()
        self.account_id = account_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Account {self.account_id}")
        yield Footer()
