"""One writer per store file: a lock on the file's own inode, and a lock file naming its holder.

Two kams must never both write one store, whichever name each reached it by. A path is not
enough: a symbolic link, a hard link or a removed lock file all make a second path to the
same data. So the writer holds an exclusive `flock` on the store file itself (its inode),
as well as on `<store>.lock`, whose text names the holder. Each save writes a new inode
(temporary file + rename): `atomic_write` locks the new file before renaming it over the
store and hands it to the lock here, which then lets go of the old inode. So the inode the
store's name points to is always locked by its writer, and a process that takes the inode
lock checks afterwards that the name still points to the inode it locked.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import threading
from datetime import UTC, datetime
from pathlib import Path

INODE_ATTEMPTS = 20
"""How often taking the store's inode lock is tried while saves keep replacing the file."""

_held: dict[Path, StoreLock] = {}
_held_mutex = threading.Lock()


def lock_path(store_path: Path) -> Path:
    """The lock file beside a store."""
    return store_path.with_name(store_path.name + ".lock")


def real_path(path: Path) -> Path:
    """`path` made absolute with every symbolic link resolved: the file that holds the data."""
    return Path(os.path.realpath(Path(path).expanduser().absolute()))


def held_lock(store_path: Path) -> StoreLock | None:
    """The lock this process holds on the store at `store_path` (a resolved path), if any."""
    with _held_mutex:
        return _held.get(store_path)


class StoreLock:
    """Exclusive `flock`s on the store file's inode and on `<store>.lock`.

    The kernel releases both if the process dies. The store path is resolved once here, so
    the lock is on the file a symbolic link points to, beside which saves are written.
    """

    def __init__(self, store_path: Path) -> None:
        self.store_path = real_path(store_path)
        """The store file (every link resolved)."""
        self.path = lock_path(self.store_path)
        """The lock file."""
        self._fd: int | None = None
        self._store_fd: int | None = None
        self._store_written: tuple[int, int] | None = None
        """Size and modification time of the held file when it was locked or written here."""
        self._mutex = threading.Lock()

    def acquire(self) -> str | None:
        """Take the lock; return None on success, or a description of the process holding it.

        Raises OSError when the lock file cannot be created or opened (full disk, read-only
        file system, no permission).
        """
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
        fd = os.open(self.path, flags, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            try:
                return self._read_holder(fd)
            finally:
                os.close(fd)
        try:
            inode_holder = self._lock_store_inode()
            if inode_holder is not None:
                os.close(fd)
                return inode_holder
            with contextlib.suppress(OSError):  # 0600 whatever the umask made of it
                os.fchmod(fd, 0o600)
            os.ftruncate(fd, 0)
            started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
            # Not fsynced: the kernel's flock is the lock, this line only names its holder.
            line = f"pid {os.getpid()} on {socket.gethostname()}, since {started}\n"
            os.write(fd, line.encode())
        except BaseException:  # a full disk: hold nothing, the store opens read-only
            self._fd = fd
            self.release()
            raise
        self._fd = fd
        with _held_mutex:
            _held[self.store_path] = self
        return None

    def _lock_store_inode(self) -> str | None:
        """Lock the inode the store's name points to; the holder's description if taken.

        A missing store has no inode yet: its first write (by `atomic_write`) brings one.
        """
        for _ in range(INODE_ATTEMPTS):
            try:
                fd = os.open(self.store_path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
            except FileNotFoundError:
                return None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                locked = os.fstat(fd)
                os.close(fd)
                return self._inode_holder(locked.st_dev, locked.st_ino)
            locked = os.fstat(fd)
            try:
                now = os.stat(self.store_path)
            except FileNotFoundError:
                now = None
            if now is not None and (now.st_dev, now.st_ino) == (locked.st_dev, locked.st_ino):
                self._store_fd = fd
                self._store_written = (locked.st_size, locked.st_mtime_ns)
                return None
            os.close(fd)  # a save replaced the file meanwhile: lock the new one
        return f"a process that keeps replacing {self.store_path}"

    def _inode_holder(self, device: int, inode: int) -> str:
        """Who holds the store's inode while `<store>.lock` was free: its lock file was removed."""
        pid = flock_owner(device, inode)
        who = f"pid {pid}" if pid is not None else "a process that did not say who it is"
        return f"{who}; its lock file {self.path} was removed while it ran"

    @staticmethod
    def _read_holder(fd: int) -> str:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 400).decode("utf-8", "replace").strip()
        return text or "a process that did not say who it is"

    def adopt(self, fd: int) -> None:
        """Hold `fd`, the new store file just renamed into place (already locked), instead of
        the file it replaced. Called by `atomic_write`; the lock now owns `fd`."""
        written = os.fstat(fd)
        with self._mutex:
            old, self._store_fd = self._store_fd, fd
            self._store_written = (written.st_size, written.st_mtime_ns)
        if old is not None:
            os.close(old)

    def outside_change(self) -> str | None:
        """What another program did to the store since this lock took or wrote it, or None.

        The path may name another file (`mv`, a sync tool, an editor's save), none (deleted),
        or the file may have a second name (a hard link, which a save would split) or have
        been written in place (`cp`, `>`), by a program that ignores the lock. One `fstat`
        and one `lstat`: cheap enough before every save.
        """
        with self._mutex:  # the descriptor is not closed by a save meanwhile
            held = os.fstat(self._store_fd) if self._store_fd is not None else None
            written = self._store_written
        try:
            now = os.lstat(self.store_path)
        except FileNotFoundError:
            return None if held is None else "was deleted"
        if held is None:
            return "was created by another program"
        if (now.st_dev, now.st_ino) != (held.st_dev, held.st_ino):
            return "was replaced by another file"
        if held.st_nlink > 1:
            return f"was given a second name (a hard link; it has {held.st_nlink} names now)"
        if (held.st_size, held.st_mtime_ns) != written:
            return "was written by another program"
        return None

    def release(self) -> None:
        """Let go of the lock (the lock file stays; it is harmless)."""
        with _held_mutex:
            if _held.get(self.store_path) is self:
                del _held[self.store_path]
        with self._mutex:
            fds = [fd for fd in (self._store_fd, self._fd) if fd is not None]
            self._store_fd = self._fd = None
        for fd in fds:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    @property
    def held(self) -> bool:
        """True while this process holds the lock."""
        return self._fd is not None


def flock_owner(device: int, inode: int) -> int | None:
    """The process holding an flock on a file, from Linux's /proc/locks (None elsewhere)."""
    wanted = f"{os.major(device):02x}:{os.minor(device):02x}:{inode}"
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as table:
            lines = table.read().splitlines()
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if "->" in fields:  # a process waiting for the lock, not holding it
            continue
        if len(fields) >= 6 and fields[1] == "FLOCK" and fields[5] == wanted:
            with contextlib.suppress(ValueError):
                return int(fields[4])
    return None
