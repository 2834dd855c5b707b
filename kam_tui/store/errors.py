"""Errors of the store, each carrying a message that says what is wrong and where."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A store cannot be opened or written; the message is meant for the user."""


class StoreCorruptError(StoreError):
    """The store file cannot be read as a kam-tui store. It is never overwritten."""

    def __init__(
        self,
        path: Path,
        problem: str,
        *,
        line: int | None = None,
        column: int | None = None,
        backup: Path | None = None,
        backups_tried: int = 0,
    ) -> None:
        where = str(path)
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        message = f"{where}: {problem}\nThe file was left untouched."
        if backup is not None:
            newest = "newest backup" if backups_tried <= 1 else "newest backup that loads"
            message += f"\nThe {newest} is {backup} (restore it with `kam restore`)."
        elif backups_tried:
            message += (
                f"\nNone of its {backups_tried} backup(s) loads either (`kam restore` lists them)."
            )
        else:
            message += "\nThere is no backup of it yet."
        super().__init__(message)
        self.path = path
        self.problem = problem
        self.line = line
        self.column = column
        self.backup = backup
        """The newest backup that loads whole, if any."""
        self.backups_tried = backups_tried
        """How many backups were read to find it (all of them when none loads)."""


class StoreVersionError(StoreError):
    """The store was written by a newer kam-tui."""


class StoreLockedError(StoreError):
    """Another kam process holds the store for writing."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(
            f"{path} is open in another kam ({holder}). "
            "Close it there first, or open this store read-only with --read-only."
        )
        self.path = path
        self.holder = holder


class BackupError(StoreError):
    """A backup could not be taken; the message names the backup folder and why."""


class ReadOnlyError(StoreError):
    """A change was asked of a store opened read-only."""


class StoreReplacedError(StoreError):
    """Another program replaced or deleted the store's file under this kam, gave it a second
    name (a hard link) or wrote it in place. Nothing was written over it."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(f"{path} {what} while kam ran")
        self.path = path
        self.what = what
        """What became of the path ("was replaced by another file", "was deleted", ...)."""
