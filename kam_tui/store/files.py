"""File primitives: the atomic write and a folder that only its owner can read."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

Pieces = list[bytes | memoryview]
"""A file's bytes as pieces written one after the other."""


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


def atomic_write(path: Path, payload: bytes | Pieces) -> None:
    """Write `payload` to `path` so that a crash leaves either the old or the new file whole.

    Serialised bytes go to a temporary file in the same folder, which is fsynced, renamed
    over the target with os.replace, and the folder is fsynced. The new file has mode 0600.
    On any error the temporary file is removed and the old file is untouched. `payload`
    may be a list of pieces, written in order.
    """
    chunks = [payload] if isinstance(payload, bytes) else payload
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        try:
            for chunk in chunks:
                view = memoryview(chunk)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_folder(path.parent)
