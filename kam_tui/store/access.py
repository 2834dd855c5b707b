"""Deciding at open whether this process may write a store, and taking its lock if so."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from kam_tui.store.backups import remove_stale_backup_temps
from kam_tui.store.files import remove_stale_temps, temp_name_pattern
from kam_tui.store.lock import StoreLock


@dataclass(frozen=True)
class Access:
    """The outcome of claiming a store for writing: its lock, or why it opens read-only."""

    lock: StoreLock | None
    """Held when this process is the store's one writer."""
    locked_by: str | None = None
    """Who holds the store, when another kam does."""
    cannot_write: str | None = None
    """Why this store cannot be written from here (permissions, a full disk, hard links)."""


def _may_write(path: Path, info: os.stat_result, access: int) -> bool:
    """Whether the mode allows writing; an owner's missing write bit counts even for root."""
    if info.st_uid == os.geteuid() and not info.st_mode & stat.S_IWUSR:
        return False
    return os.access(path, access)


def unwritable_reason(path: Path) -> str | None:
    """Why the store at `path` (links resolved) cannot be written, or None if it can."""
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    if info is not None and not _may_write(path, info, os.W_OK):
        return (
            f"{path} has no write permission (mode {stat.S_IMODE(info.st_mode):04o}); "
            "give it write permission (chmod u+w) to edit it"
        )
    folder = path.parent
    folder_info = os.stat(folder)
    if not _may_write(folder, folder_info, os.W_OK | os.X_OK):
        return (
            f"the folder {folder} is not writable (mode "
            f"{stat.S_IMODE(folder_info.st_mode):04o}); each save writes a new file there"
        )
    return None


def claim_store(path: Path) -> Access:
    """Take the store at `path` (links resolved) for writing, or say why it opens read-only.

    Once the lock is held, the temporary files a killed save left behind are removed.
    """
    reason = unwritable_reason(path)
    if reason is not None:
        return Access(None, cannot_write=reason)
    lock = StoreLock(path)
    try:
        holder = lock.acquire()
    except OSError as error:
        return Access(
            None,
            cannot_write=f"cannot create the lock file {lock.path}: {error.strerror}",
        )
    if holder is not None:
        return Access(None, locked_by=holder)
    try:
        links = os.stat(path).st_nlink
    except FileNotFoundError:
        links = 1
    if links > 1:
        lock.release()
        return Access(
            None,
            cannot_write=f"{path} has {links} hard links (names of one file); each save "
            "replaces the file, which would split it from its other names: keep one name "
            "(a symbolic link is fine)",
        )
    remove_stale_temps(path.parent, temp_name_pattern(re.escape(path.name)))
    remove_stale_backup_temps(path)
    return Access(lock)
