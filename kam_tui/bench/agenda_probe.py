"""In-process figures of the contact agenda and the overdue queue: CPU to open each over
the whole store."""

from __future__ import annotations

from kam_tui.bench.key_probe import cpu_until_shown, pressing
from kam_tui.ui.app import KamApp


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
    return await cpu_until_shown(
        app, pressing(app, "A"), _shown, AgendaNotShown("key A did not show the agenda")
    )


class OverdueNotShown(RuntimeError):
    """The palette's "Overdue contacts" did not show the queue."""


def _queue_shown(app: KamApp) -> bool:
    from kam_tui.ui.overdue.screen import OverdueScreen

    screen = app.screen
    return isinstance(screen, OverdueScreen) and screen.drawn


async def open_overdue(app: KamApp) -> float:
    """Open the overdue queue as the palette's "Overdue contacts" does; the main thread's
    CPU seconds until every overdue account's row is drawn and painted."""
    from kam_tui.ui.overdue.screen import OverdueScreen

    return await cpu_until_shown(
        app,
        lambda: app.push_screen(OverdueScreen()),
        _queue_shown,
        OverdueNotShown("the overdue queue was not shown"),
    )
