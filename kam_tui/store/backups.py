"""Backups of a store, taken before a session first overwrites it, kept by count and by age."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kam_tui.store.errors import BackupError
from kam_tui.store.files import (
    atomic_write,
    private_folder,
    remove_stale_temps,
    temp_name_pattern,
)
from kam_tui.store.lock import real_path

KEEP_BACKUPS = 5
"""How many of the newest backups are always kept."""
KEEP_DAYS = 7
"""For this many days (today included), the first backup of each day is kept too."""
KEEP_WEEKS = 4
"""For this many weeks, the first backup of each calendar week is kept too."""
_BACKUP_NAME = r"-(\d{8}T\d{6}(?:\d{6})?Z)(?:-[a-z0-9-]+)?\.json"
"""A backup's name after the store's stem: its UTC time stamp, then its reason, if any."""
_STAMP = re.compile(_BACKUP_NAME + "$")


@dataclass(frozen=True)
class Backup:
    """One backup file of a store."""

    path: Path
    taken: datetime
    size: int


def backup_folder(store_path: Path) -> Path:
    """The folder holding the backups of a store: `backups/` beside the file (links resolved)."""
    return real_path(store_path).parent / "backups"


def list_backups(store_path: Path) -> list[Backup]:
    """The backups of a store, newest first."""
    store_path = real_path(store_path)
    folder = backup_folder(store_path)
    if not folder.is_dir():
        return []
    found: list[Backup] = []
    for candidate in folder.glob(f"{store_path.stem}-*.json"):
        match = _STAMP.search(candidate.name)
        if not match or not candidate.name.startswith(store_path.stem + "-"):
            continue
        raw = match.group(1)
        layout = "%Y%m%dT%H%M%S%fZ" if len(raw) > 16 else "%Y%m%dT%H%M%SZ"
        taken = datetime.strptime(raw, layout).replace(tzinfo=UTC)
        found.append(Backup(candidate, taken, candidate.stat().st_size))
    found.sort(key=lambda backup: backup.taken, reverse=True)
    return found


def newest_loadable_backup(
    store_path: Path, loads: Callable[[Path], bool]
) -> tuple[Path | None, int]:
    """The newest backup of a store for which `loads` is true, and how many were tried.

    A backup of a damaged store may be damaged too (the session backup of a broken file),
    so each is read, newest first, until one loads.
    """
    backups = list_backups(store_path)
    for tried, backup in enumerate(backups, start=1):
        if loads(backup.path):
            return backup.path, tried
    return None, len(backups)


def backups_to_keep(backups: list[Backup], now: datetime) -> set[Path]:
    """Which backups rotation keeps (`backups` newest first).

    The rule: the newest KEEP_BACKUPS (5); plus the first (oldest) backup of each of the
    last KEEP_DAYS (7) days, today included; plus the first backup of each of the calendar
    weeks (Monday to Sunday) of the last KEEP_WEEKS (4) weeks. Days and weeks are UTC. So a
    burst of sessions in one day never pushes out the version that day started from, and
    there is a version from each recent day and week to go back to; the folder holds at
    most 5 + 7 + 5 backups of a store.
    """
    keep = {backup.path for backup in backups[:KEEP_BACKUPS]}
    first_of_day: dict[object, Backup] = {}
    first_of_week: dict[object, Backup] = {}
    today = now.astimezone(UTC).date()
    for backup in backups:  # newest first: the last one seen per bucket is its first
        day = backup.taken.astimezone(UTC).date()
        age_in_days = (today - day).days
        if age_in_days < KEEP_DAYS:
            first_of_day[day] = backup
        if age_in_days < KEEP_WEEKS * 7:
            first_of_week[day.isocalendar()[:2]] = backup
    keep.update(backup.path for backup in first_of_day.values())
    keep.update(backup.path for backup in first_of_week.values())
    return keep


def _why_not_kams(folder: Path, info: os.stat_result) -> str | None:
    """Why the backup folder `folder` (its `lstat` is `info`) is not kam's to write into."""
    if stat.S_ISLNK(info.st_mode):
        return (
            f"the backup folder {folder} is a symbolic link; kam writes backups only into a "
            "folder of its own. Remove the link (kam then creates the folder)."
        )
    if not stat.S_ISDIR(info.st_mode):
        return f"the backup folder {folder} is not a folder"
    if info.st_uid != os.geteuid():
        return (
            f"the backup folder {folder} belongs to another user (uid {info.st_uid}); kam "
            "writes backups only into a folder you own. Move it away (kam then creates one)."
        )
    return None


def checked_backup_folder(store_path: Path) -> Path:
    """The backup folder, created (0700) if missing; BackupError if it is not kam's to use.

    Backups are written only into a real folder owned by this user: a symbolic link or a
    folder of another user could hand the store's content to someone else.
    """
    folder = backup_folder(store_path)
    try:
        if not os.path.lexists(folder):
            private_folder(folder)
        info = os.lstat(folder)
    except OSError as error:
        raise BackupError(f"cannot create the backup folder {folder}: {error.strerror}") from None
    problem = _why_not_kams(folder, info)
    if problem is not None:
        raise BackupError(problem)
    return folder


def backup_temp_pattern(store_path: Path) -> re.Pattern[str]:
    """The names of the temporary files that writing a backup of this store creates."""
    return temp_name_pattern(re.escape(real_path(store_path).stem) + _BACKUP_NAME)


def remove_stale_backup_temps(store_path: Path) -> list[Path]:
    """Remove the temporary files of backups a killed process left (call it under the lock);
    only in a backup folder kam would write into."""
    folder = backup_folder(store_path)
    try:
        info = os.lstat(folder)
    except OSError:
        return []
    if _why_not_kams(folder, info) is not None:
        return []
    return remove_stale_temps(folder, backup_temp_pattern(store_path))


def write_backup(store_path: Path, payload: bytes, *, reason: str = "") -> Path:
    """Save a store's bytes as its newest backup (mode 0600), then rotate (`backups_to_keep`).

    Raises BackupError, naming the folder, when the backup cannot be written.
    """
    store_path = real_path(store_path)
    folder = checked_backup_folder(store_path)
    now = datetime.now(UTC)
    stamp = now.strftime("%Y%m%dT%H%M%S%fZ")
    suffix = f"-{reason}" if reason else ""
    target = folder / f"{store_path.stem}-{stamp}{suffix}.json"
    try:
        atomic_write(target, payload)
    except OSError as error:
        raise BackupError(f"cannot write a backup into {folder}: {error.strerror}") from None
    backups = list_backups(store_path)
    keep = backups_to_keep(backups, now)
    for old in backups:
        if old.path not in keep:
            old.path.unlink(missing_ok=True)
    return target


def backup_store_file(store_path: Path, *, reason: str = "") -> Path | None:
    """Back up the store file as it is on disk now; None when there is no file.

    When the newest backup already holds exactly these bytes, no copy is made and that
    backup is returned: a session that changed nothing since does not push an older one out.
    """
    try:
        payload = store_path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise BackupError(f"cannot read {store_path} to back it up: {error.strerror}") from None
    if not payload:
        return None
    backups = list_backups(store_path)
    if backups and backups[0].size == len(payload):
        try:
            if backups[0].path.read_bytes() == payload:
                return backups[0].path
        except OSError:
            pass
    return write_backup(store_path, payload, reason=reason)
