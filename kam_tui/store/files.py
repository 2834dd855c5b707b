"""File primitives: the atomic write, its temporary files, and a folder only its owner reads."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from kam_tui.store.errors import StoreReplacedError
from kam_tui.store.lock import StoreLock, held_lock, real_path

Pieces = list[bytes | memoryview]
"""A file's bytes as pieces written one after the other."""
NEW_FILE_MODE = 0o600
"""The mode of every file kam creates: only its owner may read it."""
_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


_SPECIAL_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def special_kind(path: Path) -> str:
    """What `path` is when it is there but not a regular file ('a named pipe'), else ''.

    Checked before a file is opened: reading a named pipe waits for a writer that never
    comes, and a device reads as endless or empty bytes.
    """
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return ""
    return next((kind for test, kind in _SPECIAL_KINDS if test(mode)), "")


def private_folder(folder: Path) -> None:
    """Create `folder` (mode 0700 for what is created here) if it is missing."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        os.chmod(folder, 0o700)


def fsync_folder(folder: Path) -> None:
    """Make a rename inside `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_name_pattern(target_name: str) -> re.Pattern[str]:
    """The names of the temporary files `atomic_write` creates for the files whose names
    match `target_name`, a regular expression (`re.escape` a plain name)."""
    return re.compile(rf"\.{target_name}\.[0-9a-f]+\.tmp")


def _create_temp(target: Path) -> tuple[int, Path]:
    """A new, empty temporary file beside `target`, with a name nobody can guess.

    O_EXCL and O_NOFOLLOW: a file or link planted under that name (in a folder other users
    may write) makes the open fail instead of writing through it.
    """
    for _ in range(100):
        temp = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
        try:
            return os.open(temp, _TEMP_FLAGS, NEW_FILE_MODE), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


def atomic_write(path: Path, payload: bytes | Pieces) -> None:
    """Write `payload` to `path` so that a crash leaves either the old or the new file whole.

    Serialised bytes go to a temporary file in the same folder, which is fsynced, renamed
    over the target with os.replace, and the folder is fsynced. A symbolic link stays a
    link: the file it points to is replaced. The new file keeps the mode (and group) of the
    file it replaces; a new file has mode 0600. When this process holds the store lock of
    `path`, the new file is locked before it is renamed into place and the lock moves to it;
    if another program replaced, deleted, hard-linked or wrote the file the lock holds,
    StoreReplacedError is raised instead and nothing is renamed over it.
    On any error the temporary file is removed and the old file is untouched. `payload`
    may be a list of pieces, written in order.
    """
    target = real_path(path)
    mode, group = NEW_FILE_MODE, -1
    with contextlib.suppress(FileNotFoundError):
        previous = os.stat(target)
        mode, group = stat.S_IMODE(previous.st_mode) & 0o777, previous.st_gid
    _replace_with(target, payload, mode, group, held_lock(target))


def atomic_write_private(path: Path, payload: bytes | Pieces) -> None:
    """Write `payload` as the file `path`, mode 0600, like `atomic_write` but never through
    a link: whatever stands at `path` (a link or file planted there) is replaced by the new
    file. For files whose name others could guess and prepare."""
    _replace_with(Path(path).absolute(), payload, NEW_FILE_MODE, -1, None)


def _replace_with(
    target: Path, payload: bytes | Pieces, mode: int, group: int, lock: StoreLock | None
) -> None:
    """The atomic write of `atomic_write`, to `target` itself (never resolved here), with
    `mode` and `group` (-1: the folder's default); `lock`, when given, moves to the new file."""
    chunks = [payload] if isinstance(payload, bytes) else payload
    fd, temp = _create_temp(target)
    open_fd: int | None = fd
    try:
        try:
            os.fchmod(fd, mode)  # exactly the mode wanted, whatever the umask
            if group != -1 and group != os.fstat(fd).st_gid:
                with contextlib.suppress(OSError):
                    os.fchown(fd, -1, group)
            _write_all(fd, chunks)
            os.fsync(fd)
            if lock is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                problem = lock.outside_change()
                if problem is not None:  # never write over another program's file
                    raise StoreReplacedError(target, problem)
        finally:
            if lock is None:
                open_fd = None
                os.close(fd)
        os.replace(temp, target)
    except BaseException:
        if open_fd is not None:
            os.close(open_fd)
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    if lock is not None:
        lock.adopt(fd)
    fsync_folder(target.parent)


def _write_all(fd: int, chunks: Iterable[bytes | memoryview]) -> None:
    """Write every piece to `fd`, in order, whatever the size of each write."""
    for chunk in chunks:
        view = memoryview(chunk)
        while view:
            written = os.write(fd, view)
            view = view[written:]


def remove_stale_temps(folder: Path, pattern: re.Pattern[str]) -> list[Path]:
    """Remove the temporary files a killed save left in `folder`; the paths removed.

    Only names matching `pattern`, only regular files owned by this user (never a link).
    Call it while holding the store lock, so no save of this store is under way.
    """
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if not pattern.fullmatch(name):
            continue
        candidate = folder / name
        try:
            info = os.lstat(candidate)
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid():
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue
    return removed
