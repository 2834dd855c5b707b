"""Rotating backups of a store, taken before a session first overwrites it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kam_tui.store.files import atomic_write, private_folder

KEEP_BACKUPS = 5
"""How many backups are kept per store."""
_STAMP = re.compile(r"-(\d{8}T\d{6}(?:\d{6})?Z)(?:-[a-z0-9-]+)?\.json$")


@dataclass(frozen=True)
class Backup:
    """One backup file of a store."""

    path: Path
    taken: datetime
    size: int


def backup_folder(store_path: Path) -> Path:
    """The folder holding the backups of a store: `backups/` beside it."""
    return store_path.parent / "backups"


def list_backups(store_path: Path) -> list[Backup]:
    """The backups of a store, newest first."""
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


def newest_backup(store_path: Path) -> Path | None:
    """The newest backup of a store, if there is one."""
    backups = list_backups(store_path)
    return backups[0].path if backups else None


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


def write_backup(store_path: Path, payload: bytes, *, reason: str = "") -> Path:
    """Save a store's bytes as its newest backup; drop the oldest past KEEP_BACKUPS."""
    folder = backup_folder(store_path)
    private_folder(folder)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    suffix = f"-{reason}" if reason else ""
    target = folder / f"{store_path.stem}-{stamp}{suffix}.json"
    atomic_write(target, payload)
    for old in list_backups(store_path)[KEEP_BACKUPS:]:
        old.path.unlink(missing_ok=True)
    return target


def backup_store_file(store_path: Path, *, reason: str = "") -> Path | None:
    """Back up the store file as it is on disk now; None when there is no file."""
    try:
        payload = store_path.read_bytes()
    except FileNotFoundError:
        return None
    if not payload:
        return None
    return write_backup(store_path, payload, reason=reason)
