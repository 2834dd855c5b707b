"""App-wide messages: opening an account, data changes and the state of saving."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from kam_tui.store.repository import SaveState
from kam_tui.store.undo import Change


@dataclass
class OpenAccount(Message):
    """Any widget or screen asks the app to open an account's detail screen."""

    account_id: int
    """The account to open."""
    tab: str | None = None
    """The tab of the account screen to show first (None for its default)."""


@dataclass
class DataChanged(Message, bubble=False):
    """The repository applied a change, an undo or a redo.

    The app receives it from its repository listener and refreshes the active view; it
    also posts it to an active screen that is not a view (the account detail), which
    may handle it as `on_data_changed` to redraw itself.
    """

    change: Change | None
    """The change applied (for an undo: the change that was undone)."""


@dataclass
class SaveStateChanged(Message):
    """The background saver reports where saving stands (posted from its thread)."""

    state: SaveState
    """The new save state."""


@dataclass
class LoadFailed(Message):
    """A table of the store, loaded after the first paint, turned out to be broken."""

    error: str
    """What is wrong and where (file, line, column), and where the newest backup is."""


@dataclass
class SaveSettled(Message):
    """The wait for a pending save before quitting has ended."""

    error: str | None
    """Why saving still fails, or None when everything is on disk."""
