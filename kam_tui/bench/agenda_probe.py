"""In-process figure of the contact agenda: CPU to open it over the whole store."""

from __future__ import annotations

from kam_tui.bench.key_probe import cpu_until_shown
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
    return await cpu_until_shown(app, "A", _shown, AgendaNotShown("key A did not show the agenda"))
