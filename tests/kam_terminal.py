"""The real `kam` in a pseudo-terminal, watched frame by frame through a terminal emulator."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pyte

from kam_tui.bench.child import isolated_env

COLUMNS, ROWS = 120, 40
"""The window size the app sees."""
SYNC_QUERY = b"\x1b[?2026$p"
"""Textual asks whether the terminal supports synchronized output (DECRQM mode 2026)."""
SYNC_REPLY = b"\x1b[?2026;2$y"
"""The answer "supported, currently off": from then on every frame comes between the two
markers below, so the emulator only ever shows whole frames, as a real terminal does."""
SYNC_START, SYNC_END = b"\x1b[?2026h", b"\x1b[?2026l"


class TerminalTimeout(AssertionError):
    """The screen never showed what was waited for."""


class TerminalApp:
    """`python -m kam_tui` on `store` in a pseudo-terminal; `screen` is what it shows."""

    def __init__(self, store: Path, home: Path) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        env = isolated_env(home)
        env["KAM_DB"] = str(store)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "kam_tui"],
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=env,
                start_new_session=True,
            )
        finally:
            os.close(slave)
        self._master = master
        self.screen = pyte.Screen(COLUMNS, ROWS)
        """The emulated terminal, updated one whole frame at a time."""
        self._stream = pyte.ByteStream(self.screen)
        self._pending = bytearray()
        self._seen = bytearray()

    @property
    def lines(self) -> list[str]:
        """The screen's text, one string per row."""
        return list(self.screen.display)

    def type(self, text: str) -> None:
        """Type `text` as the keyboard would."""
        os.write(self._master, text.encode())

    def wait_until(self, shown: Callable[[list[str]], bool], timeout: float) -> list[str]:
        """Return the screen's lines as soon as `shown(lines)` holds: now, or after one of
        the frames drawn from now on.

        The condition is checked after each whole frame, so no frame is missed between two
        reads and nothing half drawn is ever looked at."""
        if shown(self.lines):
            return self.lines
        return self._watch(shown, timeout, kill=False)

    def kill_when(self, shown: Callable[[list[str]], bool], timeout: float) -> list[str]:
        """kill -9 the app as soon as a frame drawn from now on makes `shown(lines)` hold;
        returns those lines.

        (Stopping the app with SIGSTOP while a frame is looked at would be more exact, but
        Textual takes the SIGCONT after it for a resume from ctrl+z and starts over.)"""
        lines = self._watch(shown, timeout, kill=True)
        self.process.wait(30)
        return lines

    def _watch(
        self, shown: Callable[[list[str]], bool], timeout: float, *, kill: bool
    ) -> list[str]:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self._master], [], [], left)
            if ready and self._read() and shown(self.lines):
                if kill:
                    os.kill(self.process.pid, signal.SIGKILL)
                return self.lines
        raise TerminalTimeout("the screen never showed it:\n" + "\n".join(self.lines))

    def _read(self) -> bool:
        """Read what the app wrote; True when at least one new frame was drawn."""
        try:
            data = os.read(self._master, 1 << 16)
        except OSError:
            data = b""
        if not data:
            raise TerminalTimeout(f"the app ended ({self.process.poll()}):\n{self._seen[-3000:]!r}")
        self._seen.extend(data)
        del self._seen[:-4000]
        if SYNC_QUERY in self._seen:
            os.write(self._master, SYNC_REPLY)
            self._seen.clear()
        self._pending.extend(data)
        return self._feed_whole_frames()

    def _feed_whole_frames(self) -> bool:
        pending = self._pending
        end = pending.rfind(SYNC_END)
        frames = 0
        if end >= 0:
            end += len(SYNC_END)
            frames = pending.count(SYNC_END, 0, end)
            self._stream.feed(bytes(pending[:end]))
            del pending[:end]
        start = pending.find(SYNC_START)
        if start < 0:  # output outside any frame (modes, or frames before sync was on)
            self._stream.feed(bytes(pending))
            frames += 1 if pending else 0
            pending.clear()
        elif start > 0:
            self._stream.feed(bytes(pending[:start]))
            del pending[:start]
        return frames > 0

    def kill(self) -> None:
        """kill -9 the app at once, then reap it."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(30)

    def close(self) -> None:
        """Kill the app if it still runs and free the terminal."""
        if self.process.poll() is None:
            self.kill()
        os.close(self._master)
