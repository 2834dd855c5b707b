"""Unhandled errors: the traceback goes to a private log file in the user state folder,
one line naming it goes to the terminal, and `kam` exits non-zero."""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

from kam_tui import __version__
from kam_tui.cli.output import complain
from kam_tui.store.files import NEW_FILE_MODE, private_folder

EXIT_CRASH = 70
"""The exit status after an unhandled error (EX_SOFTWARE in sysexits.h)."""
MAX_SUMMARY = 200
"""Characters of the error message shown on the terminal line; the log has all of it."""


def crash_folder() -> Path:
    """Where crash logs are written: the user state folder of kam-tui."""
    return platformdirs.user_state_path("kam-tui")


def write_crash_log(error: BaseException, now: datetime | None = None) -> Path:
    """Write the traceback of `error` to a new crash-YYYYmmdd-HHMMSS.log (mode 0600).

    A log of the same second is never overwritten: the name gets a counter instead.
    """
    folder = crash_folder()
    private_folder(folder)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    text = "".join(
        [
            f"kam-tui {__version__}, Python {platform.python_version()} on {platform.platform()}\n",
            f"command: {' '.join(sys.argv)}\n",
            f"time: {stamp} UTC\n\n",
            *traceback.format_exception(error),
        ]
    )
    for attempt in range(1000):
        path = folder / (f"crash-{stamp}.log" if attempt == 0 else f"crash-{stamp}-{attempt}.log")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, NEW_FILE_MODE)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as log:
            log.write(text)
        return path
    raise FileExistsError(f"too many crash logs in {folder} for {stamp}")


def summary(error: BaseException) -> str:
    """The error's type and the first line of its message, shortened."""
    message = str(error).strip().splitlines()
    text = f"{type(error).__name__}: {message[0]}" if message else type(error).__name__
    return text if len(text) <= MAX_SUMMARY else text[: MAX_SUMMARY - 1] + "…"


def report_crash(error: BaseException) -> int:
    """Log `error`, print one line naming the log, and return the exit status."""
    try:
        path = write_crash_log(error)
    except OSError as log_error:
        traceback.print_exception(error, file=sys.stderr)
        complain(
            f"unexpected error ({summary(error)}); the log could not be written "
            f"to {crash_folder()} ({log_error.strerror or log_error}), the traceback is above"
        )
        return EXIT_CRASH
    complain(f"unexpected error ({summary(error)}); the details are in {path}")
    return EXIT_CRASH
