"""In-process figures of the Portfolio view: CPU to open it, and card moves beside it."""

from __future__ import annotations

import asyncio
import time

from textual import events

from kam_tui.ui.app import KamApp

POLL_SECONDS = 0.002
"""How often the probe looks whether the Portfolio is shown."""
SETTLE_SECONDS = 0.03
"""How long the CPU is still counted once the figures are in (the paint)."""
OPEN_TIMEOUT_SECONDS = 120.0
"""The longest the Portfolio may take to open before the benchmark gives up."""


class PortfolioNotShown(RuntimeError):
    """Key 5 did not show the Portfolio with its figures."""


def _shown(app: KamApp) -> bool:
    # Imported here: the view's module is loaded by the key press, as in `kam`.
    from kam_tui.ui.portfolio.screen import PortfolioScreen

    screen = app.screen
    return isinstance(screen, PortfolioScreen) and not screen.is_stale()


async def open_portfolio(app: KamApp) -> float:
    """Press 5 as the terminal would; the main thread's CPU seconds until the Portfolio shows
    current figures and is painted (the first time: its module imported and its screen made;
    later: its figures computed again after the changes made while it was hidden)."""
    started = time.perf_counter()
    cpu_started = time.thread_time()
    app.post_message(events.Key("5", "5"))
    await asyncio.sleep(0)
    while not _shown(app):
        if time.perf_counter() - started > OPEN_TIMEOUT_SECONDS:
            raise PortfolioNotShown("key 5 did not show the Portfolio")
        await asyncio.sleep(POLL_SECONDS)
    await asyncio.sleep(SETTLE_SECONDS)
    return time.thread_time() - cpu_started
