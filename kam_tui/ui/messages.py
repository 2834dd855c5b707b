"""App-wide messages: loading and the state of saving."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from kam_tui.store.repository import SaveState


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
