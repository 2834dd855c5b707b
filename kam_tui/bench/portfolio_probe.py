"""In-process figures of the Portfolio view: CPU to open it, and card moves beside it."""

from __future__ import annotations

from kam_tui.bench.key_probe import cpu_until_shown, pressing
from kam_tui.ui.app import KamApp


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
    return await cpu_until_shown(
        app, pressing(app, "5"), _shown, PortfolioNotShown("key 5 did not show the Portfolio")
    )
