"""Run a child process in a pseudo-terminal of a fixed size, and collect its own rusage."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import resource
import signal
import struct
import subprocess
import termios
import threading
import time
from dataclasses import dataclass
from pathlib import Path

COLUMNS, ROWS = 120, 40
"""The window size the child sees."""
OUTPUT_TAIL = 4000
"""How many bytes of the child's terminal output are kept for error messages."""


@dataclass(frozen=True)
class ChildResult:
    """How a child process ended."""

    returncode: int
    """Its exit status (negative: the signal that ended it)."""
    rusage: resource.struct_rusage
    """Its own resource usage (from wait4, so other children do not count)."""
    output_tail: bytes
    """The end of what it wrote to the terminal."""
    timed_out: bool
    """True when it was killed because it took too long."""


def isolated_env(home: Path) -> dict[str, str]:
    """The environment of a child: a real terminal type and user folders under `home`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("KAM_")}
    env["TERM"] = "xterm-256color"
    env["HOME"] = str(home)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    env.pop("TEXTUAL", None)
    # Python caches compiled bytecode unless told not to: measure what a user runs.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("NO_COLOR", None)
    env["COLUMNS"], env["LINES"] = str(COLUMNS), str(ROWS)
    return env


def _drain(master: int, tail: bytearray) -> None:
    """Read the terminal until the child side closes, so the child never blocks on output."""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            return
        if not chunk:
            return
        tail.extend(chunk)
        del tail[:-OUTPUT_TAIL]


def _wait(pid: int, deadline: float) -> tuple[int, resource.struct_rusage] | None:
    """wait4 the child until `deadline`; None if it is still running then."""
    while True:
        found, status, usage = os.wait4(pid, os.WNOHANG)
        if found == pid:
            return os.waitstatus_to_exitcode(status), usage
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.005)


def run_in_pty(argv: list[str], env: dict[str, str], timeout: float) -> ChildResult:
    """Run `argv` with stdin, stdout and stderr on a 120x40 pseudo-terminal."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    tail = bytearray()
    drainer = threading.Thread(target=_drain, args=(master, tail), daemon=True)
    drainer.start()
    try:
        process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
    finally:
        os.close(slave)
    ended = _wait(process.pid, time.monotonic() + timeout)
    timed_out = ended is None
    if ended is None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGKILL)
        ended = _wait(process.pid, time.monotonic() + 10) or (
            -9,
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
    process.returncode = ended[0]
    drainer.join(2)
    os.close(master)
    return ChildResult(ended[0], ended[1], bytes(tail), timed_out)
