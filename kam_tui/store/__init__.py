"""Durable storage: TinyDB behind one repository, with atomic saves, a lock, backups and undo."""

from kam_tui.store.errors import (
    ReadOnlyError,
    StoreCorruptError,
    StoreError,
    StoreLockedError,
    StoreVersionError,
)
from kam_tui.store.repository import Repository, SaveState

__all__ = [
    "ReadOnlyError",
    "Repository",
    "SaveState",
    "StoreCorruptError",
    "StoreError",
    "StoreLockedError",
    "StoreVersionError",
]
