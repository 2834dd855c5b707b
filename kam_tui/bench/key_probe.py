"""In-process CPU of one key press (or command) until what it opens is shown and painted."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual import events

from kam_tui.ui.app import KamApp

POLL_SECONDS = 0.002
"""How often a probe looks whether the key's screen is shown."""
SETTLE_SECONDS = 0.03
"""How long the CPU is still counted once the screen is shown (the paint)."""
OPEN_TIMEOUT_SECONDS = 120.0
"""The longest a key's screen may take to show before the benchmark gives up."""


def pressing(app: KamApp, key: str) -> Callable[[], object]:
    """Pressing `key` as the terminal would send it."""
    return lambda: app.post_message(events.Key(key, key))


async def cpu_until_shown(
    app: KamApp, start: Callable[[], object], shown: Callable[[KamApp], bool], not_shown: Exception
) -> float:
    """Call `start` (a key press, a palette command); the main thread's CPU seconds until
    `shown(app)` holds and the screen is painted. Raises `not_shown` past
    OPEN_TIMEOUT_SECONDS."""
    started = time.perf_counter()
    cpu_started = time.thread_time()
    start()
    await asyncio.sleep(0)
    while not shown(app):
        if time.perf_counter() - started > OPEN_TIMEOUT_SECONDS:
            raise not_shown
        await asyncio.sleep(POLL_SECONDS)
    await asyncio.sleep(SETTLE_SECONDS)
    return time.thread_time() - cpu_started
