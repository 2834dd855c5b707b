"""What screens use of the running app, typed, and the small UI helpers every view shares."""

from __future__ import annotations

from datetime import date
from typing import Protocol, cast

from textual.app import App
from textual.binding import Binding
from textual.signal import Signal

from kam_tui.config.settings import Settings
from kam_tui.services import Workspace
from kam_tui.store.undo import Change


class KamAppApi(Protocol):
    """What screens use of the running app beyond Textual's App (KamApp provides it; the
    tests' PaneHost too), so no screen imports the app's module."""

    @property
    def workspace(self) -> Workspace:
        """The application layer: every query and change of data."""

    @property
    def settings(self) -> Settings:
        """The validated config."""

    @property
    def data_changed_signal(self) -> Signal[Change]:
        """The workspace's change feed, on the UI thread."""

    @property
    def today(self) -> date:
        """The clock's date."""

    @property
    def read_only_reason(self) -> str | None:
        """Why changes are refused, or None when the store is writable."""

    def open_account(self, account_id: int, tab: str | None = None) -> None:
        """Open an account's detail screen (on `tab`)."""

    def action_jump_to_account(self) -> None:
        """Search the accounts by name."""

    def get_key_display(self, binding: Binding) -> str:
        """How a binding's key is shown."""


def kam_app(app: App[object]) -> KamAppApi:
    """The running app, typed as what screens use of KamApp (workspace, settings, clock)."""
    return cast("KamAppApi", app)
