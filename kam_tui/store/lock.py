"""One writer per store: an advisory lock file that names its holder."""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
from datetime import UTC, datetime
from pathlib import Path


def lock_path(store_path: Path) -> Path:
    """The lock file beside a store."""
    return store_path.with_name(store_path.name + ".lock")


class StoreLock:
    """An exclusive `flock` on `<store>.lock`, released by the kernel if the process dies."""

    def __init__(self, store_path: Path) -> None:
        self.path = lock_path(store_path)
        """The lock file."""
        self._fd: int | None = None

    def acquire(self) -> str | None:
        """Take the lock; return None on success, or a description of the process holding it."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = self._read_holder(fd)
            os.close(fd)
            return holder
        os.ftruncate(fd, 0)
        started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        # Not fsynced: the kernel's flock is the lock, this line only names its holder
        # (an fsync here cost ~35 ms of every start).
        os.write(fd, f"pid {os.getpid()} on {socket.gethostname()}, since {started}\n".encode())
        self._fd = fd
        return None

    @staticmethod
    def _read_holder(fd: int) -> str:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 400).decode("utf-8", "replace").strip()
        return text or "a process that did not say who it is"

    def release(self) -> None:
        """Let go of the lock (the lock file stays; it is harmless)."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        """True while this process holds the lock."""
        return self._fd is not None
