"""In-process figure of the contact agenda: CPU to open it over the whole store."""

from __future__ import annotations

import asyncio
import time

from textual import events

from kam_tui.ui.app import KamApp

POLL_SECONDS = 0.002
"""How often the probe looks whether the agenda is drawn."""
SETTLE_SECONDS = 0.03
"""How long the CPU is still counted once the agenda is drawn (the paint)."""
OPEN_TIMEOUT_SECONDS = 120.0
"""The longest the agenda may take to open before the benchmark gives up."""


class AgendaNotShown(RuntimeError):
    """Key A did not show the agenda."""


def _shown(app: KamApp) -> bool:
    # Imported here: the agenda's module is loaded by the key press, as in `kam`.
    from kam_tui.ui.agenda.screen import AgendaScreen

    screen = app.screen
    return isinstance(screen, AgendaScreen) and screen.drawn


async def open_agenda(app: KamApp) -> float:
    """Press A as the terminal would; the main thread's CPU seconds until the agenda of the
    week (every manager's: every account is grouped) is drawn and painted."""
    started = time.perf_counter()
    cpu_started = time.thread_time()
    app.post_message(events.Key("A", "A"))
    await asyncio.sleep(0)
    while not _shown(app):
        if time.perf_counter() - started > OPEN_TIMEOUT_SECONDS:
            raise AgendaNotShown("key A did not show the agenda")
        await asyncio.sleep(POLL_SECONDS)
    await asyncio.sleep(SETTLE_SECONDS)
    return time.thread_time() - cpu_started
